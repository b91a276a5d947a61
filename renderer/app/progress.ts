/** Progress of a long operation in words: how far, how fast, how long to go. */
import { plural, t } from "@lingui/core/macro";
import { formatBytes, formatNumber, formatPercent } from "../i18n/format";

/**
 * A duration cut into the units a sentence names: under a second, seconds
 * (under 90), minutes (under 90), else hours and minutes. Sentences are
 * written per kind (ICU plurals), so each language says "in 5 minutes" or
 * "about 5 minutes left" with its own grammar. (Intl.DurationFormat exists in
 * Chromium, but not in the Node that runs the unit tests, and it gives a bare
 * phrase that cannot agree with the words around it.)
 */
export type DurationParts =
  | { readonly unit: "instant" }
  | { readonly unit: "seconds"; readonly seconds: number }
  | { readonly unit: "minutes"; readonly minutes: number }
  | { readonly unit: "hours"; readonly hours: number; readonly minutes: number };

export function durationParts(seconds: number): DurationParts {
  if (seconds < 1) return { unit: "instant" };
  if (seconds < 90) return { unit: "seconds", seconds: Math.round(seconds) };
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return { unit: "minutes", minutes };
  return { unit: "hours", hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** The estimated time left as a sentence: "Less than a second left", "About 5 seconds left". */
export function formatTimeLeft(seconds: number): string {
  const d = durationParts(seconds);
  switch (d.unit) {
    case "instant":
      return t`Less than a second left`;
    case "seconds": {
      const { seconds } = d;
      return plural(seconds, { one: "About # second left", other: "About # seconds left" });
    }
    case "minutes": {
      const { minutes } = d;
      return plural(minutes, { one: "About # minute left", other: "About # minutes left" });
    }
    case "hours": {
      const { hours, minutes } = d;
      return minutes === 0
        ? plural(hours, { one: "About # hour left", other: "About # hours left" })
        : t`About ${plural(hours, { one: "# hour", other: "# hours" })} ${plural(minutes, { one: "# minute", other: "# minutes" })} left`;
    }
  }
}

export type ProgressView = {
  /** 0…1, or undefined while the total is unknown. */
  readonly fraction: number | undefined;
  readonly text: string;
};

/**
 * `done` of `total` units after `elapsedMs`. The estimate appears once there
 * is something to go on (a second and 1% in), so it does not jump about at
 * the start.
 */
export function describeProgress(done: number, total: number | undefined, elapsedMs: number, unit: "bytes" | "items" = "bytes"): ProgressView {
  const amount = (n: number) => (unit === "bytes" ? formatBytes(n) : formatNumber(n));
  if (total === undefined || total <= 0) {
    const soFar = amount(done);
    return { fraction: undefined, text: t`${soFar} so far` };
  }
  const fraction = Math.min(1, done / total);
  const doneText = amount(done);
  const totalText = amount(total);
  const percent = formatPercent(Math.floor(fraction * 100) / 100);
  const parts = [t`${doneText} of ${totalText} (${percent})`];
  if (elapsedMs >= 1000 && fraction >= 0.01 && fraction < 1) {
    const rate = done / (elapsedMs / 1000);
    parts.push(formatTimeLeft((total - done) / rate));
    if (unit === "bytes") {
      const speed = formatBytes(rate);
      parts.push(t({ message: `${speed}/s`, comment: "A transfer speed: a size per second, such as 25 MB/s." }));
    }
  }
  return { fraction, text: parts.join(" · ") };
}

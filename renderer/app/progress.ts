/** Progress of a long operation in words: how far, how fast, how long to go. */

const UNITS = ["bytes", "KB", "MB", "GB", "TB"] as const;

/** A byte count in decimal units, as file managers show them: "1.5 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

const unitFormat = (unit: "second" | "minute" | "hour") => new Intl.NumberFormat("en", { style: "unit", unit, unitDisplay: "long" });
const SECONDS = unitFormat("second");
const MINUTES = unitFormat("minute");
const HOURS = unitFormat("hour");

/** A duration in words, as it reads after "in" or "about": "less than a second", "42 seconds", "2 hours 5 minutes". */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return "less than a second";
  if (seconds < 90) return SECONDS.format(Math.round(seconds));
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return MINUTES.format(minutes);
  const hours = HOURS.format(Math.floor(minutes / 60));
  return minutes % 60 === 0 ? hours : `${hours} ${MINUTES.format(minutes % 60)}`;
}

/** The estimated time left as a sentence: "Less than a second left", "About 5 seconds left". */
export function formatTimeLeft(seconds: number): string {
  return seconds < 1 ? "Less than a second left" : `About ${formatDuration(seconds)} left`;
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
  const amount = (n: number) => (unit === "bytes" ? formatBytes(n) : String(n));
  if (total === undefined || total <= 0) return { fraction: undefined, text: `${amount(done)} so far` };
  const fraction = Math.min(1, done / total);
  const percent = Math.floor(fraction * 100);
  let text = `${amount(done)} of ${amount(total)} (${percent}%)`;
  if (elapsedMs >= 1000 && fraction >= 0.01 && fraction < 1) {
    const rate = done / (elapsedMs / 1000);
    text += ` · ${formatTimeLeft((total - done) / rate)}`;
    if (unit === "bytes") text += ` · ${formatBytes(rate)}/s`;
  }
  return { fraction, text };
}

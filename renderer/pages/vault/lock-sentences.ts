/** What the unlock screen says about the last lock and the wait before another attempt. */
import { plural, t } from "@lingui/core/macro";
import { durationParts } from "../../app/progress";
import type { LockReason } from "../../vault/VaultContext";

/** Why the vault locked, as the unlock screen says it. */
export function lockReasonSentence(reason: LockReason): string {
  switch (reason.kind) {
    case "manual":
      return t({ message: "Locked.", context: "the vault" });
    case "idle": {
      const { minutes } = reason;
      return plural(minutes, { one: "Locked after # minute without activity.", other: "Locked after # minutes without activity." });
    }
  }
}

/** "You can try again in 5 seconds.": when another unlock attempt is allowed. */
export function retrySentence(seconds: number): string {
  const d = durationParts(seconds);
  switch (d.unit) {
    case "instant":
      return t`You can try again in less than a second.`;
    case "seconds": {
      const { seconds: n } = d;
      return plural(n, { one: "You can try again in # second.", other: "You can try again in # seconds." });
    }
    case "minutes": {
      const { minutes } = d;
      return plural(minutes, { one: "You can try again in # minute.", other: "You can try again in # minutes." });
    }
    case "hours": {
      const { hours, minutes } = d;
      if (minutes === 0) return plural(hours, { one: "You can try again in # hour.", other: "You can try again in # hours." });
      return t`You can try again in ${plural(hours, { one: "# hour", other: "# hours" })} ${plural(minutes, { one: "# minute", other: "# minutes" })}.`;
    }
  }
}

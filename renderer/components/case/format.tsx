import type { EvidenceKind } from "../../../shared/case/model";
import type { CUSTODY_ACTIONS, SECTORS } from "../../../shared/case/model";

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** An ISO timestamp in words, in UTC so every panelist reads the same time (a deadline is the same moment everywhere). */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${DATE_TIME.format(time)} UTC`;
}

/** A timestamp as a `<time>` element: words on screen, the exact ISO value in the markup and tooltip. */
export function Timestamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatTimestamp(iso)}
    </time>
  );
}

export const EVIDENCE_KIND_LABEL: Readonly<Record<EvidenceKind, string>> = {
  "malware-sample": "Malware sample",
  "network-capture": "Network capture",
  "log-extract": "Log extract",
  "forensic-image": "Forensic image",
  "technical-report": "Technical report",
  "intelligence-assessment": "Intelligence assessment",
  "witness-statement": "Witness statement",
  "open-source": "Open source",
  other: "Other",
};

export const CUSTODY_ACTION_LABEL: Readonly<Record<(typeof CUSTODY_ACTIONS)[number], string>> = {
  collected: "Collected",
  received: "Received",
  transferred: "Transferred",
  verified: "Verified",
  exported: "Exported",
  imported: "Imported",
  sealed: "Sealed",
  other: "Other",
};

export const SECTOR_LABEL: Readonly<Record<(typeof SECTORS)[number], string>> = {
  health: "Health",
  energy: "Energy",
  water: "Water",
  communications: "Communications",
  finance: "Finance",
  government: "Government",
  other: "Other",
};

/** A UTC timestamp as the value of a datetime-local input (read as UTC). */
export const toDateTimeInput = (iso: string): string => iso.slice(0, 16);
/** A datetime-local value (UTC) as a timestamp; a cleared or invalid field keeps `fallback`. */
export function fromDateTimeInput(value: string, fallback: string): string {
  const date = new Date(`${value}:00.000Z`);
  return Number.isNaN(date.getTime()) ? fallback : date.toISOString();
}

/** A SHA-256 (hex) shortened for a dense list; the full value goes in the tooltip. */
export const shortHash = (sha256: string): string => `${sha256.slice(0, 12)}…`;

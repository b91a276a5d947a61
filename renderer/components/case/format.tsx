import { formatDateTime } from "../../i18n/format";

/**
 * Timestamps and hashes of the case screens. The vocabularies (evidence
 * kinds, custody actions, sectors, …) are catalog messages in
 * renderer/i18n/vocabulary.ts.
 */

/** An ISO timestamp in words, in UTC so every panelist reads the same time (a deadline is the same moment everywhere), in the interface's language. */
export const formatTimestamp = (iso: string): string => formatDateTime(iso);

/** A timestamp as a `<time>` element: words on screen, the exact ISO value in the markup and tooltip. */
export function Timestamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatTimestamp(iso)}
    </time>
  );
}

/** A UTC timestamp as the value of a datetime-local input (read as UTC). */
export const toDateTimeInput = (iso: string): string => iso.slice(0, 16);
/** A datetime-local value (UTC) as a timestamp; a cleared or invalid field keeps `fallback`. */
export function fromDateTimeInput(value: string, fallback: string): string {
  const date = new Date(`${value}:00.000Z`);
  return Number.isNaN(date.getTime()) ? fallback : date.toISOString();
}

/** A SHA-256 (hex) shortened for a dense list; the full value goes in the tooltip. */
export const shortHash = (sha256: string): string => `${sha256.slice(0, 12)}…`;

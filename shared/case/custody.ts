/**
 * Chain-of-custody checks. Custody is append-only: a new event is added,
 * none is edited. Each event may record the SHA-256 observed at that moment;
 * an observed hash that differs from the attachment's is flagged, so a
 * reader sees at once where the bytes changed hands differently.
 */
import type { CustodyEvent, Evidence } from "./model";

export type CustodyFlag = {
  /** Index of the event in `evidence.custody`. */
  readonly event: number;
  readonly observed: string;
  /** The attachment's SHA-256, or undefined when the event names an attachment the item no longer has. */
  readonly expected: string | undefined;
  readonly attachmentName: string | undefined;
};

/**
 * Events whose observed SHA-256 does not match: against the attachment they
 * name, or, when they name none, against the item's only attachment (with
 * several and no name, the hash must match one of them).
 */
export function custodyMismatches(evidence: Pick<Evidence, "attachments" | "custody">): CustodyFlag[] {
  const flags: CustodyFlag[] = [];
  evidence.custody.forEach((event, index) => {
    if (!event.sha256) return;
    if (event.attachmentId) {
      const attachment = evidence.attachments.find((a) => a.id === event.attachmentId);
      if (!attachment || attachment.sha256 !== event.sha256) flags.push({ event: index, observed: event.sha256, expected: attachment?.sha256, attachmentName: attachment?.name });
      return;
    }
    if (evidence.attachments.some((a) => a.sha256 === event.sha256)) return;
    const only = evidence.attachments.length === 1 ? evidence.attachments[0] : undefined;
    flags.push({ event: index, observed: event.sha256, expected: only?.sha256, attachmentName: only?.name });
  });
  return flags;
}

/** `before` followed by new events only: true when nothing earlier was edited, removed or reordered. */
export function isAppendOnly(before: readonly CustodyEvent[], after: readonly CustodyEvent[]): boolean {
  if (after.length < before.length) return false;
  return before.every((event, i) => JSON.stringify(event) === JSON.stringify(after[i]));
}

/**
 * The secretariat's side of a case packet: one packet for one seat of a
 * case's panel, built from the vault. The packet's sequence number is taken
 * (and the export logged) before a single byte is produced, so no two
 * packets from this vault ever share a number, even if one export fails.
 */
import type { PersonalIdentity } from "../identity/identity";
import { utf8 } from "../encoding/bytes";
import { fileStem } from "../encoding/file-name";
import { err, ok, type Result } from "../result";
import { rubricForPacket } from "../rubric/rubric-store";
import { newRecordId } from "../vault/record-slot";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { rosterPath, type PanelRoster } from "./case-records";
import { OUTBOX_COUNTER_ID, OutboxCounterRecord, OutboxEntryRecord } from "./records/outbox.record";
import { loadCase, loadPanel, loadRegistry, refusal, type CaseStoreError, type EnrolledExpert } from "./case-store";
import { blankClaims, type BlankClaimError } from "./claim-text";
import { checkComposition } from "./composition";
import type { OutboxEntry } from "./outbox";
import { buildPacket, casePacketFiles } from "./packet";

export type PacketExport = {
  readonly stream: ReadableStream<Uint8Array>;
  readonly packetId: string;
  readonly sequence: number;
  readonly recipient: EnrolledExpert;
  /** A file name for the packet: case, recipient, sequence. */
  readonly fileName: string;
  /** The plaintext bytes the packet carries (for progress). */
  readonly total: number;
};

/**
 * Builds the packet for `memberId` (the chair or a member). Refused when a
 * claim has no statement (a value naming it), when the panel breaks a
 * composition rule, when the sender has no identity, or when an attachment
 * no longer matches the hash the case records.
 */
export async function exportPacket(
  v: UnlockedVault,
  request: { readonly caseId: string; readonly memberId: string; readonly sender: PersonalIdentity; readonly now: Date; readonly onProgress?: (done: number, total: number) => void },
): Promise<Result<PacketExport, CaseStoreError | BlankClaimError>> {
  const c = await loadCase(v, request.caseId);
  if (!c.ok) return c;
  // A claim still blank (or template text) would reach every panelist: refused, naming the claim.
  const [blank] = blankClaims(c.value.claims);
  if (blank) return err({ kind: "blank-claim", ...blank });
  const panel = await loadPanel(v, request.caseId);
  if (!panel.ok) return panel;
  if (!panel.value) return refusal({ kind: "no-panel" });
  const registry = await loadRegistry(v);
  if (!registry.ok) return registry;
  const report = checkComposition(panel.value, registry.value.map((e) => e.entry), c.value);
  if (!report.ok) {
    const names = Object.fromEntries(registry.value.map((e) => [e.entry.id, e.entry.displayName]));
    return refusal({ kind: "panel-invalid", violations: report.violations, names });
  }
  const { chairId } = panel.value;
  const seats = [chairId, ...panel.value.memberIds];
  const member = seats.find((id) => id === request.memberId);
  if (member === undefined) return refusal({ kind: "not-on-panel" });
  // The latest revision of the panel's rubric (the default, or the secretariat's own, retired or not), frozen by this packet.
  const chosen = await rubricForPacket(v, panel.value.rubricId, request.now);
  if (!chosen.ok) return chosen.error.kind === "rubric-refused" ? refusal({ kind: "unknown-rubric", rubricId: panel.value.rubricId }) : err(chosen.error);
  const { rubric, change: rubricUsed } = chosen.value;

  // Every seat is in the registry (the composition check refuses an unknown person), its card verified as it loaded.
  const enrolled = new Map(registry.value.map((e) => [e.entry.id, e]));
  const people = seats.map((id) => enrolled.get(id) as EnrolledExpert);
  const recipient = people[seats.indexOf(member)] as EnrolledExpert;

  // Every attachment must still be the file the case records, before anything is taken or logged.
  const stored = await v.attachments.list();
  if (!stored.ok) return stored;
  const byId = new Map(stored.value.map((a) => [a.id, a]));
  const attachments = new Map<string, { id: string; size: number }>();
  for (const e of c.value.evidence) {
    for (const ref of e.attachments) {
      const info = byId.get(ref.id);
      if (!info) return refusal({ kind: "attachment-missing", name: ref.name, title: e.title });
      if (info.sha256 !== ref.sha256 || info.size !== ref.size) return refusal({ kind: "attachment-mismatch", name: ref.name, title: e.title });
      attachments.set(ref.sha256, { id: ref.id, size: ref.size });
    }
  }

  const roster: PanelRoster = {
    format: "attribution-panel/panel-roster",
    version: 1,
    caseId: c.value.id,
    rubricId: rubric.id,
    deadline: panel.value.deadline,
    // The chair is the seat the panel names as chair, wherever it stands in the list.
    seats: seats.map((id, i) => ({ role: id === chairId ? "chair" : "member", fingerprint: (people[i] as EnrolledExpert).card.fingerprint, card: rosterPath(i) })),
  };
  const files = casePacketFiles({
    case: c.value,
    roster,
    rubric,
    cards: people.map((p) => utf8(p.card.file)),
    attachments: [...attachments].map(([sha, a]) => ({
      size: a.size,
      sha256: sha,
      // The vault's attachment stream checks every unit and, before its last bytes, the size and SHA-256 (equal to the case's, checked above).
      selfVerifying: true,
      open: async () => {
        const opened = await v.attachments.open(a.id);
        if (!opened.ok) throw new Error(`the attachment ${a.id} cannot be read`);
        return opened.value.stream;
      },
    })),
  });

  // Take the next number and log the export in one transaction.
  const counter = await OutboxCounterRecord.find(v, OUTBOX_COUNTER_ID);
  if (!counter.ok) return counter;
  const sequence = (counter.value?.lastSequence ?? 0) + 1;
  const packetId = newRecordId();
  const fileName = packetFileName(c.value.title, recipient.entry.displayName, sequence);
  // The outbox entry (outbox.ts): its file's SHA-256 is added once every byte has been produced.
  const sent: OutboxEntry = {
    packetId,
    caseId: c.value.id,
    memberId: member,
    recipientFingerprint: recipient.card.fingerprint,
    recipientName: recipient.entry.displayName,
    fileName,
    sequence,
    createdAt: request.now.toISOString(),
    rubricId: rubric.id,
    rubricRevision: rubric.revision,
  };
  const logged = await v.write(
    // The rubric's revision is marked used (frozen) in the same transaction: it is frozen exactly when a packet carrying it is on record.
    { put: [OutboxCounterRecord.change(OUTBOX_COUNTER_ID, { lastSequence: sequence }), OutboxEntryRecord.change(packetId, sent), ...(rubricUsed ? [rubricUsed] : [])] },
    { event: "packet-exported", detail: { case: c.value.id, packet: packetId, sequence, recipient: recipient.card.fingerprint, rubric: rubric.id, rubricRevision: rubric.revision } },
  );
  if (!logged.ok) return logged;

  const total = [...attachments.values()].reduce((n, a) => n + a.size, 0);
  const stream = buildPacket(
    { packetId, caseId: c.value.id, sender: request.sender.signing, recipients: [recipient.card.agePublicKey, request.sender.encryption.publicKey], createdAt: request.now, sequence, files },
    request.onProgress,
  );
  return ok({ stream, packetId, sequence, recipient, total, fileName });
}

export const packetFileName = (caseTitle: string, recipientName: string, sequence: number): string => `${fileStem(caseTitle, "case")}--${fileStem(recipientName, "panelist")}--${sequence}.packet.age`;

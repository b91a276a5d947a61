/**
 * The crypto worker's handlers for case packets: the secretariat exports one
 * per panelist (signed, encrypted, its SHA-256 kept in the outbox); the
 * panelist imports packets into the inbox (one at a time, trying each of
 * their identities) and reads the cases received. Loaded with the rest of
 * case work (case-work.ts).
 */
import { loadReceivedCase, loadReceivedCases, type ReceivedCase } from "../case/case-records";
import { countChanges } from "../case/case-diff";
import { hashedStream, loadOutbox, recordPacketWritten } from "../case/outbox";
import { exportPacket } from "../case/packet-export";
import { importPacket } from "../case/packet-import";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import { groupFingerprintForReading } from "../identity/fingerprint-reading";
import { wipeIdentity } from "../identity/identity";
import { err, ok } from "../result";
import { AttachmentReadError } from "../vault/attachments";
import { actingIdentity, caseRefused, myIdentities } from "./case-kit";
import type { InboxImport, PacketHandlers, ReceivedSummary } from "./contracts/packet";
import { refused, refusedWith, type R } from "./refusal";
import { collectBlob, countedStream, serially } from "./service-kit";
import type { VaultAccess } from "./vault-session";

const receivedSummary = (r: ReceivedCase): ReceivedSummary => ({
  caseId: r.case.id,
  title: r.case.title,
  marking: r.case.marking,
  deadline: r.deadline,
  importedAt: r.packet.importedAt,
  sequence: r.packet.sequence,
  senderFingerprint: r.packet.senderFingerprint,
  evidence: r.case.evidence.length,
});

export function createPacketHandlers({ withVault, clock }: VaultAccess): PacketHandlers {
  // One import at a time: the pin and sequence checks must see the previous import's result.
  const oneImportAtATime = serially();

  return {
    "packet:export": ({ caseId, memberId, signer }, context) =>
      withVault(async (v) => {
        const me = await actingIdentity(v, signer);
        if (!me.ok) return me;
        const sender = me.value;
        try {
          const built = await exportPacket(v, { caseId, memberId, sender, now: clock(), onProgress: (done, total) => context.progress(done, total) });
          if (!built.ok) {
            const e = built.error;
            if (e.kind === "blank-claim") return refusedWith({ kind: "case", error: { kind: "blank-claim", position: e.position } });
            return caseRefused(e);
          }
          try {
            // The file's SHA-256 is taken from the bytes as they are produced, and kept in the outbox once all of them were.
            const hashed = hashedStream(built.value.stream);
            const blob = await collectBlob(hashed.stream, "application/octet-stream", context.signal);
            const digest = hashed.digest();
            if (!digest) throw new Error("the packet stream ended without being hashed");
            const outbox = await recordPacketWritten(v, built.value.packetId, digest, clock());
            if (!outbox.ok) return outbox.error.kind === "outbox-entry-missing" ? refusedWith({ kind: "case", error: { kind: "outbox-entry-missing" } }) : refused(outbox.error);
            return ok({
              fileName: built.value.fileName,
              mediaType: "application/octet-stream",
              blob,
              sequence: built.value.sequence,
              packetId: built.value.packetId,
              recipient: built.value.recipient.entry.displayName,
              outbox: outbox.value,
            });
          } catch (e) {
            if (context.signal.aborted) return err({ kind: "cancelled" });
            if (e instanceof AttachmentReadError) return refused(e.error);
            return refusedWith({ kind: "case", error: { kind: "export-failed", detail: e instanceof Error ? e.message : String(e) } });
          }
        } finally {
          wipeIdentity(sender);
        }
      }),

    "packet:outbox": ({ caseId }) =>
      withVault(async (v) => {
        const entries = await loadOutbox(v, caseId);
        return entries.ok ? ok(entries.value) : refused(entries.error);
      }),

    "inbox:import": ({ file, confirmSigner, confirmSequence }, context) =>
      withVault((v) =>
        oneImportAtATime(async (): R<InboxImport> => {
          const me = await myIdentities(v);
          if (!me.ok) return me;
          try {
            let last: Extract<InboxImport, { outcome: "refused" }> | undefined;
            // Each identity in turn: the packet does not say which one it is for until it decrypts.
            for (const identity of me.value) {
              const counted = countedStream(file.stream(), file.size, context);
              const recipient = { secretKey: identity.encryption.secretKey, ageRecipient: encodeRecipient(identity.encryption.publicKey), fingerprint: sshFingerprint(identity.signing.publicKey), displayName: identity.details.displayName };
              const imported = await importPacket(v, counted, recipient, {
                now: clock(),
                signal: context.signal,
                ...(confirmSigner ? { confirmSigner } : {}),
                ...(confirmSequence ? { confirmSequence } : {}),
              });
              if (imported.ok) {
                const r = imported.value;
                const replaced = r.changesSince ? { replaced: { sequence: r.changesSince.sequence, changes: countChanges(r.changesSince.changes) } } : {};
                return ok({ outcome: "imported" as const, caseId: r.case.id, title: r.case.title, sequence: r.packet.sequence, senderFingerprint: r.packet.senderFingerprint, newlyPinned: confirmSigner === r.packet.senderFingerprint, ...replaced });
              }
              const e = imported.error;
              if (e.kind === "unknown-signer") {
                return ok({ outcome: "confirm-signer" as const, fingerprint: e.fingerprint, fingerprintGroups: [...groupFingerprintForReading(e.fingerprint)], signingKey: e.signingKey });
              }
              if (e.kind === "cancelled") return err({ kind: "cancelled" });
              if (e.kind === "vault-failed") return refused(e.error);
              // A refusal is a value the inbox words; another identity may still be the one a packet is addressed to.
              last = { outcome: "refused", problem: e };
              if (e.kind !== "not-addressed-to-you") return ok(last);
            }
            return ok(last ?? { outcome: "refused", problem: { kind: "not-addressed-to-you" } });
          } finally {
            me.value.forEach(wipeIdentity);
          }
        }),
      ),

    "inbox:list": () =>
      withVault(async (v) => {
        const received = await loadReceivedCases(v);
        if (!received.ok) return refused(received.error);
        const out: ReceivedSummary[] = received.value.map(receivedSummary);
        return ok(out.sort((a, b) => b.importedAt.localeCompare(a.importedAt)));
      }),

    "inbox:get": ({ caseId }) =>
      withVault(async (v) => {
        const r = await loadReceivedCase(v, caseId);
        return r.ok ? ok(r.value) : refused(r.error);
      }),
  };
}

/**
 * The crypto worker's handlers for case work: the secretariat's registry,
 * cases, panels and packet export; the panelist's inbox and case reader;
 * safe previews of attachments. Each runs against the unlocked vault held
 * by the vault service.
 */
import { CASE_DRAFTS_TABLE, PANELS_TABLE, RECEIVED_TABLE, ReceivedCaseSchema, type ReceivedCase } from "../case/case-records";
import { discardCaseDraft, keepCaseDraft, loadCaseDraft } from "../case/case-draft";
import { loadCase, loadCases, loadPanel, loadRegistry, type EnrolledExpert } from "../case/case-store";
import type { Case, RegistryEntry } from "../case/model";
import { concatBytes } from "../encoding/bytes";
import { exportPacket } from "../case/packet-export";
import { importPacket } from "../case/packet-import";
import { countChanges } from "../case/case-diff";
import { hashedStream, loadOutbox, recordPacketWritten } from "../case/outbox";
import { attachToEvidence, deleteCase, enrolExpert, importStixIntoCase, loadSampleCase, loadSampleRegistry, newCase, removeExpert, saveCase, savePanel, type SaveCaseError } from "../case/secretariat";
import { MAX_BUNDLE_BYTES } from "../case/stix";
import { groupFingerprintForReading } from "../identity/fingerprint-reading";
import { importReceivedCard, MAX_CARD_FILE_BYTES } from "../identity/identity-card";
import { wipeIdentity, type PersonalIdentity } from "../identity/identity";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import { err, ok, type Result } from "../result";
import { AttachmentReadError } from "../vault/attachments";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { CaseSummary, InboxImport, Preview, ReceivedSummary, RegistryView, WorkerError } from "./contract";
import type { CaseMethod } from "./case-methods";
import type { WorkerHandlers } from "./dispatch";
import { refused, refusedWith, type R } from "./refusal";
import { collectBlob, countedStream, fileSource, loadIdentities, progressOptions, readSmallFile, serially } from "./service-kit";


export type CaseServiceDeps = {
  readonly withVault: <T>(fn: (v: UnlockedVault) => R<T>) => R<T>;
  readonly clock: () => Date;
};

/** Text shown in a preview: enough to read a log extract or a report, never the whole of a huge file. */
export const TEXT_PREVIEW_BYTES = 256 * 1024;
export const IMAGE_PREVIEW_BYTES = 32 * 1024 * 1024;
const TEXT_TYPES = /^(text\/[a-z0-9.+-]+|application\/(json|xml|csv|stix\+json|x-yaml))$/;
const TEXT_NAMES = /\.(txt|log|csv|json|yar|yara|md|xml|yaml|yml|ioc)$/i;

/** The raster image type the bytes really are (magic numbers), whatever the label says; SVG is never previewed (it can carry script). */
export function sniffImage(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return "image/webp";
  return undefined;
}

const caseRefused = (e: SaveCaseError): Result<never, WorkerError> =>
  e.kind === "case-refused" ? refusedWith({ kind: "case", error: e.error }) : e.kind === "unknown-country-codes" ? refusedWith({ kind: "case", error: e }) : refused(e);

function registryView(entry: RegistryEntry): RegistryView {
  return {
    id: entry.id,
    displayName: entry.displayName,
    region: entry.region,
    nationality: entry.nationality,
    affiliations: [...entry.affiliations],
    affiliationStates: [...entry.affiliationStates],
    declaredInterests: entry.declaredInterests,
    fingerprint: entry.fingerprint,
    fingerprintGroups: [...groupFingerprintForReading(entry.fingerprint)],
    verifiedAt: entry.verifiedAt,
  };
}

const byName = (a: RegistryView, b: RegistryView) => a.displayName.localeCompare(b.displayName);

/** The person's own identities, oldest first (the first one signs packets and receives them). */
async function myIdentities(v: UnlockedVault): Promise<Result<PersonalIdentity[], WorkerError>> {
  const identities = await loadIdentities(v);
  if (identities.ok && identities.value.length === 0) return refusedWith({ kind: "case", error: { kind: "no-identity" } });
  return identities;
}

/** The name custody events record for this person: their first identity's display name. */
async function actorName(v: UnlockedVault): Promise<Result<string, WorkerError>> {
  const me = await myIdentities(v);
  if (!me.ok) return me;
  const name = (me.value[0] as PersonalIdentity).details.displayName;
  me.value.forEach(wipeIdentity);
  return ok(name);
}

const SECRETARIAT = "Secretariat";

export function createCaseHandlers({ withVault, clock }: CaseServiceDeps): Pick<WorkerHandlers, CaseMethod> {
  // One import at a time: the pin and sequence checks must see the previous import's result.
  const oneImportAtATime = serially();

  const caseSummary = (c: Case, panels: ReadonlySet<string>, drafts: ReadonlyMap<string, string>): CaseSummary => {
    const { id, title, marking, deadline, updated } = c;
    const draftSavedAt = drafts.get(id);
    return {
      id,
      title,
      marking,
      deadline,
      updated,
      claims: c.claims.length,
      evidence: c.evidence.length,
      attachments: c.evidence.reduce((n, e) => n + e.attachments.length, 0),
      panel: panels.has(id),
      ...(draftSavedAt ? { draftSavedAt } : {}),
    };
  };

  const preview = async (v: UnlockedVault, id: string, signal: AbortSignal): Promise<Result<Preview, WorkerError>> => {
    const opened = await v.attachments.open(id);
    if (!opened.ok) return refused(opened.error);
    const { info, stream } = opened.value;
    const reader = stream.getReader();
    const wantsText = TEXT_TYPES.test(info.mediaType) || TEXT_NAMES.test(info.name);
    const limit = wantsText ? TEXT_PREVIEW_BYTES : IMAGE_PREVIEW_BYTES;
    const parts: Uint8Array[] = [];
    let read = 0;
    try {
      // An image is previewed only whole (so every byte was authenticated); a text may be cut.
      if (!wantsText && info.size > IMAGE_PREVIEW_BYTES) {
        await reader.cancel();
        return ok({ kind: "none", reason: "too-large", mediaType: info.mediaType });
      }
      while (read < limit) {
        if (signal.aborted) {
          await reader.cancel();
          return err({ kind: "cancelled" });
        }
        const next = await reader.read();
        if (next.done) break;
        parts.push(next.value);
        read += next.value.length;
      }
      await reader.cancel().catch(() => undefined);
    } catch (e) {
      if (e instanceof AttachmentReadError) return refused(e.error);
      throw e;
    }
    const bytes = concatBytes(...parts);
    if (wantsText) {
      const shown = bytes.subarray(0, Math.min(bytes.length, TEXT_PREVIEW_BYTES));
      // Shown as plain text in the page, never interpreted: invalid UTF-8 becomes U+FFFD.
      return ok({ kind: "text", text: new TextDecoder("utf-8", { fatal: false }).decode(shown), truncated: info.size > shown.length });
    }
    const image = sniffImage(bytes);
    if (image) return ok({ kind: "image", blob: new Blob([bytes], { type: image }), mediaType: image });
    return ok({ kind: "none", reason: "unsupported-type", mediaType: info.mediaType });
  };

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

  return {
    "attachment:preview": ({ id }, context) => withVault((v) => preview(v, id, context.signal)),

    "registry:list": () =>
      withVault(async (v) => {
        const all = await loadRegistry(v);
        return all.ok ? ok(all.value.map((e: EnrolledExpert) => registryView(e.entry)).sort(byName)) : caseRefused(all.error);
      }),

    "registry:examine": async ({ file }) => {
      const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "identity-card");
      if (!bytes.ok) return bytes;
      const card = importReceivedCard(bytes.value);
      if (!card.ok) return refusedWith({ kind: "card", error: card.error });
      const { displayName, region, nationality, affiliation } = card.value.card;
      return ok({ displayName, region, nationality, affiliation, fingerprint: card.value.fingerprint, fingerprintGroups: [...groupFingerprintForReading(card.value.fingerprint)] });
    },

    "registry:enrol": ({ file, fingerprint, affiliationStates, declaredInterests }) =>
      withVault(async (v) => {
        const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "identity-card");
        if (!bytes.ok) return bytes;
        const entry = await enrolExpert(v, { cardFile: bytes.value, confirmedFingerprint: fingerprint, affiliationStates, declaredInterests }, clock());
        return entry.ok ? ok(registryView(entry.value)) : caseRefused(entry.error);
      }),

    "registry:remove": ({ id }) =>
      withVault(async (v) => {
        const removed = await removeExpert(v, id);
        return removed.ok ? ok({}) : caseRefused(removed.error);
      }),

    "registry:load-sample": () =>
      withVault(async (v) => {
        const entries = await loadSampleRegistry(v, clock());
        return entries.ok ? ok(entries.value.map(registryView).sort(byName)) : caseRefused(entries.error);
      }),

    "case:list": () =>
      withVault(async (v) => {
        const panels = await v.list(PANELS_TABLE);
        if (!panels.ok) return refused(panels.error);
        const cases = await loadCases(v);
        if (!cases.ok) return caseRefused(cases.error);
        const withPanel = new Set(panels.value);
        const draftIds = await v.list(CASE_DRAFTS_TABLE);
        if (!draftIds.ok) return refused(draftIds.error);
        const drafts = new Map<string, string>();
        for (const id of draftIds.value) {
          const draft = await loadCaseDraft(v, id);
          if (!draft.ok) return refused(draft.error);
          if (draft.value) drafts.set(id, draft.value.savedAt);
        }
        return ok(cases.value.map((c) => caseSummary(c, withPanel, drafts)).sort((a, b) => b.updated.localeCompare(a.updated)));
      }),

    "case:create": ({ title }) =>
      withVault(async (v) => {
        const saved = await saveCase(v, newCase(title.trim(), clock()), clock());
        return saved.ok ? ok(saved.value) : caseRefused(saved.error);
      }),

    "case:get": ({ id }) =>
      withVault(async (v) => {
        const c = await loadCase(v, id);
        return c.ok ? ok(c.value) : caseRefused(c.error);
      }),

    "case:save": ({ case: candidate }) =>
      withVault(async (v) => {
        const saved = await saveCase(v, candidate, clock());
        return saved.ok ? ok(saved.value) : caseRefused(saved.error);
      }),

    "case:delete": ({ id }) =>
      withVault(async (v) => {
        const deleted = await deleteCase(v, id);
        return deleted.ok ? ok({}) : caseRefused(deleted.error);
      }),

    "case:load-sample": () =>
      withVault(async (v) => {
        const actor = await actorName(v);
        const c = await loadSampleCase(v, actor.ok ? actor.value : SECRETARIAT, clock());
        return c.ok ? ok(c.value) : caseRefused(c.error);
      }),

    "case:attach": ({ caseId, evidenceId, file }, context) =>
      withVault(async (v) => {
        const actor = await actorName(v);
        if (!actor.ok) return actor;
        const info = await v.attachments.import(fileSource(file), progressOptions(context));
        if (!info.ok) return refused(info.error);
        const updated = await attachToEvidence(v, caseId, evidenceId, info.value, actor.value, clock());
        if (updated.ok) return ok(updated.value);
        await v.attachments.delete(info.value.id);
        return caseRefused(updated.error);
      }),

    "case:import-stix": ({ caseId, file }, context) =>
      withVault(async (v) => {
        // Refused by its size, named, before it is read; the bundle's other limits are checked before anything is stored.
        if (file.size > MAX_BUNDLE_BYTES) return refusedWith({ kind: "case", error: { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "too-large", maxBytes: MAX_BUNDLE_BYTES } }], total: 1 } });
        const bytes = await readSmallFile(file, MAX_BUNDLE_BYTES, "stix-bundle");
        if (!bytes.ok) return bytes;
        const actor = await actorName(v);
        const imported = await importStixIntoCase(v, caseId, bytes.value, actor.ok ? actor.value : SECRETARIAT, clock(), progressOptions(context));
        if (imported.ok) return ok({ ...imported.value, skipped: { ...imported.value.skipped }, unknownStates: [...imported.value.unknownStates] });
        return imported.error.kind === "cancelled" ? err({ kind: "cancelled" }) : caseRefused(imported.error);
      }),

    "panel:get": ({ caseId }) =>
      withVault(async (v) => {
        const panel = await loadPanel(v, caseId);
        return panel.ok ? ok(panel.value ?? null) : caseRefused(panel.error);
      }),

    "panel:save": ({ panel }) =>
      withVault(async (v) => {
        const saved = await savePanel(v, panel);
        return saved.ok ? ok(saved.value) : caseRefused(saved.error);
      }),

    "case:draft-get": ({ caseId }) =>
      withVault(async (v) => {
        const draft = await loadCaseDraft(v, caseId);
        return draft.ok ? ok(draft.value ?? null) : refused(draft.error);
      }),

    "case:draft-keep": ({ draft }) =>
      withVault(async (v) => {
        const kept = await keepCaseDraft(v, draft);
        if (kept.ok) return ok({ savedAt: kept.value?.savedAt ?? null });
        const e = kept.error;
        if (e.kind === "draft-invalid") return refusedWith({ kind: "case", error: { kind: "draft-invalid", issues: e.issues } });
        if (e.kind === "draft-for-another-case") return refusedWith({ kind: "case", error: { kind: "draft-for-another-case" } });
        return refused(e);
      }),

    "case:draft-discard": ({ caseId }) =>
      withVault(async (v) => {
        const discarded = await discardCaseDraft(v, caseId);
        return discarded.ok ? ok({}) : refused(discarded.error);
      }),

    "packet:export": ({ caseId, memberId }, context) =>
      withVault(async (v) => {
        const me = await myIdentities(v);
        if (!me.ok) return me;
        const [sender] = me.value as [PersonalIdentity];
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
          me.value.forEach(wipeIdentity);
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
        const ids = await v.list(RECEIVED_TABLE);
        if (!ids.ok) return refused(ids.error);
        const out: ReceivedSummary[] = [];
        for (const id of ids.value) {
          const r = await v.get(RECEIVED_TABLE, id, ReceivedCaseSchema);
          if (!r.ok) return refused(r.error);
          out.push(receivedSummary(r.value));
        }
        return ok(out.sort((a, b) => b.importedAt.localeCompare(a.importedAt)));
      }),

    "inbox:get": ({ caseId }) =>
      withVault(async (v) => {
        const r = await v.get(RECEIVED_TABLE, caseId, ReceivedCaseSchema);
        return r.ok ? ok(r.value) : refused(r.error);
      }),
  };
}


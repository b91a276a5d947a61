/**
 * The crypto worker's handlers for case work: the secretariat's registry,
 * cases, panels and packet export; the panelist's inbox and case reader;
 * safe previews of attachments. Each runs against the unlocked vault held
 * by the vault service.
 */
import { PANELS_TABLE, RECEIVED_TABLE, ReceivedCaseSchema, type ReceivedCase } from "../case/case-records";
import { loadCase, loadCases, loadPanel, loadRegistry, type CaseStoreError, type EnrolledExpert } from "../case/case-store";
import type { RegistryEntry } from "../case/model";
import { exportPacket, packetFileName } from "../case/packet-export";
import { describePacketImportError, importPacket } from "../case/packet-import";
import { attachToEvidence, deleteCase, enrolExpert, importStixIntoCase, loadSampleCase, loadSampleRegistry, newCase, removeExpert, saveCase, savePanel } from "../case/secretariat";
import { MAX_BUNDLE_BYTES } from "../case/stix";
import { groupFingerprintForReading } from "../identity/fingerprint-reading";
import { describeCardError, importIdentityCard, MAX_CARD_FILE_BYTES } from "../identity/identity-card";
import { wipeIdentity, type PersonalIdentity } from "../identity/identity";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import { err, ok, type Result } from "../result";
import { AttachmentReadError } from "../vault/attachments";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { describeVaultError } from "../vault/vault-error";
import type { CaseSummary, InboxImport, Preview, ReceivedSummary, RegistryView, WorkerError } from "./contract";
import type { WorkerContext, WorkerHandlers } from "./dispatch";
import { collectBlob, IDENTITIES_TABLE, loadIdentity, refused, refusedWith, type R } from "./service-kit";

export type CaseMethod =
  | "attachment:preview"
  | "registry:list"
  | "registry:examine"
  | "registry:enrol"
  | "registry:remove"
  | "registry:load-sample"
  | "case:list"
  | "case:create"
  | "case:get"
  | "case:save"
  | "case:delete"
  | "case:load-sample"
  | "case:attach"
  | "case:import-stix"
  | "panel:get"
  | "panel:save"
  | "packet:export"
  | "inbox:import"
  | "inbox:list"
  | "inbox:get";

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

const caseRefused = (e: CaseStoreError): Result<never, WorkerError> => (e.kind === "case-refused" ? refusedWith(e.code, e.message) : refused(e));

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
  const ids = await v.list(IDENTITIES_TABLE);
  if (!ids.ok) return refused(ids.error);
  const out: PersonalIdentity[] = [];
  for (const id of ids.value) {
    const identity = await loadIdentity(v, id);
    if (!identity.ok) {
      out.forEach(wipeIdentity);
      return identity;
    }
    out.push(identity.value);
  }
  if (out.length === 0) return refusedWith("no-identity", "Create your identity first (My vault → Identity): packets are signed by it and addressed to it.");
  return ok(out.sort((a, b) => a.created.localeCompare(b.created)));
}

async function readSmallFile(file: Blob, max: number, what: string): Promise<Result<Uint8Array, WorkerError>> {
  if (file.size > max) return refusedWith("file-too-large", `That file is too large to be ${what}.`);
  return ok(new Uint8Array(await file.arrayBuffer()));
}

export function createCaseHandlers({ withVault, clock }: CaseServiceDeps): Pick<WorkerHandlers, CaseMethod> {
  const progressOf = (context: WorkerContext) => ({ signal: context.signal, onProgress: (done: number, total: number) => context.progress(done, total) });
  // One import at a time: the pin and sequence checks must see the previous import's result.
  let importing: Promise<unknown> = Promise.resolve();

  const caseSummary = async (v: UnlockedVault, panels: ReadonlySet<string>, id: string): Promise<Result<CaseSummary, CaseStoreError>> => {
    const c = await loadCase(v, id);
    if (!c.ok) return c;
    const { title, marking, deadline, updated } = c.value;
    return ok({ id, title, marking, deadline, updated, claims: c.value.claims.length, evidence: c.value.evidence.length, attachments: c.value.evidence.reduce((n, e) => n + e.attachments.length, 0), panel: panels.has(id) });
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
        return ok({ kind: "none", reason: `This file (${info.mediaType}) is too large to preview; save a copy to open it with a suitable tool.` });
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
    const bytes = new Uint8Array(read);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    if (wantsText) {
      const shown = bytes.subarray(0, Math.min(bytes.length, TEXT_PREVIEW_BYTES));
      // Shown as plain text in the page, never interpreted: invalid UTF-8 becomes U+FFFD.
      return ok({ kind: "text", text: new TextDecoder("utf-8", { fatal: false }).decode(shown), truncated: info.size > shown.length });
    }
    const image = sniffImage(bytes);
    if (image) return ok({ kind: "image", blob: new Blob([bytes], { type: image }), mediaType: image });
    return ok({ kind: "none", reason: `No preview for this kind of file (${info.mediaType}); the app never opens or runs attachments. Save a copy and examine it on an isolated machine with a suitable tool.` });
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
      const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "an identity card");
      if (!bytes.ok) return bytes;
      const card = importIdentityCard(bytes.value);
      if (!card.ok) return refusedWith("invalid-card", describeCardError(card.error));
      const { displayName, region, nationality, affiliation } = card.value.card;
      return ok({ displayName, region, nationality, affiliation, fingerprint: card.value.fingerprint, fingerprintGroups: [...groupFingerprintForReading(card.value.fingerprint)] });
    },

    "registry:enrol": ({ file, fingerprint, affiliationStates, declaredInterests }) =>
      withVault(async (v) => {
        const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "an identity card");
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
        const out: CaseSummary[] = [];
        for (const c of cases.value) {
          const summary = await caseSummary(v, new Set(panels.value), c.id);
          if (!summary.ok) return caseRefused(summary.error);
          out.push(summary.value);
        }
        return ok(out.sort((a, b) => b.updated.localeCompare(a.updated)));
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
        const me = await myIdentities(v);
        const actor = me.ok ? (me.value[0] as PersonalIdentity).details.displayName : "Secretariat";
        if (me.ok) me.value.forEach(wipeIdentity);
        const c = await loadSampleCase(v, actor, clock());
        return c.ok ? ok(c.value) : caseRefused(c.error);
      }),

    "case:attach": ({ caseId, evidenceId, file }, context) =>
      withVault(async (v) => {
        const me = await myIdentities(v);
        if (!me.ok) return me;
        const actor = (me.value[0] as PersonalIdentity).details.displayName;
        me.value.forEach(wipeIdentity);
        const name = file instanceof File ? file.name : "attachment";
        const info = await v.attachments.import({ name, mediaType: file.type, size: file.size, stream: file.stream() }, progressOf(context));
        if (!info.ok) return refused(info.error);
        const updated = await attachToEvidence(v, caseId, evidenceId, info.value, actor, clock());
        if (updated.ok) return ok(updated.value);
        await v.attachments.delete(info.value.id);
        return caseRefused(updated.error);
      }),

    "case:import-stix": ({ caseId, file }) =>
      withVault(async (v) => {
        const bytes = await readSmallFile(file, MAX_BUNDLE_BYTES, "a STIX bundle this app reads");
        if (!bytes.ok) return bytes;
        const me = await myIdentities(v);
        const actor = me.ok ? (me.value[0] as PersonalIdentity).details.displayName : "Secretariat";
        if (me.ok) me.value.forEach(wipeIdentity);
        const imported = await importStixIntoCase(v, caseId, bytes.value, actor, clock());
        return imported.ok ? ok({ ...imported.value, skipped: { ...imported.value.skipped } }) : caseRefused(imported.error);
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

    "packet:export": ({ caseId, memberId }, context) =>
      withVault(async (v) => {
        const me = await myIdentities(v);
        if (!me.ok) return me;
        const [sender] = me.value as [PersonalIdentity];
        try {
          const built = await exportPacket(v, { caseId, memberId, sender, now: clock(), onProgress: (done, total) => context.progress(done, total) });
          if (!built.ok) return caseRefused(built.error);
          const c = await loadCase(v, caseId);
          const title = c.ok ? c.value.title : "case";
          try {
            const blob = await collectBlob(built.value.stream, "application/octet-stream", context.signal);
            return ok({
              fileName: packetFileName(title, built.value.recipient.entry.displayName, built.value.sequence),
              mediaType: "application/octet-stream",
              blob,
              sequence: built.value.sequence,
              packetId: built.value.packetId,
              recipient: built.value.recipient.entry.displayName,
            });
          } catch (e) {
            if (context.signal.aborted) return err({ kind: "cancelled" });
            if (e instanceof AttachmentReadError) return refused(e.error);
            return refusedWith("export-failed", `The packet could not be built (${e instanceof Error ? e.message : String(e)}); nothing was saved.`);
          }
        } finally {
          me.value.forEach(wipeIdentity);
        }
      }),

    "inbox:import": ({ file, confirmSigner }, context) =>
      withVault(async (v) => {
        const run = importing.then(async (): R<InboxImport> => {
          const me = await myIdentities(v);
          if (!me.ok) return me;
          try {
            let last: Result<never, WorkerError> | undefined;
            // Each identity in turn: the packet does not say which one it is for until it decrypts.
            for (const identity of me.value) {
              let done = 0;
              const counted = file.stream().pipeThrough(
                new TransformStream<Uint8Array, Uint8Array>({
                  transform(chunk, controller) {
                    done += chunk.length;
                    context.progress(done, file.size);
                    controller.enqueue(chunk);
                  },
                }),
              );
              const recipient = { secretKey: identity.encryption.secretKey, ageRecipient: encodeRecipient(identity.encryption.publicKey), fingerprint: sshFingerprint(identity.signing.publicKey), displayName: identity.details.displayName };
              const imported = await importPacket(v, counted, recipient, { now: clock(), signal: context.signal, ...(confirmSigner ? { confirmSigner } : {}) });
              if (imported.ok) {
                const r = imported.value;
                return ok({ outcome: "imported" as const, caseId: r.case.id, title: r.case.title, sequence: r.packet.sequence, senderFingerprint: r.packet.senderFingerprint, newlyPinned: confirmSigner === r.packet.senderFingerprint });
              }
              const e = imported.error;
              if (e.kind === "unknown-signer") {
                return ok({ outcome: "confirm-signer" as const, fingerprint: e.fingerprint, fingerprintGroups: [...groupFingerprintForReading(e.fingerprint)], signingKey: e.signingKey });
              }
              if (e.kind === "cancelled") return err({ kind: "cancelled" });
              last = refusedWith(e.kind === "vault-failed" ? e.error.kind : e.kind, describePacketImportError(e, describeVaultError));
              if (e.kind !== "not-addressed-to-you") return last;
            }
            return last ?? refusedWith("not-addressed-to-you", "This packet is not addressed to you.");
          } finally {
            me.value.forEach(wipeIdentity);
          }
        });
        importing = run.catch(() => undefined);
        return run;
      }),

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


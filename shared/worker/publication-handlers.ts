/**
 * Publication in the worker (issue 16).
 *
 * - Verifying: the files are read whole (bounded by MAX_PUBLICATION_BYTES,
 *   checked on their sizes before any is read) and handed to
 *   verifyPublication. No vault is opened and nothing is stored: the Verify
 *   page works without any identity.
 * - Publishing (the secretariat): the latest sealed opinion of the case,
 *   as verified and kept at import, released withholding exactly the parts
 *   chosen (only parts the chair marked: release.ts), the statement signed by
 *   the secretariat identity chosen, checked with verifyPublication exactly
 *   as any reader will before the .zip is handed over. One audit entry.
 */
import { parseDisclosure, type JsonValue } from "../formats/selective-disclosure";
import { parsePointer } from "../formats/json-pointer";
import { SealedOpinionsRecord, type HeldSealedOpinion } from "../opinion/records/sealed-opinion.record";
import { sha256Hex } from "../opinion/co-signature";
import { buildPublication } from "../publication/publication";
import { isInside, planRelease, withholdableParts } from "../publication/release";
import { PublishedPathSchema } from "../publication/publication";
import { verifyPublication } from "../publication/verify";
import { looksLikeZip, publicationFolderName, unzipPublication, zipPublication } from "../publication/zip";
import { ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { wipeIdentity } from "../identity/identity";
import { actingIdentity } from "./case-kit";
import type { WorkerError } from "./contracts/envelope";
import { MAX_PUBLICATION_BYTES, type PublicationHandlers, type Publish, type WithholdablePartView } from "./contracts/publication";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";

const PREVIEW = 300;

/** A short text of a disclosed value: a string itself, or the title or name of an object, else its JSON. */
function preview(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value.slice(0, PREVIEW);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (!Array.isArray(value)) {
    const o = value as Record<string, JsonValue>;
    for (const key of ["title", "name", "value"]) if (typeof o[key] === "string" || typeof o[key] === "number") return String(o[key]).slice(0, PREVIEW);
  }
  return JSON.stringify(value).slice(0, PREVIEW);
}

/** What a withholdable part is, from where it sits in the opinion. */
function partView(pointer: string, reason: WithholdablePartView["reason"], encoded: string, all: readonly string[]): WithholdablePartView {
  const tokens = parsePointer(pointer) ?? [];
  const [top, index] = tokens;
  const kind = top === "evidence" ? "evidence" : top === "reasoning" ? "reasoning" : top === "roster" ? "roster" : top === "estimates" ? "estimate" : "other";
  const position = typeof index === "string" && /^[0-9]+$/.test(index) ? Number(index) + 1 : undefined;
  const content = parseDisclosure(encoded);
  const inside = all.find((outer) => outer !== pointer && isInside(pointer, outer));
  return { pointer, reason, kind, ...(position === undefined ? {} : { position }), preview: content.ok ? preview(content.value.value) : "", ...(inside === undefined ? {} : { inside }) };
}

async function latestSealed(v: UnlockedVault, caseId: string): Promise<Result<HeldSealedOpinion | undefined, WorkerError>> {
  const stored = await SealedOpinionsRecord.findKeyed(v, [caseId]);
  return stored.ok ? ok(stored.value?.sealed.at(-1)) : refused(stored.error);
}

export function createPublicationHandlers({ withVault, clock }: VaultAccess): PublicationHandlers {
  return {
    "publication:withholdable": ({ caseId }) =>
      withVault(async (v): Promise<Result<{ parts: WithholdablePartView[] | null }, WorkerError>> => {
        const held = await latestSealed(v, caseId);
        if (!held.ok) return held;
        if (held.value === undefined) return ok({ parts: null });
        const parts = withholdableParts(held.value);
        const pointers = parts.map((p) => p.pointer);
        return ok({ parts: parts.map((p) => partView(p.pointer, p.reason, p.encoded, pointers)) });
      }),

    "publication:publish": ({ caseId, withhold, signer }) =>
      withVault(async (v): Promise<Result<Publish, WorkerError>> => {
        const held = await latestSealed(v, caseId);
        if (!held.ok) return held;
        if (held.value === undefined) return ok({ outcome: "refused", reason: "no-sealed-opinion" });
        const release = planRelease(held.value, withhold);
        if (!release.ok) return ok({ outcome: "refused", reason: "not-withholdable" });
        const identity = await actingIdentity(v, signer);
        if (!identity.ok) return ok({ outcome: "refused", reason: "unknown-signer" });
        const publishedAt = clock();
        let built;
        try {
          built = buildPublication({ held: held.value, release: release.value, secretariat: identity.value.signing, publishedAt });
        } finally {
          wipeIdentity(identity.value);
        }
        if (!built.ok) return ok({ outcome: "refused", reason: "would-not-verify" });
        // Checked exactly as a reader will, before anything leaves.
        const report = verifyPublication(built.value);
        if (!report.ok || !report.value.valid) return ok({ outcome: "refused", reason: "would-not-verify" });
        const zip = zipPublication(built.value, publicationFolderName(caseId));
        const sha256 = sha256Hex(zip);
        const written = await v.audit("opinion-published", { case: caseId, sha256, released: release.value.released.length, withheld: release.value.redactions.length });
        if (!written.ok) return refused(written.error);
        return ok({
          outcome: "published",
          file: { fileName: `${publicationFolderName(caseId)}.zip`, mediaType: "application/zip", blob: new Blob([zip as Uint8Array<ArrayBuffer>]) },
          sha256,
          released: release.value.released.length,
          withheld: release.value.redactions.length,
          report: report.value,
        });
      }),

    "publication:verify": async ({ files, scope }, { signal, progress }) => {
      const total = files.reduce((n, f) => n + f.file.size, 0);
      if (total > MAX_PUBLICATION_BYTES) return ok({ outcome: "unusable", reason: "too-large" });
      if (files.some((f) => !PublishedPathSchema.safeParse(f.path).success)) return ok({ outcome: "unusable", reason: "bad-path" });
      const read = new Map<string, Uint8Array>();
      let done = 0;
      for (const f of files) {
        signal.throwIfAborted();
        read.set(f.path, new Uint8Array(await f.file.arrayBuffer()));
        done += f.file.size;
        progress(done, total);
      }
      // One file that is a zip is the whole folder.
      const only = files.length === 1 ? read.values().next().value : undefined;
      if (only !== undefined && looksLikeZip(only)) {
        const unzipped = unzipPublication(only);
        if (!unzipped.ok) return ok({ outcome: "unusable", reason: unzipped.error.kind === "bad-path" ? "bad-path" : unzipped.error.kind === "not-a-zip" ? "bad-zip" : "too-large" });
        const report = verifyPublication(unzipped.value, "folder");
        return ok(report.ok ? { outcome: "checked", report: report.value } : { outcome: "unusable", reason: report.error.kind });
      }
      const report = verifyPublication(read, scope);
      return ok(report.ok ? { outcome: "checked", report: report.value } : { outcome: "unusable", reason: report.error.kind });
    },
  };
}

/**
 * What the co-signature request (cosign-exchange.ts) and the sealed opinion
 * (sealed.ts) have in common: signed archives (shared/formats/signed-archive.ts)
 * whose files are kept as their exact bytes, because they carry documents
 * signed by someone else than the archive's sender (the chair's signature
 * over the payload, a member's co-signature statement) that anyone checks
 * with `ssh-keygen -Y verify` over the file as extracted:
 *
 *   opinion.json        the final payload's exact bytes (payload.ts)
 *   opinion.json.sig    the chair's SSHSIG over them, namespace opinion@attribution-panel
 *   disclosures.json    canonical JSON: every disclosure of the payload (DisclosuresFileSchema)
 */
import { z } from "../validation/zod";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { parseStrictJson } from "../formats/jcs";
import { parsePointer } from "../formats/json-pointer";
import { firstMisplacedDisclosure, hiddenParts, type ConcealedPart, type JsonObject } from "../formats/selective-disclosure";
import { DecoysSchema } from "./draft-exchange";
import { archiveJsonFile, type ArchiveFile, type CommonManifest } from "../formats/signed-archive";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import { sha256Hex, type RosterSeat } from "./co-signature";
import { MAX_SEATS } from "./opinion";
import { SEPARATE_OPINIONS_KEY, verifyPayload, type DraftDisclosure, type PayloadError, type VerifiedPayload } from "./payload";
import { JsonPointerSchema, WithholdingReasonSchema } from "./withholding";

export const PAYLOAD_PATH = "opinion.json";
export const PAYLOAD_SIGNATURE_PATH = "opinion.json.sig";
export const DISCLOSURES_PATH = "disclosures.json";
/** The most disclosures a payload carries: far more than any opinion's marks (each adds a salted digest). */
export const MAX_DISCLOSURES = 10_000;
/** An armored Ed25519 SSHSIG is about 300 bytes. */
const MAX_SIGNATURE_FILE = 4_096;
const DisclosureStringSchema = z.string().regex(/^[A-Za-z0-9_-]+$/).max(8 * 1024 * 1024);

/**
 * disclosures.json: the draft's disclosures, each with the JSON pointer of
 * the part of the opinion it reveals (so a member's app highlights what may
 * be withheld) and the reason the chair gave, in the draft's order; then
 * the separate opinions' (they carry no reason: every separate opinion is
 * concealed, so the payload does not tell whether one exists); then every
 * decoy digest. Opening checks that each pointer is where its disclosure's
 * content is, and that every digest no disclosure answers is a listed
 * decoy: nothing of the payload is hidden from the recipient.
 */
export const DisclosuresFileSchema = z.strictObject({
  draft: z.array(z.strictObject({ pointer: JsonPointerSchema, disclosure: DisclosureStringSchema, reason: WithholdingReasonSchema })).max(MAX_DISCLOSURES),
  separateOpinions: z.array(DisclosureStringSchema).max(MAX_SEATS),
  /** Every decoy digest of the payload (the draft's, then separateOpinions'): whatever the disclosures leave undisclosed must be one of these. */
  decoys: DecoysSchema,
});
export type DisclosuresFile = z.infer<typeof DisclosuresFileSchema>;

/** The final payload as the chair holds it after signing it. */
export type SignedPayload = {
  readonly bytes: Uint8Array;
  /** The chair's armored signature (payload.ts, signPayload). */
  readonly signature: string;
  /** The draft's disclosures with their reasons (concealDraft), then the separate opinions' (buildPayload). */
  readonly draftDisclosures: readonly DraftDisclosure[];
  readonly separateOpinionDisclosures: readonly ConcealedPart[];
  /** Every decoy digest: the draft's (concealDraft), then separateOpinions' (buildPayload). */
  readonly decoys: readonly string[];
};

export const disclosuresFile = (payload: SignedPayload): DisclosuresFile => ({
  draft: payload.draftDisclosures.map((d) => ({ pointer: d.pointer, disclosure: d.encoded, reason: d.reason })),
  separateOpinions: payload.separateOpinionDisclosures.map((d) => d.encoded),
  decoys: [...payload.decoys],
});

/** The three payload files, exactly as a signed archive carries them. */
export function payloadFiles(payload: SignedPayload): ArchiveFile[] {
  return [
    { path: PAYLOAD_PATH, kind: "json", bytes: payload.bytes },
    { path: PAYLOAD_SIGNATURE_PATH, kind: "json", bytes: utf8(payload.signature) },
    archiveJsonFile(DISCLOSURES_PATH, disclosuresFile(payload)),
  ];
}

/** The manifest lists exactly these paths, in any order. */
export const listsExactly = (manifest: CommonManifest, paths: readonly string[]): boolean =>
  manifest.files.length === paths.length && paths.every((p) => manifest.files.some((f) => f.path === p));

/** An armored signature file: UTF-8 text of a bounded size (its content is checked by the verifier). */
export const signatureText = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined || bytes.length > MAX_SIGNATURE_FILE ? undefined : fromUtf8(bytes));

export type PayloadFilesProblem =
  /** A signature file that is not text. */
  | { readonly kind: "invalid-content"; readonly reason: "not-text"; readonly path: string }
  | { readonly kind: "invalid-content"; readonly reason: "disclosures-invalid"; readonly issues: readonly Issue[] }
  /** The payload is not the one the signed manifest names (by its SHA-256). */
  | { readonly kind: "invalid-content"; readonly reason: "manifest-mismatch" }
  /** The draft disclosure at `index` is not the part at its pointer, or a separate opinion's is listed among the draft's (or the reverse). */
  | { readonly kind: "invalid-content"; readonly reason: "disclosure-mismatch"; readonly index: number }
  /** `count` digests of the payload are neither disclosed nor listed decoys: parts the recipient would not be shown. */
  | { readonly kind: "undisclosed-parts"; readonly count: number }
  /** The payload, the chair's signature or a disclosure does not verify (payload.ts). */
  | { readonly kind: "payload"; readonly error: PayloadError };

export type OpenedPayload = {
  readonly bytes: Uint8Array;
  readonly signature: string;
  readonly disclosures: DisclosuresFile;
  /** Verified with every disclosure: the full text, and every separate opinion verified. */
  readonly verified: VerifiedPayload;
};

/**
 * The payload files of an opened archive (their presence is the caller's
 * check): the payload is the one the manifest names, for the manifest's
 * case, the chair of `roster` signed it, and it verifies with ALL its
 * disclosures (RFC 9901 §7.1: each one fits, none is left over).
 */
export function checkPayloadFiles(files: ReadonlyMap<string, Uint8Array>, manifest: { readonly caseId: string; readonly payloadSha256: string }, roster: readonly RosterSeat[]): Result<OpenedPayload, PayloadFilesProblem> {
  const bytes = files.get(PAYLOAD_PATH) ?? new Uint8Array();
  const signature = signatureText(files.get(PAYLOAD_SIGNATURE_PATH));
  if (signature === undefined) return err({ kind: "invalid-content", reason: "not-text", path: PAYLOAD_SIGNATURE_PATH });
  const json = parseStrictJson(files.get(DISCLOSURES_PATH) ?? new Uint8Array());
  const parsed = DisclosuresFileSchema.safeParse(json.ok ? json.value : undefined);
  if (!parsed.success) return err({ kind: "invalid-content", reason: "disclosures-invalid", issues: issuesOf(parsed.error) });
  if (sha256Hex(bytes) !== manifest.payloadSha256) return err({ kind: "invalid-content", reason: "manifest-mismatch" });
  const all = [...parsed.data.draft.map((d) => d.disclosure), ...parsed.data.separateOpinions];
  const verified = verifyPayload(bytes, signature, roster, all, { caseId: manifest.caseId });
  if (!verified.ok) return err({ kind: "payload", error: verified.error });
  const hidden = hiddenParts(verified.value.undisclosed, parsed.data.decoys);
  if (hidden > 0) return err({ kind: "undisclosed-parts", count: hidden });
  const misplaced = firstMisplaced(verified.value.document, parsed.data.draft);
  if (misplaced !== undefined) return err({ kind: "invalid-content", reason: "disclosure-mismatch", index: misplaced });
  if (verified.value.separateOpinions.length !== parsed.data.separateOpinions.length) return err({ kind: "invalid-content", reason: "disclosure-mismatch", index: parsed.data.draft.length });
  return ok({ bytes, signature, disclosures: parsed.data, verified: verified.value });
}

/**
 * A payload kept in a vault (its exact text, the chair's signature and disclosures.json as received or sent), checked
 * again exactly as checkPayloadFiles checks the archive's files: what a record holds is trusted no more than a file.
 */
export function checkStoredPayload(
  stored: { readonly payload: string; readonly signature: string; readonly disclosures: DisclosuresFile },
  manifest: { readonly caseId: string; readonly payloadSha256: string },
  roster: readonly RosterSeat[],
): Result<OpenedPayload, PayloadFilesProblem> {
  const files = new Map<string, Uint8Array>([
    [PAYLOAD_PATH, utf8(stored.payload)],
    [PAYLOAD_SIGNATURE_PATH, utf8(stored.signature)],
    [DISCLOSURES_PATH, utf8(JSON.stringify(stored.disclosures))],
  ]);
  return checkPayloadFiles(files, manifest, roster);
}

/** The index of the first draft disclosure that is not the part at its pointer (firstMisplacedDisclosure); none may be under separateOpinions. */
function firstMisplaced(document: JsonObject, draft: DisclosuresFile["draft"]): number | undefined {
  const under = draft.findIndex((d) => parsePointer(d.pointer)?.[0] === SEPARATE_OPINIONS_KEY);
  const misplaced = firstMisplacedDisclosure(document, draft.map((d) => ({ pointer: d.pointer, encoded: d.disclosure })));
  return under === -1 ? misplaced : misplaced === undefined ? under : Math.min(under, misplaced);
}

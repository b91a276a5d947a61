/**
 * The scoresheet file, handed to the chair on removable media:
 *
 *   scoresheet-….age = age v1, X25519, to the chair and the secretariat the packet names
 *     └ ustar: manifest.json (canonical JSON, format attribution-panel/scoresheet-file),
 *              manifest.json.sig (SSHSIG, namespace scoresheet@attribution-panel),
 *              scoresheet.json (canonical JSON, shared/scoring/scoresheet.ts)
 *
 * The same archive unencrypted (plain ustar) is the panelist's own signed
 * copy. Anyone holding the chair's identity checks one with stock tools:
 *   age -d -i chair.txt scoresheet.age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I panelist -n scoresheet@attribution-panel -s manifest.json.sig < manifest.json
 *   sha256sum scoresheet.json   (the manifest lists it)
 *
 * Opening checks, besides the archive's own checks: one file, scoresheet.json;
 * a valid scoresheet; case, round and revision as the signed manifest says;
 * signed by the seat it names. Whether that seat is on the roster the chair
 * holds is the chair's check (the merge).
 */
import { z } from "../validation/zod";
import { sha256, toHex, type Ed25519KeyPair } from "../crypto/sodium";
import { mustCanonicalJson } from "../formats/jcs";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { defineSignedArchive, type SignedArchiveError } from "../formats/signed-archive";
import { packJsonArchive, unpackJsonArchive, type JsonArchiveError, type JsonArchiveKey } from "../formats/signed-archive-json";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import { RevisionSchema, RoundSchema, ScoresheetSchema, type Scoresheet } from "./scoresheet";

export const SCORESHEET_PATH = "scoresheet.json";

export const SCORESHEET_FILE = defineSignedArchive({
  name: "attribution-panel/scoresheet-file",
  version: 1,
  namespace: SIGNATURE_NAMESPACES.scoresheet,
  extra: {
    caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    round: RoundSchema,
    revision: RevisionSchema,
  },
});

/** The canonical bytes of a scoresheet (what the manifest lists and every digest is taken over). */
export const scoresheetBytes = (sheet: Scoresheet): Uint8Array => mustCanonicalJson(sheet, "the scoresheet");
/** A scoresheet's SHA-256 (hex) over its canonical bytes: what a revision names as its predecessor. */
export const scoresheetDigest = (sheet: Scoresheet): string => toHex(sha256(scoresheetBytes(sheet)));

/** The file name a scoresheet is saved under: case, round and revision, so a folder of them sorts and reads. */
export function scoresheetFileName(sheet: Pick<Scoresheet, "caseId" | "round" | "revision">, plain: boolean): string {
  return `scoresheet-${sheet.caseId.slice(0, 12)}-round${sheet.round}-rev${sheet.revision}${plain ? ".signed.tar" : ".age"}`;
}

/** Signs and packs a scoresheet: encrypted to `recipients` (X25519), or the plain signed copy when there are none. */
export function sealScoresheet(sheet: Scoresheet, signer: Ed25519KeyPair, recipients: readonly Uint8Array[], createdAt: Date): Promise<Uint8Array> {
  return packJsonArchive(
    SCORESHEET_FILE,
    { sender: signer, recipients, createdAt, fields: { caseId: sheet.caseId, round: sheet.round, revision: sheet.revision }, files: [{ path: SCORESHEET_PATH, value: sheet }] },
    recipients.length > 0 ? "encrypted" : "plain",
  );
}

export type ScoresheetContentProblem =
  | { readonly kind: "invalid-content"; readonly reason: "wrong-files" }
  | { readonly kind: "invalid-content"; readonly reason: "scoresheet-invalid"; readonly issues: readonly Issue[] }
  /** The scoresheet's case, round or revision is not what the signed manifest says. */
  | { readonly kind: "invalid-content"; readonly reason: "manifest-mismatch" }
  /** Signed by another key than the seat the scoresheet names. */
  | { readonly kind: "invalid-content"; readonly reason: "not-signed-by-seat" };
export type ScoresheetFileError = SignedArchiveError | JsonArchiveError | ScoresheetContentProblem;

export type OpenedScoresheet = { readonly sheet: Scoresheet; readonly sha256: string; readonly signer: { readonly fingerprint: string; readonly signingKey: string }; readonly encryptedTo: readonly string[] };

/** Opens a scoresheet file (encrypted with `key`, or a plain signed copy) with every check above. */
export async function openScoresheet(bytes: Uint8Array, key: JsonArchiveKey): Promise<Result<OpenedScoresheet, ScoresheetFileError>> {
  const opened = await unpackJsonArchive(SCORESHEET_FILE, bytes, key, (manifest) =>
    manifest.files.length === 1 && manifest.files[0]?.path === SCORESHEET_PATH ? ok(undefined) : err<ScoresheetContentProblem>({ kind: "invalid-content", reason: "wrong-files" }),
  );
  if (!opened.ok) return opened;
  const { manifest, files } = opened.value;
  const parsed = ScoresheetSchema.safeParse(files.get(SCORESHEET_PATH));
  if (!parsed.success) return err({ kind: "invalid-content", reason: "scoresheet-invalid", issues: issuesOf(parsed.error) });
  const sheet = parsed.data;
  if (sheet.caseId !== manifest.caseId || sheet.round !== manifest.round || sheet.revision !== manifest.revision) return err({ kind: "invalid-content", reason: "manifest-mismatch" });
  if (sheet.seat.fingerprint !== manifest.sender.fingerprint) return err({ kind: "invalid-content", reason: "not-signed-by-seat" });
  return ok({ sheet, sha256: manifest.files[0]?.sha256 as string, signer: manifest.sender, encryptedTo: manifest.recipients });
}

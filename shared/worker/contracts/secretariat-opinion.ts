/**
 * The contract of the secretariat's import of a sealed opinion (issue 15,
 * "Sealing"): the file is opened with the secretariat's key and verified
 * against the roster from the secretariat's OWN records (the case's panel
 * and the registry's cards), never the file's, before it is stored.
 * Answered by shared/worker/secretariat-opinion-handlers.ts.
 */
import { z } from "../../validation/zod";
import { StanceSchema } from "../../opinion/co-signature";
import { SeparateOpinionKindSchema } from "../../opinion/separate-opinion";
import { WithholdingReasonSchema } from "../../opinion/withholding";
import { FileInput, Id, type HandlersOf } from "./common";

const obj = z.strictObject;
const lit = z.literal;
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const SEALED_UNREADABLE = ["not-encrypted", "not-addressed-to-you", "not-a-sealed-opinion", "newer-version", "damaged", "tampered", "cancelled"] as const;

/** Why a sealed opinion was refused; nothing was stored. */
export const SealedRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("unreadable"), reason: z.enum(SEALED_UNREADABLE) }),
  /** The case has no panel in the secretariat's records, so there is no roster to check against. */
  obj({ kind: lit("no-panel") }),
  /** Signed by someone other than the chair of the case's panel. */
  obj({ kind: lit("not-from-chair") }),
  obj({ kind: lit("other-case") }),
  /** The opinion's text, its chair signature or a disclosure does not verify, or a part is hidden. */
  obj({ kind: lit("invalid-opinion") }),
  /** A co-signature does not verify, names another text, comes from no member, or its stance does not fit. */
  obj({ kind: lit("invalid-co-signature") }),
  /** The seats do not add up: one listed twice, signed and not signed, not a member, or a member missing. */
  obj({ kind: lit("seats-inconsistent") }),
  /** Members recorded as not signing, yet sealed before their deadline. */
  obj({ kind: lit("sealed-before-deadline") }),
]);
export type SealedRefusal = z.infer<typeof SealedRefusalSchema>;

export const SealedViewSchema = obj({
  fileSha256: Sha256,
  importedAt: z.string(),
  payloadSha256: Sha256,
  sealedAt: z.string(),
  deadline: z.string(),
  chair: obj({ displayName: z.string(), fingerprint: z.string() }),
  seats: z.array(obj({ displayName: z.string(), fingerprint: z.string(), stance: z.union([StanceSchema, lit("not-signed")]) })),
  separateOpinions: z.array(obj({ displayName: z.string(), kind: SeparateOpinionKindSchema })),
  withholdable: z.array(obj({ pointer: z.string(), reason: WithholdingReasonSchema })),
  inputs: obj({ round: z.number().int(), scoresheets: z.number().int().nonnegative() }),
  /** How many sealed opinions of this case are held (the latest is shown). */
  held: z.number().int().min(1),
});
export type SealedView = z.infer<typeof SealedViewSchema>;

export const SealedImportSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.enum(["imported", "already-held"]), sealed: SealedViewSchema }),
  obj({ outcome: lit("refused"), refusal: SealedRefusalSchema }),
]);
export type SealedImport = z.infer<typeof SealedImportSchema>;

export const secretariatOpinionMethods = {
  "secretariat:import-sealed-opinion": { request: obj({ caseId: Id, file: FileInput.refine((f) => f.size <= 256 * 1024 * 1024, { params: { reason: "file-too-large" } }) }), response: SealedImportSchema },
  "secretariat:sealed-opinion": { request: obj({ caseId: Id }), response: obj({ sealed: SealedViewSchema.nullable() }) },
} as const;

export type SecretariatOpinionHandlers = HandlersOf<typeof secretariatOpinionMethods>;

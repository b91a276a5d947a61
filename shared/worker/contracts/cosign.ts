/**
 * The contract of a member's co-signing (issue 15, "Co-signing", member
 * side): importing the chair's request for co-signature, reading the final
 * opinion whole (every withholdable part marked, every separate and
 * dissenting opinion with its author, theirs checked byte for byte), and
 * signing a co-signature statement with their stance, sealed to the chair.
 * Answered by shared/worker/cosign-handlers.ts.
 */
import { z } from "../../validation/zod";
import { StanceSchema } from "../../opinion/co-signature";
import { OpinionSchema } from "../../opinion/opinion";
import { SeparateOpinionKindSchema } from "../../opinion/separate-opinion";
import { WithholdingReasonSchema } from "../../opinion/withholding";
import { ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

const obj = z.strictObject;
const lit = z.literal;
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const COSIGN_UNREADABLE = ["not-encrypted", "not-addressed-to-you", "not-a-cosign-request", "newer-version", "damaged", "tampered", "cancelled", "invalid-opinion"] as const;

/** Why a request for co-signature was refused; nothing was stored. */
export const CosignImportRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("unreadable"), reason: z.enum(COSIGN_UNREADABLE) }),
  obj({ kind: lit("not-on-roster") }),
  obj({ kind: lit("not-from-chair") }),
  obj({ kind: lit("other-case") }),
  obj({ kind: lit("not-for-this-seat") }),
  /** The opinion does not carry the member's separate or dissenting opinion (`missing`), carries an earlier version of it, or was built from another draft than the one they answered. */
  obj({ kind: lit("my-opinion"), problem: z.enum(["missing", "other-version", "other-draft"]) }),
  /** The opinion carries a separate opinion in the member's name that their latest answer did not send. */
  obj({ kind: lit("opinion-not-sent") }),
]);
export type CosignImportRefusal = z.infer<typeof CosignImportRefusalSchema>;

export const CosignRequestViewSchema = obj({
  sha256: Sha256,
  deadline: z.string(),
  importedAt: z.string(),
  /** The opinion as published if nothing were withheld. */
  opinion: OpinionSchema,
  withholdable: z.array(obj({ pointer: z.string(), reason: WithholdingReasonSchema })),
  /** Every separate and dissenting opinion it carries, in its order, with its author's seat and name. */
  separateOpinions: z.array(obj({ seat: z.string(), displayName: z.string(), kind: SeparateOpinionKindSchema, text: z.array(z.string()), mine: z.boolean() })),
  /** The stances that fit what the opinion carries for this member. */
  stances: z.array(StanceSchema),
  signed: obj({ stance: StanceSchema, signedAt: z.string(), late: z.boolean(), fileName: z.string() }).nullable(),
});
export type CosignRequestView = z.infer<typeof CosignRequestViewSchema>;

export const CosignImportSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.enum(["imported", "already-held"]), request: CosignRequestViewSchema }),
  obj({ outcome: lit("refused"), refusal: CosignImportRefusalSchema }),
]);
export type CosignImport = z.infer<typeof CosignImportSchema>;

export const CosignSignedSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("signed"), file: ExportFileSchema, request: CosignRequestViewSchema }),
  obj({
    outcome: lit("invalid"),
    refusal: z.discriminatedUnion("kind", [
      obj({ kind: lit("no-request") }),
      /** The stance does not fit what the opinion carries for this member. */
      obj({ kind: lit("stance-not-allowed") }),
      /** Already co-signed with another stance: the first statement stands (the same one can be saved again). */
      obj({ kind: lit("already-signed") }),
      obj({ kind: lit("not-on-roster") }),
      obj({ kind: lit("no-chair-key") }),
    ]),
  }),
]);
export type CosignSigned = z.infer<typeof CosignSignedSchema>;

export const cosignMethods = {
  "cosign:load": { request: obj({ caseId: Id }), response: obj({ request: CosignRequestViewSchema.nullable() }) },
  "cosign:import-request": { request: obj({ caseId: Id, file: FileInput }), response: CosignImportSchema },
  "cosign:sign": { request: obj({ caseId: Id, stance: StanceSchema }), response: CosignSignedSchema },
} as const;

export type CosignHandlers = HandlersOf<typeof cosignMethods>;

/**
 * The contract of the chair's side of the opinion after drafting (issue 15,
 * "Drafting" last bullet, "Co-signing", "Sealing"): importing the members'
 * answers to the draft sent for comment (comments, separate and dissenting
 * opinions), building and signing the final payload and one co-sign request
 * per member, importing the members' co-signatures, and sealing the opinion
 * to the secretariat. Answered by shared/worker/opinion-exchange-handlers.ts.
 */
import { z } from "../../validation/zod";
import { StanceSchema } from "../../opinion/co-signature";
import { SeparateOpinionKindSchema } from "../../opinion/separate-opinion";
import { MergeErrorSchema } from "./chair";
import { ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

const obj = z.strictObject;
const lit = z.literal;
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The largest answer or co-signature file accepted (an answer carries Markdown; 16 MiB is far above any). */
export const MAX_EXCHANGE_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_EXCHANGE_FILES = 200;

export const EXCHANGE_UNREADABLE = ["not-encrypted", "not-addressed-to-you", "not-this-kind", "newer-version", "damaged", "tampered", "cancelled", "invalid-content"] as const;

/** Why one answer file was refused; nothing of it was stored. */
export const AnswerRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("unreadable"), reason: z.enum(EXCHANGE_UNREADABLE) }),
  /** Signed by a key that holds no member seat of the roster. */
  obj({ kind: lit("not-from-member") }),
  obj({ kind: lit("other-case") }),
  /** It answers a draft the chair never sent for this case. */
  obj({ kind: lit("other-draft") }),
  /** It answers an earlier comment round than the latest sent (`round`, answered: `answered`). */
  obj({ kind: lit("earlier-draft"), answered: z.number().int().min(1), round: z.number().int().min(1) }),
  /** The separate or dissenting opinion it carries does not verify (altered, another seat's, another draft's). */
  obj({ kind: lit("invalid-separate-opinion") }),
  /** No draft has been sent for comment on this case. */
  obj({ kind: lit("no-draft-sent") }),
]);
export type AnswerRefusal = z.infer<typeof AnswerRefusalSchema>;

/** Why one co-signature file was refused; nothing of it was stored. */
export const CoSignRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("unreadable"), reason: z.enum(EXCHANGE_UNREADABLE) }),
  obj({ kind: lit("not-from-member") }),
  obj({ kind: lit("other-case") }),
  /** It co-signs another payload than the one the chair sent (changed after co-signing, or an earlier one). */
  obj({ kind: lit("other-payload") }),
  /** The statement does not verify, or is another member's than the sender's. */
  obj({ kind: lit("invalid-statement") }),
  /** The stance does not fit the payload (a dissent naming an opinion the payload does not carry by that seat, …). */
  obj({ kind: lit("stance"), reason: z.enum(["opinion-not-in-payload", "stance-not-the-opinions-kind", "concur-with-opinion-in-payload"]) }),
  /** The seat has already co-signed with another statement. */
  obj({ kind: lit("already-signed") }),
  /** No payload has been sent for co-signing. */
  obj({ kind: lit("not-prepared") }),
]);
export type CoSignRefusal = z.infer<typeof CoSignRefusalSchema>;

const FileName = z.string().max(1000);
const ImportRequest = obj({
  caseId: Id,
  files: z
    .array(obj({ name: FileName, file: FileInput.refine((f) => f.size <= MAX_EXCHANGE_FILE_BYTES, { params: { reason: "file-too-large" } }) }))
    .min(1)
    .max(MAX_EXCHANGE_FILES),
});

const seatResult = { name: FileName, seat: z.string(), displayName: z.string() };
export const AnswerResultSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.enum(["accepted", "already-held"]), ...seatResult, opinion: z.enum(["none", "separate", "dissent"]) }),
  obj({ outcome: lit("refused"), name: FileName, refusal: AnswerRefusalSchema }),
]);
export type AnswerResult = z.infer<typeof AnswerResultSchema>;

export const CoSignResultSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.enum(["accepted", "already-held"]), ...seatResult, stance: StanceSchema, late: z.boolean() }),
  obj({ outcome: lit("refused"), name: FileName, refusal: CoSignRefusalSchema }),
]);
export type CoSignResult = z.infer<typeof CoSignResultSchema>;

/** One member seat as the chair follows the exchange. */
export const ExchangeSeatSchema = obj({
  seat: z.string(),
  displayName: z.string(),
  /** The seat's latest answer to the latest draft sent, or null. */
  answer: obj({
    round: z.number().int().min(1),
    answeredAt: z.string(),
    comments: z.array(z.string()),
    separateOpinion: obj({ kind: SeparateOpinionKindSchema, text: z.array(z.string()), signedAt: z.string() }).nullable(),
  }).nullable(),
  /** The seat's co-signature of the final payload, or null. */
  coSignature: obj({ stance: StanceSchema, receivedAt: z.string(), late: z.boolean() }).nullable(),
});
export type ExchangeSeat = z.infer<typeof ExchangeSeatSchema>;

export const ExchangeViewSchema = z.discriminatedUnion("outcome", [
  obj({
    outcome: lit("exchange"),
    /** The latest draft sent for comment: its round, digest and deadline; null before any. */
    draft: obj({ round: z.number().int().min(1), sha256: Sha256, deadline: z.string() }).nullable(),
    seats: z.array(ExchangeSeatSchema),
    /** The final payload sent for co-signing, or null. */
    final: obj({ sha256: Sha256, round: z.number().int().min(1), deadline: z.string(), preparedAt: z.string(), separateOpinions: z.number().int().nonnegative() }).nullable(),
    /** Whether the opinion can be sealed now (every member co-signed, or the co-signing deadline passed). */
    canSeal: z.boolean(),
    sealed: obj({ sealedAt: z.string(), sha256: Sha256, fileName: z.string() }).nullable(),
  }),
  obj({ outcome: lit("refused"), error: MergeErrorSchema }),
]);
export type ExchangeView = z.infer<typeof ExchangeViewSchema>;

export const PrepareRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("no-draft-sent") }),
  obj({ kind: lit("deadline-passed") }),
  /** A co-signature of the payload already sent is held: the payload stays as it is. */
  obj({ kind: lit("co-signatures-held"), count: z.number().int().min(1) }),
]);

export const PreparedSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("prepared"), sha256: Sha256, files: z.array(obj({ seat: z.string(), displayName: z.string(), file: ExportFileSchema })) }),
  obj({ outcome: lit("invalid"), refusal: PrepareRefusalSchema }),
  obj({ outcome: lit("refused"), error: MergeErrorSchema }),
]);
export type Prepared = z.infer<typeof PreparedSchema>;

export const SealRefusalSchema = z.discriminatedUnion("kind", [
  obj({ kind: lit("not-prepared") }),
  /** Before the co-signing deadline with `missing` member seats yet to co-sign. */
  obj({ kind: lit("waiting"), missing: z.number().int().min(1), deadline: z.string() }),
  /** The case packet names no secretariat key to seal to. */
  obj({ kind: lit("no-secretariat-key") }),
]);

export const SealedSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("sealed"), sha256: Sha256, file: ExportFileSchema, coSigned: z.number().int().nonnegative(), notSigned: z.number().int().nonnegative() }),
  obj({ outcome: lit("invalid"), refusal: SealRefusalSchema }),
  obj({ outcome: lit("refused"), error: MergeErrorSchema }),
]);
export type Sealed = z.infer<typeof SealedSchema>;

const Refused = obj({ outcome: lit("refused"), error: MergeErrorSchema });
export const AnswersImportSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("imported"), results: z.array(AnswerResultSchema) }), Refused]);
export type AnswersImport = z.infer<typeof AnswersImportSchema>;
export const CoSignaturesImportSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("imported"), results: z.array(CoSignResultSchema) }), Refused]);
export type CoSignaturesImport = z.infer<typeof CoSignaturesImportSchema>;

export const opinionExchangeMethods = {
  "opinion:exchange": { request: obj({ caseId: Id }), response: ExchangeViewSchema },
  "opinion:import-answers": { request: ImportRequest, response: AnswersImportSchema },
  "opinion:prepare-cosign": { request: obj({ caseId: Id, deadline: z.iso.datetime() }), response: PreparedSchema },
  "opinion:import-cosignatures": { request: ImportRequest, response: CoSignaturesImportSchema },
  "opinion:seal": { request: obj({ caseId: Id }), response: SealedSchema },
} as const;

export type OpinionExchangeHandlers = HandlersOf<typeof opinionExchangeMethods>;

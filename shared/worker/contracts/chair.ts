/**
 * The contract of the merge, on the chair's side: the cases this vault
 * chairs, importing scoresheet files (several at once), the dashboard of a
 * case and round, and the chair's quorum declaration. Answered by
 * shared/worker/merge-handlers.ts. (The file is not named merge.ts:
 * contracts/merge.ts is how the domain contracts are merged into one.)
 *
 * Per-file refusals are part of the answer, not a worker refusal: a batch
 * with one bad file still accepts the good ones.
 */
import { z } from "../../validation/zod";
import { UnRegionSchema } from "../../identity/un-regions";
import { RevisionSchema as Revision, RoundSchema as Round } from "../../scoring/scoresheet";
import { UNREADABLE_REASONS, type IncomingRefusal, type MergeError } from "../../merge/merge-error";
import type { FileResult } from "../../merge/import-scoresheets";
import type { Dashboard } from "../../merge/dashboard";
import { RevisionProblemSchema, VaultErrorSchema } from "../problem";
import { Empty, FileInput, Id, type HandlersOf } from "./common";

const obj = z.strictObject;
const lit = z.literal;
/** The most files one import takes (a panel has at most 51 seats; revisions and rounds besides). */
export const MAX_IMPORT_FILES = 500;
/** The largest scoresheet file accepted (a scoresheet of 50 claims × 10,000 ACH cells stays far below). */
export const MAX_SCORESHEET_FILE_BYTES = 16 * 1024 * 1024;

export const IncomingRefusalSchema: z.ZodType<IncomingRefusal> = z.discriminatedUnion("kind", [
  obj({ kind: lit("unreadable"), reason: z.enum(UNREADABLE_REASONS) }),
  obj({ kind: lit("not-on-panel"), fingerprint: z.string() }),
  obj({ kind: lit("other-case"), caseId: z.string() }),
  obj({ kind: lit("other-packet") }),
  obj({ kind: lit("round-not-open"), round: z.number(), open: z.number() }),
  obj({ kind: lit("wrong-seat") }),
  obj({ kind: lit("other-rubric"), rubricId: z.string(), revision: z.number() }),
  obj({ kind: lit("incomplete"), gaps: z.number() }),
  obj({ kind: lit("replayed"), revision: z.number(), held: z.number() }),
  obj({ kind: lit("fork"), revision: z.number() }),
  obj({ kind: lit("gap"), revision: z.number(), held: z.number() }),
  obj({ kind: lit("invalid-revision"), problem: RevisionProblemSchema }),
  obj({ kind: lit("packet-too-old") }),
]);

export const MergeErrorSchema: z.ZodType<MergeError> = z.discriminatedUnion("kind", [
  obj({ kind: z.enum(["case-not-received", "not-chair", "store-damaged", "nothing-submitted"]) }),
  obj({ kind: lit("vault-failed"), error: VaultErrorSchema }),
]);

const Named = { name: z.string() };
export const FileResultSchema: z.ZodType<FileResult> = z.union([
  obj({ ...Named, outcome: z.enum(["accepted", "already-held"]), fingerprint: z.string(), revision: Revision }),
  obj({ ...Named, outcome: lit("refused"), refusal: IncomingRefusalSchema }),
  obj({ ...Named, outcome: lit("failed"), error: VaultErrorSchema }),
]);

const Held = { revision: Revision, signedAt: z.string(), receivedAt: z.string(), sha256: z.string() };
const SeatStatusSchema = z.union([obj({ status: lit("submitted"), ...Held }), obj({ status: lit("late"), late: z.enum(["signed", "received"]), ...Held }), obj({ status: lit("missing") })]);
const SeatBase = { fingerprint: z.string(), displayName: z.string(), region: UnRegionSchema, role: z.enum(["chair", "member"]) };
export const QuorumSchema = obj({ round: Round, declaredAt: z.string(), submitted: z.number().int().nonnegative(), seats: z.number().int().positive(), fingerprints: z.array(z.string()) });
export const DashboardSchema: z.ZodType<Dashboard> = obj({
  caseId: z.string(),
  title: z.string(),
  round: Round,
  deadline: z.string(),
  overdue: z.boolean(),
  seats: z.array(z.intersection(obj(SeatBase), SeatStatusSchema)),
  counts: obj({ seats: z.number(), submitted: z.number(), late: z.number(), missing: z.number() }),
  quorum: QuorumSchema.nullable(),
});

/** A case this vault's identity chairs, for the list on the Chair page. */
export const ChairedCaseSchema = obj({ caseId: z.string(), title: z.string(), deadline: z.string(), chair: z.string() });
export type ChairedCase = z.infer<typeof ChairedCaseSchema>;

/** What the chair's screen gets: the dashboard, or why there is none (a value the screen words). */
const MergeRefusedSchema = obj({ outcome: lit("refused"), error: MergeErrorSchema });
export const DashboardAnswerSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("dashboard"), dashboard: DashboardSchema }), MergeRefusedSchema]);
export type DashboardAnswer = z.infer<typeof DashboardAnswerSchema>;
export const MergeImportSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("imported"), results: z.array(FileResultSchema), dashboard: DashboardSchema }), MergeRefusedSchema]);
export type MergeImport = z.infer<typeof MergeImportSchema>;

export const mergeMethods = {
  "merge:cases": { request: Empty, response: z.array(ChairedCaseSchema) },
  "merge:dashboard": { request: obj({ caseId: Id }), response: DashboardAnswerSchema },
  "merge:import": {
    request: obj({ caseId: Id, files: z.array(obj({ name: z.string().max(1000), file: FileInput.refine((f) => f.size <= MAX_SCORESHEET_FILE_BYTES, { params: { reason: "file-too-large" } }) })).min(1).max(MAX_IMPORT_FILES) }),
    response: MergeImportSchema,
  },
  "merge:declare-quorum": { request: obj({ caseId: Id, round: Round }), response: DashboardAnswerSchema },
} as const;

export type MergeHandlers = HandlersOf<typeof mergeMethods>;

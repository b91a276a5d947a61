/**
 * The contract of the merge, on the chair's side: the cases this vault
 * chairs, importing scoresheet files (several at once), the dashboard of a
 * case and round, the chair's quorum declaration, and the statistics of a
 * round (merge:statistics). Answered by
 * shared/worker/merge-handlers.ts. (The file is not named merge.ts:
 * contracts/merge.ts is how the domain contracts are merged into one.)
 *
 * Per-file refusals are part of the answer, not a worker refusal: a batch
 * with one bad file still accepts the good ones.
 */
import { z } from "../../validation/zod";
import { UnRegionSchema } from "../../identity/un-regions";
import { MAX_NOTE, RevisionSchema as Revision, RoundSchema as Round } from "../../scoring/scoresheet";
import { UNREADABLE_REASONS, type IncomingRefusal, type MergeError } from "../../merge/merge-error";
import type { FileResult } from "../../merge/import-scoresheets";
import type { Dashboard } from "../../merge/dashboard";
import type { AchStatistics, AlphaOutcome, ClaimStatistics, ClaimSummary, PanelStatistics, TermOfValue } from "../../merge/statistics";
import { ALPHA_LEVELS } from "../../merge/stats/krippendorff";
import { AdmiraltySchema, CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, SeatIdSchema } from "../../case/model";
import { RubricSchema } from "../../rubric/rubric";
import { RevisionProblemSchema, VaultErrorSchema } from "../problem";
import { Empty, ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";
import type { Movement } from "../../merge/movement";
import type { RoundOverview } from "../../merge/round-open";

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
  obj({ kind: lit("other-packet"), own: z.boolean() }),
  obj({ kind: lit("round-not-open"), round: z.number(), open: z.number() }),
  obj({ kind: lit("wrong-seat") }),
  obj({ kind: lit("other-rubric"), rubricId: z.string(), revision: z.number() }),
  obj({ kind: lit("incomplete"), gaps: z.number() }),
  obj({ kind: lit("replayed"), revision: z.number(), held: z.number() }),
  obj({ kind: lit("fork"), revision: z.number() }),
  obj({ kind: lit("gap"), revision: z.number(), held: z.number() }),
  obj({ kind: lit("invalid-revision"), problem: RevisionProblemSchema }),
  obj({ kind: lit("packet-too-old") }),
  obj({ kind: lit("case-version-unnamed") }),
  obj({ kind: lit("other-previous-round"), round: z.number(), held: z.boolean() }),
]);

export const MergeErrorSchema: z.ZodType<MergeError> = z.discriminatedUnion("kind", [
  obj({ kind: z.enum(["case-not-received", "not-chair", "store-damaged", "nothing-submitted", "round-not-opened", "deadline-in-past"]) }),
  obj({ kind: z.enum(["no-quorum", "round-already-open", "seat-not-submitted"]), round: z.number() }),
  obj({ kind: lit("round-not-next"), open: z.number() }),
  obj({ kind: lit("vault-failed"), error: VaultErrorSchema }),
]);

const Named = { name: z.string() };
export const FileResultSchema: z.ZodType<FileResult> = z.union([
  obj({ ...Named, outcome: z.enum(["accepted", "already-held"]), fingerprint: z.string(), revision: Revision }),
  obj({ ...Named, outcome: lit("refused"), refusal: IncomingRefusalSchema }),
  obj({ ...Named, outcome: lit("failed"), error: VaultErrorSchema }),
]);

const Held = { revision: Revision, signedAt: z.string(), receivedAt: z.string(), sha256: z.string(), earlierVersion: z.boolean() };
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

/**
 * The chair's statistics of one round (shared/merge/statistics.ts), checked
 * field by field: every number finite, every count a whole number, every id
 * of its kind, no key missing or added.
 */
const maybe = <T extends z.ZodType>(schema: T) => z.union([schema, z.undefined()]);
const Count = z.number().int().nonnegative();
const Num = z.number();
const TermOfValueSchema: z.ZodType<TermOfValue> = z.discriminatedUnion("kind", [
  obj({ kind: lit("within"), term: z.string() }),
  obj({ kind: z.enum(["boundary", "between-bands"]), lower: z.string(), upper: z.string() }),
  obj({ kind: z.enum(["below-scale", "above-scale"]), nearest: z.string() }),
]);
const PoolSchema = obj({ value: Num, term: TermOfValueSchema, normalised: maybe(Num), normalisedTerm: maybe(TermOfValueSchema) });
const SpreadSchema = obj({ n: Count, median: Num, p25: Num, p75: Num, iqr: Num, min: Num, max: Num });
const IprSchema = obj({ n: Count, p30: Num, p70: Num, ipr: Num, iprcp: Num, asymmetry: Num, ipras: Num, disagreement: z.boolean() });
const ThirdsSchema = obj({ n: Count, low: Count, high: Count, threshold: Count, disagreement: z.boolean() });
const RandUclaSchema = obj({ ipr: maybe(IprSchema), thirds: maybe(ThirdsSchema) });
const ClaimSummarySchema: z.ZodType<ClaimSummary> = obj({
  claim: ClaimIdSchema,
  best: maybe(SpreadSchema),
  linearPool: maybe(PoolSchema),
  logOddsPool: maybe(PoolSchema),
  range: maybe(obj({ n: Count, lowest: Num, highest: Num })),
  disagreement: obj({ terms: RandUclaSchema, estimates: RandUclaSchema }),
});
const Level = z.enum(ALPHA_LEVELS);
const AlphaSchema: z.ZodType<AlphaOutcome> = z.discriminatedUnion("kind", [
  obj({ kind: lit("alpha"), value: Num, level: Level, pairableValues: Num, pairableUnits: Count, observed: Num, expected: Num }),
  obj({ kind: lit("no-pairable-values"), level: Level }),
  obj({ kind: lit("no-variation"), level: Level, pairableValues: Num, pairableUnits: Count }),
  obj({ kind: lit("invalid-value"), level: Level, coder: Count, unit: Count, reason: z.enum(["not-a-number", "negative-for-ratio"]) }),
]);
const TermCounts = z.array(obj({ term: z.string(), count: Count }));
const DistributionSchema = obj({ counts: TermCounts, unknown: TermCounts, missing: Count, answered: Count });
const ClaimStatisticsSchema: z.ZodType<ClaimStatistics> = obj({
  claim: ClaimIdSchema,
  statement: z.string(),
  catchAll: z.boolean(),
  answered: Count,
  summary: ClaimSummarySchema,
  regional: z.array(obj({ region: UnRegionSchema, n: Count, median: maybe(Num) })),
  strip: z.array(obj({ region: maybe(UnRegionSchema), value: Num })),
  dissenters: z.array(obj({ seat: SeatIdSchema, value: Num, outsideIqr: maybe(z.enum(["below", "above"])), otherSideOfHalf: z.boolean() })),
  stateResponsibility: DistributionSchema,
  legalBasis: DistributionSchema,
  confidence: DistributionSchema,
  confidenceBasis: obj({ evidence: z.array(z.string()), agreement: z.array(z.string()), cells: z.array(z.array(Count)), incomplete: Count }),
});
const AchCellSchema = obj({ claim: ClaimIdSchema, n: Count, notApplicable: Count, median: maybe(Num), p25: maybe(Num), p75: maybe(Num), iqr: maybe(Num) });
const AchSchema: z.ZodType<AchStatistics> = obj({
  rows: z.array(obj({ evidence: EvidenceIdSchema, title: z.string(), grading: maybe(AdmiraltySchema), weight: Num, cells: z.array(AchCellSchema), diagnosticity: maybe(Num) })),
  claims: z.array(obj({ claim: ClaimIdSchema, perSeat: z.array(obj({ seat: SeatIdSchema, score: Num, weighted: Num })), median: maybe(Num), weightedMedian: maybe(Num) })),
});
export const PanelStatisticsSchema: z.ZodType<PanelStatistics> = obj({
  caseId: CaseIdSchema,
  round: Round,
  rubric: RubricSchema,
  seats: z.array(obj({ fingerprint: SeatIdSchema, displayName: z.string(), region: maybe(UnRegionSchema), revision: maybe(Revision) })),
  counted: Count,
  claims: z.array(ClaimStatisticsSchema),
  agreement: obj({ likelihood: AlphaSchema, best: AlphaSchema, stateResponsibility: AlphaSchema, legalBasis: AlphaSchema }),
  ach: AchSchema,
});
/** What the chair's statistics screen gets: the statistics of the round, or why there are none ("nothing-submitted" among them). */
export const StatisticsAnswerSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("statistics"), statistics: PanelStatisticsSchema }), MergeRefusedSchema]);
export type StatisticsAnswer = z.infer<typeof StatisticsAnswerSchema>;

/**
 * The Chair page's view of a case: the dashboard of the round open and that
 * round's statistics, built from one reading of the vault (the statistics
 * answer is "refused" with "nothing-submitted" while none is held).
 */
export const ChairViewAnswerSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("dashboard"), dashboard: DashboardSchema, statistics: StatisticsAnswerSchema }), MergeRefusedSchema]);
export type ChairViewAnswer = z.infer<typeof ChairViewAnswerSchema>;
/** An import's answer: each file's result, then the view of the case after it (from what was in hand, not a second reading). */
export const MergeImportSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("imported"), results: z.array(FileResultSchema), dashboard: DashboardSchema, statistics: StatisticsAnswerSchema }),
  MergeRefusedSchema,
]);
export type MergeImport = z.infer<typeof MergeImportSchema>;

/**
 * Delphi / IDEA rounds on the chair's side: the round open for a case (and
 * the seats a feedback packet goes to), opening the next, one feedback
 * packet per seat, and the movement between two rounds.
 */
export const RoundStateSchema: z.ZodType<RoundOverview> = obj({
  caseId: z.string(),
  /** The round open now (1 until the chair opens round 2). */
  round: Round,
  opened: obj({ openedAt: z.string(), deadline: z.string(), note: z.string().optional(), quorum: obj({ declaredAt: z.string(), submitted: Count, seats: Count }) }).nullable(),
  /** A quorum is declared for the open round (so the next may be opened). */
  quorumDeclared: z.boolean(),
  /** The seats whose scoresheet of the round before the open one the chair holds: each gets a feedback packet (none while round 1 is open). */
  feedbackSeats: z.array(obj({ fingerprint: z.string(), displayName: z.string(), role: z.enum(["chair", "member"]) })),
});
export const RoundAnswerSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("round"), state: RoundStateSchema }), MergeRefusedSchema]);
export type RoundAnswer = z.infer<typeof RoundAnswerSchema>;
export const FeedbackExportSchema = z.discriminatedUnion("outcome", [obj({ outcome: lit("exported"), file: ExportFileSchema, sha256: z.string(), round: Round }), MergeRefusedSchema]);
export type FeedbackExport = z.infer<typeof FeedbackExportSchema>;
const FlagChangeSchema = obj({ before: maybe(z.boolean()), after: maybe(z.boolean()), move: z.enum(["raised", "cleared", "kept", "none", "unknown"]) });
const FlagPair = obj({ ipr: FlagChangeSchema, thirds: FlagChangeSchema });
const AlphaChangeSchema = obj({ before: AlphaSchema, after: AlphaSchema, change: maybe(Num) });
export const MovementSchema: z.ZodType<Movement> = obj({
  fromRound: Round,
  toRound: Round,
  seats: obj({ before: Count, after: Count }),
  claims: z.array(
    obj({
      claim: ClaimIdSchema,
      before: ClaimSummarySchema,
      after: ClaimSummarySchema,
      change: obj({ n: z.number().int(), median: maybe(Num), iqr: maybe(Num), linearPool: maybe(Num), logOddsPool: maybe(Num) }),
      flags: obj({ terms: FlagPair, estimates: FlagPair }),
    }),
  ),
  agreement: obj({ likelihood: AlphaChangeSchema, best: AlphaChangeSchema, stateResponsibility: AlphaChangeSchema, legalBasis: AlphaChangeSchema }),
});
/** The movement, with the claims' statements (in the case's order) to label it. */
export const MovementAnswerSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("movement"), movement: MovementSchema, claims: z.array(obj({ claim: ClaimIdSchema, statement: z.string(), catchAll: z.boolean() })) }),
  MergeRefusedSchema,
]);
export type MovementAnswer = z.infer<typeof MovementAnswerSchema>;

export const mergeMethods = {
  "merge:cases": { request: Empty, response: z.array(ChairedCaseSchema) },
  "merge:dashboard": { request: obj({ caseId: Id }), response: ChairViewAnswerSchema },
  "merge:import": {
    request: obj({ caseId: Id, files: z.array(obj({ name: z.string().max(1000), file: FileInput.refine((f) => f.size <= MAX_SCORESHEET_FILE_BYTES, { params: { reason: "file-too-large" } }) })).min(1).max(MAX_IMPORT_FILES) }),
    response: MergeImportSchema,
  },
  "merge:declare-quorum": { request: obj({ caseId: Id, round: Round }), response: DashboardAnswerSchema },
  "merge:statistics": { request: obj({ caseId: Id, round: Round }), response: StatisticsAnswerSchema },
  "merge:round": { request: obj({ caseId: Id }), response: RoundAnswerSchema },
  "merge:open-round": { request: obj({ caseId: Id, round: Round, deadline: z.iso.datetime(), note: z.string().max(MAX_NOTE).optional() }), response: RoundAnswerSchema },
  "merge:export-feedback": { request: obj({ caseId: Id, seat: z.string().max(100) }), response: FeedbackExportSchema },
  "merge:movement": { request: obj({ caseId: Id, round: Round }), response: MovementAnswerSchema },
} as const;

export type MergeHandlers = HandlersOf<typeof mergeMethods>;

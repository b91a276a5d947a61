/**
 * The contract of the chair's opinion draft (issue 15, "Drafting"): loading
 * the draft with the opinion recomputed from the final round's statistics,
 * saving the chair's choices, reasoning and withholding marks, and sending
 * the draft to the members for comment (one file per member). Answered
 * by shared/worker/opinion-handlers.ts.
 *
 * The released estimates' regions are marked as one group (`regionsWithheld`,
 * a reason or null) rather than one pointer per estimate: the estimates are
 * shuffled afresh with every recomputation and their number grows with each
 * scoresheet imported, so the worker turns the group into the pointers of the
 * opinion at hand (withholding.ts estimateRegionPointers) when it saves, and
 * back when it loads.
 */
import { z } from "../../validation/zod";
import type { DraftError } from "../../opinion/opinion";
import { OpinionSchema } from "../../opinion/opinion";
import type { MarkProblem } from "../../opinion/withholding";
import { WithholdingMarkSchema, WithholdingReasonSchema } from "../../opinion/withholding";
import { MAX_MARKS, StoredChoicesSchema } from "../../opinion/records/opinion-draft.record";
export type { StoredChoices, StoredClaimChoice } from "../../opinion/records/opinion-draft.record";
import { MAX_REASONING } from "../../opinion/opinion";
import { ClaimIdSchema } from "../../case/model";
import { prose } from "../../case/model";
import { RubricSchema } from "../../rubric/rubric";
import { MAX_NOTE, RoundSchema } from "../../scoring/scoresheet";
import { IssueSchema } from "../../validation/issues";
import { MergeErrorSchema } from "./chair";
import { ExportFileSchema, Id, type HandlersOf } from "./common";

const obj = z.strictObject;
const lit = z.literal;

const SCALES = ["confidence", "evidenceBasis", "agreement", "stateResponsibility", "legalBasis"] as const;
const METHODS = ["median", "linear-pool", "log-odds-pool"] as const;

export const DraftErrorSchema: z.ZodType<DraftError> = z.discriminatedUnion("kind", [
  obj({ kind: lit("other-case"), expected: z.string(), actual: z.string() }),
  obj({ kind: lit("unknown-claim"), claim: z.string() }),
  obj({ kind: lit("unknown-term"), claim: z.string(), scale: z.enum(SCALES), term: z.string() }),
  obj({ kind: lit("unknown-evidence"), evidence: z.string() }),
  obj({ kind: lit("no-estimates"), claim: z.string(), method: z.enum(METHODS) }),
  obj({ kind: lit("invalid-draft"), issues: z.array(IssueSchema) }),
]) as z.ZodType<DraftError>;

export const MarkProblemSchema: z.ZodType<MarkProblem> = z.discriminatedUnion("kind", [
  obj({ kind: lit("not-a-mark"), index: z.number().int().nonnegative() }),
  obj({ kind: z.enum(["nothing-there", "not-withholdable", "marked-twice"]), pointer: z.string() }),
]);

/** Why a save was refused (nothing was written): the choices do not make an opinion, or a mark is not one of it. */
export const DraftRefusalSchema = z.discriminatedUnion("kind", [obj({ kind: lit("draft"), error: DraftErrorSchema }), obj({ kind: lit("marks"), problems: z.array(MarkProblemSchema).min(1) })]);
export type DraftRefusal = z.infer<typeof DraftRefusalSchema>;

const Reasoning = prose(MAX_REASONING);
const Marks = z.array(WithholdingMarkSchema).max(MAX_MARKS);

/** The draft as the chair edits it. */
export const DraftStateSchema = obj({
  choices: StoredChoicesSchema,
  reasoning: Reasoning,
  /** The marks, without the released estimates' regions (those are `regionsWithheld`). */
  marks: Marks,
  /** The reason the released estimates' regions may be withheld for, or null. */
  regionsWithheld: WithholdingReasonSchema.nullable(),
});
export type DraftState = z.infer<typeof DraftStateSchema>;

const MergeRefusedSchema = obj({ outcome: lit("refused"), error: MergeErrorSchema });

export const OpinionViewSchema = z.discriminatedUnion("outcome", [
  obj({
    outcome: lit("draft"),
    /** The final round: the latest whose scoresheets the chair holds. */
    round: RoundSchema,
    /** The rubric of the case (the terms the findings name). */
    rubric: RubricSchema,
    /** The case's claims in its order (so the choices can be shown even when no opinion could be computed). */
    claims: z.array(obj({ claim: ClaimIdSchema, statement: z.string(), catchAll: z.boolean() })),
    draft: DraftStateSchema,
    /** When the draft was last saved; null before the first save (the defaults are shown). */
    updatedAt: z.string().nullable(),
    /** The opinion recomputed from the statistics and the draft, or why it could not be (then null). */
    opinion: OpinionSchema.nullable(),
    problem: DraftErrorSchema.nullable(),
    /** Stored marks that name nothing in the opinion recomputed now (they are kept until the chair saves again). */
    stale: z.array(MarkProblemSchema),
  }),
  MergeRefusedSchema,
]);
export type OpinionView = z.infer<typeof OpinionViewSchema>;

export const OpinionSavedSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: lit("saved"), updatedAt: z.string(), opinion: OpinionSchema }),
  obj({ outcome: lit("invalid"), refusal: DraftRefusalSchema }),
  MergeRefusedSchema,
]);
export type OpinionSaved = z.infer<typeof OpinionSavedSchema>;

/** The draft sent for comment: its comment round and digest, and one file per member seat (encrypted to that member and the chair). */
export const SentForCommentSchema = z.discriminatedUnion("outcome", [
  obj({
    outcome: lit("sent"),
    round: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    files: z.array(obj({ seat: z.string(), displayName: z.string(), file: ExportFileSchema })),
  }),
  obj({ outcome: lit("invalid"), refusal: z.union([DraftRefusalSchema, obj({ kind: lit("deadline-passed") }), obj({ kind: lit("no-members") }), obj({ kind: lit("too-many-rounds") })]) }),
  MergeRefusedSchema,
]);
export type SentForComment = z.infer<typeof SentForCommentSchema>;

export const opinionMethods = {
  "opinion:load": { request: obj({ caseId: Id }), response: OpinionViewSchema },
  "opinion:save": { request: obj({ caseId: Id, draft: DraftStateSchema }), response: OpinionSavedSchema },
  "opinion:send-for-comment": { request: obj({ caseId: Id, deadline: z.iso.datetime(), note: prose(MAX_NOTE).optional() }), response: SentForCommentSchema },
} as const;

export type OpinionHandlers = HandlersOf<typeof opinionMethods>;

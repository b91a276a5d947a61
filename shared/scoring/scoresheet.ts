/**
 * The scoresheet: one panelist's answers to the rubric for every claim of a
 * case, in one round. The same answers are kept as an encrypted draft while
 * the panelist works (any field may be missing) and signed as a scoresheet
 * when submitted (completeness.ts says what must be there first).
 *
 * The signed document is canonical JSON (RFC 8785) that names everything it
 * answers: the case, the digest of the case packet's manifest and of its
 * content (version 2; shared/case/packet.ts packetContentSha256), the round,
 * the seat (the signer's fingerprint as the roster lists it), the rubric's id
 * and revision. A revision names its predecessor's digest and gives a reason
 * for each answer it changes (revision.ts). Answers carry ids, never labels.
 */
import { z } from "../validation/zod";
import { CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, SeatIdSchema, prose } from "../case/model";
import { TimestampSchema } from "../identity/identity-details";
import { RubricIdSchema } from "../rubric/rubric";

export const SCORESHEET_FORMAT = "attribution-panel/scoresheet";
/**
 * Version 2 adds `packetContent`, the digest of the packet's content, the same in every seat's packet, so the chair
 * checks that each panelist scored the case the chair holds (a manifest's digest differs from seat to seat). Version 1
 * scoresheets, signed before, are still read: the chair checks their packet only for the chair's own seat.
 */
export const SCORESHEET_VERSION = 2;
export const SCORESHEET_VERSIONS = [1, SCORESHEET_VERSION] as const;
/** Rounds of the Delphi / IDEA protocol a panel may run. */
export const MAX_ROUNDS = 10;
export const MAX_REVISIONS = 1000;
/** The first round, open until a later one is opened (the panelist: a feedback packet imported, feedback-import.ts openRoundOf; the chair: the open-round record). */
export const OPEN_ROUND = 1;
/** A round number, and a revision number within a seat's round. */
export const RoundSchema = z.number().int().min(1).max(MAX_ROUNDS);
export const RevisionSchema = z.number().int().min(1).max(MAX_REVISIONS);

/** Claims and evidence items by their ids as the case model brands them (one definition: a claim's id cannot be passed where an evidence item's is expected). */
export { ClaimIdSchema, EvidenceIdSchema, SeatIdSchema, type ClaimId, type EvidenceId, type SeatId } from "../case/model";
/** A rubric term's id (see shared/rubric/rubric.ts). */
export const TermIdSchema = z.string().regex(/^[a-z0-9-]{1,60}$/);
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** A probability in percent; the rubric's likelihood bands say which term it belongs to. */
export const PercentSchema = z.number().min(0).max(100);

export const MAX_RATIONALE = 20_000;
export const MAX_NOTE = 5_000;

/** The answers about one claim. Every field but the claim is optional here; completeness.ts says which the rubric requires. */
export const ClaimAnswerSchema = z.strictObject({
  claim: ClaimIdSchema,
  /** The likelihood term (ICD 203 in the default rubric). */
  likelihood: TermIdSchema.optional(),
  /** The best estimate, in percent. */
  best: PercentSchema.optional(),
  /** The IDEA protocol's lowest and highest plausible values, in percent. */
  lowest: PercentSchema.optional(),
  highest: PercentSchema.optional(),
  confidence: TermIdSchema.optional(),
  evidenceBasis: TermIdSchema.optional(),
  agreement: TermIdSchema.optional(),
  stateResponsibility: TermIdSchema.optional(),
  legalBasis: TermIdSchema.optional(),
  /** Markdown, rendered without raw HTML. */
  rationale: prose(MAX_RATIONALE).optional(),
});
export type ClaimAnswer = z.infer<typeof ClaimAnswerSchema>;
/** The fields of a claim's answer besides the claim itself, in the order the screen asks them. */
export const CLAIM_FIELDS = ["likelihood", "best", "lowest", "highest", "confidence", "evidenceBasis", "agreement", "stateResponsibility", "legalBasis", "rationale"] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

/** One row of the ACH matrix: how an evidence item bears on each claim (consistency term ids, by claim id). */
export const AchRowSchema = z.strictObject({
  evidence: EvidenceIdSchema,
  cells: z.record(ClaimIdSchema, TermIdSchema).refine((cells) => Object.keys(cells).length <= 50, { params: { reason: "too-many-claims" } }),
});
export type AchRow = z.infer<typeof AchRowSchema>;

export const AttestationSchema = z.strictObject({
  /** The panelist attests that they scored independently, without seeing anyone else's scores (false while only the interests are written). */
  independent: z.boolean(),
  /** Interests to declare; empty when there are none. */
  interests: prose(MAX_NOTE),
  at: TimestampSchema,
});
export type Attestation = z.infer<typeof AttestationSchema>;

export const AnswersSchema = z
  .strictObject({
    claims: z.array(ClaimAnswerSchema).max(50),
    ach: z.array(AchRowSchema).max(10_000),
    civilianHarm: prose(MAX_NOTE).optional(),
    proportionality: prose(MAX_NOTE).optional(),
    /** The overall rationale (Markdown). */
    rationale: prose(MAX_RATIONALE * 2).optional(),
    attestation: AttestationSchema.optional(),
    /**
     * Consent: "my rationales may be shown, without my name, to the other panelists in the next round" (the
     * Delphi feedback). Absent means no; older scoresheets do not have it.
     */
    shareRationale: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const claims = a.claims.map((c) => c.claim);
    if (new Set(claims).size !== claims.length) ctx.addIssue({ code: "custom", path: ["claims"], params: { reason: "duplicate-ids" } });
    const evidence = a.ach.map((r) => r.evidence);
    if (new Set(evidence).size !== evidence.length) ctx.addIssue({ code: "custom", path: ["ach"], params: { reason: "duplicate-ids" } });
  });
export type Answers = z.infer<typeof AnswersSchema>;

export const EMPTY_ANSWERS: Answers = { claims: [], ach: [] };

/** Where a scoresheet sits: which case, packet, round, seat and rubric it answers. */
export const ScoresheetSubjectSchema = z.strictObject({
  caseId: CaseIdSchema,
  /** The SHA-256 of the case packet's manifest (its exact signed bytes) the panelist scored. */
  packetManifest: Sha256HexSchema,
  /** The digest of that packet's content (packetContentSha256), the same in every seat's packet of one export; from version 2. */
  packetContent: Sha256HexSchema.optional(),
  round: RoundSchema,
  /** The signer's seat: their fingerprint as the roster lists it, and the seat's role. */
  seat: z.strictObject({ fingerprint: SeatIdSchema, role: z.enum(["chair", "member"]) }),
  rubric: z.strictObject({ id: RubricIdSchema, revision: z.number().int().min(1) }),
});
export type ScoresheetSubject = z.infer<typeof ScoresheetSubjectSchema>;

/** An answer a revision changes, by key (answers.ts), and why. */
export const ChangeReasonSchema = z.strictObject({ answer: z.string().max(200), reason: prose(2000).pipe(z.string().trim().min(1)) });
export type ChangeReason = z.infer<typeof ChangeReasonSchema>;

export const ScoresheetSchema = z
  .strictObject({
    format: z.literal(SCORESHEET_FORMAT),
    version: z.union(SCORESHEET_VERSIONS.map((v) => z.literal(v))),
    ...ScoresheetSubjectSchema.shape,
    revision: RevisionSchema,
    /**
     * For a revision: the SHA-256 of the scoresheet it replaces, and a reason per changed answer. The first
     * scoresheet of round n ≥ 2 names the seat's final scoresheet of round n − 1 (the Delphi round it revises),
     * and may keep every answer (no change, so no reason); so may a revision signed on a newer packet of the
     * case; any other revision changes at least one (revision.ts checks it against the predecessor).
     */
    previous: z.strictObject({ sha256: Sha256HexSchema, changes: z.array(ChangeReasonSchema).max(100_000) }).optional(),
    answers: AnswersSchema,
    signedAt: TimestampSchema,
  })
  .superRefine((s, ctx) => {
    // From version 2 a scoresheet names its packet's content; before, it could not.
    if ((s.version >= 2) !== (s.packetContent !== undefined)) ctx.addIssue({ code: "custom", path: ["packetContent"], params: { reason: "version" } });
    const namesPrevious = s.revision > 1 || s.round > 1;
    if (namesPrevious !== (s.previous !== undefined)) ctx.addIssue({ code: "custom", path: ["previous"], params: { reason: "revision-chain" } });
  });
export type Scoresheet = z.infer<typeof ScoresheetSchema>;

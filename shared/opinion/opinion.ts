/**
 * The consolidated opinion as a document (issue 15, "Drafting"): what the
 * panel finds, per claim and as a whole, before any part of it is replaced
 * by a salted digest (shared/formats/selective-disclosure.ts conceals the
 * parts withholding.ts marks) and before anyone signs it.
 *
 * What it holds:
 * - per claim, the panel's finding: the aggregate the chair reports (median
 *   with its IQR, the linear pool or the log-odds pool, each as the
 *   statistics computed it, with the rubric's likelihood term of its value:
 *   ICD 203 in the default rubric), the analytic confidence and its basis
 *   (IPCC evidence × agreement), the degree of state responsibility (Healey)
 *   and the legal basis (Tallinn Manual 2.0), each a term id of the rubric
 *   or absent (the panel states no finding: the rubric did not ask, or the
 *   chair left it open), and the median per UN regional group;
 * - the group ACH summary: per evidence item its diagnosticity, per claim
 *   Heuer's inconsistency score, plain and weighted (medians over the
 *   panel: nothing per seat);
 * - the majority reasoning, Markdown, as a list of paragraphs (blocks), so
 *   that a single paragraph can be withheld: a JSON pointer names a value,
 *   never a part of a string;
 * - the evidence relied on (title, kind, Admiralty grading, TLP marking and
 *   the SHA-256 of each attachment), the roster (seat, role, name, region,
 *   affiliation), and the released anonymised estimates: per claim every
 *   counted seat's final best estimate, shuffled, with its region only when
 *   the chair releases regions, so anyone can recompute the medians, IQRs,
 *   pools and regional medians (not the agreement alphas, which need each
 *   seat's estimates linked across claims).
 *
 * Everything is an id or a number; no label of any language is written
 * (the rubric's terms are named by id, the interface words them).
 */
import { z } from "../validation/zod";
import type { ReceivedCase } from "../case/case-records";
import { AdmiraltySchema, CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, EvidenceKindSchema, SeatIdSchema, TlpSchema, prose, type CaseId, type ClaimId, type EvidenceId } from "../case/model";
import { RecordedAffiliationSchema, RecordedDisplayNameSchema, TimestampSchema, timestampOf } from "../identity/identity-details";
import { UnRegionSchema } from "../identity/un-regions";
import type { ClaimStatistics, Distribution, PanelStatistics, Pool } from "../merge/statistics";
import { termOfValue } from "../merge/stats/likelihood-term";
import { err, ok, type Result } from "../result";
import { RubricIdSchema, type Rubric } from "../rubric/rubric";
import { PercentSchema, RoundSchema, Sha256HexSchema, TermIdSchema } from "../scoring/scoresheet";
import { issuesOf, type Issue } from "../validation/issues";

export const OPINION_FORMAT = "attribution-panel/opinion";
export const OPINION_VERSION = 1;

export const MAX_SEATS = 51;
export const MAX_CLAIMS = 50;
export const MAX_EVIDENCE = 10_000;
/** One paragraph (block) of the majority reasoning, and how many blocks at most: about 200 000 characters in all. */
export const MAX_PARAGRAPH = 20_000;
export const MAX_PARAGRAPHS = 200;
export const MAX_REASONING = 200_000;

/** How the chair reports a claim's estimates. */
export const AGGREGATE_METHODS = ["median", "linear-pool", "log-odds-pool"] as const;
export type AggregateMethod = (typeof AGGREGATE_METHODS)[number];

/** Where a value falls on the rubric's likelihood scale (shared/merge/stats/likelihood-term.ts), as term ids. */
export const TermOfValueSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("within"), term: TermIdSchema }),
  z.strictObject({ kind: z.literal("boundary"), lower: TermIdSchema, upper: TermIdSchema }),
  z.strictObject({ kind: z.literal("below-scale"), nearest: TermIdSchema }),
  z.strictObject({ kind: z.literal("above-scale"), nearest: TermIdSchema }),
  z.strictObject({ kind: z.literal("between-bands"), lower: TermIdSchema, upper: TermIdSchema }),
]);

const CountSchema = z.number().int().nonnegative().max(MAX_SEATS);
const PooledSchema = (method: "linear-pool" | "log-odds-pool") =>
  z.strictObject({
    method: z.literal(method),
    n: CountSchema,
    /** The pooled value, in percent. */
    value: PercentSchema,
    term: TermOfValueSchema,
    /** The pool normalised across the claims (they are exhaustive and exclusive, so these sum to 100), when every claim has one. */
    normalised: z.strictObject({ value: PercentSchema, term: TermOfValueSchema }).optional(),
  });

export const AggregateSchema = z.discriminatedUnion("method", [
  z.strictObject({
    method: z.literal("median"),
    n: CountSchema,
    /** The median best estimate, in percent; P25 and P75 by R type 7. */
    value: PercentSchema,
    p25: PercentSchema,
    p75: PercentSchema,
    iqr: z.number().min(0).max(100),
    term: TermOfValueSchema,
  }),
  PooledSchema("linear-pool"),
  PooledSchema("log-odds-pool"),
]);
export type Aggregate = z.infer<typeof AggregateSchema>;

export const RegionalFindingSchema = z.strictObject({ region: UnRegionSchema, n: CountSchema, median: PercentSchema.optional() });

export const ClaimFindingSchema = z.strictObject({
  claim: ClaimIdSchema,
  /** The claim as the case states it ("" for the catch-all, which the interface words). */
  statement: z.string().max(500),
  catchAll: z.boolean(),
  /** Counted scoresheets that answered this claim. */
  answered: CountSchema,
  aggregate: AggregateSchema,
  /** The panel's analytic confidence (a term id of the rubric's confidence scale) and its basis. */
  confidence: TermIdSchema.optional(),
  confidenceBasis: z.strictObject({ evidence: TermIdSchema, agreement: TermIdSchema }).optional(),
  /** Healey's level of state responsibility. */
  stateResponsibility: TermIdSchema.optional(),
  /** The legal basis for attributing the conduct to a state (Tallinn Manual 2.0). */
  legalBasis: TermIdSchema.optional(),
  /** The median best estimate per UN regional group, every group in the UN's order. */
  regional: z.array(RegionalFindingSchema).max(5),
});
export type ClaimFinding = z.infer<typeof ClaimFindingSchema>;

export const AchSummarySchema = z.strictObject({
  /** Per evidence item relied on: the range of its cells' medians across the claims (0–4), absent with fewer than two claims scored. */
  evidence: z.array(z.strictObject({ evidence: EvidenceIdSchema, diagnosticity: z.number().min(0).max(4).optional() })).max(MAX_EVIDENCE),
  /** Per claim: Heuer's inconsistency score, the median over the panel, plain and weighted by the Admiralty grading. */
  claims: z.array(z.strictObject({ claim: ClaimIdSchema, inconsistency: z.number().min(0).optional(), weightedInconsistency: z.number().min(0).optional() })).max(MAX_CLAIMS),
});
export type AchSummary = z.infer<typeof AchSummarySchema>;

export const OpinionEvidenceSchema = z.strictObject({
  id: EvidenceIdSchema,
  title: z.string().min(1).max(200),
  kind: EvidenceKindSchema,
  grading: AdmiraltySchema,
  marking: TlpSchema,
  /** The SHA-256 of each attachment's original bytes, in the case's order. */
  sha256: z.array(Sha256HexSchema).max(1000),
});
export type OpinionEvidence = z.infer<typeof OpinionEvidenceSchema>;

export const OpinionSeatSchema = z.strictObject({
  seat: SeatIdSchema,
  role: z.enum(["chair", "member"]),
  name: RecordedDisplayNameSchema,
  region: UnRegionSchema,
  affiliation: RecordedAffiliationSchema,
});
export type OpinionSeat = z.infer<typeof OpinionSeatSchema>;

export const ReleasedEstimateSchema = z.strictObject({ value: PercentSchema, region: UnRegionSchema.optional() });
export const ReleasedEstimatesSchema = z.strictObject({ claim: ClaimIdSchema, values: z.array(ReleasedEstimateSchema).max(MAX_SEATS) });
export type ReleasedEstimates = z.infer<typeof ReleasedEstimatesSchema>;

/** One paragraph (block) of Markdown: no control characters but tabs and line breaks, no direction overrides. */
export const ReasoningParagraphSchema = prose(MAX_PARAGRAPH).refine((s) => s.trim() !== "");

const unique = (ids: readonly string[]): boolean => new Set(ids).size === ids.length;

export const OpinionSchema = z
  .strictObject({
    format: z.literal(OPINION_FORMAT),
    version: z.literal(OPINION_VERSION),
    caseId: CaseIdSchema,
    caseTitle: z.string().min(1).max(200),
    /** The round whose final scoresheets the findings come from. */
    round: RoundSchema,
    /** The rubric the term ids belong to. */
    rubric: z.strictObject({ id: RubricIdSchema, revision: z.number().int().min(1).max(1_000_000) }),
    findings: z.array(ClaimFindingSchema).min(1).max(MAX_CLAIMS),
    ach: AchSummarySchema,
    reasoning: z
      .array(ReasoningParagraphSchema)
      .max(MAX_PARAGRAPHS)
      .refine((ps) => ps.reduce((n, p) => n + p.length, 0) <= MAX_REASONING),
    evidence: z.array(OpinionEvidenceSchema).max(MAX_EVIDENCE),
    roster: z.array(OpinionSeatSchema).min(1).max(MAX_SEATS),
    estimates: z.array(ReleasedEstimatesSchema).max(MAX_CLAIMS),
    draftedAt: TimestampSchema,
  })
  .superRefine((o, ctx) => {
    const duplicate = (path: string, ids: readonly string[]) => {
      if (!unique(ids)) ctx.addIssue({ code: "custom", path: [path], params: { reason: "duplicate-ids" } });
    };
    duplicate("findings", o.findings.map((f) => f.claim));
    duplicate("evidence", o.evidence.map((e) => e.id));
    duplicate("roster", o.roster.map((s) => s.seat));
    duplicate("estimates", o.estimates.map((e) => e.claim));
    // Everything the summaries name must be in the document: no stray id.
    const claims = new Set<string>(o.findings.map((f) => f.claim));
    const evidence = new Set<string>(o.evidence.map((e) => e.id));
    const stray = (known: Set<string>, ids: readonly string[], path: readonly (string | number)[], field: string) => {
      ids.forEach((id, i) => {
        if (!known.has(id)) ctx.addIssue({ code: "custom", path: [...path, i, field] });
      });
    };
    stray(claims, o.estimates.map((e) => e.claim), ["estimates"], "claim");
    stray(claims, o.ach.claims.map((c) => c.claim), ["ach", "claims"], "claim");
    stray(evidence, o.ach.evidence.map((e) => e.evidence), ["ach", "evidence"], "evidence");
  });
export type Opinion = z.infer<typeof OpinionSchema>;

// --- the majority reasoning as blocks ----------------------------------------

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Markdown split into its blocks at blank lines, outside fenced code blocks
 * (a fence keeps its blank lines), without trailing spaces (a leading
 * indent is kept: it makes a code block); line endings read as LF.
 * joinReasoning is its inverse on what it returns.
 */
export function reasoningParagraphs(markdown: string): string[] {
  const out: string[] = [];
  let block: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    const text = block.join("\n").trimEnd();
    if (text.trim() !== "") out.push(text);
    block = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const opens = FENCE.exec(line)?.[1];
    if (fence === undefined && opens !== undefined) fence = opens;
    else if (fence !== undefined && opens !== undefined && opens[0] === fence[0] && opens.length >= fence.length && line.trim() === opens) fence = undefined;
    if (fence === undefined && line.trim() === "" && opens === undefined) flush();
    else block.push(line);
  }
  flush();
  return out;
}

/** The reasoning's blocks as one Markdown text, for rendering. */
export const joinReasoning = (paragraphs: readonly string[]): string => paragraphs.join("\n\n");

// --- the first draft ---------------------------------------------------------

/** What the chair decides for one claim; absent fields follow the panel (the mode of its answers), `null` states no finding. */
export interface ClaimChoice {
  readonly aggregate?: AggregateMethod;
  readonly confidence?: string | null;
  readonly confidenceBasis?: { readonly evidence: string; readonly agreement: string } | null;
  readonly stateResponsibility?: string | null;
  readonly legalBasis?: string | null;
}

export interface DraftChoices {
  /** The aggregate reported for every claim without its own choice. */
  readonly aggregate: AggregateMethod;
  readonly claims?: ReadonlyMap<ClaimId, ClaimChoice>;
  /** The evidence the opinion relies on (in the case's order whatever the order given); every item when absent. */
  readonly evidence?: readonly EvidenceId[];
  /** Whether each released estimate carries its region. */
  readonly regions: boolean;
  /** The majority reasoning, Markdown (split into blocks by reasoningParagraphs). */
  readonly reasoning?: string;
  readonly draftedAt: Date;
}

/** A uniformly random order of `items` (randomShuffle draws from the CSPRNG; tests pass their own). */
export type Shuffle = <T>(items: readonly T[]) => T[];

export type RubricScaleName = "confidence" | "evidenceBasis" | "agreement" | "stateResponsibility" | "legalBasis";

export type DraftError =
  /** The statistics are of another case than the one received. */
  | { readonly kind: "other-case"; readonly expected: CaseId; readonly actual: CaseId }
  /** A choice names a claim the case does not hold. */
  | { readonly kind: "unknown-claim"; readonly claim: ClaimId }
  /** A choice names a term the rubric's scale does not hold. */
  | { readonly kind: "unknown-term"; readonly claim: ClaimId; readonly scale: RubricScaleName; readonly term: string }
  | { readonly kind: "unknown-evidence"; readonly evidence: EvidenceId }
  /** Nobody gave a best estimate for the claim, so the chosen aggregate has no value. */
  | { readonly kind: "no-estimates"; readonly claim: ClaimId; readonly method: AggregateMethod }
  /** The draft does not fit the opinion's schema (a roster name or a paragraph too long, say). */
  | { readonly kind: "invalid-draft"; readonly issues: readonly Issue[] };

/** The one term chosen most often, or undefined when nobody answered or two terms tie. */
export function modalTerm(d: Distribution): string | undefined {
  const max = Math.max(0, ...d.counts.map((c) => c.count));
  const top = d.counts.filter((c) => c.count === max);
  return max > 0 && top.length === 1 ? top[0]?.term : undefined;
}

/** The one evidence × agreement pair chosen most often, or undefined (none, or a tie). */
export function modalBasis(basis: ClaimStatistics["confidenceBasis"]): { evidence: string; agreement: string } | undefined {
  let best: { evidence: string; agreement: string } | undefined;
  let max = 0;
  let ties = 0;
  basis.cells.forEach((row, r) =>
    row.forEach((count, c) => {
      if (count > max) [max, ties, best] = [count, 1, { evidence: basis.evidence[r] as string, agreement: basis.agreement[c] as string }];
      else if (count === max && count > 0) ties++;
    }),
  );
  return ties === 1 ? best : undefined;
}

function aggregateOf(s: ClaimStatistics, method: AggregateMethod, rubric: Rubric): Aggregate | undefined {
  const best = s.summary.best;
  if (best === undefined) return undefined;
  if (method === "median") return { method, n: best.n, value: best.median, p25: best.p25, p75: best.p75, iqr: best.iqr, term: termOfValue(rubric.likelihood, best.median) };
  const pool: Pool | undefined = method === "linear-pool" ? s.summary.linearPool : s.summary.logOddsPool;
  if (pool === undefined) return undefined;
  return {
    method,
    n: best.n,
    value: pool.value,
    term: pool.term,
    ...(pool.normalised !== undefined && pool.normalisedTerm !== undefined ? { normalised: { value: pool.normalised, term: pool.normalisedTerm } } : {}),
  };
}

const scaleIds = (rubric: Rubric, scale: RubricScaleName): readonly string[] => rubric[scale].map((t) => t.id);

/** The finding on one scale: the chair's term (checked against the rubric), none (`null`), or the panel's mode. */
function chosenTerm(claim: ClaimId, rubric: Rubric, scale: RubricScaleName, chosen: string | null | undefined, panel: () => string | undefined): Result<string | undefined, DraftError> {
  if (chosen === null) return ok(undefined);
  if (chosen === undefined) return ok(panel());
  return scaleIds(rubric, scale).includes(chosen) ? ok(chosen) : err({ kind: "unknown-term", claim, scale, term: chosen });
}

function findingOf(s: ClaimStatistics, rubric: Rubric, choices: DraftChoices): Result<ClaimFinding, DraftError> {
  const choice = choices.claims?.get(s.claim) ?? {};
  const method = choice.aggregate ?? choices.aggregate;
  const aggregate = aggregateOf(s, method, rubric);
  if (aggregate === undefined) return err({ kind: "no-estimates", claim: s.claim, method });
  const confidence = chosenTerm(s.claim, rubric, "confidence", choice.confidence, () => modalTerm(s.confidence));
  if (!confidence.ok) return confidence;
  const stateResponsibility = chosenTerm(s.claim, rubric, "stateResponsibility", choice.stateResponsibility, () => modalTerm(s.stateResponsibility));
  if (!stateResponsibility.ok) return stateResponsibility;
  const legalBasis = chosenTerm(s.claim, rubric, "legalBasis", choice.legalBasis, () => modalTerm(s.legalBasis));
  if (!legalBasis.ok) return legalBasis;
  let basis = modalBasis(s.confidenceBasis);
  if (choice.confidenceBasis === null) basis = undefined;
  else if (choice.confidenceBasis !== undefined) {
    const { evidence, agreement } = choice.confidenceBasis;
    if (!scaleIds(rubric, "evidenceBasis").includes(evidence)) return err({ kind: "unknown-term", claim: s.claim, scale: "evidenceBasis", term: evidence });
    if (!scaleIds(rubric, "agreement").includes(agreement)) return err({ kind: "unknown-term", claim: s.claim, scale: "agreement", term: agreement });
    basis = { evidence, agreement };
  }
  return ok({
    claim: s.claim,
    statement: s.statement,
    catchAll: s.catchAll,
    answered: s.answered,
    aggregate,
    ...(confidence.value === undefined ? {} : { confidence: confidence.value }),
    ...(basis === undefined ? {} : { confidenceBasis: basis }),
    ...(stateResponsibility.value === undefined ? {} : { stateResponsibility: stateResponsibility.value }),
    ...(legalBasis.value === undefined ? {} : { legalBasis: legalBasis.value }),
    regional: s.regional.map((r) => ({ region: r.region, n: r.n, ...(r.median === undefined ? {} : { median: r.median }) })),
  });
}

/**
 * The first draft of the opinion from what the chair sees (the statistics of
 * the final round) and what the chair chose. Findings the chair did not
 * choose follow the panel: the mode of its answers, or no finding when
 * nobody answered or two terms tie. The released estimates are each claim's
 * strip points (every counted seat's best estimate, no seat) in the order
 * `shuffle` gives, with their regions when `choices.regions`.
 */
export function draftFromStatistics(received: ReceivedCase, statistics: PanelStatistics, choices: DraftChoices, shuffle: Shuffle): Result<Opinion, DraftError> {
  const c = received.case;
  if (statistics.caseId !== c.id) return err({ kind: "other-case", expected: c.id, actual: statistics.caseId });
  const rubric = statistics.rubric;
  for (const claim of choices.claims?.keys() ?? []) if (!statistics.claims.some((s) => s.claim === claim)) return err({ kind: "unknown-claim", claim });
  const reliedOn = new Set<EvidenceId>(choices.evidence ?? c.evidence.map((e) => e.id));
  for (const id of reliedOn) if (!c.evidence.some((e) => e.id === id)) return err({ kind: "unknown-evidence", evidence: id });

  const findings: ClaimFinding[] = [];
  for (const s of statistics.claims) {
    const finding = findingOf(s, rubric, choices);
    if (!finding.ok) return finding;
    findings.push(finding.value);
  }
  const evidence = c.evidence.filter((e) => reliedOn.has(e.id));
  const draft: Opinion = {
    format: OPINION_FORMAT,
    version: OPINION_VERSION,
    caseId: c.id,
    caseTitle: c.title,
    round: statistics.round,
    rubric: { id: rubric.id, revision: rubric.revision },
    findings,
    ach: {
      evidence: statistics.ach.rows.filter((r) => reliedOn.has(r.evidence)).map((r) => ({ evidence: r.evidence, ...(r.diagnosticity === undefined ? {} : { diagnosticity: r.diagnosticity }) })),
      claims: statistics.ach.claims.map((a) => ({
        claim: a.claim,
        ...(a.median === undefined ? {} : { inconsistency: a.median }),
        ...(a.weightedMedian === undefined ? {} : { weightedInconsistency: a.weightedMedian }),
      })),
    },
    reasoning: reasoningParagraphs(choices.reasoning ?? ""),
    evidence: evidence.map((e) => ({ id: e.id, title: e.title, kind: e.kind, grading: e.grading, marking: e.marking, sha256: e.attachments.map((a) => a.sha256) })),
    roster: received.roster.map((p) => ({ seat: p.fingerprint, role: p.role, name: p.displayName, region: p.region, affiliation: p.affiliation })),
    estimates: statistics.claims.map((s) => ({
      claim: s.claim,
      values: shuffle(s.strip).map((p) => ({ value: p.value, ...(choices.regions && p.region !== undefined ? { region: p.region } : {}) })),
    })),
    draftedAt: timestampOf(choices.draftedAt),
  };
  // Built from checked records, yet a roster name or a paragraph may exceed what the opinion allows: a value, not a throw.
  const checked = OpinionSchema.safeParse(draft);
  return checked.success ? ok(checked.data) : err({ kind: "invalid-draft", issues: issuesOf(checked.error) });
}

/**
 * What a scoresheet still lacks before it can be submitted (gaps), and what
 * deserves a second look without blocking (warnings), for the rubric the
 * panel was given. The same review runs on the panelist's screen, before
 * signing, and on the chair's side when a scoresheet is imported.
 *
 * - Every claim of the case: a likelihood term and a best estimate inside the
 *   term's band (the matching terms are offered); the rubric's other
 *   questions as it asks them (off / optional / required).
 * - The IDEA range: when given, both ends, lowest ≤ best ≤ highest.
 * - The ACH matrix (when asked): a term for every evidence item × claim
 *   ("not applicable" is a term).
 * - Coherence: the claims are exhaustive and exclusive (one catch-all), so
 *   the best estimates sum to about 100; outside 100 ± the rubric's
 *   tolerance is a warning (normalise offers the fix).
 */
import type { Rubric, RubricQuestion, RubricScale } from "../rubric/rubric";
import type { Answers, ClaimAnswer, ClaimField } from "./scoresheet";

export type ScoringContext = {
  readonly claims: readonly { readonly id: string }[];
  readonly evidence: readonly { readonly id: string }[];
  readonly rubric: Rubric;
};

export type Gap =
  /** A required answer about a claim is missing (or blank text). */
  | { readonly kind: "missing"; readonly claim: string; readonly field: ClaimField }
  /** The best estimate lies outside the chosen term's band; `matching` are the terms whose band holds it. */
  | { readonly kind: "estimate-outside-term"; readonly claim: string; readonly term: string; readonly best: number; readonly matching: readonly string[] }
  /** Only one end of the range, or lowest ≤ best ≤ highest does not hold. */
  | { readonly kind: "range-incomplete"; readonly claim: string }
  | { readonly kind: "range-order"; readonly claim: string }
  /** A term that is not one of the rubric's for that question. */
  | { readonly kind: "unknown-term"; readonly claim?: string; readonly evidence?: string; readonly field: ClaimField | "ach"; readonly term: string }
  /** An answer to a question the rubric does not ask. */
  | { readonly kind: "not-asked"; readonly claim?: string; readonly field: ClaimField | RubricQuestion }
  /** An answer about a claim or evidence item the case does not have. */
  | { readonly kind: "unknown-claim"; readonly claim: string }
  | { readonly kind: "unknown-evidence"; readonly evidence: string }
  /** ACH cells left empty in an evidence item's row. */
  | { readonly kind: "ach-missing"; readonly evidence: string; readonly claims: readonly string[] }
  | { readonly kind: "missing-overall"; readonly field: "civilianHarm" | "proportionality" | "rationale" }
  | { readonly kind: "not-attested" };

export type Warning = { readonly kind: "sum-outside-tolerance"; readonly sum: number; readonly tolerance: number };

export type Review = {
  readonly gaps: readonly Gap[];
  readonly warnings: readonly Warning[];
  /** The sum of the best estimates, once every claim has one. */
  readonly sum?: number;
  /** Claims with every answer the rubric requires and no gap. */
  readonly claimsDone: number;
};

/** Which rubric question asks each claim field, and the scale its term comes from. */
const CLAIM_FIELD_QUESTION: Readonly<Record<ClaimField, { question?: RubricQuestion; scale?: RubricScale }>> = {
  likelihood: { scale: "likelihood" },
  best: {},
  lowest: { question: "range" },
  highest: { question: "range" },
  confidence: { question: "confidence", scale: "confidence" },
  evidenceBasis: { question: "confidence", scale: "evidenceBasis" },
  agreement: { question: "confidence", scale: "agreement" },
  stateResponsibility: { question: "stateResponsibility", scale: "stateResponsibility" },
  legalBasis: { question: "legalBasis", scale: "legalBasis" },
  rationale: { question: "claimRationale" },
};

/** The fields of a claim answer with their question and scale, listed once. */
const CLAIM_FIELDS = Object.entries(CLAIM_FIELD_QUESTION) as [ClaimField, (typeof CLAIM_FIELD_QUESTION)[ClaimField]][];

const blank = (v: unknown): boolean => v === undefined || (typeof v === "string" && v.trim() === "");

/** The likelihood terms whose band holds `estimate` (two at a shared boundary, none in a gap between bands). */
export function termsFor(rubric: Pick<Rubric, "likelihood">, estimate: number): string[] {
  return rubric.likelihood.filter((t) => estimate >= t.low && estimate <= t.high).map((t) => t.id);
}

/** The gaps of one claim's answers (what reviewAnswers lists for that claim), for a screen that re-checks one claim at a time. */
export function claimGaps(answer: ClaimAnswer | undefined, claim: string, rubric: Rubric): Gap[] {
  const gaps: Gap[] = [];
  const a: Partial<ClaimAnswer> = answer ?? {};
  for (const [field, { question, scale }] of CLAIM_FIELDS) {
    const value = a[field];
    const asked = question === undefined ? "required" : rubric.asks[question];
    if (asked === "off") {
      if (!blank(value)) gaps.push({ kind: "not-asked", claim, field });
      continue;
    }
    // The range is checked as a pair below.
    if (blank(value)) {
      if (asked === "required" && question !== "range") gaps.push({ kind: "missing", claim, field });
      continue;
    }
    if (scale !== undefined && typeof value === "string" && !(rubric[scale] as readonly { id: string }[]).some((t) => t.id === value)) gaps.push({ kind: "unknown-term", claim, field, term: value });
  }
  if (a.likelihood !== undefined && a.best !== undefined) {
    const band = rubric.likelihood.find((t) => t.id === a.likelihood);
    if (band && (a.best < band.low || a.best > band.high)) gaps.push({ kind: "estimate-outside-term", claim, term: band.id, best: a.best, matching: termsFor(rubric, a.best) });
  }
  if (rubric.asks.range !== "off") {
    const given = [a.lowest, a.highest].filter((v) => v !== undefined).length;
    if (given === 1 || (given === 0 && rubric.asks.range === "required")) gaps.push({ kind: "range-incomplete", claim });
    else if (given === 2 && a.best !== undefined && !((a.lowest as number) <= a.best && a.best <= (a.highest as number))) gaps.push({ kind: "range-order", claim });
    else if (given === 2 && (a.lowest as number) > (a.highest as number)) gaps.push({ kind: "range-order", claim });
  }
  return gaps;
}

/** What a review needs of a context, worked out once per context. */
type ContextIndex = { readonly claimIds: ReadonlySet<string>; readonly evidenceIds: ReadonlySet<string>; readonly consistency: ReadonlySet<string>; readonly allClaims: readonly string[] };

/**
 * The review runs on every keystroke's deferred render over up to 1,000 ACH cells; an edit replaces only the
 * answer objects it changes (the rest keep their identity), so the gaps of an unchanged claim answer or ACH row
 * are kept per context and answer object, and only what changed is checked again. Kept weakly: a context or
 * answer nobody holds any more takes its entries with it.
 */
const indexes = new WeakMap<ScoringContext, ContextIndex>();
const claimReviews = new WeakMap<Rubric, WeakMap<ClaimAnswer, readonly Gap[]>>();
const rowReviews = new WeakMap<ScoringContext, WeakMap<Answers["ach"][number], { readonly found: readonly Gap[]; readonly empty: readonly string[] }>>();

function indexOf(context: ScoringContext): ContextIndex {
  let index = indexes.get(context);
  if (index === undefined) {
    index = {
      claimIds: new Set(context.claims.map((c) => c.id)),
      evidenceIds: new Set(context.evidence.map((e) => e.id)),
      consistency: new Set(context.rubric.consistency.map((t) => t.id)),
      allClaims: context.claims.map((c) => c.id),
    };
    indexes.set(context, index);
  }
  return index;
}

function reviewedClaim(answer: ClaimAnswer | undefined, claim: string, rubric: Rubric): readonly Gap[] {
  if (answer === undefined) return claimGaps(answer, claim, rubric);
  let seen = claimReviews.get(rubric);
  if (seen === undefined) claimReviews.set(rubric, (seen = new WeakMap()));
  let gaps = seen.get(answer);
  if (gaps === undefined) seen.set(answer, (gaps = claimGaps(answer, claim, rubric)));
  return gaps;
}

/** One ACH row: its unknown evidence, claims and terms (`found`), and the case's claims it leaves empty. */
function reviewedRow(row: Answers["ach"][number], context: ScoringContext, index: ContextIndex): { readonly found: readonly Gap[]; readonly empty: readonly string[] } {
  let seen = rowReviews.get(context);
  if (seen === undefined) rowReviews.set(context, (seen = new WeakMap()));
  let review = seen.get(row);
  if (review === undefined) {
    const found: Gap[] = [];
    if (!index.evidenceIds.has(row.evidence)) found.push({ kind: "unknown-evidence", evidence: row.evidence });
    const cells: Readonly<Record<string, string>> = row.cells;
    for (const [claim, term] of Object.entries(cells)) {
      if (!index.claimIds.has(claim)) found.push({ kind: "unknown-claim", claim });
      else if (!index.consistency.has(term)) found.push({ kind: "unknown-term", evidence: row.evidence, claim, field: "ach", term });
    }
    review = { found, empty: index.allClaims.filter((claim) => cells[claim] === undefined) };
    seen.set(row, review);
  }
  return review;
}

/** The review of `answers` against the case and rubric in `context`. */
export function reviewAnswers(answers: Answers, context: ScoringContext): Review {
  const { rubric } = context;
  const index = indexOf(context);
  const gaps: Gap[] = [];
  let claimsDone = 0;
  for (const { id } of context.claims) {
    const own = reviewedClaim(
      answers.claims.find((c) => c.claim === id),
      id,
      rubric,
    );
    if (own.length === 0) claimsDone += 1;
    gaps.push(...own);
  }
  for (const c of answers.claims) if (!index.claimIds.has(c.claim)) gaps.push({ kind: "unknown-claim", claim: c.claim });

  if (rubric.asks.ach === "off") {
    if (answers.ach.some((r) => Object.keys(r.cells).length > 0)) gaps.push({ kind: "not-asked", field: "ach" });
  } else {
    const rows = new Map<string, Answers["ach"][number]>();
    for (const row of answers.ach) {
      rows.set(row.evidence, row);
      gaps.push(...reviewedRow(row, context, index).found);
    }
    if (rubric.asks.ach === "required") {
      for (const { id: evidence } of context.evidence) {
        const row = rows.get(evidence);
        const empty = row === undefined ? index.allClaims : reviewedRow(row, context, index).empty;
        if (empty.length > 0) gaps.push({ kind: "ach-missing", evidence, claims: empty });
      }
    }
  }

  for (const field of ["civilianHarm", "proportionality", "rationale"] as const) {
    const question: RubricQuestion = field === "rationale" ? "overallRationale" : field;
    const asked = rubric.asks[question];
    if (asked === "off" && !blank(answers[field])) gaps.push({ kind: "not-asked", field: question });
    if (asked === "required" && blank(answers[field])) gaps.push({ kind: "missing-overall", field });
  }
  if (answers.attestation?.independent !== true) gaps.push({ kind: "not-attested" });

  const warnings: Warning[] = [];
  const sum = sumOfBest(answers, context);
  if (sum !== undefined && Math.abs(sum - 100) > rubric.sumTolerance) warnings.push({ kind: "sum-outside-tolerance", sum, tolerance: rubric.sumTolerance });
  return { gaps, warnings, ...(sum !== undefined ? { sum } : {}), claimsDone };
}

/** The sum of the best estimates across the case's claims, once every claim has one (to 0.1, so floating noise never shows). */
export function sumOfBest(answers: Answers, context: Pick<ScoringContext, "claims">): number | undefined {
  let sum = 0;
  for (const { id } of context.claims) {
    const best = answers.claims.find((c) => c.claim === id)?.best;
    if (best === undefined) return undefined;
    sum += best;
  }
  return Math.round(sum * 10) / 10;
}

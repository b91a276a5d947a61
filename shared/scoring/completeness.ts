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

const blank = (v: unknown): boolean => v === undefined || (typeof v === "string" && v.trim() === "");

/** The likelihood terms whose band holds `estimate` (two at a shared boundary, none in a gap between bands). */
export function termsFor(rubric: Pick<Rubric, "likelihood">, estimate: number): string[] {
  return rubric.likelihood.filter((t) => estimate >= t.low && estimate <= t.high).map((t) => t.id);
}

/** The gaps of one claim's answers (what reviewAnswers lists for that claim), for a screen that re-checks one claim at a time. */
export function claimGaps(answer: ClaimAnswer | undefined, claim: string, rubric: Rubric): Gap[] {
  const gaps: Gap[] = [];
  const a: Partial<ClaimAnswer> = answer ?? {};
  for (const [field, { question, scale }] of Object.entries(CLAIM_FIELD_QUESTION) as [ClaimField, (typeof CLAIM_FIELD_QUESTION)[ClaimField]][]) {
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

/** The review of `answers` against the case and rubric in `context`. */
export function reviewAnswers(answers: Answers, context: ScoringContext): Review {
  const { rubric } = context;
  const gaps: Gap[] = [];
  const claimIds = new Set(context.claims.map((c) => c.id));
  const evidenceIds = new Set(context.evidence.map((e) => e.id));
  let claimsDone = 0;
  for (const { id } of context.claims) {
    const own = claimGaps(
      answers.claims.find((c) => c.claim === id),
      id,
      rubric,
    );
    if (own.length === 0) claimsDone += 1;
    gaps.push(...own);
  }
  for (const c of answers.claims) if (!claimIds.has(c.claim)) gaps.push({ kind: "unknown-claim", claim: c.claim });

  const consistency = new Set(rubric.consistency.map((t) => t.id));
  if (rubric.asks.ach === "off") {
    if (answers.ach.some((r) => Object.keys(r.cells).length > 0)) gaps.push({ kind: "not-asked", field: "ach" });
  } else {
    for (const row of answers.ach) {
      if (!evidenceIds.has(row.evidence)) gaps.push({ kind: "unknown-evidence", evidence: row.evidence });
      for (const [claim, term] of Object.entries(row.cells)) {
        if (!claimIds.has(claim)) gaps.push({ kind: "unknown-claim", claim });
        else if (!consistency.has(term)) gaps.push({ kind: "unknown-term", evidence: row.evidence, claim, field: "ach", term });
      }
    }
    if (rubric.asks.ach === "required") {
      const rows = new Map<string, Readonly<Record<string, string>>>(answers.ach.map((r) => [r.evidence, r.cells]));
      for (const { id: evidence } of context.evidence) {
        const cells = rows.get(evidence);
        const empty = context.claims.filter((c) => cells?.[c.id] === undefined).map((c) => c.id);
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

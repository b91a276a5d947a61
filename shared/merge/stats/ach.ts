/**
 * The group ACH matrix (Analysis of Competing Hypotheses; R. J. Heuer Jr.,
 * "Psychology of Intelligence Analysis", CIA 1999, chapter 8): the panel's
 * consistency codes for every evidence item × claim, so the chair sees which
 * evidence carries the judgment.
 *
 * - Scores: each consistency term is scored CC +2, C +1, N 0, I −1, II −2;
 *   NA (not applicable), a missing cell and a term the scale does not score
 *   are left out (DEFAULT_ACH_SCALE, over the rubric's catalog term ids).
 * - Per cell: n, the median score and its spread (P25, P75, IQR; R type 7,
 *   percentiles.ts) over the panelists who scored it, and how many said NA.
 * - Per evidence item, diagnosticity: the range (maximum − minimum) of its
 *   cells' median scores across the claims (0 to 4). An item that bears the
 *   same way on every claim (range 0) cannot tell them apart, however
 *   consistent it is (Heuer, step 4); `undefined` with fewer than two claims
 *   scored.
 * - Per claim, Heuer's inconsistency score (Heuer, step 5: count the
 *   inconsistent evidence, not the consistent): per panelist the sum over
 *   evidence items of I = 1, II = 2, then the median over the panelists who
 *   answered any cell of that claim (NA included). The weighted score multiplies each item's
 *   contribution by its Admiralty weight w = reliability weight ×
 *   credibility weight (DEFAULT_ADMIRALTY_WEIGHTS: A 1, B 0.8, C 0.6, D 0.4,
 *   E 0.2 and 1 1, 2 0.8, 3 0.6, 4 0.4, 5 0.2, in even steps down the scale;
 *   F and 6, "cannot be judged", 0.5). These weights are this project's
 *   convention, not a published standard; they are a parameter. An item
 *   without a grading weighs 1.
 */
import type { AchRow } from "../../scoring/scoresheet";
import type { Admiralty, ClaimId, CREDIBILITY_GRADES, EvidenceId, RELIABILITY_GRADES } from "../../case/model";
import { CONSISTENCY_TERMS } from "../../rubric/rubric";
import { median, spread } from "./percentiles";

type ConsistencyTerm = (typeof CONSISTENCY_TERMS)[number];

export interface AchScale {
  /** The score of each term id; ids without one are left out, like NA. */
  readonly score: ReadonlyMap<string, number>;
  /** Heuer's inconsistency weight of each term id; ids without one count 0. */
  readonly inconsistency: ReadonlyMap<string, number>;
}

const SCORES: Readonly<Record<ConsistencyTerm, number | undefined>> = {
  "very-consistent": 2,
  consistent: 1,
  neutral: 0,
  inconsistent: -1,
  "very-inconsistent": -2,
  "not-applicable": undefined,
};
const INCONSISTENCY: Readonly<Partial<Record<ConsistencyTerm, number>>> = { inconsistent: 1, "very-inconsistent": 2 };

/** The default rubric's consistency terms scored as the module comment says. */
export const DEFAULT_ACH_SCALE: AchScale = {
  score: new Map(CONSISTENCY_TERMS.flatMap((t) => (SCORES[t] === undefined ? [] : [[t, SCORES[t]] as const]))),
  inconsistency: new Map(Object.entries(INCONSISTENCY)),
};

export interface AdmiraltyWeights {
  readonly reliability: Readonly<Record<(typeof RELIABILITY_GRADES)[number], number>>;
  readonly credibility: Readonly<Record<(typeof CREDIBILITY_GRADES)[number], number>>;
}

export const DEFAULT_ADMIRALTY_WEIGHTS: AdmiraltyWeights = {
  reliability: { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.5 },
  credibility: { "1": 1, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2, "6": 0.5 },
};

/** The weight of an evidence item's grading (1 without a grading). */
export const admiraltyWeight = (grading: Admiralty | undefined, weights: AdmiraltyWeights = DEFAULT_ADMIRALTY_WEIGHTS): number =>
  grading === undefined ? 1 : weights.reliability[grading.reliability] * weights.credibility[grading.credibility];

export interface AchCell {
  readonly claim: ClaimId;
  /** Panelists who scored the cell (NA and missing left out). */
  readonly n: number;
  readonly notApplicable: number;
  /** Median score and its spread; `undefined` when n = 0. */
  readonly median: number | undefined;
  readonly p25: number | undefined;
  readonly p75: number | undefined;
  readonly iqr: number | undefined;
}

export interface AchEvidenceRow {
  readonly evidence: EvidenceId;
  readonly weight: number;
  readonly cells: readonly AchCell[];
  /** Range of the cells' medians across the claims; `undefined` with fewer than two. */
  readonly diagnosticity: number | undefined;
}

export interface ClaimInconsistency<K> {
  readonly claim: ClaimId;
  /** Per panelist who answered any cell of this claim (NA included): Heuer's score, and weighted by the Admiralty grading. */
  readonly perSeat: readonly { readonly seat: K; readonly score: number; readonly weighted: number }[];
  readonly median: number | undefined;
  readonly weightedMedian: number | undefined;
}

export interface GroupAch<K> {
  readonly rows: readonly AchEvidenceRow[];
  readonly claims: readonly ClaimInconsistency<K>[];
}

export interface GroupAchInput<K> {
  /** The case's claims and evidence in the order to show; cells naming anything else are ignored. */
  readonly claims: readonly ClaimId[];
  readonly evidence: readonly { readonly id: EvidenceId; readonly grading?: Admiralty | undefined }[];
  /** Each panelist's ACH rows (scoresheet answers.ach). */
  readonly sheets: readonly { readonly seat: K; readonly ach: readonly AchRow[] }[];
  readonly scale?: AchScale;
  readonly weights?: AdmiraltyWeights;
}

/** The group ACH matrix of the module comment. */
export function groupAch<K>(input: GroupAchInput<K>): GroupAch<K> {
  const scale = input.scale ?? DEFAULT_ACH_SCALE;
  const weights = input.weights ?? DEFAULT_ADMIRALTY_WEIGHTS;
  // Each sheet's cells by evidence id, for lookup.
  const byEvidence = input.sheets.map((s) => new Map(s.ach.map((row) => [row.evidence as string, row.cells as Readonly<Record<string, string>>])));
  const term = (sheet: number, evidence: EvidenceId, claim: ClaimId): string | undefined => (byEvidence[sheet] as Map<string, Readonly<Record<string, string>>>).get(evidence)?.[claim];

  const rows: AchEvidenceRow[] = input.evidence.map((e) => {
    const cells: AchCell[] = input.claims.map((claim) => {
      const scores: number[] = [];
      let notApplicable = 0;
      input.sheets.forEach((_, i) => {
        const t = term(i, e.id, claim);
        if (t === undefined) return;
        const score = scale.score.get(t);
        if (score === undefined) notApplicable++;
        else scores.push(score);
      });
      const s = spread(scores);
      return { claim, n: scores.length, notApplicable, median: s?.median, p25: s?.p25, p75: s?.p75, iqr: s?.iqr };
    });
    const medians = cells.flatMap((c) => (c.median === undefined ? [] : [c.median]));
    const diagnosticity = medians.length < 2 ? undefined : Math.max(...medians) - Math.min(...medians);
    return { evidence: e.id, weight: admiraltyWeight(e.grading, weights), cells, diagnosticity };
  });

  const claims: ClaimInconsistency<K>[] = input.claims.map((claim) => {
    const perSeat: { seat: K; score: number; weighted: number }[] = [];
    input.sheets.forEach((sheet, i) => {
      let scored = false;
      let score = 0;
      let weighted = 0;
      for (const row of rows) {
        const t = term(i, row.evidence, claim);
        if (t === undefined) continue;
        scored = true;
        const w = scale.inconsistency.get(t) ?? 0;
        score += w;
        weighted += w * row.weight;
      }
      if (scored) perSeat.push({ seat: sheet.seat, score, weighted });
    });
    return { claim, perSeat, median: median(perSeat.map((p) => p.score)), weightedMedian: median(perSeat.map((p) => p.weighted)) };
  });
  return { rows, claims };
}

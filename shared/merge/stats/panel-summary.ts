/**
 * What the chair sees per claim, computed once from the panel's answers
 * (issue 14, "What the chair sees, per claim"), from the functions beside
 * this file; the dashboard, the feedback packet and the publication's
 * recomputation all call these, so every number is defined in one place.
 *
 * - Per claim: n, median and IQR of the best estimates, the linear and
 *   log-odds pools, each normalised across the claims and named by the
 *   rubric's likelihood terms; the pooled lowest and highest plausible
 *   values (IDEA) where given; the RAND/UCLA disagreement flag on the
 *   likelihood terms mapped onto 1–9 (rand-ucla.ts), with the thirds rule
 *   beside it, and the same on the best estimates.
 * - Agreement (Krippendorff's alpha, panelists as coders, claims as units):
 *   ordinal on the likelihood terms, interval on the best estimates, ordinal
 *   on Healey's levels, nominal on the legal basis. A term id the rubric
 *   does not hold is treated as missing.
 */
import type { ClaimId } from "../../case/model";
import type { Rubric } from "../../rubric/rubric";
import type { ClaimAnswer } from "../../scoring/scoresheet";
import { krippendorffAlpha, ordinalCodes, type AlphaOutcome } from "./krippendorff";
import { termOfValue, type TermOfValue } from "./likelihood-term";
import { spread, type Spread } from "./percentiles";
import { linearPool, logOddsPool, normaliseAcrossClaims } from "./pools";
import { iprDisagreement, percentToNine, termRatings, thirdsDisagreement, type IprResult, type ThirdsResult } from "./rand-ucla";

/** One panelist's answers about the claims (a scoresheet's `answers.claims`). */
export interface PanelSheet<K> {
  readonly seat: K;
  readonly claims: readonly ClaimAnswer[];
}

export interface Pool {
  readonly value: number;
  readonly term: TermOfValue;
  /** Normalised across the claims (sum 100); `undefined` when a claim has no pool. */
  readonly normalised: number | undefined;
  readonly normalisedTerm: TermOfValue | undefined;
}

export interface ClaimSummary {
  readonly claim: ClaimId;
  /** Median, IQR etc. of the best estimates; `undefined` when nobody gave one. */
  readonly best: Spread | undefined;
  readonly linearPool: Pool | undefined;
  readonly logOddsPool: Pool | undefined;
  /** The linear pools of the lowest and highest plausible values (IDEA), over those who gave a range. */
  readonly range: { readonly n: number; readonly lowest: number; readonly highest: number } | undefined;
  /** RAND/UCLA on the likelihood terms (mapped onto 1–9 by termRatings), and on the best estimates (percentToNine). */
  readonly disagreement: {
    readonly terms: { readonly ipr: IprResult | undefined; readonly thirds: ThirdsResult | undefined };
    readonly estimates: { readonly ipr: IprResult | undefined; readonly thirds: ThirdsResult | undefined };
  };
}

export interface PanelAgreement {
  readonly likelihood: AlphaOutcome;
  readonly best: AlphaOutcome;
  readonly stateResponsibility: AlphaOutcome;
  readonly legalBasis: AlphaOutcome;
}

const answerOf = <K>(sheet: PanelSheet<K>, claim: ClaimId): ClaimAnswer | undefined => sheet.claims.find((c) => c.claim === claim);
const defined = <T>(values: readonly (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

/** The per-claim summaries, in the order of `claims`. */
export function claimSummaries<K>(claims: readonly ClaimId[], sheets: readonly PanelSheet<K>[], rubric: Pick<Rubric, "likelihood">): ClaimSummary[] {
  const bands = rubric.likelihood;
  const ratings = termRatings(bands);
  const answers = claims.map((claim) => sheets.map((s) => answerOf(s, claim)));
  const bests = answers.map((a) => defined(a.map((x) => x?.best)));
  const linear = bests.map(linearPool);
  const logOdds = bests.map(logOddsPool);
  const linearNormalised = normaliseAcrossClaims(linear);
  const logOddsNormalised = normaliseAcrossClaims(logOdds);
  const pool = (value: number | undefined, normalised: number | undefined): Pool | undefined =>
    value === undefined ? undefined : { value, term: termOfValue(bands, value), normalised, normalisedTerm: normalised === undefined ? undefined : termOfValue(bands, normalised) };

  return claims.map((claim, i) => {
    const a = answers[i] as (ClaimAnswer | undefined)[];
    const best = bests[i] as number[];
    const ranged = defined(a.map((x) => (x?.lowest !== undefined && x.highest !== undefined ? ([x.lowest, x.highest] as const) : undefined)));
    const termRatingsGiven = defined(a.map((x) => (x?.likelihood === undefined ? undefined : ratings.get(x.likelihood))));
    const estimateRatings = best.map(percentToNine);
    return {
      claim,
      best: spread(best),
      linearPool: pool(linear[i], linearNormalised?.[i]),
      logOddsPool: pool(logOdds[i], logOddsNormalised?.[i]),
      range: ranged.length === 0 ? undefined : { n: ranged.length, lowest: linearPool(ranged.map((r) => r[0])) as number, highest: linearPool(ranged.map((r) => r[1])) as number },
      disagreement: {
        terms: { ipr: iprDisagreement(termRatingsGiven), thirds: thirdsDisagreement(termRatingsGiven) },
        estimates: { ipr: iprDisagreement(estimateRatings), thirds: thirdsDisagreement(estimateRatings) },
      },
    };
  });
}

/** Krippendorff's alphas of the panel: panelists as coders (rows), claims as units (columns). */
export function panelAgreement<K>(claims: readonly ClaimId[], sheets: readonly PanelSheet<K>[], rubric: Pick<Rubric, "likelihood" | "stateResponsibility" | "legalBasis">): PanelAgreement {
  const matrix = <V>(pick: (a: ClaimAnswer | undefined) => V | undefined) => sheets.map((s) => claims.map((c) => pick(answerOf(s, c))));
  const likelihoodOrder = rubric.likelihood.map((t) => t.id);
  const healeyOrder = rubric.stateResponsibility.map((t) => t.id);
  const legalBases = new Set(rubric.legalBasis.map((t) => t.id));
  return {
    likelihood: krippendorffAlpha(
      matrix((a) => a?.likelihood).map((row) => ordinalCodes(likelihoodOrder, row)),
      "ordinal",
    ),
    best: krippendorffAlpha(
      matrix((a) => a?.best),
      "interval",
    ),
    stateResponsibility: krippendorffAlpha(
      matrix((a) => a?.stateResponsibility).map((row) => ordinalCodes(healeyOrder, row)),
      "ordinal",
    ),
    legalBasis: krippendorffAlpha(
      matrix((a) => (a?.legalBasis !== undefined && legalBases.has(a.legalBasis) ? a.legalBasis : undefined)),
      "nominal",
    ),
  };
}

/**
 * The movement between two rounds of the Delphi / IDEA protocol, per claim
 * and for the panel (pure): the aggregates of each round (claimSummaries,
 * over each seat's final scoresheet of the round), the change of each
 * (after − before, in percentage points; undefined where either round has
 * none), the change in the four Krippendorff alphas (panelAgreement), and
 * how each RAND/UCLA disagreement flag moved (raised, cleared, kept). No
 * number is computed here but the differences.
 */
import type { ReceivedCase } from "../case/case-records";
import type { ClaimId } from "../case/model";
import type { Rubric } from "../rubric/rubric";
import type { HeldSheet } from "./check-incoming";
import { finalSheets } from "./round-feedback";
import type { AlphaOutcome } from "./stats/krippendorff";
import { claimSummaries, panelAgreement, type ClaimSummary, type PanelAgreement, type PanelSheet } from "./stats/panel-summary";

/** A flag in two rounds: "raised" (absent, now present), "cleared", "kept" (present in both), "none" (in neither), "unknown" (a round has no ratings). */
export type FlagMove = "raised" | "cleared" | "kept" | "none" | "unknown";
export type FlagChange = { readonly before: boolean | undefined; readonly after: boolean | undefined; readonly move: FlagMove };

/** after − before, or undefined when either is missing. */
export type Change = number | undefined;

export type ClaimMovement = {
  readonly claim: ClaimId;
  readonly before: ClaimSummary;
  readonly after: ClaimSummary;
  readonly change: {
    /** The number of best estimates. */
    readonly n: number;
    readonly median: Change;
    readonly iqr: Change;
    readonly linearPool: Change;
    readonly logOddsPool: Change;
  };
  /** The RAND/UCLA rule (IPR > IPRAS) and the thirds rule, on the likelihood terms and on the best estimates. */
  readonly flags: {
    readonly terms: { readonly ipr: FlagChange; readonly thirds: FlagChange };
    readonly estimates: { readonly ipr: FlagChange; readonly thirds: FlagChange };
  };
};

export type AlphaChange = { readonly before: AlphaOutcome; readonly after: AlphaOutcome; readonly change: Change };
export const AGREEMENT_KEYS = ["likelihood", "best", "stateResponsibility", "legalBasis"] as const;

export type Movement = {
  readonly fromRound: number;
  readonly toRound: number;
  /** How many seats' scoresheets each round counts. */
  readonly seats: { readonly before: number; readonly after: number };
  readonly claims: readonly ClaimMovement[];
  readonly agreement: { readonly [K in (typeof AGREEMENT_KEYS)[number]]: AlphaChange };
};

const diff = (before: number | undefined, after: number | undefined): Change => (before === undefined || after === undefined ? undefined : after - before);

export function flagChange(before: boolean | undefined, after: boolean | undefined): FlagChange {
  const move: FlagMove = before === undefined || after === undefined ? "unknown" : before === after ? (after ? "kept" : "none") : after ? "raised" : "cleared";
  return { before, after, move };
}

const alphaValue = (a: AlphaOutcome): number | undefined => (a.kind === "alpha" ? a.value : undefined);

/** The movement from the sheets of one round (`before`) to those of the next (`after`), over `claims`. */
export function movement<K>(input: {
  readonly claims: readonly ClaimId[];
  readonly before: readonly PanelSheet<K>[];
  readonly after: readonly PanelSheet<K>[];
  readonly rubric: Pick<Rubric, "likelihood" | "stateResponsibility" | "legalBasis">;
  readonly fromRound: number;
  readonly toRound: number;
}): Movement {
  const { claims, rubric } = input;
  const before = claimSummaries(claims, input.before, rubric);
  const after = claimSummaries(claims, input.after, rubric);
  const alphaBefore: PanelAgreement = panelAgreement(claims, input.before, rubric);
  const alphaAfter: PanelAgreement = panelAgreement(claims, input.after, rubric);
  const alpha = (k: (typeof AGREEMENT_KEYS)[number]): AlphaChange => ({ before: alphaBefore[k], after: alphaAfter[k], change: diff(alphaValue(alphaBefore[k]), alphaValue(alphaAfter[k])) });
  return {
    fromRound: input.fromRound,
    toRound: input.toRound,
    seats: { before: input.before.length, after: input.after.length },
    claims: claims.map((claim, i): ClaimMovement => {
      const b = before[i] as ClaimSummary;
      const a = after[i] as ClaimSummary;
      const flag = (pick: (s: ClaimSummary) => { readonly disagreement: boolean } | undefined) => flagChange(pick(b)?.disagreement, pick(a)?.disagreement);
      return {
        claim,
        before: b,
        after: a,
        change: {
          n: (a.best?.n ?? 0) - (b.best?.n ?? 0),
          median: diff(b.best?.median, a.best?.median),
          iqr: diff(b.best?.iqr, a.best?.iqr),
          linearPool: diff(b.linearPool?.value, a.linearPool?.value),
          logOddsPool: diff(b.logOddsPool?.value, a.logOddsPool?.value),
        },
        flags: {
          terms: { ipr: flag((s) => s.disagreement.terms.ipr), thirds: flag((s) => s.disagreement.terms.thirds) },
          estimates: { ipr: flag((s) => s.disagreement.estimates.ipr), thirds: flag((s) => s.disagreement.estimates.thirds) },
        },
      };
    }),
    agreement: { likelihood: alpha("likelihood"), best: alpha("best"), stateResponsibility: alpha("stateResponsibility"), legalBasis: alpha("legalBasis") },
  };
}

/** The movement from round `toRound − 1` to `toRound` of the case, over each seat's final scoresheet of each round the chair holds. */
export function movementOf(received: ReceivedCase, held: readonly HeldSheet[], toRound: number): Movement {
  const sheets = (round: number) => finalSheets(received, held, round).map((h) => ({ seat: h.sheet.seat.fingerprint, claims: h.sheet.answers.claims }));
  return movement({ claims: received.case.claims.map((c) => c.id), before: sheets(toRound - 1), after: sheets(toRound), rubric: received.rubric, fromRound: toRound - 1, toRound });
}

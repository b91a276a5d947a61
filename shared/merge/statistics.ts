/**
 * Everything the chair sees about one round of a case, as one computed value
 * (issue 14, "What the chair sees, per claim"): the chair's statistics
 * screen reads it, and the feedback packet and the opinion are built from
 * it. Pure: every number comes from the functions of stats/ (nothing
 * statistical is computed here), over the answers of the latest revision of
 * each seat in the round.
 *
 * Who is counted: the seats given (the roster of the case the chair holds),
 * each with the latest revision it signed for the round; a scoresheet of
 * another round, an earlier revision, or of a seat not given is left out.
 * Seats are taken in the order given (the roster's), so per-seat lists
 * (dissenters, inconsistency per seat) come in that order.
 *
 * What may leave the chair's machine: the strip-plot points carry a region
 * and a value only (sorted by value, then region, so not even their order
 * follows the roster); everything naming a seat (`seats`, `dissenters`, the
 * ACH inconsistency per seat) is the chair's view, by seat fingerprint.
 */
import type { ReceivedCase } from "../case/case-records";
import type { Admiralty, CaseId, Claim, ClaimId, Evidence, EvidenceId, SeatId } from "../case/model";
import type { UnRegion } from "../identity/un-regions";
import { err, ok, type Result } from "../result";
import type { Rubric } from "../rubric/rubric";
import type { ClaimAnswer, Scoresheet } from "../scoring/scoresheet";
import type { HeldSheet } from "./check-incoming";
import type { MergeError } from "./merge-error";
import { groupAch, type AchEvidenceRow, type ClaimInconsistency } from "./stats/ach";
import { confidenceBasisTable, distribution, type Distribution } from "./stats/distribution";
import { claimSummaries, panelAgreement, type ClaimSummary, type PanelAgreement, type PanelSheet } from "./stats/panel-summary";
import { dissenters, regionalMedians, type Dissent, type RegionalMedian } from "./stats/regional";

export type { AchCell, AchEvidenceRow, ClaimInconsistency } from "./stats/ach";
export type { Distribution } from "./stats/distribution";
export type { AlphaOutcome } from "./stats/krippendorff";
export type { TermOfValue } from "./stats/likelihood-term";
export type { ClaimSummary, PanelAgreement, Pool } from "./stats/panel-summary";
export type { Spread } from "./stats/percentiles";
export type { IprResult, ThirdsResult } from "./stats/rand-ucla";
export type { Dissent, RegionalMedian } from "./stats/regional";

/** A seat of the panel as the statistics need it; a seat without a region is counted everywhere but in the regional medians. */
export interface StatisticsSeat {
  readonly fingerprint: SeatId;
  readonly displayName: string;
  readonly region?: UnRegion | undefined;
}

export interface StatisticsInput {
  readonly caseId: CaseId;
  readonly round: number;
  readonly rubric: Rubric;
  /** The case's claims, in the case's order. */
  readonly claims: readonly Pick<Claim, "id" | "statement" | "catchAll">[];
  /** The case's evidence items, in the case's order. */
  readonly evidence: readonly (Pick<Evidence, "id" | "title"> & { readonly grading?: Admiralty | undefined })[];
  /** The panel's seats, in the roster's order. */
  readonly seats: readonly StatisticsSeat[];
  /** Scoresheets held, of any round and revision: the latest revision of each seat in `round` is counted. */
  readonly sheets: readonly Scoresheet[];
}

/** A seat as the chair's screen shows it, with the revision counted (`undefined`: nothing held for the round). */
export interface SeatStatistics {
  readonly fingerprint: SeatId;
  readonly displayName: string;
  readonly region: UnRegion | undefined;
  readonly revision: number | undefined;
}

/** One point of a claim's strip plot: a best estimate and the region of whoever gave it, and nothing else. */
export interface StripPoint {
  readonly region: UnRegion | undefined;
  readonly value: number;
}

/** The confidence's basis (evidence × agreement, IPCC), as counts per cell with the scales' term ids naming the rows and columns. */
export interface ConfidenceBasis {
  readonly evidence: readonly string[];
  readonly agreement: readonly string[];
  /** cells[row of evidence][column of agreement]. */
  readonly cells: readonly (readonly number[])[];
  /** Answers missing either half, or off either scale (a seat that left the claim blank included). */
  readonly incomplete: number;
}

export interface ClaimStatistics {
  readonly claim: ClaimId;
  readonly statement: string;
  readonly catchAll: boolean;
  /** Counted scoresheets that answer this claim at all. */
  readonly answered: number;
  /** n, median, IQR, the pools (normalised, with their terms), the IDEA range pools, RAND/UCLA on terms and estimates. */
  readonly summary: ClaimSummary;
  /** The median best estimate per UN regional group (every group, n = 0 where none). */
  readonly regional: readonly RegionalMedian[];
  /** Every best estimate with its region, sorted by value (then region): no seat, no name. */
  readonly strip: readonly StripPoint[];
  /** Who dissents, by seat fingerprint (the chair's view), in the roster's order. */
  readonly dissenters: readonly Dissent<SeatId>[];
  readonly stateResponsibility: Distribution;
  readonly legalBasis: Distribution;
  readonly confidence: Distribution;
  readonly confidenceBasis: ConfidenceBasis;
}

/** An ACH row with the evidence item's title and grading (its Admiralty weight is in `weight`). */
export type AchEvidenceStatistics = AchEvidenceRow & { readonly title: string; readonly grading: Admiralty | undefined };

export interface AchStatistics {
  /** Per evidence item (the case's order): the cells by claim (the case's order), its weight and diagnosticity. */
  readonly rows: readonly AchEvidenceStatistics[];
  /** Per claim (the case's order): Heuer's inconsistency score, plain and weighted by the Admiralty grading. */
  readonly claims: readonly ClaimInconsistency<SeatId>[];
}

export interface PanelStatistics {
  readonly caseId: CaseId;
  readonly round: number;
  /** The rubric the scoresheets answer (its scales name every term id below). */
  readonly rubric: Rubric;
  /** Every seat given, in order, with the revision counted. */
  readonly seats: readonly SeatStatistics[];
  /** How many scoresheets are counted (seats with a revision). */
  readonly counted: number;
  readonly claims: readonly ClaimStatistics[];
  /** Krippendorff's alphas: likelihood terms (ordinal), best estimates (interval), Healey's levels (ordinal), legal basis (nominal). */
  readonly agreement: PanelAgreement;
  readonly ach: AchStatistics;
}

/** The latest revision `seat` signed for `round` among `sheets`, if any. */
function latestOf(sheets: readonly Scoresheet[], seat: SeatId, round: number): Scoresheet | undefined {
  let latest: Scoresheet | undefined;
  for (const s of sheets) if (s.seat.fingerprint === seat && s.round === round && (latest === undefined || s.revision > latest.revision)) latest = s;
  return latest;
}

/** Regions in a fixed order that no locale changes (a point without a region first). */
const byRegion = (a: UnRegion | undefined, b: UnRegion | undefined): number => ((a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0);

const ids = (terms: readonly { readonly id: string }[]): string[] => terms.map((t) => t.id);

/** The statistics of one round (see the module comment). */
export function panelStatistics(input: StatisticsInput): PanelStatistics {
  const { rubric, round } = input;
  const counted = input.seats.flatMap((seat) => {
    const sheet = latestOf(input.sheets, seat.fingerprint, round);
    return sheet === undefined ? [] : [{ seat, sheet }];
  });
  const claimIds = input.claims.map((c) => c.id);
  const panel: PanelSheet<SeatId>[] = counted.map(({ seat, sheet }) => ({ seat: seat.fingerprint, claims: sheet.answers.claims }));
  const summaries = claimSummaries(claimIds, panel, rubric);
  const scales = {
    stateResponsibility: ids(rubric.stateResponsibility),
    legalBasis: ids(rubric.legalBasis),
    confidence: ids(rubric.confidence),
    evidenceBasis: ids(rubric.evidenceBasis),
    agreement: ids(rubric.agreement),
  };

  const claims = input.claims.map((claim, i): ClaimStatistics => {
    const answers = counted.map(({ seat, sheet }) => ({ seat, answer: sheet.answers.claims.find((a) => a.claim === claim.id) }));
    const estimates = answers.flatMap(({ seat, answer }) => (answer?.best === undefined ? [] : [{ seat, value: answer.best }]));
    const pick = (field: keyof Pick<ClaimAnswer, "stateResponsibility" | "legalBasis" | "confidence">) => answers.map(({ answer }) => answer?.[field]);
    const basis = confidenceBasisTable(
      scales.evidenceBasis,
      scales.agreement,
      answers.map(({ answer }) => answer ?? {}),
    );
    return {
      claim: claim.id,
      statement: claim.statement,
      catchAll: claim.catchAll,
      answered: answers.filter((a) => a.answer !== undefined).length,
      summary: summaries[i] as ClaimSummary,
      regional: regionalMedians(estimates.flatMap(({ seat, value }) => (seat.region === undefined ? [] : [{ region: seat.region, value }]))),
      strip: estimates
        .map(({ seat, value }): StripPoint => ({ region: seat.region, value }))
        .sort((a, b) => a.value - b.value || byRegion(a.region, b.region)),
      dissenters: dissenters(estimates.map(({ seat, value }) => ({ seat: seat.fingerprint, value }))),
      stateResponsibility: distribution(scales.stateResponsibility, pick("stateResponsibility")),
      legalBasis: distribution(scales.legalBasis, pick("legalBasis")),
      confidence: distribution(scales.confidence, pick("confidence")),
      confidenceBasis: { evidence: scales.evidenceBasis, agreement: scales.agreement, ...basis },
    };
  });

  const ach = groupAch({
    claims: claimIds,
    evidence: input.evidence.map((e) => ({ id: e.id, grading: e.grading })),
    sheets: counted.map(({ seat, sheet }) => ({ seat: seat.fingerprint, ach: sheet.answers.ach })),
  });
  const evidenceById = new Map<EvidenceId, StatisticsInput["evidence"][number]>(input.evidence.map((e) => [e.id, e]));
  return {
    caseId: input.caseId,
    round,
    rubric,
    seats: input.seats.map((seat) => ({ fingerprint: seat.fingerprint, displayName: seat.displayName, region: seat.region, revision: counted.find((c) => c.seat === seat)?.sheet.revision })),
    counted: counted.length,
    claims,
    agreement: panelAgreement(claimIds, panel, rubric),
    ach: {
      rows: ach.rows.map((row) => {
        const e = evidenceById.get(row.evidence);
        return { ...row, title: e?.title ?? "", grading: e?.grading };
      }),
      claims: ach.claims,
    },
  };
}

/**
 * The statistics of `round` from what the chair holds: the received case
 * (its claims, evidence, roster and rubric) and the scoresheets held.
 * "nothing-submitted" when no scoresheet of a seat is held for the round.
 */
export function statisticsOf(received: ReceivedCase, held: readonly HeldSheet[], round: number): Result<PanelStatistics, MergeError> {
  const statistics = panelStatistics({
    caseId: received.case.id,
    round,
    rubric: received.rubric,
    claims: received.case.claims,
    evidence: received.case.evidence,
    seats: received.roster,
    sheets: held.map((h) => h.sheet),
  });
  return statistics.counted === 0 ? err({ kind: "nothing-submitted" }) : ok(statistics);
}

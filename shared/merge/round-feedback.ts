/**
 * What one panelist's feedback packet says (pure; feedback-packet.ts seals
 * it): per claim of the case, every seat's final best estimate of the round
 * before in a fresh random order, where the recipient's own estimate is in
 * that order, the aggregates (claimSummaries, never computed here), and the
 * claim's rationales of the seats that consented (`answers.shareRationale`)
 * in random order. Nothing names a seat, a person or a region but the
 * recipient's own seat.
 *
 * "Final": the latest revision of each seat in the round, as the chair
 * holds it when the packet is made.
 */
import type { ReceivedCase } from "../case/case-records";
import type { SeatId } from "../case/model";
import { randomShuffle } from "../crypto/sodium";
import type { Scoresheet } from "../scoring/scoresheet";
import { chainOf, type HeldSheet } from "./check-incoming";
import { FEEDBACK_FORMAT, FEEDBACK_VERSION, type Feedback, type FeedbackAggregates, type FeedbackClaim } from "./feedback-packet";
import { claimSummaries, type ClaimSummary } from "./stats/panel-summary";

/** The final (latest held) scoresheet of every seat of the roster that submitted in `round`, in the roster's order. */
export function finalSheets(received: Pick<ReceivedCase, "roster">, held: readonly HeldSheet[], round: number): HeldSheet[] {
  return received.roster.flatMap((p) => chainOf(held, p.fingerprint, round).slice(-1));
}

/** Whether the seat consented to share its rationales, anonymously, with the panel in the next round. */
export const consentsToShare = (sheet: Scoresheet): boolean => sheet.answers.shareRationale === true;

/** A claim's aggregates as the feedback carries them (numbers only, from claimSummaries). */
export function feedbackAggregates(summary: ClaimSummary): FeedbackAggregates {
  const { best, linearPool, logOddsPool, range } = summary;
  const pool = (p: ClaimSummary["linearPool"]) => p && { value: p.value, ...(p.normalised === undefined ? {} : { normalised: p.normalised }) };
  return {
    n: best?.n ?? 0,
    ...(best ? { median: best.median, p25: best.p25, p75: best.p75, iqr: best.iqr } : {}),
    ...(linearPool ? { linearPool: pool(linearPool) } : {}),
    ...(logOddsPool ? { logOddsPool: pool(logOddsPool) } : {}),
    ...(range ? { range } : {}),
  };
}

export type FeedbackInput = {
  /** The case as the chair holds it (claims, rubric, packet digest). */
  readonly received: ReceivedCase;
  /** The final scoresheets of `round − 1` (finalSheets). */
  readonly finals: readonly Scoresheet[];
  /** The seat the feedback is for; it must be among `finals`' seats. */
  readonly recipient: SeatId;
  /** The round it opens (2 or later). */
  readonly round: number;
  readonly note?: string | undefined;
  /** When the round's scoresheets are due. */
  readonly deadline?: string | undefined;
  readonly createdAt: Date;
  /** A uniformly random order (the default draws from the CSPRNG); tests may pass their own. */
  readonly shuffle?: <T>(items: readonly T[]) => T[];
};

/**
 * The feedback for `recipient`. The estimates are shuffled afresh for each
 * recipient (so two panelists' packets, put side by side, do not line up
 * seat by seat); the aggregates do not depend on the order.
 */
export function buildFeedback(input: FeedbackInput): Feedback {
  const { received, finals, recipient, round } = input;
  const shuffle = input.shuffle ?? randomShuffle;
  if (round < 2) throw new Error("feedback opens round 2 or later");
  if (!finals.some((s) => s.seat.fingerprint === recipient)) throw new Error("feedback for a seat with no scoresheet of the round before");
  const claims = received.case.claims.map((c) => c.id);
  const summaries = claimSummaries(
    claims,
    finals.map((s) => ({ seat: s.seat.fingerprint, claims: s.answers.claims })),
    received.rubric,
  );
  const sharing = finals.filter(consentsToShare);
  const perClaim = claims.map((claim, i): FeedbackClaim => {
    const answerOf = (s: Scoresheet) => s.answers.claims.find((a) => a.claim === claim);
    const estimates = shuffle(finals.flatMap((s) => (answerOf(s)?.best === undefined ? [] : [{ mine: s.seat.fingerprint === recipient, value: answerOf(s)?.best as number }])));
    const own = estimates.findIndex((e) => e.mine);
    const rationales = shuffle(sharing.flatMap((s) => (answerOf(s)?.rationale?.trim() ? [answerOf(s)?.rationale as string] : [])));
    return {
      claim,
      estimates: estimates.map((e) => e.value),
      ...(own < 0 ? {} : { own }),
      aggregates: feedbackAggregates(summaries[i] as ClaimSummary),
      rationales,
    };
  });
  const note = input.note?.trim();
  const packetManifest = received.packet.manifestSha256;
  if (packetManifest === undefined) throw new Error("feedback from a packet without its manifest's digest");
  return {
    format: FEEDBACK_FORMAT,
    version: FEEDBACK_VERSION,
    caseId: received.case.id,
    packetManifest,
    round,
    fromRound: round - 1,
    recipient: { fingerprint: recipient },
    ...(input.deadline === undefined ? {} : { deadline: input.deadline }),
    ...(note ? { note } : {}),
    claims: perClaim,
    createdAt: input.createdAt.toISOString(),
  };
}

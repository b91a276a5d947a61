/**
 * The chair's side of one case: the case packet the chair holds, the
 * identity of this vault that holds its chair seat (chosen by the roster's
 * fingerprint, never "the first identity"), the dashboard built from what
 * the vault holds, and the quorum declaration.
 */
import { chairSeat, loadReceivedCase, type ReceivedCase, type RosterPerson } from "../case/case-records";
import { fingerprintOf } from "../identity/acting-identity";
import type { PersonalIdentity } from "../identity/identity";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { HeldSheet } from "./check-incoming";
import { chairDashboard, declareQuorum, type Dashboard } from "./dashboard";
import { vaultFailed, type MergeError } from "./merge-error";
import { loadHeld, loadOpenRound, loadQuorum, quorumChange } from "./merge-store";
import { statisticsOf, type PanelStatistics } from "./statistics";

/** The chair's seat of `received` and the one of `identities` that holds it; undefined when none does. */
export function chairIdentity(received: ReceivedCase, identities: readonly PersonalIdentity[]): { readonly seat: RosterPerson; readonly identity: PersonalIdentity } | undefined {
  const seat = chairSeat(received.roster);
  const identity = seat && identities.find((i) => fingerprintOf(i) === seat.fingerprint);
  return seat && identity ? { seat, identity } : undefined;
}

/** What the chair holds of one case: the case received, the identity of this vault that holds its chair seat, the scoresheets held, and the round open (round-open.ts). */
export type ChairHolding = { readonly received: ReceivedCase; readonly chair: PersonalIdentity; readonly held: readonly HeldSheet[]; readonly round: number };

/** The case the chair holds, the identity that chairs it, and the scoresheets held for it (each digest checked). */
export async function chairHolding(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[]): Promise<Result<ChairHolding, MergeError>> {
  const received = await loadReceivedCase(v, caseId);
  if (!received.ok) return received.error.kind === "missing" ? err({ kind: "case-not-received" }) : vaultFailed(received.error);
  const chair = chairIdentity(received.value, identities);
  if (!chair) return err({ kind: "not-chair" });
  const held = await loadHeld(v, caseId);
  if (!held.ok) return held;
  const open = await loadOpenRound(v, caseId);
  if (!open.ok) return open;
  return ok({ received: received.value, chair: chair.identity, held: held.value, round: open.value.round });
}

/** The dashboard of `round` from what is in hand (the case and the scoresheets held), with the quorum declared for the round. */
export async function dashboardOf(v: UnlockedVault, caseId: string, holding: Pick<ChairHolding, "received" | "held">, round: number, now: Date): Promise<Result<Dashboard, MergeError>> {
  const quorum = await loadQuorum(v, caseId, round);
  if (!quorum.ok) return quorum;
  // A later round is due when the chair said on opening it (the case packet's deadline is round 1's).
  const open = round > 1 ? await loadOpenRound(v, caseId) : undefined;
  if (open && !open.ok) return open;
  const deadline = open?.ok && open.value.opened?.round === round ? open.value.opened.deadline : holding.received.deadline;
  return ok(chairDashboard(holding.received, holding.held, round, quorum.value, now, deadline));
}

/**
 * What the Chair page shows of the round open, from the scoresheets in hand
 * (`held`: those of the holding, or those after an import's writes): its
 * dashboard and its statistics, with no second reading of the vault.
 */
export async function chairView(v: UnlockedVault, holding: ChairHolding, held: readonly HeldSheet[], now: Date): Promise<Result<{ readonly dashboard: Dashboard; readonly statistics: Result<PanelStatistics, MergeError> }, MergeError>> {
  const { received, round } = holding;
  const dashboard = await dashboardOf(v, received.case.id, { received, held }, round, now);
  return dashboard.ok ? ok({ dashboard: dashboard.value, statistics: statisticsOf(received, held, round) }) : dashboard;
}

/** The dashboard of `round` as the vault holds it now. */
export async function loadDashboard(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[], round: number, now: Date): Promise<Result<Dashboard, MergeError>> {
  const holding = await chairHolding(v, caseId, identities);
  return holding.ok ? dashboardOf(v, caseId, holding.value, round, now) : holding;
}

/**
 * Records the chair's decision that the panel has a quorum for `round`, with
 * the scoresheets held now (a later declaration replaces it, the audit log
 * keeps each). Refused when nothing was submitted.
 */
export async function recordQuorum(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[], round: number, now: Date): Promise<Result<Dashboard, MergeError>> {
  const holding = await chairHolding(v, caseId, identities);
  if (!holding.ok) return holding;
  const { received, held } = holding.value;
  const dashboard = chairDashboard(received, held, round, null, now);
  if (dashboard.counts.submitted === 0) return err({ kind: "nothing-submitted" });
  const quorum = declareQuorum(dashboard, now);
  const change = quorumChange(v, received.case.id, quorum);
  if (!change.ok) return vaultFailed(change.error);
  const written = await v.write({ put: [change.value] }, { event: "quorum-declared", detail: { case: caseId, round, submitted: quorum.submitted, seats: quorum.seats } });
  if (!written.ok) return vaultFailed(written.error);
  return ok({ ...dashboard, quorum });
}

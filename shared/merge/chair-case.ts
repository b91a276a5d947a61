/**
 * The chair's side of one case: the case packet the chair holds, the
 * identity of this vault that holds its chair seat (chosen by the roster's
 * fingerprint, never "the first identity"), the dashboard built from what
 * the vault holds, and the quorum declaration.
 */
import { chairSeat, loadReceivedCase, type ReceivedCase } from "../case/case-records";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { chairDashboard, declareQuorum, type Dashboard } from "./dashboard";
import type { MergeError } from "./merge-error";
import { loadHeld, loadQuorum, quorumChange } from "./merge-store";

/** The case the chair holds, and the identity of this vault that holds its chair seat. */
export async function chairOf(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[]): Promise<Result<{ received: ReceivedCase; chair: PersonalIdentity }, MergeError>> {
  const received = await loadReceivedCase(v, caseId);
  if (!received.ok) return err(received.error.kind === "missing" ? { kind: "case-not-received" } : { kind: "vault-failed", error: received.error });
  const seat = chairSeat(received.value.roster);
  const chair = seat && identities.find((i) => sshFingerprint(i.signing.publicKey) === seat.fingerprint);
  return chair ? ok({ received: received.value, chair }) : err({ kind: "not-chair" });
}

/** Whether one of `identities` holds the chair seat of `received`. */
export const chairs = (received: ReceivedCase, identities: readonly PersonalIdentity[]): boolean => {
  const seat = chairSeat(received.roster);
  return seat !== undefined && identities.some((i) => sshFingerprint(i.signing.publicKey) === seat.fingerprint);
};

/** The dashboard of `round` as the vault holds it now. */
export async function loadDashboard(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[], round: number, now: Date): Promise<Result<Dashboard, MergeError>> {
  const found = await chairOf(v, caseId, identities);
  if (!found.ok) return found;
  const held = await loadHeld(v, caseId);
  if (!held.ok) return held;
  const quorum = await loadQuorum(v, caseId, round);
  if (!quorum.ok) return quorum;
  return ok(chairDashboard(found.value.received, held.value, round, quorum.value, now));
}

/**
 * Records the chair's decision that the panel has a quorum for `round`, with
 * the scoresheets held now (a later declaration replaces it, the audit log
 * keeps each). Refused when nothing was submitted.
 */
export async function recordQuorum(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[], round: number, now: Date): Promise<Result<Dashboard, MergeError>> {
  const found = await chairOf(v, caseId, identities);
  if (!found.ok) return found;
  const held = await loadHeld(v, caseId);
  if (!held.ok) return held;
  const dashboard = chairDashboard(found.value.received, held.value, round, null, now);
  if (dashboard.counts.submitted === 0) return err({ kind: "nothing-submitted" });
  const quorum = declareQuorum(dashboard, now);
  const change = quorumChange(v, found.value.received.case.id, quorum);
  if (!change.ok) return err({ kind: "vault-failed", error: change.error });
  const written = await v.write({ put: [change.value] }, { event: "quorum-declared", detail: { case: caseId, round, submitted: quorum.submitted, seats: quorum.seats } });
  if (!written.ok) return err({ kind: "vault-failed", error: written.error });
  return ok({ ...dashboard, quorum });
}

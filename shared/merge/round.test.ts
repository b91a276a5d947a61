import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { encodeRecipient } from "../formats/age/age";
import { setClaimAnswer, setShareRationale } from "../scoring/edit";
import type { Answers, ClaimId } from "../scoring/scoresheet";
import { answersFor } from "../scoring/scoring.testing";
import { scoringContextOf, submitScoresheet, type Submission } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { loadDashboard, recordQuorum } from "./chair-case";
import { openFeedback } from "./feedback-packet";
import { importScoresheets, type IncomingFile } from "./import-scoresheets";
import { loadHeld, loadOpenRound } from "./merge-store";
import { panelOfFive, sentOf, sign, type TestSeat } from "./merge.testing";
import { movementOf } from "./movement";
import { exportFeedback } from "./round-export";
import { openRound, roundOverview } from "./round-open";
import { claimSummaries } from "./stats/panel-summary";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
const DUE = "2026-12-20T17:00:00.000Z";
let panel: Awaited<ReturnType<typeof panelOfFive>>;
let vault: UnlockedVault;
let claim: ClaimId;
/** Round 1 of members 1–3 (member 4 never submits); member 1 consents to share its rationales. */
let r1: Submission[];

/** `answers` with the best estimate of `claim` at `best` and the likelihood term that matches it. */
function withBest(seat: TestSeat, answers: Answers, best: number): Answers {
  const term = seat.received.rubric.likelihood.find((t) => best >= t.low && best <= t.high)?.id as string;
  return setClaimAnswer(setClaimAnswer(answers, claim, "best", best), claim, "likelihood", term);
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panel = await panelOfFive(NOW);
  vault = panel.chairVault.vault;
  const [m1, m2, m3] = panel.members as [TestSeat, TestSeat, TestSeat];
  const base = answersFor(scoringContextOf(m1.received));
  claim = base.claims[0]!.claim as ClaimId;
  r1 = [
    await sign(m1, NOW, [], setShareRationale(withBest(m1, base, 20), true)),
    await sign(m2, NOW, [], withBest(m2, base, 60)),
    await sign(m3, NOW, [], withBest(m3, base, 90)),
  ];
}, 180_000);

const identities = () => [panel.chair.identity];
const files = (...s: Submission[]): IncomingFile[] => s.map((x, i) => ({ name: `f${i}.age`, bytes: x.bytes }));
const run = (f: IncomingFile[]) => importScoresheets(vault, { caseId: panel.caseId, files: f, identities: identities(), now: () => LATER });
const open = (note?: string, deadline = DUE) => openRound(vault, { caseId: panel.caseId, round: 2, deadline, note, identities: identities(), now: LATER });
/** A member's first scoresheet of round 2, revising `previous` of round 1. */
const signRound2 = (seat: TestSeat, previous: Submission, answers: Answers, reasons: { answer: string; reason: string }[] = []) =>
  submitScoresheet({ received: seat.received, identities: [seat.identity], history: [sentOf(previous)], round: 2, openRound: 2, answers, reasons, now: LATER }).then(must);

describe("round 2 on the chair's side", () => {
  it("opening round 2 is refused before a quorum of round 1 and with a deadline already past; round 1 stays open and nothing is written", async () => {
    expect(must(await run(files(...r1))).map((r) => r.outcome)).toEqual(["accepted", "accepted", "accepted"]);
    const before = must(await vault.contentDigest());
    expect(await open()).toEqual({ ok: false, error: { kind: "no-quorum", round: 1 } });
    must(await recordQuorum(vault, panel.caseId, identities(), 1, LATER));
    const afterQuorum = must(await vault.contentDigest());
    expect(afterQuorum).not.toEqual(before);
    expect(await open(undefined, "2026-11-22T10:30:00.000Z")).toEqual({ ok: false, error: { kind: "deadline-in-past" } });
    expect(must(await loadOpenRound(vault, panel.caseId)).round).toBe(1);
    expect(must(await vault.contentDigest())).toEqual(afterQuorum);
    // No feedback while round 1 is open.
    expect(await exportFeedback(vault, { caseId: panel.caseId, seat: panel.members[0]!.fingerprint, identities: identities(), now: LATER })).toEqual({ ok: false, error: { kind: "round-not-opened" } });
  });

  it("opens round 2 with the note, audit-logged; the seats that submitted round 1 are the ones a feedback packet goes to; it cannot be opened twice", async () => {
    const audit = must(await vault.verifyAudit()).count;
    const state = must(await open("  Please look again at the first claim.  "));
    expect(state.round).toBe(2);
    expect(state.opened).toMatchObject({ round: 2, note: "Please look again at the first claim.", deadline: DUE, quorum: { submitted: 3, seats: 5 } });
    expect(must(await vault.verifyAudit()).count).toBe(audit + 1);
    const overview = must(await roundOverview(vault, panel.caseId, identities()));
    expect(overview.feedbackSeats.map((s) => s.fingerprint)).toEqual(panel.members.slice(0, 3).map((m) => m.fingerprint));
    expect(overview.quorumDeclared).toBe(false);
    expect(await open()).toEqual({ ok: false, error: { kind: "round-already-open", round: 2 } });
    // The dashboard is round 2's now, due when the chair said.
    const dashboard = must(await loadDashboard(vault, panel.caseId, identities(), 2, LATER));
    expect({ round: dashboard.round, deadline: dashboard.deadline, submitted: dashboard.counts.submitted }).toEqual({ round: 2, deadline: DUE, submitted: 0 });
  });

  it("each feedback packet opens only for its seat, signed by the chair seat, with every round-1 estimate shuffled, its own marked, the aggregates of claimSummaries and only consented rationales", async () => {
    const [m1, m2] = panel.members as [TestSeat, TestSeat];
    const made = must(await exportFeedback(vault, { caseId: panel.caseId, seat: m2.fingerprint, identities: identities(), now: LATER }));
    expect(made.fileName).toMatch(/^feedback-.*-round2-.*\.age$/);
    const key = { kind: "age" as const, identity: m2.identity.encryption.secretKey, myRecipient: encodeRecipient(m2.identity.encryption.publicKey) };
    const opened = must(await openFeedback(made.bytes, key, { chair: panel.chair.fingerprint, seat: m2.fingerprint }));
    const f = opened.feedback;
    expect({ round: f.round, fromRound: f.fromRound, note: f.note, deadline: f.deadline, packet: f.packetManifest }).toEqual({
      round: 2,
      fromRound: 1,
      note: "Please look again at the first claim.",
      deadline: DUE,
      packet: panel.chair.received.packet.manifestSha256,
    });
    const first = f.claims.find((c) => c.claim === claim)!;
    expect([...first.estimates].sort((a, b) => a - b)).toEqual([20, 60, 90]);
    expect(first.estimates[first.own!]).toBe(60);
    const summary = claimSummaries(
      [claim],
      r1.map((s) => ({ seat: s.sheet.seat.fingerprint, claims: s.sheet.answers.claims })),
      panel.chair.received.rubric,
    )[0]!;
    expect(first.aggregates).toMatchObject({ n: 3, median: summary.best!.median, iqr: summary.best!.iqr, linearPool: { value: summary.linearPool!.value }, logOddsPool: { value: summary.logOddsPool!.value } });
    // Only member 1 consented: one rationale, theirs, without a name.
    expect(first.rationales).toEqual([r1[0]!.sheet.answers.claims[0]!.rationale]);
    expect(JSON.stringify(f)).not.toContain(m1.fingerprint);
    expect(JSON.stringify(f)).not.toContain("Member");
    // Another seat's key cannot open it; member 4 (no round-1 scoresheet) gets none.
    const m3 = panel.members[2]!;
    expect((await openFeedback(made.bytes, { kind: "age", identity: m3.identity.encryption.secretKey }, { chair: panel.chair.fingerprint, seat: m3.fingerprint })).ok).toBe(false);
    expect(await exportFeedback(vault, { caseId: panel.caseId, seat: panel.members[3]!.fingerprint, identities: identities(), now: LATER })).toEqual({ ok: false, error: { kind: "seat-not-submitted", round: 1 } });
  });

  it("the order of the estimates is drawn afresh for every packet (with a shuffle that reverses, the own index moves)", async () => {
    const m2 = panel.members[1]!;
    const key = { kind: "age" as const, identity: m2.identity.encryption.secretKey };
    const orders = [];
    for (const shuffle of [<T>(x: readonly T[]) => [...x], <T>(x: readonly T[]) => [...x].reverse()]) {
      const made = must(await exportFeedback(vault, { caseId: panel.caseId, seat: m2.fingerprint, identities: identities(), now: LATER, shuffle }));
      const c = must(await openFeedback(made.bytes, key, { chair: panel.chair.fingerprint, seat: m2.fingerprint })).feedback.claims.find((x) => x.claim === claim)!;
      orders.push(c.estimates);
    }
    expect(orders).toEqual([
      [20, 60, 90],
      [90, 60, 20],
    ]);
  });

  it("imports round-2 scoresheets that revise the seat's final round-1 one; refuses round 1 now, and a round-2 scoresheet naming another round-1 scoresheet", async () => {
    const [m1, m2, m3] = panel.members as [TestSeat, TestSeat, TestSeat];
    const lateR1 = await sign(panel.members[3]!, NOW);
    // Member 1 moves towards the panel; member 2 keeps every answer (allowed, no reason); member 3's names a scoresheet the chair does not hold as its final one.
    const a1 = await signRound2(m1, r1[0]!, withBest(m1, r1[0]!.sheet.answers, 50), [
      { answer: `claims/${claim}/best`, reason: "The others' reading of the infrastructure convinced me." },
      { answer: `claims/${claim}/likelihood`, reason: "Follows the estimate." },
    ]);
    const a2 = await signRound2(m2, r1[1]!, r1[1]!.sheet.answers);
    const forked = await sign(m3, LATER, [sentOf(r1[2]!)], setClaimAnswer(r1[2]!.sheet.answers, claim, "rationale", "Edited, never sent."), [{ answer: `claims/${claim}/rationale`, reason: "Edited." }]);
    const a3 = await signRound2(m3, forked, forked.sheet.answers);
    const before = must(await vault.contentDigest());
    const refused = must(await run([...files(a3), { name: "late.age", bytes: lateR1.bytes }]));
    expect(refused).toEqual([
      { name: "f0.age", outcome: "refused", refusal: { kind: "other-previous-round", round: 1, held: true } },
      { name: "late.age", outcome: "refused", refusal: { kind: "round-not-open", round: 1, open: 2 } },
    ]);
    expect(must(await vault.contentDigest())).toEqual(before);
    expect(must(await run(files(a1, a2))).map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const held = must(await loadHeld(vault, panel.caseId));
    expect(held.filter((h) => h.sheet.round === 2).map((h) => h.sheet.seat.fingerprint)).toEqual([m1.fingerprint, m2.fingerprint]);
  });

  it("the movement: round 1 and round 2 aggregates per claim, their change, the alphas' change and the flags' moves", async () => {
    const held = must(await loadHeld(vault, panel.caseId));
    const m = movementOf(panel.chair.received, held, 2);
    expect({ from: m.fromRound, to: m.toRound, seats: m.seats }).toEqual({ from: 1, to: 2, seats: { before: 3, after: 2 } });
    const first = m.claims.find((c) => c.claim === claim)!;
    expect(first.before.best?.median).toBe(60);
    expect(first.after.best?.median).toBe(55);
    expect(first.change.median).toBe(-5);
    expect(first.change.n).toBe(-1);
    expect(first.change.iqr).toBeCloseTo(first.after.best!.iqr - first.before.best!.iqr, 10);
    expect(first.change.linearPool).toBeCloseTo(55 - (20 + 60 + 90) / 3, 10);
    for (const k of ["likelihood", "best", "stateResponsibility", "legalBasis"] as const) {
      const a = m.agreement[k];
      expect(a.change).toBe(a.before.kind === "alpha" && a.after.kind === "alpha" ? a.after.value - a.before.value : undefined);
    }
    expect(["raised", "cleared", "kept", "none", "unknown"]).toContain(first.flags.estimates.ipr.move);
  });
});

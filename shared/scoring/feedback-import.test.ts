import { beforeAll, describe, expect, it } from "vitest";
import type { ReceivedCase } from "../case/case-records";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { sealFeedback, type Feedback } from "../merge/feedback-packet";
import { buildFeedback } from "../merge/round-feedback";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { checkFeedback, loadFeedback, openRoundOf } from "./feedback-import";
import { answersFor, receivedSampleCase, samplePeople } from "./scoring.testing";
import { SeatIdSchema, type Scoresheet } from "./scoresheet";
import { scoringContextOf, submitScoresheet } from "./submit";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-12-01T10:00:00.000Z");
let panelist: PersonalIdentity;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let received: ReceivedCase;
let vault: UnlockedVault;
let round1: Scoresheet;

/** No shuffle: the estimates in the order of `finals`, so the test knows where the panelist's own is. */
const inOrder = <T,>(xs: readonly T[]): T[] => [...xs];

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  ({ panelist, chair, secretariat } = samplePeople());
  const held = await receivedSampleCase({ panelist, chair, secretariat }, NOW);
  received = held.received;
  vault = held.vault;
  const answers = { ...answersFor(scoringContextOf(received)), shareRationale: true };
  const signed = await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now: NOW });
  if (!signed.ok) throw new Error("round 1 refused");
  round1 = signed.value.sheet;
}, 60_000);

/** The feedback the chair would send the panelist (their own sheet and one other seat's). */
function feedbackFor(overrides: Partial<Feedback> = {}, createdAt = LATER): Feedback {
  const other: Scoresheet = { ...round1, seat: { fingerprint: SeatIdSchema.parse(sshFingerprint(chair.signing.publicKey)), role: "chair" }, answers: { ...round1.answers, shareRationale: false } };
  const f = buildFeedback({ received, finals: [round1, other], recipient: round1.seat.fingerprint, round: 2, note: "Please look again at claim 2.", createdAt, shuffle: inOrder });
  return { ...f, ...overrides };
}

const seal = (f: Feedback, signer = chair, to = panelist) => sealFeedback(f, signer.signing, to.encryption.publicKey, new Date(f.createdAt));
const check = (bytes: Uint8Array, identities = [panelist]) => checkFeedback(vault, { received, identities, bytes, now: LATER });

describe("importing a feedback packet", () => {
  it("refuses, with a value and nothing stored, what is not the chair's feedback for this seat and case", async () => {
    expect(await check(await seal(feedbackFor(), secretariat))).toEqual({ ok: false, error: { kind: "not-from-chair" } });
    expect(await check(await seal(feedbackFor({ recipient: { fingerprint: SeatIdSchema.parse(sshFingerprint(chair.signing.publicKey)) } })))).toEqual({ ok: false, error: { kind: "not-for-this-seat" } });
    expect(await check(await seal(feedbackFor(), chair, chair))).toEqual({ ok: false, error: { kind: "unreadable", reason: "not-addressed-to-you" } });
    expect(await check(await seal(feedbackFor({ caseId: "case-9999999999999999" as Feedback["caseId"] })))).toEqual({ ok: false, error: { kind: "other-case" } });
    const claims = feedbackFor().claims;
    expect(await check(await seal(feedbackFor({ claims: [{ ...claims[0]!, claim: "claim-9999999999" as Feedback["claims"][number]["claim"] }] })))).toEqual({ ok: false, error: { kind: "other-claims" } });
    expect(await check(await seal(feedbackFor()), [secretariat])).toEqual({ ok: false, error: { kind: "not-on-roster" } });
    expect(await check(new TextEncoder().encode("not a feedback packet"))).toEqual({ ok: false, error: { kind: "unreadable", reason: "not-encrypted" } });
    const bytes = await seal(feedbackFor());
    const cut = bytes.slice(0, bytes.length - 40);
    const r = await check(cut);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe("unreadable");
    const flipped = bytes.slice();
    flipped[flipped.length - 30]! ^= 1;
    expect(await check(flipped)).toEqual({ ok: false, error: { kind: "unreadable", reason: "tampered" } });
    // A roster without a single chair: no signature can be checked.
    const chairless: ReceivedCase = { ...received, roster: received.roster.map((p) => ({ ...p, role: "member" as const })) };
    expect(await checkFeedback(vault, { received: chairless, identities: [panelist], bytes, now: LATER })).toEqual({ ok: false, error: { kind: "no-chair" } });
    expect(await loadFeedback(vault, received.case.id)).toEqual({ ok: true, value: [] });
  });

  it("accepts the chair's feedback, which then opens round 2; the same again is already held; a later one replaces it, an older one is refused", async () => {
    expect(openRoundOf([])).toBe(1);
    const feedback = feedbackFor();
    // The panelist's own round-1 estimate is where `own` says, among the others, with no name.
    expect(feedback.claims[0]!.estimates[feedback.claims[0]!.own!]).toBe(round1.answers.claims[0]!.best);
    const first = await check(await seal(feedback));
    expect(first.ok && first.value.outcome).toBe("imported");
    if (!first.ok || !first.value.change) throw new Error("refused");
    expect(first.value.record).toMatchObject({ caseId: received.case.id, round: 2, signer: sshFingerprint(chair.signing.publicKey), feedback });
    expect((await vault.write({ put: [first.value.change] })).ok).toBe(true);
    const held = await loadFeedback(vault, received.case.id);
    expect(held.ok && held.value.map((f) => f.round)).toEqual([2]);
    expect(held.ok && openRoundOf(held.value)).toBe(2);

    const again = await check(await seal(feedback));
    expect(again.ok && again.value.outcome).toBe("already-held");
    expect(again.ok && again.value.change).toBeUndefined();

    const older = await check(await seal(feedbackFor({}, new Date(LATER.getTime() - 60_000))));
    expect(older).toEqual({ ok: false, error: { kind: "superseded", round: 2, createdAt: LATER.toISOString() } });
    const newer = await check(await seal(feedbackFor({ note: "A second note." }, new Date(LATER.getTime() + 60_000))));
    expect(newer.ok && newer.value.outcome).toBe("replaced");
  });
});

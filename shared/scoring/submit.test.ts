import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import type { ReceivedCase } from "../case/case-records";
import { setClaimAnswer } from "./edit";
import { answersFor, receivedSampleCase, samplePeople } from "./scoring.testing";
import { openScoresheet, scoresheetDigest } from "./scoresheet-file";
import type { SentScoresheet } from "./scoring-store";
import { ownCopy, scoringContextOf, seatOf, submitScoresheet } from "./submit";
import type { ClaimId } from "./scoresheet";

const NOW = new Date("2026-11-22T10:00:00.000Z");
let panelist: PersonalIdentity;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let received: ReceivedCase;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  ({ panelist, chair, secretariat } = samplePeople());
  received = (await receivedSampleCase({ panelist, chair, secretariat }, NOW)).received;
}, 60_000);

const sent = (s: { sheet: SentScoresheet["sheet"]; sha256: string; fileName: string }): SentScoresheet => ({ sheet: s.sheet, sha256: s.sha256, fileName: s.fileName });

describe("submitting a scoresheet", () => {
  it("the received case keeps what a scoresheet names: the manifest's digest and the packet's recipients", () => {
    expect(received.packet.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(received.packet.recipients).toHaveLength(2);
    expect(seatOf(received, [secretariat, panelist])?.fingerprint).toBe(sshFingerprint(panelist.signing.publicKey));
    expect(seatOf(received, [secretariat])).toBeUndefined();
  });

  it("signs revision 1 with the seat's key, sealed to the chair and the secretariat, naming case, packet, round, seat and rubric", async () => {
    const answers = answersFor(scoringContextOf(received));
    const r = await submitScoresheet({ received, identities: [secretariat, panelist], history: [], round: 1, answers, reasons: [], now: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { sheet } = r.value;
    expect(sheet).toMatchObject({ version: 2, caseId: received.case.id, packetManifest: received.packet.manifestSha256, packetContent: received.packet.contentSha256, round: 1, revision: 1, seat: { fingerprint: sshFingerprint(panelist.signing.publicKey), role: "member" }, rubric: { id: "default-v1", revision: 1 } });
    expect(sheet.previous).toBeUndefined();
    for (const who of [chair, secretariat]) {
      const opened = await openScoresheet(r.value.bytes, { kind: "age", identity: who.encryption.secretKey });
      expect(opened.ok && opened.value.sheet).toEqual(sheet);
      expect(opened.ok && opened.value.sha256).toBe(r.value.sha256);
    }
    // Not to the panelist's own key: their copy is the signed plain one.
    expect(await openScoresheet(r.value.bytes, { kind: "age", identity: panelist.encryption.secretKey })).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
    const copy = await ownCopy(sent(r.value), [panelist]);
    const plain = copy.ok ? await openScoresheet(copy.value.bytes, { kind: "plain" }) : undefined;
    expect(plain?.ok && plain.value.sheet).toEqual(sheet);
    expect(copy.ok && copy.value.fileName).toMatch(/round1-rev1\.signed\.tar$/);
  });

  it("refuses incomplete answers, and a person without a seat", async () => {
    const answers = setClaimAnswer(answersFor(scoringContextOf(received)), received.case.claims[0]!.id as ClaimId, "likelihood", undefined);
    expect(await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now: NOW })).toEqual({ ok: false, error: { kind: "incomplete", gaps: 1 } });
    const full = answersFor(scoringContextOf(received));
    expect(await submitScoresheet({ received, identities: [secretariat], history: [], round: 1, answers: full, reasons: [], now: NOW })).toEqual({ ok: false, error: { kind: "not-on-roster" } });
    expect(await submitScoresheet({ received, identities: [panelist], history: [], round: 2, answers: full, reasons: [], now: NOW })).toEqual({ ok: false, error: { kind: "round-not-open", round: 2 } });
  });

  it("a packet imported before scoring existed is asked again", async () => {
    const { manifestSha256: _m, recipients: _r, ...packet } = received.packet;
    const old: ReceivedCase = { ...received, packet };
    expect(await submitScoresheet({ received: old, identities: [panelist], history: [], round: 1, answers: answersFor(scoringContextOf(received)), reasons: [], now: NOW })).toEqual({ ok: false, error: { kind: "packet-too-old" } });
    // Imported before the content digest was kept.
    const { contentSha256: _c, ...before } = received.packet;
    expect(await submitScoresheet({ received: { ...received, packet: before }, identities: [panelist], history: [], round: 1, answers: answersFor(scoringContextOf(received)), reasons: [], now: NOW })).toEqual({ ok: false, error: { kind: "packet-too-old" } });
  });

  it("a revision names its predecessor and gives a reason per changed answer; none after the deadline", async () => {
    const answers = answersFor(scoringContextOf(received));
    const first = await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now: NOW });
    if (!first.ok) throw new Error("first submission refused");
    const history = [sent(first.value)];
    const claim = received.case.claims[0]!.id as ClaimId;
    const changed = setClaimAnswer(answers, claim, "rationale", "A new log extract changes my view.");
    const key = `claims/${claim}/rationale`;
    const later = new Date(NOW.getTime() + 60_000);
    expect(await submitScoresheet({ received, identities: [panelist], history, round: 1, answers: changed, reasons: [], now: later })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "reason-missing", answers: [key] } } });
    expect(await submitScoresheet({ received, identities: [panelist], history, round: 1, answers, reasons: [], now: later })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "nothing-changed" } } });
    // A reason left over from an answer changed back is not signed.
    const second = await submitScoresheet({ received, identities: [panelist], history, round: 1, answers: changed, reasons: [{ answer: key, reason: " New evidence. " }, { answer: "rationale", reason: "stale" }], now: later });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.value.sheet.revision).toBe(2);
    expect(second.value.sheet.previous).toEqual({ sha256: scoresheetDigest(first.value.sheet), changes: [{ answer: key, reason: "New evidence." }] });
    const afterDeadline = new Date(Date.parse(received.deadline) + 1000);
    expect(await submitScoresheet({ received, identities: [panelist], history, round: 1, answers: changed, reasons: [{ answer: key, reason: "x" }], now: afterDeadline })).toEqual({ ok: false, error: { kind: "past-deadline", deadline: received.deadline } });
    // A first submission after the deadline is accepted (the chair sees it late).
    expect((await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now: afterDeadline })).ok).toBe(true);
  });

  it("a new version of the case after signing: the next revision is signed on it, and may keep every answer", async () => {
    const answers = answersFor(scoringContextOf(received));
    const first = await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now: NOW });
    if (!first.ok) throw new Error("first submission refused");
    const updated: ReceivedCase = { ...received, packet: { ...received.packet, sequence: received.packet.sequence + 1, manifestSha256: "d".repeat(64), contentSha256: "c".repeat(64) } };
    const later = new Date(NOW.getTime() + 60_000);
    const again = await submitScoresheet({ received: updated, identities: [panelist], history: [sent(first.value)], round: 1, answers, reasons: [], now: later });
    expect(again.ok && again.value.sheet).toMatchObject({ revision: 2, packetManifest: "d".repeat(64), packetContent: "c".repeat(64), previous: { sha256: scoresheetDigest(first.value.sheet), changes: [] } });
    // On the same packet, the same answers are still "nothing changed".
    expect(await submitScoresheet({ received, identities: [panelist], history: [sent(first.value)], round: 1, answers, reasons: [], now: later })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "nothing-changed" } } });
    // The new version carries a new revision of the rubric: the panelist answers that one (the chair requires the rubric
    // of the packet the chair holds, which is the same new version).
    const rubric = { ...received.rubric, revision: received.rubric.revision + 1 };
    const reruled = await submitScoresheet({ received: { ...updated, rubric }, identities: [panelist], history: [sent(first.value)], round: 1, answers, reasons: [], now: later });
    expect(reruled.ok && reruled.value.sheet).toMatchObject({ revision: 2, rubric: { id: rubric.id, revision: rubric.revision }, packetContent: "c".repeat(64) });
    // Without a new version of the case, the rubric stays the one scored.
    expect(await submitScoresheet({ received: { ...received, rubric }, identities: [panelist], history: [sent(first.value)], round: 1, answers, reasons: [], now: later })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "subject-changed", field: "rubric" } } });
  });

  it("round 2 opens once a feedback packet opened it: its first scoresheet revises the final round-1 one, keeping or changing answers", async () => {
    const answers = answersFor(scoringContextOf(received));
    const r1 = await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now: NOW });
    if (!r1.ok) throw new Error("round 1 refused");
    const claim = received.case.claims[0]!.id as ClaimId;
    const key = `claims/${claim}/rationale`;
    const changed = setClaimAnswer(answers, claim, "rationale", "Revised after the round.");
    const r1b = await submitScoresheet({ received, identities: [panelist], history: [sent(r1.value)], round: 1, answers: changed, reasons: [{ answer: key, reason: "Second look." }], now: NOW });
    if (!r1b.ok) throw new Error("round 1 revision refused");
    const history = [sent(r1.value), sent(r1b.value)];
    // Without a feedback packet, round 2 is not open.
    const late = new Date(Date.parse(received.deadline) + 86_400_000);
    expect(await submitScoresheet({ received, identities: [panelist], history, round: 2, answers: changed, reasons: [], now: late })).toEqual({ ok: false, error: { kind: "round-not-open", round: 2 } });
    // Once round 2 is open, round 1 is closed.
    expect(await submitScoresheet({ received, identities: [panelist], history, round: 1, openRound: 2, answers, reasons: [{ answer: key, reason: "x" }], now: late })).toEqual({ ok: false, error: { kind: "round-not-open", round: 1 } });
    // Nobody's round-1 scoresheet on this vault: nothing to revise.
    expect(await submitScoresheet({ received, identities: [panelist], history: [], round: 2, openRound: 2, answers, reasons: [], now: late })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "previous-round-missing", round: 1 } } });

    // Keeping every answer: no reason needed, and the round-1 deadline does not apply.
    const kept = await submitScoresheet({ received, identities: [panelist], history, round: 2, openRound: 2, answers: changed, reasons: [], now: late });
    expect(kept.ok).toBe(true);
    if (!kept.ok) return;
    expect(kept.value.sheet).toMatchObject({ round: 2, revision: 1, previous: { sha256: r1b.value.sha256, changes: [] } });
    expect(kept.value.fileName).toMatch(/round2-rev1\.age$/);
    const opened = await openScoresheet(kept.value.bytes, { kind: "age", identity: chair.encryption.secretKey });
    expect(opened.ok && opened.value.sheet).toEqual(kept.value.sheet);

    // Changing an answer from round 1 needs its reason.
    const moved = setClaimAnswer(changed, claim, "rationale", "Moved by the others' reasons.");
    expect(await submitScoresheet({ received, identities: [panelist], history, round: 2, openRound: 2, answers: moved, reasons: [], now: late })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "reason-missing", answers: [key] } } });
    const withReason = await submitScoresheet({ received, identities: [panelist], history, round: 2, openRound: 2, answers: moved, reasons: [{ answer: key, reason: "The feedback." }], now: late });
    expect(withReason.ok && withReason.value.sheet.previous).toEqual({ sha256: r1b.value.sha256, changes: [{ answer: key, reason: "The feedback." }] });

    // A later revision of round 2 follows round 2's first, and must change something.
    const history2 = [...history, sent(kept.value)];
    expect(await submitScoresheet({ received, identities: [panelist], history: history2, round: 2, openRound: 2, answers: changed, reasons: [], now: late })).toEqual({ ok: false, error: { kind: "revision", problem: { kind: "nothing-changed" } } });
    const second = await submitScoresheet({ received, identities: [panelist], history: history2, round: 2, openRound: 2, answers: moved, reasons: [{ answer: key, reason: "The feedback." }], now: late });
    expect(second.ok && second.value.sheet).toMatchObject({ round: 2, revision: 2, previous: { sha256: kept.value.sha256 } });
  });
});

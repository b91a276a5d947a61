import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import { testIdentity } from "../identity/identity.testing";
import type { PersonalIdentity } from "../identity/identity";
import type { ReceivedCase } from "../case/case-records";
import { setClaimAnswer } from "./edit";
import { answersFor, receivedSampleCase } from "./scoring.testing";
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
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
  chair = testIdentity({ displayName: "Chair Person", region: "african-states", nationality: "GH" });
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
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
    expect(sheet).toMatchObject({ caseId: received.case.id, packetManifest: received.packet.manifestSha256, round: 1, revision: 1, seat: { fingerprint: sshFingerprint(panelist.signing.publicKey), role: "member" }, rubric: { id: "default-v1", revision: 1 } });
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
});

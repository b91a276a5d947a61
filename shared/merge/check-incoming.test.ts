import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { must } from "../case/case.testing";
import { testIdentity } from "../identity/identity.testing";
import { sshFingerprint } from "../formats/openssh-key";
import { setClaimAnswer } from "../scoring/edit";
import type { ClaimId, Scoresheet } from "../scoring/scoresheet";
import { openScoresheet, scoresheetDigest, sealScoresheet, type OpenedScoresheet } from "../scoring/scoresheet-file";
import { checkIncomingScoresheet, type HeldSheet } from "./check-incoming";
import { panelOfFive, sentOf, sign, type TestSeat } from "./merge.testing";

const NOW = new Date("2026-11-22T10:00:00.000Z");
let panel: Awaited<ReturnType<typeof panelOfFive>>;
let member: TestSeat;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panel = await panelOfFive(NOW);
  member = panel.members[0]!;
}, 120_000);

const open = async (bytes: Uint8Array): Promise<OpenedScoresheet> => must(await openScoresheet(bytes, { kind: "age", identity: panel.chair.identity.encryption.secretKey }));
const held = (o: OpenedScoresheet): HeldSheet => ({ sheet: o.sheet, sha256: o.sha256, receivedAt: NOW.toISOString() });
/** A scoresheet signed by `seat` whatever it says (the submit path would refuse to sign most of these). */
const forged = async (seat: { identity: TestSeat["identity"] }, sheet: Scoresheet) => open(await sealScoresheet(sheet, seat.identity.signing, [panel.chair.identity.encryption.publicKey], NOW));
const check = (o: OpenedScoresheet, h: readonly HeldSheet[] = [], round = 1) => checkIncomingScoresheet(o, panel.chair.received, h, round);

describe("checking an incoming scoresheet", () => {
  it("accepts a first revision from every seat, the chair's own included, each from that seat's own packet", async () => {
    for (const seat of panel.seats) {
      const o = await open((await sign(seat, NOW)).bytes);
      expect(o.sha256).toBe(scoresheetDigest(o.sheet));
      expect(check(o)).toEqual({ ok: true, value: { outcome: "accepted", fingerprint: seat.fingerprint, revision: 1 } });
    }
    // Every panelist's packet is their own: the manifests differ, so only the chair's own manifest is compared with the held packet;
    // their content is the same, and every seat's is compared.
    expect(new Set(panel.seats.map((s) => s.received.packet.manifestSha256)).size).toBe(panel.seats.length);
    expect(new Set(panel.seats.map((s) => s.received.packet.contentSha256))).toEqual(new Set([panel.chair.received.packet.contentSha256]));
  });

  it("refuses a signer with no seat on the roster", async () => {
    const stranger = testIdentity({ displayName: "Not Onpanel" });
    const first = (await sign(member, NOW)).sheet;
    const o = await forged({ identity: stranger }, { ...first, seat: { fingerprint: sshFingerprint(stranger.signing.publicKey), role: "member" } });
    expect(check(o)).toEqual({ ok: false, error: { kind: "not-on-panel", fingerprint: sshFingerprint(stranger.signing.publicKey) } });
  });

  it("refuses another case, a round not open, another seat's role, another rubric, and an incomplete sheet", async () => {
    const first = (await sign(member, NOW)).sheet;
    const otherCase = "case-0000000000000099" as Scoresheet["caseId"];
    expect(check(await forged(member, { ...first, caseId: otherCase }))).toEqual({ ok: false, error: { kind: "other-case", caseId: otherCase } });
    // A first scoresheet of round 2 names the round-1 scoresheet it revises.
    expect(check(await forged(member, { ...first, round: 2, previous: { sha256: scoresheetDigest(first), changes: [] } }))).toEqual({ ok: false, error: { kind: "round-not-open", round: 2, open: 1 } });
    expect(check(await open((await sign(member, NOW)).bytes), [], 2)).toEqual({ ok: false, error: { kind: "round-not-open", round: 1, open: 2 } });
    expect(check(await forged(member, { ...first, seat: { ...first.seat, role: "chair" } }))).toEqual({ ok: false, error: { kind: "wrong-seat" } });
    expect(check(await forged(member, { ...first, rubric: { id: first.rubric.id, revision: 2 } }))).toEqual({ ok: false, error: { kind: "other-rubric", rubricId: first.rubric.id, revision: 2 } });
    const claim = first.answers.claims[0]!.claim as ClaimId;
    const gappy = setClaimAnswer(first.answers, claim, "likelihood", undefined);
    expect(check(await forged(member, { ...first, answers: gappy }))).toEqual({ ok: false, error: { kind: "incomplete", gaps: 1 } });
  });

  it("refuses the chair's own sheet naming another packet than the one the chair holds", async () => {
    const own = (await sign(panel.chair, NOW)).sheet;
    expect(check(await forged(panel.chair, { ...own, packetManifest: "0".repeat(64) }))).toEqual({ ok: false, error: { kind: "other-packet", own: true } });
  });

  it("refuses any seat's sheet made on another version of the case (its packet's content differs from the chair's)", async () => {
    for (const seat of [member, panel.chair]) {
      const sheet = (await sign(seat, NOW)).sheet;
      expect(sheet.version).toBe(2);
      expect(sheet.packetContent).toBe(seat.received.packet.contentSha256);
      expect(check(await forged(seat, { ...sheet, packetContent: "0".repeat(64) }))).toEqual({ ok: false, error: { kind: "other-packet", own: false } });
    }
  });

  it("reads a version 1 scoresheet (no content digest): the chair's own is compared by its manifest, a member's cannot be checked and is refused", async () => {
    const { packetContent: _, ...first } = (await sign(member, NOW)).sheet;
    expect(check(await forged(member, { ...first, version: 1 }))).toEqual({ ok: false, error: { kind: "case-version-unnamed" } });
    const { packetContent: __, ...own } = (await sign(panel.chair, NOW)).sheet;
    expect(check(await forged(panel.chair, { ...own, version: 1 }))).toEqual({ ok: true, value: { outcome: "accepted", fingerprint: panel.chair.fingerprint, revision: 1 } });
    expect(check(await forged(panel.chair, { ...own, version: 1, packetManifest: "0".repeat(64) }))).toEqual({ ok: false, error: { kind: "other-packet", own: true } });
  });

  it("asks the chair to import the packet again when the held one predates its content digest", async () => {
    const o = await open((await sign(member, NOW)).bytes);
    const { contentSha256: _, ...packet } = panel.chair.received.packet;
    expect(checkIncomingScoresheet(o, { ...panel.chair.received, packet }, [], 1)).toEqual({ ok: false, error: { kind: "packet-too-old" } });
  });

  it("walks the revision chain: next accepted, latest again already held, older replayed, same number other bytes a fork, a skipped number a gap", async () => {
    const s1 = await sign(member, NOW);
    const claim = s1.sheet.answers.claims[0]!.claim;
    const later = new Date(NOW.getTime() + 60_000);
    const a2 = setClaimAnswer(s1.sheet.answers, claim as ClaimId, "rationale", "Second thoughts.");
    const s2 = await sign(member, later, [sentOf(s1)], a2, [{ answer: `claims/${claim}/rationale`, reason: "Read the logs again." }]);
    const a3 = setClaimAnswer(a2, claim as ClaimId, "rationale", "Third thoughts.");
    const s3 = await sign(member, later, [sentOf(s1), sentOf(s2)], a3, [{ answer: `claims/${claim}/rationale`, reason: "And again." }]);
    const [o1, o2, o3] = [await open(s1.bytes), await open(s2.bytes), await open(s3.bytes)];

    expect(check(o2, [held(o1)])).toEqual({ ok: true, value: { outcome: "accepted", fingerprint: member.fingerprint, revision: 2 } });
    expect(check(o2, [held(o1), held(o2)])).toEqual({ ok: true, value: { outcome: "already-held", fingerprint: member.fingerprint, revision: 2 } });
    expect(check(o1, [held(o1), held(o2)])).toEqual({ ok: false, error: { kind: "replayed", revision: 1, held: 2 } });
    expect(check(o3, [held(o1)])).toEqual({ ok: false, error: { kind: "gap", revision: 3, held: 1 } });
    expect(check(o2, [])).toEqual({ ok: false, error: { kind: "gap", revision: 2, held: 0 } });

    // Another revision 1 (other answers, other bytes) while one is held: a fork.
    const other1 = await sign(member, later, [], setClaimAnswer(s1.sheet.answers, claim as ClaimId, "rationale", "Other."));
    expect(check(await open(other1.bytes), [held(o1)])).toEqual({ ok: false, error: { kind: "fork", revision: 1 } });
    // A revision 2 that names that other revision 1: a fork too.
    const other2 = await sign(member, later, [sentOf(other1)], a2, [{ answer: `claims/${claim}/rationale`, reason: "Because." }]);
    expect(check(await open(other2.bytes), [held(o1)])).toEqual({ ok: false, error: { kind: "fork", revision: 2 } });
    // A revision 2 that changes nothing (the submit path never signs one): the chain's own rule.
    const idle = await forged(member, { ...s1.sheet, revision: 2, previous: { sha256: o1.sha256, changes: [{ answer: `claims/${claim}/rationale`, reason: "None." }] } });
    expect(check(idle, [held(o1)])).toEqual({ ok: false, error: { kind: "invalid-revision", problem: { kind: "nothing-changed" } } });
    // Another member's chain is theirs alone.
    const otherSeat = await open((await sign(panel.members[1]!, NOW)).bytes);
    expect(check(otherSeat, [held(o1), held(o2)])).toMatchObject({ ok: true, value: { outcome: "accepted", revision: 1 } });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { must } from "../case/case.testing";
import { sshFingerprint } from "../formats/openssh-key";
import { testIdentity } from "../identity/identity.testing";
import { setClaimAnswer } from "../scoring/edit";
import type { ClaimId } from "../scoring/scoresheet";
import { sealScoresheet } from "../scoring/scoresheet-file";
import type { Submission } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { loadDashboard, recordQuorum } from "./chair-case";
import { importScoresheets, type IncomingFile } from "./import-scoresheets";
import { loadHeld } from "./merge-store";
import { HeldScoresheetsRecord } from "./records/held-scoresheets.record";
import { panelOfFive, sentOf, sign } from "./merge.testing";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
let panel: Awaited<ReturnType<typeof panelOfFive>>;
let vault: UnlockedVault;
/** Revision 1 of members 1–3, and revision 2 of member 1. */
let sheets: { m1r1: Submission; m1r2: Submission; m2r1: Submission; m3r1: Submission };

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panel = await panelOfFive(NOW);
  vault = panel.chairVault.vault;
  const [m1, m2, m3] = panel.members;
  const m1r1 = await sign(m1!, NOW);
  const claim = m1r1.sheet.answers.claims[0]!.claim as ClaimId;
  const m1r2 = await sign(m1!, LATER, [sentOf(m1r1)], setClaimAnswer(m1r1.sheet.answers, claim, "rationale", "On reflection."), [{ answer: `claims/${claim}/rationale`, reason: "Reflected." }]);
  sheets = { m1r1, m1r2, m2r1: await sign(m2!, NOW), m3r1: await sign(m3!, NOW) };
}, 180_000);

const file = (name: string, s: { bytes: Uint8Array }): IncomingFile => ({ name, bytes: s.bytes });
const chairAndOthers = () => [panel.members[3]!.identity, panel.chair.identity];
const run = (files: IncomingFile[], identities = chairAndOthers()) => importScoresheets(vault, { caseId: panel.caseId, files, identities, now: () => LATER });
/** What the vault holds (every record, the audit log aside) and how long the audit log is. */
async function snapshot() {
  return { content: must(await vault.contentDigest()), audit: must(await vault.verifyAudit()).count };
}

describe("importing scoresheets", () => {
  it("refuses a vault whose identities do not hold the chair seat, whatever identity comes first", async () => {
    const before = await snapshot();
    expect(await run([file("a.age", sheets.m2r1)], [panel.members[0]!.identity, panel.members[1]!.identity])).toEqual({ ok: false, error: { kind: "not-chair" } });
    expect(await run([file("a.age", sheets.m2r1)], [])).toEqual({ ok: false, error: { kind: "not-chair" } });
    expect(await snapshot()).toEqual(before);
  });

  it("every refusal kind changes nothing: not addressed to the chair, cut short (its last chunk fails authentication: said as altered), a stranger, a gap, not an age file", async () => {
    const stranger = testIdentity({ displayName: "Not Onpanel" });
    const strangerSheet = await sealScoresheet({ ...sheets.m2r1.sheet, seat: { fingerprint: sshFingerprint(stranger.signing.publicKey), role: "member" } }, stranger.signing, [panel.chair.identity.encryption.publicKey], NOW);
    const toSecretariatOnly = await sealScoresheet(sheets.m2r1.sheet, panel.members[1]!.identity.signing, [panel.secretariat.encryption.publicKey], NOW);
    const damaged = sheets.m3r1.bytes.slice(0, sheets.m3r1.bytes.length - 40);
    const before = await snapshot();
    const r = must(await run([{ name: "s.age", bytes: strangerSheet }, { name: "x.age", bytes: toSecretariatOnly }, { name: "d.age", bytes: damaged }, file("gap.age", sheets.m1r2), { name: "plain.txt", bytes: new TextEncoder().encode("hello") }]));
    expect(r).toEqual([
      { name: "s.age", outcome: "refused", refusal: { kind: "not-on-panel", fingerprint: sshFingerprint(stranger.signing.publicKey) } },
      { name: "x.age", outcome: "refused", refusal: { kind: "unreadable", reason: "not-addressed-to-you" } },
      { name: "d.age", outcome: "refused", refusal: { kind: "unreadable", reason: "tampered" } },
      { name: "gap.age", outcome: "refused", refusal: { kind: "gap", revision: 2, held: 0 } },
      { name: "plain.txt", outcome: "refused", refusal: { kind: "unreadable", reason: "not-encrypted" } },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("writes a batch in one transaction: when it fails, every file it would have accepted is failed and nothing changed", async () => {
    const before = await snapshot();
    // The disk fails at the import's write (its reads before succeed).
    const failingAtWrite: UnlockedVault = {
      ...vault,
      write: (changes, entries) => {
        panel.chairVault.storage.failNextCommit = new Error("disk full");
        return vault.write(changes, entries);
      },
    };
    const files = [file("m2.age", sheets.m2r1), file("m3.age", sheets.m3r1), { name: "plain.txt", bytes: new TextEncoder().encode("hello") }];
    const r = must(await importScoresheets(failingAtWrite, { caseId: panel.caseId, files, identities: chairAndOthers(), now: () => LATER }));
    expect(r.map((f) => [f.name, f.outcome])).toEqual([
      ["m2.age", "failed"],
      ["m3.age", "failed"],
      ["plain.txt", "refused"],
    ]);
    expect(r[0]).toMatchObject({ error: { kind: "storage-failed" } });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts the good files of a batch that has a bad one, revision 2 before its revision 1 included; one audit entry per accepted file", async () => {
    const before = await snapshot();
    const stranger = testIdentity({ displayName: "Not Onpanel" });
    const bad = await sealScoresheet({ ...sheets.m2r1.sheet, seat: { fingerprint: sshFingerprint(stranger.signing.publicKey), role: "member" } }, stranger.signing, [panel.chair.identity.encryption.publicKey], NOW);
    const r = must(await run([file("m1r2.age", sheets.m1r2), { name: "bad.age", bytes: bad }, file("m1r1.age", sheets.m1r1), file("m2r1.age", sheets.m2r1), file("m2r1-again.age", sheets.m2r1)]));
    const [m1, m2] = panel.members;
    expect(r).toEqual([
      { name: "m1r2.age", outcome: "accepted", fingerprint: m1!.fingerprint, revision: 2 },
      { name: "bad.age", outcome: "refused", refusal: { kind: "not-on-panel", fingerprint: sshFingerprint(stranger.signing.publicKey) } },
      { name: "m1r1.age", outcome: "accepted", fingerprint: m1!.fingerprint, revision: 1 },
      { name: "m2r1.age", outcome: "accepted", fingerprint: m2!.fingerprint, revision: 1 },
      { name: "m2r1-again.age", outcome: "already-held", fingerprint: m2!.fingerprint, revision: 1 },
    ]);
    const after = await snapshot();
    expect(after.audit).toBe(before.audit + 3);
    const entries = must(await vault.verifyAudit()).entries.slice(-3);
    expect(entries.map((e) => [e.event, e.detail?.["revision"], e.detail?.["seat"]])).toEqual([
      ["scoresheet-imported", 1, m1!.fingerprint],
      ["scoresheet-imported", 1, m2!.fingerprint],
      ["scoresheet-imported", 2, m1!.fingerprint],
    ]);
    // The revision history stays: both revisions of member 1 are held.
    const held = must(await loadHeld(vault, panel.caseId));
    expect(held.filter((h) => h.sheet.seat.fingerprint === m1!.fingerprint).map((h) => h.sheet.revision)).toEqual([1, 2]);
    expect(held.every((h) => h.receivedAt === LATER.toISOString())).toBe(true);
  });

  it("a held file again is already held and changes nothing; an older one is a replay", async () => {
    const before = await snapshot();
    expect(must(await run([file("again.age", sheets.m1r2), file("old.age", sheets.m1r1)]))).toEqual([
      { name: "again.age", outcome: "already-held", fingerprint: panel.members[0]!.fingerprint, revision: 2 },
      { name: "old.age", outcome: "refused", refusal: { kind: "replayed", revision: 1, held: 2 } },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("the dashboard lists every seat, the chair's included; the quorum is recorded with n of m", async () => {
    const dashboard = must(await loadDashboard(vault, panel.caseId, chairAndOthers(), 1, LATER));
    expect(dashboard.seats.map((s) => [s.displayName, s.role, s.status, s.status === "missing" ? null : s.revision])).toEqual([
      ["Chair Mensah", "chair", "missing", null],
      ["Member Tanaka", "member", "submitted", 2],
      ["Member Kowalska", "member", "submitted", 1],
      ["Member Silva", "member", "missing", null],
      ["Member Okafor", "member", "missing", null],
    ]);
    expect(dashboard.counts).toEqual({ seats: 5, submitted: 2, late: 0, missing: 3 });
    expect(dashboard.quorum).toBeNull();
    const declared = must(await recordQuorum(vault, panel.caseId, chairAndOthers(), 1, LATER));
    expect(declared.quorum).toEqual({ round: 1, declaredAt: LATER.toISOString(), submitted: 2, seats: 5, fingerprints: [panel.members[0]!.fingerprint, panel.members[1]!.fingerprint] });
    expect(must(await loadDashboard(vault, panel.caseId, chairAndOthers(), 1, LATER)).quorum).toEqual(declared.quorum);
    expect(must(await vault.verifyAudit()).entries.at(-1)).toMatchObject({ event: "quorum-declared", detail: { case: panel.caseId, round: 1, submitted: 2, seats: 5 } });
  });

  it("a held scoresheet whose digest no longer matches is said as a damaged store, and nothing more is imported", async () => {
    const id = must(HeldScoresheetsRecord.keyedId(vault, panel.caseId));
    const stored = must(await HeldScoresheetsRecord.get(vault, id));
    const altered = { ...stored, held: stored.held.map((h, i) => (i === 0 ? { ...h, sheet: { ...h.sheet, signedAt: "2026-11-22T09:00:00.000Z" } } : h)) };
    must(await HeldScoresheetsRecord.put(vault, id, altered));
    expect(await loadHeld(vault, panel.caseId)).toEqual({ ok: false, error: { kind: "store-damaged" } });
    const before = await snapshot();
    expect(await run([file("m3r1.age", sheets.m3r1)])).toEqual({ ok: false, error: { kind: "store-damaged" } });
    expect(await snapshot()).toEqual(before);
  });
});

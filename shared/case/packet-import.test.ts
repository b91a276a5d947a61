import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, toHex } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { sshFingerprint } from "../formats/openssh-key";
import { MemoryVaultStorage } from "../vault/memory-storage";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { unlockVault } from "../vault/vault";
import { loadReceivedCase, RECEIVED_TABLE, ReceivedCaseSchema } from "./case-records";
import { ReceivedCaseRecord } from "./records/received-case.record";
import { loadCase, loadPanel } from "./case-store";
import { custodyMismatches } from "./custody";
import { exportPacket } from "./packet-export";
import { importPacket, type Recipient } from "./packet-import";
import { MAX_PACKET_SEQUENCE, MAX_SEQUENCE_JUMP } from "./packet";
import { repackPacket } from "./packet.testing";
import { CASES_TABLE } from "./case-records";
import { countChanges } from "./case-diff";
import { attachToEvidence, loadSampleCase, loadSampleRegistry, saveCase, savePanel } from "./secretariat";
import { FIXTURE_PASSPHRASE, must, newTestVault, secretariatWithPanel as withPanel } from "./case.testing";
import { LEGACY_CATCH_ALL_STATEMENT, type Case } from "./model";
import { DEFAULT_RUBRIC } from "../rubric/rubric";

const PASS = FIXTURE_PASSPHRASE;
const NOW = new Date("2026-11-22T10:00:00.000Z");
let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;
let stranger: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
  stranger = testIdentity({ displayName: "Someone Else" });
});

const newVault = (storage?: MemoryVaultStorage) => newTestVault(NOW, storage);
const secretariatWithPanel = () => withPanel(panelist, NOW);

async function packetFor(vault: UnlockedVault, caseId: string, memberId: string): Promise<Uint8Array> {
  const exported = must(await exportPacket(vault, { caseId, memberId, sender: secretariat, now: NOW }));
  return readAllBytes(exported.stream);
}

const recipientOf = (p: PersonalIdentity): Recipient => ({
  secretKey: p.encryption.secretKey,
  ageRecipient: encodeRecipient(p.encryption.publicKey),
  fingerprint: sshFingerprint(p.signing.publicKey),
  displayName: p.details.displayName,
});
const stream = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
const snapshot = (storage: MemoryVaultStorage) =>
  JSON.stringify([storage.raw.header(), storage.raw.rows().map((r) => [r.table, r.id, toHex(r.nonce), toHex(r.ciphertext)]).sort()]);

describe("case packets between two vaults", () => {
  let fixture: Awaited<ReturnType<typeof secretariatWithPanel>>;
  let packet: Uint8Array;
  beforeAll(async () => {
    fixture = await secretariatWithPanel();
    packet = await packetFor(fixture.vault, fixture.c.id, fixture.panelistId);
  });

  it("first packet: unknown signer until its fingerprint is confirmed; then everything lands, pinned", async () => {
    const { storage, vault } = await newVault();
    const before = snapshot(storage);
    const first = await importPacket(vault, stream(packet), recipientOf(panelist), { now: NOW });
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error).toMatchObject({ kind: "unknown-signer", fingerprint: sshFingerprint(secretariat.signing.publicKey) });
    expect(snapshot(storage)).toBe(before);

    const received = must(await importPacket(vault, stream(packet), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) }));
    expect(received.case.title).toBe("Operation Silent Reservoir");
    expect(received.case.evidence).toHaveLength(fixture.c.evidence.length);
    expect(received.roster.map((p) => p.role)).toEqual(["chair", "member", "member", "member", "member"]);
    expect(received.rubric.id).toBe("default-v1");
    // Attachments now live in this vault, under its own ids, with the same bytes.
    const files = must(await vault.attachments.list());
    const refs = received.case.evidence.flatMap((e) => e.attachments);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) {
      const info = files.find((f) => f.id === ref.id);
      expect(info?.sha256).toBe(ref.sha256);
      expect(must(await vault.attachments.verify(ref.id)).sha256).toBe(ref.sha256);
    }
    // An "imported" custody event with the hash observed, and no mismatch flagged.
    for (const e of received.case.evidence.filter((x) => x.attachments.length > 0)) {
      expect(e.custody.at(-1)).toMatchObject({ action: "imported", actor: "Ines Okafor" });
      expect(custodyMismatches(e)).toEqual([]);
    }
    expect(must(await vault.list(RECEIVED_TABLE))).toEqual([must(ReceivedCaseRecord.keyedId(vault, fixture.c.id))]);
    const audit = must(await vault.verifyAudit()).entries.map((e) => e.event);
    expect(audit.filter((e) => e === "packet-imported")).toHaveLength(1);

    // The same packet again is already imported (not "older"); a later one is accepted without a question.
    const again = await importPacket(vault, stream(packet), recipientOf(panelist), { now: NOW });
    expect(again.ok ? "imported" : again.error).toEqual({ kind: "already-imported", sequence: received.packet.sequence, importedAt: received.packet.importedAt });
    expect(received.changesSince).toBeUndefined();
    const later = await packetFor(fixture.vault, fixture.c.id, fixture.panelistId);
    const second = must(await importPacket(vault, stream(later), recipientOf(panelist), { now: NOW }));
    expect(second.packet.sequence).toBeGreaterThan(received.packet.sequence);
    // Sent again unchanged: the change list is there, and empty.
    expect(second.changesSince?.sequence).toBe(received.packet.sequence);
    expect(countChanges(second.changesSince!.changes)).toBe(0);
    // The bytes were already here: no attachment stored twice.
    expect(must(await vault.attachments.list())).toHaveLength(files.length);
    // An older packet after a newer one is refused.
    const stale = await importPacket(vault, stream(packet), recipientOf(panelist), { now: NOW });
    expect(stale.ok ? "imported" : stale.error).toEqual({ kind: "replayed", sequence: received.packet.sequence, lastSeen: second.packet.sequence });
  });

  it("the same packet again completes a record kept before its digests were, and changes nothing else", async () => {
    const { vault } = await newVault();
    const received = must(await importPacket(vault, stream(packet), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) }));
    expect(received.packet.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    // As an earlier version kept it: no content digest.
    const { contentSha256: _, ...older } = received.packet;
    const id = must(ReceivedCaseRecord.keyedId(vault, received.case.id));
    must(await vault.write({ put: [ReceivedCaseRecord.change(id, { ...received, packet: older })] }));
    const later = new Date(NOW.getTime() + 60_000);
    const again = must(await importPacket(vault, stream(packet), recipientOf(panelist), { now: later }));
    expect(again.packet).toMatchObject({ sequence: received.packet.sequence, packetId: received.packet.packetId, contentSha256: received.packet.contentSha256, manifestSha256: received.packet.manifestSha256 });
    expect(again.changesSince).toBeUndefined();
    expect(must(await loadReceivedCase(vault, received.case.id)).packet.contentSha256).toBe(received.packet.contentSha256);
    const audit = must(await vault.verifyAudit()).entries.filter((e) => e.event === "packet-imported");
    expect(audit.at(-1)?.detail).toMatchObject({ replaces: null, changes: null });
    // Complete now: the same packet is already imported again.
    const third = await importPacket(vault, stream(packet), recipientOf(panelist), { now: later });
    expect(third.ok ? "imported" : third.error.kind).toBe("already-imported");
  });

  it("refuses to export an attachment altered in storage: the packet stream errors", async () => {
    const { storage, vault, c, panelistId } = await secretariatWithPanel();
    const chunk = storage.raw.rows().find((r) => r.table === "attachment-chunks");
    if (!chunk) throw new Error("no chunk row");
    const damaged = chunk.ciphertext.slice();
    damaged[40] = (damaged[40] as number) ^ 1;
    storage.raw.write(chunk.table, chunk.id, { ...chunk, ciphertext: damaged });
    const exported = must(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW }));
    await expect(readAllBytes(exported.stream)).rejects.toThrow();
  });

  it("a packet for someone else is refused as not addressed to you, with nothing written", async () => {
    const { storage, vault } = await newVault();
    const before = snapshot(storage);
    const result = await importPacket(vault, stream(packet), recipientOf(stranger), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) });
    expect(result.ok ? "imported" : result.error.kind).toBe("not-addressed-to-you");
    expect(snapshot(storage)).toBe(before);
  });

  it("refuses to export for a panel that breaks the rules, and for someone not on it", async () => {
    const { vault, c, panelistId } = fixture;
    const other = await exportPacket(vault, { caseId: c.id, memberId: c.claims[0]!.id, sender: secretariat, now: NOW });
    expect(other.ok ? "exported" : other.error).toMatchObject({ kind: "case-refused", error: { kind: "not-on-panel" } });
    const { vault: v2 } = await newVault();
    const sample = must(await loadSampleCase(v2, "Sec", NOW));
    const people = must(await loadSampleRegistry(v2, NOW));
    must(await savePanel(v2, { format: "attribution-panel/panel", version: 1, caseId: sample.id, chairId: people[0]!.id, memberIds: people.slice(1, 7).map((p) => p.id), rubricId: "default-v1", deadline: sample.deadline, waivers: [] }));
    const refused = await exportPacket(v2, { caseId: sample.id, memberId: people[1]!.id, sender: secretariat, now: NOW });
    expect(refused.ok ? "exported" : refused.error).toMatchObject({ kind: "case-refused", error: { kind: "panel-invalid", violations: expect.arrayContaining([expect.objectContaining({ kind: "conflicted-member" })]) } });
    expect(panelistId).toBeTruthy();
  });

  it("property: any single-byte change, truncation or extension is refused with nothing written", async () => {
    const { storage, vault } = await newVault();
    const pinned = must(await importPacket(vault, stream(packet), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) }));
    expect(pinned.packet.sequence).toBeGreaterThan(0);
    const fresh = await packetFor(fixture.vault, fixture.c.id, fixture.panelistId);
    const before = snapshot(storage);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant("flip" as const), at: fc.nat({ max: fresh.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }),
          fc.record({ kind: fc.constant("truncate" as const), at: fc.nat({ max: fresh.length - 1 }) }),
          fc.record({ kind: fc.constant("extend" as const), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
        ),
        async (change) => {
          let bytes: Uint8Array;
          if (change.kind === "flip") {
            bytes = fresh.slice();
            bytes[change.at] = (bytes[change.at] as number) ^ change.xor;
          } else if (change.kind === "truncate") bytes = fresh.slice(0, change.at);
          else bytes = new Uint8Array([...fresh, ...change.extra]);
          const result = await importPacket(vault, stream(bytes), recipientOf(panelist), { now: NOW });
          expect(result.ok).toBe(false);
          expect(snapshot(storage)).toBe(before);
        },
      ),
      { numRuns: 60 },
    );
    // The untouched packet still imports afterwards.
    expect(must(await importPacket(vault, stream(fresh), recipientOf(panelist), { now: NOW })).packet.sequence).toBeGreaterThan(pinned.packet.sequence);
  });

  it("an import cut short (app closed) leaves only what the next unlock sweeps: the vault as it was", async () => {
    const storage = new MemoryVaultStorage();
    const { vault } = await newVault(storage);
    const before = must(await vault.contentDigest());
    const rowsBefore = snapshot(storage);
    // A packet with a 3 MiB attachment, so that an import cut at 80% has staged chunks.
    const big = await secretariatWithPanel();
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 256);
    const info = must(await big.vault.attachments.import({ name: "capture.pcap", mediaType: "application/vnd.tcpdump.pcap", size: bytes.length, stream: stream(bytes) }));
    must(await attachToEvidence(big.vault, big.c.id, big.c.evidence[2]!.id, info, "Case Secretariat", NOW));
    const large = await packetFor(big.vault, big.c.id, big.panelistId);
    // Simulate the app closing mid-import: the packet source stops forever after some bytes; the vault is abandoned.
    const cut = large.slice(0, Math.floor(large.length * 0.8));
    let sent = false;
    const hanging = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(cut);
        }
        return new Promise<void>(() => undefined);
      },
    });
    void importPacket(vault, hanging, recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) });
    await new Promise((r) => setTimeout(r, 300));
    expect(snapshot(storage)).not.toBe(rowsBefore); // staged chunks exist mid-import
    // A new session on the same storage (the app restarted).
    const reopened = must(await unlockVault(storage, PASS, { clock: () => NOW }));
    expect(reopened.sweptAtUnlock).toBeGreaterThan(0);
    expect(must(await reopened.list(RECEIVED_TABLE))).toEqual([]);
    expect(must(await reopened.attachments.list())).toEqual([]);
    expect(must(await reopened.contentDigest())).toBe(before);
    expect(storage.raw.rows().filter((r) => r.table === "attachment-chunks" || r.table === "attachment-imports")).toEqual([]);
  });
});

/**
 * The files of a packet as the panelist opens them, signed again by the
 * secretariat's key after `edit` changed its case: what a secretariat app
 * without the export check (an older or altered one) could send.
 */
async function resigned(
  packet: Uint8Array,
  edit: (c: Case) => Case,
  editRubric?: (r: unknown) => unknown,
  as: { readonly sender?: PersonalIdentity; readonly sequence?: number; readonly caseId?: string } = {},
): Promise<Uint8Array> {
  return repackPacket(packet, panelist.encryption.secretKey, {
    signer: (as.sender ?? secretariat).signing,
    recipients: [panelist.encryption.publicKey],
    createdAt: NOW,
    editCase: edit,
    ...(editRubric ? { editRubric } : {}),
    ...(as.sequence === undefined ? {} : { sequence: as.sequence }),
    ...(as.caseId === undefined ? {} : { caseId: as.caseId }),
  });
}

describe("a case with a blank claim", () => {
  it("is refused whole on import, naming the claims (defence in depth: export refuses it too)", async () => {
    const { vault: sec, c, panelistId } = await secretariatWithPanel();
    const packet = await packetFor(sec, c.id, panelistId);
    const confirm = { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) };
    const blanked = await resigned(packet, (x) => ({ ...x, claims: x.claims.map((claim, i) => (i === 0 ? { ...claim, statement: "" } : i === 2 ? { ...claim, statement: "New claim" } : claim)) }));
    const { storage, vault } = await newVault();
    const before = snapshot(storage);
    const refused = await importPacket(vault, stream(blanked), recipientOf(panelist), confirm);
    expect(refused.ok ? "imported" : refused.error).toEqual({ kind: "blank-claims", positions: [1, 3] });
    expect(snapshot(storage)).toBe(before);
    // Control: the same packet signed again without the change is imported.
    const intact = await resigned(packet, (x) => x);
    expect(must(await importPacket(vault, stream(intact), recipientOf(panelist), confirm)).case.claims.map((x) => x.statement)).toEqual(c.claims.map((x) => x.statement));
  });
});

/** The default rubric as an earlier version wrote it into packets: an English title and a label on every term. */
const legacyRubric = (r: unknown) => {
  const rubric = r as Record<string, { id: string }[]>;
  const labelled = (scale: string) => rubric[scale]!.map((t) => ({ ...t, label: t.id.replace(/-/g, " ") }));
  return { ...rubric, title: "Default rubric", likelihood: labelled("likelihood"), confidence: labelled("confidence"), consistency: labelled("consistency") };
};

describe("the catch-all claim and the rubric travel as ids", () => {
  const confirm = { now: NOW, confirmSigner: "" };
  beforeAll(() => {
    confirm.confirmSigner = sshFingerprint(secretariat.signing.publicKey);
  });

  it("a packet carries the catch-all as the flag, with no statement in any language, and the rubric without labels", async () => {
    const { vault: sec, c, panelistId } = await secretariatWithPanel();
    const packet = await packetFor(sec, c.id, panelistId);
    let sent: Case | undefined;
    let rubric: unknown;
    await resigned(
      packet,
      (x) => (sent = x),
      (r) => (rubric = r),
    );
    expect(sent?.claims.filter((x) => x.catchAll)).toEqual([expect.objectContaining({ catchAll: true, statement: "" })]);
    expect(JSON.stringify(sent)).not.toContain(LEGACY_CATCH_ALL_STATEMENT);
    expect(rubric).toEqual(DEFAULT_RUBRIC);
    expect(JSON.stringify(rubric)).not.toContain('"label"');
    const { vault } = await newVault();
    const received = must(await importPacket(vault, stream(packet), recipientOf(panelist), confirm));
    expect(received.case.claims.at(-1)).toMatchObject({ catchAll: true, statement: "" });
    expect(received.rubric).toEqual(DEFAULT_RUBRIC);
  });

  it("a packet from an earlier version, with the English sentence and labelled rubric, reads as the flag and the ids-only rubric", async () => {
    const { vault: sec, c, panelistId } = await secretariatWithPanel();
    const packet = await packetFor(sec, c.id, panelistId);
    const old = await resigned(packet, (x) => ({ ...x, claims: x.claims.map((claim) => (claim.catchAll ? { ...claim, statement: LEGACY_CATCH_ALL_STATEMENT } : claim)) }), legacyRubric);
    const { vault } = await newVault();
    const received = must(await importPacket(vault, stream(old), recipientOf(panelist), confirm));
    expect(received.case.claims.filter((x) => x.catchAll)).toEqual([expect.objectContaining({ statement: "" })]);
    expect(received.rubric).toEqual(DEFAULT_RUBRIC);
    expect(JSON.stringify(must(await vault.get(RECEIVED_TABLE, must(ReceivedCaseRecord.keyedId(vault, c.id)), ReceivedCaseSchema)))).not.toContain(LEGACY_CATCH_ALL_STATEMENT);
    // The same case sent again by this version: nothing changed, the catch-all included.
    const again = must(await importPacket(vault, stream(await packetFor(sec, c.id, panelistId)), recipientOf(panelist), confirm));
    expect(again.changesSince && countChanges(again.changesSince.changes)).toBe(0);
    // Control: another statement on the catch-all is not the legacy sentence, and is refused.
    const altered = await resigned(packet, (x) => ({ ...x, claims: x.claims.map((claim) => (claim.catchAll ? { ...claim, statement: "Someone else did it." } : claim)) }));
    const { vault: other } = await newVault();
    expect((await importPacket(other, stream(altered), recipientOf(panelist), confirm)).ok).toBe(false);
  });

  it("a case stored by an earlier version, with the English sentence, reads as the flag", async () => {
    const { vault: sec, c } = await secretariatWithPanel();
    const stored = { ...c, claims: c.claims.map((claim) => (claim.catchAll ? { ...claim, statement: LEGACY_CATCH_ALL_STATEMENT } : claim)) };
    must(await sec.put(CASES_TABLE, c.id, stored));
    const read = must(await loadCase(sec, c.id));
    expect(read.claims.filter((x) => x.catchAll)).toEqual([expect.objectContaining({ statement: "" })]);
    expect(read).toEqual(c);
  });
});

describe("a newer packet of a received case", () => {
  it("records what changed: an attachment added, a claim and an evidence item edited, an item removed", async () => {
    const { vault: sec, c, panelistId } = await secretariatWithPanel();
    const { vault } = await newVault();
    const first = must(await importPacket(vault, stream(await packetFor(sec, c.id, panelistId)), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) }));

    const note = new TextEncoder().encode("analyst note, second version\n");
    const info = must(await sec.attachments.import({ name: "analyst-note.txt", mediaType: "text/plain", size: note.length, stream: stream(note) }));
    const target = c.evidence[2]!;
    const withFile = must(await attachToEvidence(sec, c.id, target.id, info, "Case Secretariat", NOW));
    const edited = {
      ...withFile,
      summary: `${withFile.summary} Updated.`,
      claims: withFile.claims.map((claim, i) => (i === 0 ? { ...claim, statement: `${claim.statement} (revised)` } : claim)),
      evidence: withFile.evidence.filter((e) => e.id !== withFile.evidence[5]!.id).map((e, i) => (i === 1 ? { ...e, grading: { reliability: "F" as const, credibility: "6" as const } } : e)),
    };
    must(await saveCase(sec, edited, NOW));

    const second = must(await importPacket(vault, stream(await packetFor(sec, c.id, panelistId)), recipientOf(panelist), { now: NOW }));
    expect(second.changesSince?.sequence).toBe(first.packet.sequence);
    const changes = second.changesSince!.changes;
    expect(changes.fields).toEqual(["summary"]);
    expect(changes.claims).toEqual({ added: [], changed: [{ id: c.claims[0]!.id, statement: `${c.claims[0]!.statement} (revised)`, fields: ["statement"] }], removed: [] });
    expect(changes.evidence.removed).toEqual([{ id: c.evidence[5]!.id, title: c.evidence[5]!.title }]);
    // The item that got a file changed its custody (a "received" event); the re-graded one its grading.
    expect(changes.evidence.changed).toEqual([
      { id: c.evidence[1]!.id, title: c.evidence[1]!.title, fields: ["grading"] },
      { id: target.id, title: target.title, fields: ["custody"] },
    ]);
    expect(changes.attachments.added).toEqual([{ evidenceId: target.id, evidenceTitle: target.title, name: "analyst-note.txt", sha256: info.sha256, size: note.length }]);
    expect(changes.attachments.removed).toEqual(c.evidence[5]!.attachments.map((a) => expect.objectContaining({ evidenceId: c.evidence[5]!.id, name: a.name, sha256: a.sha256 })));
    expect(changes.attachments.changed).toEqual([]);
    // Kept with the received case.
    expect(must(await vault.get(RECEIVED_TABLE, must(ReceivedCaseRecord.keyedId(vault, c.id)), ReceivedCaseSchema)).changesSince).toEqual(second.changesSince);
    const audit = must(await vault.verifyAudit()).entries.filter((e) => e.event === "packet-imported");
    expect(audit.at(-1)?.detail).toMatchObject({ replaces: first.packet.sequence, changes: countChanges(changes) });
  });

  it("freshness is per case: a lower-numbered packet of another case is accepted", async () => {
    const { vault: sec, c, panelistId } = await secretariatWithPanel();
    const older = await packetFor(sec, c.id, panelistId); // number 1, case A
    const other = must(await loadSampleCase(sec, "Case Secretariat", NOW));
    const panel = must(await loadPanel(sec, c.id))!;
    must(await savePanel(sec, { ...panel, caseId: other.id, deadline: other.deadline }));
    const newer = await packetFor(sec, other.id, panelistId); // number 2, case B
    const { vault } = await newVault();
    must(await importPacket(vault, stream(newer), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) }));
    const a = must(await importPacket(vault, stream(older), recipientOf(panelist), { now: NOW }));
    expect([a.case.id, a.packet.sequence, a.changesSince]).toEqual([c.id, 1, undefined]);
    expect(must(await vault.list(RECEIVED_TABLE)).sort()).toEqual([c.id, other.id].map((id) => must(ReceivedCaseRecord.keyedId(vault, id))).sort());
  });
});

describe("custody across the packet", () => {
  it("the secretariat's attach step records the hash computed on import", async () => {
    const { vault } = await newVault();
    const c: Case = must(await loadSampleCase(vault, "Case Secretariat", NOW));
    const withFiles = c.evidence.filter((e) => e.attachments.length > 0);
    expect(withFiles.length).toBe(4);
    for (const e of withFiles) expect(e.custody.at(-1)).toMatchObject({ action: "received", sha256: e.attachments[0]!.sha256, attachmentId: e.attachments[0]!.id });
  });
});

describe("who may update a received case, and with what number", () => {
  const confirmed = (who: PersonalIdentity) => ({ now: NOW, confirmSigner: sshFingerprint(who.signing.publicKey) });
  const same = (c: Case) => c;

  it("a case belongs to the secretariat that first sent it: another key, even pinned, cannot replace it", async () => {
    const fixture = await secretariatWithPanel();
    const original = await packetFor(fixture.vault, fixture.c.id, fixture.panelistId);
    const { storage, vault } = await newVault();
    must(await importPacket(vault, stream(original), recipientOf(panelist), confirmed(secretariat)));

    // A second secretariat signs a packet carrying the first one's case id (a later number, retitled).
    const other = testIdentity({ displayName: "Other Secretariat", region: "eastern-european-states", nationality: "PL" });
    const hijack = await resigned(original, (c) => ({ ...c, title: "Replaced" }), undefined, { sender: other, sequence: 50 });
    const before = snapshot(storage);
    const refused = await importPacket(vault, stream(hijack), recipientOf(panelist), confirmed(other));
    expect(refused.ok ? "imported" : refused.error).toEqual({ kind: "case-from-other-sender", owner: sshFingerprint(secretariat.signing.publicKey), sender: sshFingerprint(other.signing.publicKey) });
    expect(snapshot(storage)).toBe(before);

    // Pinned through a case of its own, the second secretariat is still refused the first one's case.
    const ownId = "OtherSecretariatCase01";
    const ownCase = await resigned(original, (c) => c, undefined, { sender: other, sequence: 3, caseId: ownId });
    expect(must(await importPacket(vault, stream(ownCase), recipientOf(panelist), confirmed(other))).case.id).toBe(ownId);
    const stillRefused = await importPacket(vault, stream(hijack), recipientOf(panelist), { now: NOW });
    expect(stillRefused.ok ? "imported" : stillRefused.error.kind).toBe("case-from-other-sender");
    const kept = must(await vault.get(RECEIVED_TABLE, must(ReceivedCaseRecord.keyedId(vault, fixture.c.id)), ReceivedCaseSchema));
    expect(kept.case.title).toBe(fixture.c.title);
    expect(kept.packet.senderFingerprint).toBe(sshFingerprint(secretariat.signing.publicKey));
  });

  it("refuses a number beyond 2³¹ − 1, and asks before a jump far beyond the last packet seen", async () => {
    const fixture = await secretariatWithPanel();
    const first = await packetFor(fixture.vault, fixture.c.id, fixture.panelistId);
    const { storage, vault } = await newVault();
    const received = must(await importPacket(vault, stream(first), recipientOf(panelist), confirmed(secretariat)));
    const n = received.packet.sequence;

    // The number that once blocked every later packet is no longer a valid manifest.
    const huge = await resigned(first, same, undefined, { sequence: Number.MAX_SAFE_INTEGER });
    let before = snapshot(storage);
    const tooBig = await importPacket(vault, stream(huge), recipientOf(panelist), { now: NOW });
    expect(tooBig.ok).toBe(false);
    expect(snapshot(storage)).toBe(before);
    expect(MAX_PACKET_SEQUENCE).toBe(2 ** 31 - 1);

    // A jump just beyond the limit waits for the person's confirmation of that very number…
    const far = await resigned(first, same, undefined, { sequence: n + MAX_SEQUENCE_JUMP + 1 });
    before = snapshot(storage);
    const asked = await importPacket(vault, stream(far), recipientOf(panelist), { now: NOW });
    expect(asked.ok ? "imported" : asked.error).toEqual({ kind: "sequence-jump", sequence: n + MAX_SEQUENCE_JUMP + 1, lastSeen: n });
    expect(snapshot(storage)).toBe(before);
    const wrongNumber = await importPacket(vault, stream(far), recipientOf(panelist), { now: NOW, confirmSequence: n + 1 });
    expect(wrongNumber.ok ? "imported" : wrongNumber.error.kind).toBe("sequence-jump");
    // …while a gap up to the limit is ordinary (the secretariat numbers the packets of every panelist).
    const near = await resigned(first, same, undefined, { sequence: n + MAX_SEQUENCE_JUMP });
    expect(must(await importPacket(vault, stream(near), recipientOf(panelist), { now: NOW })).packet.sequence).toBe(n + MAX_SEQUENCE_JUMP);
    const farther = await resigned(first, same, undefined, { sequence: n + 2 * MAX_SEQUENCE_JUMP + 1 });
    const confirmedJump = must(await importPacket(vault, stream(farther), recipientOf(panelist), { now: NOW, confirmSequence: n + 2 * MAX_SEQUENCE_JUMP + 1 }));
    expect(confirmedJump.packet.sequence).toBe(n + 2 * MAX_SEQUENCE_JUMP + 1);
  });

  it("the first packet from a secretariat may carry any valid number", async () => {
    const fixture = await secretariatWithPanel();
    const first = await packetFor(fixture.vault, fixture.c.id, fixture.panelistId);
    const { vault } = await newVault();
    const high = await resigned(first, same, undefined, { sequence: 5 * MAX_SEQUENCE_JUMP });
    expect(must(await importPacket(vault, stream(high), recipientOf(panelist), confirmed(secretariat))).packet.sequence).toBe(5 * MAX_SEQUENCE_JUMP);
  });
});

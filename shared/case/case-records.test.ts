/**
 * The case records whose ids are keyed (issue 12, point 6), their move to
 * keyed ids when a vault written by earlier code is upgraded (point 4), and
 * what a received case put back from an older copy can no longer do (point 1).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, sha256 } from "../crypto/sodium";
import { readAllBytes, utf8 } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { LEGACY } from "../vault/legacy-vault.testing";
import { MemoryVaultStorage } from "../vault/memory-storage";
import { toBase64Url } from "../vault/record-slot";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { restoreVault, unlockVault } from "../vault/vault";
import { loadIdentities } from "../worker/service-kit";
import { must, newTestVault, secretariatWithPanel } from "./case.testing";
import { PinnedSenderSchema, RECEIVED_TABLE, ReceivedCaseSchema, RECORD_ID_UPGRADES, SENDERS_TABLE } from "./case-records";
import { PinnedSenderRecord } from "./records/pinned-sender.record";
import { ReceivedCaseRecord } from "./records/received-case.record";
import { exportPacket } from "./packet-export";
import { importPacket, type Recipient } from "./packet-import";
import { repackPacket } from "./packet.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const NOW = new Date("2026-11-23T09:00:00.000Z");
const options = { recordIdUpgrades: RECORD_ID_UPGRADES, clock: () => NOW };
const stream = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
const recipientOf = (p: PersonalIdentity): Recipient => ({
  secretKey: p.encryption.secretKey,
  ageRecipient: encodeRecipient(p.encryption.publicKey),
  fingerprint: sshFingerprint(p.signing.publicKey),
  displayName: p.details.displayName,
});
/** The id the code before keyed ids gave a pinned sender: an unkeyed digest anyone can compute from the fingerprint. */
const unkeyedSenderId = (fingerprint: string) => toBase64Url(sha256(utf8(`attribution-panel/packet-sender/v1\n${fingerprint}`)));

async function unlockLegacy(storage: MemoryVaultStorage): Promise<UnlockedVault> {
  return must(await unlockVault(storage, LEGACY.passphrase, options));
}

async function identityOf(v: UnlockedVault): Promise<PersonalIdentity> {
  const [identity] = must(await loadIdentities(v));
  if (!identity) throw new Error("no identity in the vault");
  return identity;
}

describe("keyed ids of pinned senders and received cases", () => {
  it("are neither the case id nor a digest anyone can compute, and differ from vault to vault", async () => {
    const a = (await newTestVault(NOW)).vault;
    const b = (await newTestVault(NOW)).vault;
    const fingerprint = "SHA256:MisXpDEPDU2YgVy79X10smjRJWbvS4Bqecy6mAZ0hT8";
    const caseId = "H0EwNdD3iSJApFc9OlRFKg";
    const [senderA, caseA] = [must(PinnedSenderRecord.keyedId(a, fingerprint)), must(ReceivedCaseRecord.keyedId(a, caseId))];
    expect(senderA).not.toBe(unkeyedSenderId(fingerprint));
    expect(caseA).not.toBe(caseId);
    expect(caseA).not.toBe(senderA);
    expect(must(PinnedSenderRecord.keyedId(b, fingerprint))).not.toBe(senderA);
    expect(must(ReceivedCaseRecord.keyedId(b, caseId))).not.toBe(caseA);
    expect(must(PinnedSenderRecord.keyedId(a, fingerprint))).toBe(senderA);
  });
});

describe("a panelist's vault written before keyed ids, at its first unlock with this code", () => {
  it("moves the pinned sender and the received case to keyed ids, in the upgrade's one transaction and entry", async () => {
    const storage = LEGACY.panelist();
    expect(LEGACY.panelistIds(RECEIVED_TABLE)).toEqual([LEGACY.caseId]);
    expect(LEGACY.panelistIds(SENDERS_TABLE)).toEqual([unkeyedSenderId(LEGACY.secretariatFingerprint)]);
    const v = await unlockLegacy(storage);
    expect(v.integrityAtUnlock).toMatchObject({ upgraded: true, index: null, records: { count: 0 } });
    const upgrades = must(await v.verifyAudit()).entries.filter((e) => e.event === "vault-upgraded");
    expect(upgrades).toHaveLength(1);
    expect(upgrades[0]?.detail).toMatchObject({ indexFormat: 2, rekeyed: 2 });

    const receivedId = must(ReceivedCaseRecord.keyedId(v, LEGACY.caseId));
    const senderId = must(PinnedSenderRecord.keyedId(v, LEGACY.secretariatFingerprint));
    expect(must(await v.list(RECEIVED_TABLE))).toEqual([receivedId]);
    expect(must(await v.list(SENDERS_TABLE))).toEqual([senderId]);
    expect(must(await v.get(RECEIVED_TABLE, receivedId, ReceivedCaseSchema)).case.id).toBe(LEGACY.caseId);
    expect(must(await v.get(SENDERS_TABLE, senderId, PinnedSenderSchema)).fingerprint).toBe(LEGACY.secretariatFingerprint);
    // Nothing under the old ids is left on the disk.
    const stored = storage.raw.rows().map((r) => r.id);
    expect(stored).not.toContain(LEGACY.caseId);
    expect(stored).not.toContain(unkeyedSenderId(LEGACY.secretariatFingerprint));
  });

  it("takes the secretariat's next packet of the case as its successor, and refuses the case to another key", async () => {
    const panelistVault = await unlockLegacy(LEGACY.panelist());
    const secretariatVault = must(await unlockVault(LEGACY.secretariat(), LEGACY.passphrase, options));
    expect(secretariatVault.integrityAtUnlock).toMatchObject({ upgraded: true, index: null, records: { count: 0 } });
    const [secretariat, panelist] = [await identityOf(secretariatVault), await identityOf(panelistVault)];
    const exported = must(await exportPacket(secretariatVault, { caseId: LEGACY.caseId, memberId: LEGACY.panelistMemberId, sender: secretariat, now: NOW }));
    const next = await readAllBytes(exported.stream);

    // Found under its keyed id: the earlier case is what the new packet replaces (no confirmation asked: the pin was found too).
    const received = must(await importPacket(panelistVault, stream(next), recipientOf(panelist), { now: NOW }));
    expect(received.packet.sequence).toBe(2);
    expect(received.changesSince?.sequence).toBe(1);

    const other = testIdentity({ displayName: "Other Secretariat", region: "eastern-european-states", nationality: "PL" });
    const hijack = await repackPacket(next, panelist.encryption.secretKey, { signer: other.signing, recipients: [panelist.encryption.publicKey], createdAt: NOW, sequence: 9 });
    const refused = await importPacket(panelistVault, stream(hijack), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(other.signing.publicKey) });
    expect(refused.ok ? "imported" : refused.error).toEqual({ kind: "case-from-other-sender", owner: LEGACY.secretariatFingerprint, sender: sshFingerprint(other.signing.publicKey) });
  });

  it("restores from the backup made before the upgrade (upgraded on restore), and from one made after", async () => {
    const restored = must(await restoreVault(new MemoryVaultStorage(), stream(LEGACY.panelistBackup()), LEGACY.passphrase, options));
    expect(restored.integrityAtUnlock).toMatchObject({ upgraded: true, index: null, records: { count: 0 } });
    expect(must(await restored.get(RECEIVED_TABLE, must(ReceivedCaseRecord.keyedId(restored, LEGACY.caseId)), ReceivedCaseSchema)).case.id).toBe(LEGACY.caseId);
    const events = must(await restored.verifyAudit()).entries.map((e) => e.event);
    expect(events.filter((e) => e === "vault-upgraded")).toHaveLength(1);
    expect(events.at(-1)).toBe("backup-restored");

    const after = await readAllBytes(must(await restored.backup(LEGACY.passphrase, { workFactor: 10 })));
    const again = must(await restoreVault(new MemoryVaultStorage(), stream(after), LEGACY.passphrase, options));
    expect(again.integrityAtUnlock).toMatchObject({ upgraded: false, index: null, records: { count: 0 } });
    expect(must(await again.list(RECEIVED_TABLE))).toEqual([must(ReceivedCaseRecord.keyedId(again, LEGACY.caseId))]);
    expect(must(await again.contentDigest())).toBe(must(await restored.contentDigest()));
  });
});

describe("a received case or a pinned secretariat put back from an older copy", () => {
  let secretariat: PersonalIdentity;
  let panelist: PersonalIdentity;
  beforeAll(() => {
    secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
    panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
  });

  /** A panelist vault that imported packets 1 and 2 of a case, the rows of `table` as they were after packet 1, and packet 2. */
  async function afterTwoPackets(table: string, idOf: (v: UnlockedVault, caseId: string) => string) {
    const sec = await secretariatWithPanel(panelist, NOW);
    const packet = async () => readAllBytes(must(await exportPacket(sec.vault, { caseId: sec.c.id, memberId: sec.panelistId, sender: secretariat, now: NOW })).stream);
    const [first, second] = [await packet(), await packet()];
    const { storage, vault } = await newTestVault(NOW);
    must(await importPacket(vault, stream(first), recipientOf(panelist), { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) }));
    const id = idOf(vault, sec.c.id);
    const afterFirst = storage.raw.row(table, id);
    if (!afterFirst) throw new Error(`no row in ${table}`);
    expect(must(await importPacket(vault, stream(second), recipientOf(panelist), { now: NOW })).packet.sequence).toBe(2);
    await vault.lock();
    return { storage, id, afterFirst, second };
  }

  it.each([
    [RECEIVED_TABLE, (v: UnlockedVault, caseId: string) => must(ReceivedCaseRecord.keyedId(v, caseId))],
    [SENDERS_TABLE, (v: UnlockedVault) => must(PinnedSenderRecord.keyedId(v, sshFingerprint(secretariat.signing.publicKey)))],
  ])("%s: reported at unlock, and the case's packet 2 is refused rather than taken as newer than that copy", async (table, idOf) => {
    const { storage, id, afterFirst, second } = await afterTwoPackets(table, idOf);
    storage.raw.write(table, id, afterFirst);
    const reopened = must(await unlockVault(storage, LEGACY.passphrase, options));
    expect(reopened.integrityAtUnlock.records.problems).toEqual([{ kind: "record-rolled-back", table, id }]);
    // The older copy says packet 1 was the last: packet 2 would pass as new. It is refused instead.
    const replayed = await importPacket(reopened, stream(second), recipientOf(panelist), { now: NOW });
    expect(replayed.ok ? "imported" : replayed.error).toEqual({ kind: "vault-failed", error: { kind: "record-rolled-back", table, id } });
  });
});

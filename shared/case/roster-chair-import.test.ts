/**
 * A roster must name exactly one chair (the seat the scoresheets go to):
 * a signed packet whose panel.json names none, or two, is refused at import
 * with the number of chairs it names, and nothing is written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, toHex } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import type { MemoryVaultStorage } from "../vault/memory-storage";
import { PanelRosterSchema, type PanelRoster } from "./case-records";
import { must, newTestVault, secretariatWithPanel } from "./case.testing";
import { exportPacket } from "./packet-export";
import { importPacket } from "./packet-import";
import { repackPacket } from "./packet.testing";

const NOW = new Date("2026-11-22T10:00:00.000Z");
let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;
let packet: Uint8Array;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat" });
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
  const { vault, c, panelistId } = await secretariatWithPanel(panelist, NOW);
  packet = await readAllBytes(must(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW })).stream);
});

const snapshot = (storage: MemoryVaultStorage) =>
  JSON.stringify([storage.raw.header(), storage.raw.rows().map((r) => [r.table, r.id, toHex(r.nonce), toHex(r.ciphertext)]).sort()]);

/** The packet signed again by the secretariat after `roles` rewrote the role of every seat (by position). */
const withRoles = (roles: (role: PanelRoster["seats"][number]["role"], i: number) => "chair" | "member") =>
  repackPacket(packet, panelist.encryption.secretKey, {
    signer: secretariat.signing,
    recipients: [panelist.encryption.publicKey],
    createdAt: NOW,
    editPanel: (p) => {
      const roster = PanelRosterSchema.parse(p);
      return { ...roster, seats: roster.seats.map((s, i) => ({ ...s, role: roles(s.role, i) })) };
    },
  });

async function importInto(bytes: Uint8Array) {
  const { storage, vault } = await newTestVault(NOW);
  const before = snapshot(storage);
  const result = await importPacket(
    vault,
    new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(),
    {
      secretKey: panelist.encryption.secretKey,
      ageRecipient: encodeRecipient(panelist.encryption.publicKey),
      fingerprint: sshFingerprint(panelist.signing.publicKey),
      displayName: panelist.details.displayName,
    },
    { now: NOW, confirmSigner: sshFingerprint(secretariat.signing.publicKey) },
  );
  return { result, unchanged: snapshot(storage) === before };
}

describe("a roster naming no chair, or several, is refused at packet import", () => {
  it("refuses a panel.json with no chair, naming 0 chairs, and writes nothing", async () => {
    const { result, unchanged } = await importInto(await withRoles(() => "member"));
    expect(result.ok ? "imported" : result.error).toEqual({ kind: "chair-count", chairs: 0 });
    expect(unchanged).toBe(true);
  });

  it("refuses a panel.json with two chairs, naming 2 chairs, and writes nothing", async () => {
    const { result, unchanged } = await importInto(await withRoles((role, i) => (i < 2 ? "chair" : role)));
    expect(result.ok ? "imported" : result.error).toEqual({ kind: "chair-count", chairs: 2 });
    expect(unchanged).toBe(true);
  });

  it("control: the same packet signed again with its one chair, wherever it sits, is imported", async () => {
    const { result, unchanged } = await importInto(await withRoles((_, i) => (i === 3 ? "chair" : "member")));
    expect(result.ok ? result.value.roster.map((p) => p.role) : result.error).toEqual(["member", "member", "member", "chair", "member"]);
    expect(unchanged).toBe(false);
  });
});

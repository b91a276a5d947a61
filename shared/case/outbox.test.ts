import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { sshFingerprint } from "../formats/openssh-key";
import { unlockVault } from "../vault/vault";
import { OUTBOX_TABLE } from "./case-records";
import { FIXTURE_PASSPHRASE, must, secretariatWithPanel } from "./case.testing";
import { hashedStream, loadOutbox, OutboxEntrySchema, recordPacketWritten } from "./outbox";
import { exportPacket } from "./packet-export";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T10:05:00.000Z");
let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat" });
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("hashedStream", () => {
  it("passes the bytes unchanged and gives their SHA-256 and size once they have all passed", async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 13) & 0xff);
    const hashed = hashedStream(new Blob([bytes]).stream());
    expect(hashed.digest()).toBeUndefined();
    const out = await readAllBytes(hashed.stream);
    expect(sha256(out)).toBe(sha256(bytes));
    expect(hashed.digest()).toEqual({ sha256: sha256(bytes), size: bytes.length });
  });

  it("gives nothing for a stream that errored before its end", async () => {
    const hashed = hashedStream(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1, 2, 3]));
          controller.error(new Error("disk gone"));
        },
      }),
    );
    await expect(readAllBytes(hashed.stream)).rejects.toThrow(/disk gone/);
    expect(hashed.digest()).toBeUndefined();
  });
});

describe("the secretariat's outbox", () => {
  it("keeps, per case and seat, the number, time, file name and the SHA-256 of the file as produced; across sessions; audited", async () => {
    const { storage, vault, c, panelistId } = await secretariatWithPanel(panelist, NOW);
    const exported = must(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW }));
    // Taken and logged before a byte is produced: no hash yet.
    const pending = must(await loadOutbox(vault, c.id));
    expect(pending).toEqual([
      {
        packetId: exported.packetId,
        caseId: c.id,
        memberId: panelistId,
        recipientName: "Ines Okafor",
        recipientFingerprint: sshFingerprint(panelist.signing.publicKey),
        fileName: exported.fileName,
        sequence: 1,
        createdAt: NOW.toISOString(),
        rubricId: "default-v1",
        rubricRevision: 1,
      },
    ]);

    const hashed = hashedStream(exported.stream);
    const file = await readAllBytes(hashed.stream);
    const written = must(await recordPacketWritten(vault, exported.packetId, hashed.digest()!, LATER));
    expect(written).toMatchObject({ sha256: sha256(file), size: file.length, writtenAt: LATER.toISOString(), fileName: exported.fileName });

    // A second export, and one for another case, then a new session.
    const second = must(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: LATER }));
    await second.stream.cancel();
    vault.lock();
    const reopened = must(await unlockVault(storage, FIXTURE_PASSPHRASE, { clock: () => LATER }));
    const entries = must(await loadOutbox(reopened, c.id));
    expect(entries.map((e) => [e.sequence, e.sha256 ?? null])).toEqual([
      [2, null],
      [1, sha256(file)],
    ]);
    expect(must(await loadOutbox(reopened, "x".repeat(22)))).toEqual([]);
    const audit = must(await reopened.verifyAudit()).entries.filter((e) => e.event === "packet-written");
    expect(audit.map((e) => e.detail)).toEqual([{ case: c.id, packet: exported.packetId, sequence: 1, recipient: sshFingerprint(panelist.signing.publicKey), sha256: sha256(file), bytes: file.length }]);
  });

  it("reads an entry written before the outbox kept names and hashes", async () => {
    const old = { packetId: "p".repeat(22), caseId: "c".repeat(22), memberId: "m".repeat(22), recipientFingerprint: "SHA256:abc", sequence: 3, createdAt: NOW.toISOString() };
    expect(OutboxEntrySchema.parse(old)).toEqual(old);
    const { vault, c } = await secretariatWithPanel(panelist, NOW);
    must(await vault.write({ put: [{ table: OUTBOX_TABLE, id: old.packetId, value: { ...old, caseId: c.id } }] }));
    expect(must(await loadOutbox(vault, c.id))).toEqual([{ ...old, caseId: c.id }]);
    expect(await recordPacketWritten(vault, "q".repeat(22), { sha256: "0".repeat(64), size: 1 }, NOW)).toEqual({ ok: false, error: { kind: "outbox-entry-missing", packetId: "q".repeat(22) } });
  });
});

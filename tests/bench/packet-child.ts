/**
 * Case packets, ours, in their own process so its peak memory is its own:
 *   node packet-child.mjs export|import <fixture.json>
 * export: one packet per seat of the panel, each written to a file;
 * import: the panelist's packet into the panelist's (empty) vault.
 * Both vaults are on disk (FileVaultStorage) and unlocked with the key the
 * parent derived when it created them, as the app derives it in a
 * short-lived worker: Argon2id's memory is not the pipeline's.
 * Prints one JSON line: { seconds, maxRssBytes } (seconds: the packets
 * only, not the unlock).
 */
import { readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { fileReadable } from "../../electron/io/file-streams";
import { must } from "../../shared/case/case.testing";
import { exportPacket } from "../../shared/case/packet-export";
import { importPacket } from "../../shared/case/packet-import";
import { fromHex, loadCrypto } from "../../shared/crypto/sodium";
import { encodeRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { identityFromStored, type PersonalIdentity } from "../../shared/identity/identity";
import type { UnlockedVault } from "../../shared/vault/unlocked-vault";
import { unlockVault } from "../../shared/vault/vault";
import { FileVaultStorage } from "./file-storage";
import type { PacketFixture, VaultFixture } from "./packet.bench";


async function unlock(fixture: PacketFixture, v: VaultFixture): Promise<UnlockedVault> {
  const storage = await FileVaultStorage.open(v.dir);
  return must(await unlockVault(storage, fixture.passphrase, { derive: async () => fromHex(v.derivedKey) }), `unlocking ${v.dir}`);
}

const identity = (v: VaultFixture): PersonalIdentity => must(identityFromStored(v.identity), "identity");

/** Writes the stream to `file` one chunk at a time (no fsync, as `age -o`). */
async function toFile(stream: ReadableStream<Uint8Array>, file: string): Promise<void> {
  const handle = await open(file, "w", 0o600);
  try {
    const reader = stream.getReader();
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      for (let at = 0; at < next.value.length; ) at += (await handle.write(next.value, at, next.value.length - at)).bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

async function exportAll(fixture: PacketFixture): Promise<number> {
  const vault = await unlock(fixture, fixture.secretariat);
  const sender = identity(fixture.secretariat);
  let seconds = 0;
  for (const [i, memberId] of fixture.seats.entries()) {
    const file = memberId === fixture.panelistSeat ? fixture.packet : `${fixture.packet}.${i}`;
    const started = performance.now();
    const exported = must(await exportPacket(vault, { caseId: fixture.caseId, memberId, sender, now: new Date(fixture.now) }), "export");
    await toFile(exported.stream, file);
    seconds += (performance.now() - started) / 1000;
    if (exported.total < fixture.attachmentBytes) throw new Error(`the packet carries ${exported.total} bytes of attachments, expected at least ${fixture.attachmentBytes}`);
    // Only the panelist's packet is kept (for the import); the disk is not ours alone.
    if (file !== fixture.packet) rmSync(file);
  }
  await vault.lock();
  return seconds;
}

async function importOne(fixture: PacketFixture): Promise<number> {
  const vault = await unlock(fixture, fixture.panelist);
  const me = identity(fixture.panelist);
  const secretariat = identity(fixture.secretariat);
  const started = performance.now();
  const received = must(
    await importPacket(
      vault,
      fileReadable(fixture.packet),
      { secretKey: me.encryption.secretKey, ageRecipient: encodeRecipient(me.encryption.publicKey), fingerprint: sshFingerprint(me.signing.publicKey), displayName: me.details.displayName },
      { now: new Date(fixture.now), confirmSigner: sshFingerprint(secretariat.signing.publicKey) },
    ),
    "import",
  );
  const seconds = (performance.now() - started) / 1000;
  const carried = received.case.evidence.flatMap((e) => e.attachments).reduce((n, a) => n + a.size, 0);
  if (carried < fixture.attachmentBytes) throw new Error(`the imported case holds ${carried} bytes of attachments, expected at least ${fixture.attachmentBytes}`);
  await vault.lock();
  return seconds;
}

async function main(): Promise<void> {
  const [mode, fixtureFile] = process.argv.slice(2);
  if ((mode !== "export" && mode !== "import") || !fixtureFile) throw new Error("usage: packet-child export|import <fixture.json>");
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const fixture = JSON.parse(readFileSync(fixtureFile, "utf8")) as PacketFixture;
  const seconds = mode === "export" ? await exportAll(fixture) : await importOne(fixture);
  process.stdout.write(`${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

/**
 * Fixtures for case tests (here, in tests/interop and in the benchmark): a
 * secretariat vault holding the sample case, the sample registry plus the
 * panelist, and a valid panel with the panelist on it.
 */
import { concatBytes, readAllBytes } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import { exportIdentityCard } from "../identity/identity-card";
import type { PersonalIdentity } from "../identity/identity";
import { ok } from "../result";
import { KDF_FLOOR } from "../vault/kdf";
import { MemoryVaultStorage } from "../vault/memory-storage";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { createVault } from "../vault/vault";
import { openPacket } from "./packet";
import { collectingSink } from "./packet.testing";
import { exportPacket } from "./packet-export";
import { importPacket } from "./packet-import";
import { enrolExpert, loadSampleCase, loadSampleRegistry, savePanel } from "./secretariat";

export const FIXTURE_PASSPHRASE = "correct horse battery staple";

/** A Result's value, or a thrown error naming `what` failed. */
export const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what?: string): T => {
  if (!r.ok) throw new Error(what ? `${what}: ${JSON.stringify(r.error)}` : JSON.stringify(r.error));
  return r.value;
};

export async function newTestVault(now: Date, storage = new MemoryVaultStorage()) {
  return { storage, vault: must(await createVault(storage, FIXTURE_PASSPHRASE, { kdf: KDF_FLOOR, clock: () => now })) };
}

/** `who` importing the packet `packet` from `secretariat` into `vault` by the real path (the signer confirmed, as the app asks). */
export async function receivePacket(vault: UnlockedVault, packet: Uint8Array, who: PersonalIdentity, secretariat: PersonalIdentity, now: Date) {
  return importPacket(
    vault,
    new Blob([packet as Uint8Array<ArrayBuffer>]).stream(),
    { secretKey: who.encryption.secretKey, ageRecipient: encodeRecipient(who.encryption.publicKey), fingerprint: sshFingerprint(who.signing.publicKey), displayName: who.details.displayName },
    { now, confirmSigner: sshFingerprint(secretariat.signing.publicKey) },
  );
}

/**
 * The sample case with a five-seat panel (four sample experts from four groups, and `panelist`);
 * with `chair`, that person chairs instead of the first sample expert (a test then holds the chair's keys).
 */
export async function secretariatWithPanel(panelist: PersonalIdentity, now: Date, options: { readonly chair?: PersonalIdentity } = {}) {
  const { storage, vault } = await newTestVault(now);
  const c = must(await loadSampleCase(vault, "Case Secretariat", now));
  const sample = must(await loadSampleRegistry(vault, now));
  const me = must(await enrolExpert(vault, { cardFile: exportIdentityCard(panelist), confirmedFingerprint: sshFingerprint(panelist.signing.publicKey), affiliationStates: [], declaredInterests: "None." }, now));
  const byName = (n: string) => sample.find((e) => e.displayName.includes(n))?.id as string;
  const chair = options.chair;
  const chairId = chair
    ? must(await enrolExpert(vault, { cardFile: exportIdentityCard(chair), confirmedFingerprint: sshFingerprint(chair.signing.publicKey), affiliationStates: [], declaredInterests: "None." }, now)).id
    : byName("Okonkwo");
  must(
    await savePanel(vault, {
      format: "attribution-panel/panel",
      version: 1,
      caseId: c.id,
      chairId,
      memberIds: [byName("Sakamoto"), byName("Nowak"), byName("Fernandes"), me.id],
      rubricId: "default-v1",
      deadline: c.deadline,
      waivers: [],
    }),
  );
  return { storage, vault, c, panelistId: me.id };
}

/**
 * One JSON file (`path`, e.g. panel.json or rubric.json) of the packet `request` exports,
 * as `recipient` reads it after opening the packet with their key; throws when export or opening fails.
 */
export async function exportedPart(vault: UnlockedVault, request: Parameters<typeof exportPacket>[1], recipient: PersonalIdentity, path: string): Promise<unknown> {
  const exported = must(await exportPacket(vault, request), "export");
  const { files, sink } = collectingSink();
  must(
    await openPacket(
      new Blob([(await readAllBytes(exported.stream)) as Uint8Array<ArrayBuffer>]).stream(),
      recipient.encryption.secretKey,
      () => ok(undefined),
      sink,
      { myRecipient: encodeRecipient(recipient.encryption.publicKey) },
    ),
    "open the exported packet",
  );
  const part = files.get(path);
  if (!part) throw new Error(`the packet carries no ${path}`);
  return JSON.parse(new TextDecoder().decode(concatBytes(...part)));
}

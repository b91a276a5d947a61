/**
 * The merge benchmark's worker in Chromium (merge-page.ts starts it): the
 * chair's merge on the same shared code as the app's crypto worker, over the
 * app's own vault storage (Dexie on the browser's IndexedDB). For each run,
 * two fresh vaults holding the chair's packet (made outside the clock): one
 * merged stage by stage (merge-pipeline.ts: stagedMerge), one by the import
 * as the app runs it, then the statistics (wholeMerge).
 */
import { must } from "../../shared/case/case.testing";
import { importPacket } from "../../shared/case/packet-import";
import { fromBase64, loadCrypto } from "../../shared/crypto/sodium";
import { encodeRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { identityFromStored, type PersonalIdentity } from "../../shared/identity/identity";
import type { IncomingFile } from "../../shared/merge/import-scoresheets";
import { KDF_FLOOR } from "../../shared/vault/kdf";
import { createVault } from "../../shared/vault/vault";
import { DexieVaultStorage } from "../../renderer/vault/dexie-storage";
import { stagedMerge, wholeMerge, type StageTimes } from "./merge-pipeline";

/** What the page hands the worker (bytes as base64, the identity in its stored form). */
export type MergeBenchFixture = {
  readonly now: string;
  readonly runs: number;
  readonly caseId: string;
  readonly chair: unknown;
  readonly secretariatFingerprint: string;
  readonly chairPacket: string;
  readonly files: readonly { readonly name: string; readonly bytes: string }[];
};
export type MergeBenchAnswer = { readonly ok: true; readonly staged: StageTimes[]; readonly whole: number[]; readonly agent: string } | { readonly ok: false; readonly error: string };

const PASS = "bench merge lantern wicker fjord";
const bytesOf = (text: string): Uint8Array => {
  const b = fromBase64(text);
  if (!b) throw new Error("the fixture holds bytes that are not base64");
  return b;
};

/** A fresh vault on IndexedDB (database `name`) holding the chair's packet. */
async function chairVault(name: string, chair: PersonalIdentity, packet: Uint8Array, fixture: MergeBenchFixture) {
  const now = new Date(fixture.now);
  const storage = new DexieVaultStorage(name);
  const vault = must(await createVault(storage, PASS, { kdf: KDF_FLOOR, clock: () => now }), "creating a vault in IndexedDB");
  must(
    await importPacket(
      vault,
      new Blob([packet as Uint8Array<ArrayBuffer>]).stream(),
      { secretKey: chair.encryption.secretKey, ageRecipient: encodeRecipient(chair.encryption.publicKey), fingerprint: sshFingerprint(chair.signing.publicKey), displayName: chair.details.displayName },
      { now, confirmSigner: fixture.secretariatFingerprint },
    ),
    "the chair importing the bench packet",
  );
  return { storage, vault };
}

async function run(fixture: MergeBenchFixture): Promise<MergeBenchAnswer> {
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const chair = must(identityFromStored(fixture.chair), "the chair's identity");
  const packet = bytesOf(fixture.chairPacket);
  const files: IncomingFile[] = fixture.files.map((f) => ({ name: f.name, bytes: bytesOf(f.bytes) }));
  const now = () => new Date(fixture.now);
  const staged: StageTimes[] = [];
  const whole: number[] = [];
  for (let i = 0; i < fixture.runs; i++) {
    for (const mode of ["staged", "whole"] as const) {
      const { storage, vault } = await chairVault(`merge-bench-${i}-${mode}`, chair, packet, fixture);
      try {
        if (mode === "staged") staged.push((await stagedMerge(vault, fixture.caseId, [chair], files, now)).times);
        else whole.push((await wholeMerge(vault, fixture.caseId, [chair], files, now)).ms);
      } finally {
        await vault.lock();
        await storage.destroy();
      }
    }
  }
  return { ok: true, staged, whole, agent: navigator.userAgent };
}

self.onmessage = (event: MessageEvent<MergeBenchFixture>) => {
  run(event.data).then(
    (answer) => postMessage(answer),
    (e: unknown) => postMessage({ ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) } satisfies MergeBenchAnswer),
  );
};

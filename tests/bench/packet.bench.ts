/**
 * Case packets: a case with `sizeBytes` of attachments (4 files of random
 * bytes) exported to the 7 seats of its panel, then one packet imported by
 * a panelist, with throughput and peak memory; against the `age` CLI with
 * GNU tar on the same files, in the same run:
 *   export, per seat:  tar -cf - <files> | age -e -r <seat> -r <secretariat> -o <packet>
 *   import:            age -d -i <panelist> <packet> | tar -x, then sha256sum of every file
 * Ours runs in a child process (packet-child.ts) so its peak resident memory
 * is its own; both vaults are on disk (file-storage.ts), not in the heap.
 * Throughput counts attachment bytes (× 7 for the export); the sample
 * case's own few kilobytes of attachments ride along on both sides' clock.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileReadable } from "../../electron/io/file-streams";
import { must } from "../../shared/case/case.testing";
import type { RegistryEntry } from "../../shared/case/model";
import { attachToEvidence, enrolExpert, loadSampleCase, loadSampleRegistry, savePanel } from "../../shared/case/secretariat";
import { loadCrypto, toHex } from "../../shared/crypto/sodium";
import { encodeRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import { exportIdentityCard, importIdentityCard } from "../../shared/identity/identity-card";
import { identityToStored, type PersonalIdentity, type StoredIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { deriveKey, KDF_FLOOR, type KeyDeriver } from "../../shared/vault/kdf";
import { createVault } from "../../shared/vault/vault";
import { requireTool } from "../support/tools";
import { FileVaultStorage } from "./file-storage";
import { highWaterMark, measure, type Measurement } from "./measure";
import { writeRandomFile } from "./random-file";
import type { BenchRow } from "./report";

const MiB = 1 << 20;
const PASS = "wicker lantern orbit seventy fjord";
const ACTOR = "Case Secretariat";
const FILES = 4;
const SEATS = 7;

export type VaultFixture = { readonly dir: string; readonly derivedKey: string; readonly identity: StoredIdentity };
/** What the parent hands its child (packet-child.ts), as a JSON file. */
export type PacketFixture = {
  readonly now: string;
  readonly passphrase: string;
  readonly secretariat: VaultFixture;
  readonly panelist: VaultFixture;
  readonly caseId: string;
  /** Chair first, then the members: one packet each. */
  readonly seats: readonly string[];
  readonly panelistSeat: string;
  /** Where the panelist's packet is written (the others are removed once written). */
  readonly packet: string;
  readonly attachmentBytes: number;
};


/**
 * A shell-less pipeline `a | b`: wall time, and as peak the sum of each
 * process's own peak (VmHWM, polled as in measure.ts), since they run together.
 */
function measurePipeline(stages: readonly (readonly [string, readonly string[]])[]): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const peaks: number[] = [];
    const running = stages.reduce<ReturnType<typeof spawn>[]>((procs, [cmd, args], i) => {
      const previous = procs[i - 1];
      const child = spawn(cmd, args, { stdio: [previous?.stdout ?? "ignore", i === stages.length - 1 ? "ignore" : "pipe", "pipe"] });
      // The next process holds its own copy of the pipe; this one must not read from it.
      previous?.stdout?.destroy();
      return [...procs, child];
    }, []);
    const poll = setInterval(() => running.forEach((p, i) => (peaks[i] = Math.max(peaks[i] ?? 0, highWaterMark(p.pid)))), 20);
    let left = running.length;
    let failed: Error | undefined;
    running.forEach((p, i) => {
      let stderr = "";
      p.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
      p.on("error", (e) => (failed ??= e));
      p.on("close", (code) => {
        if (code !== 0) failed ??= new Error(`${stages[i]?.[0]} exited with ${code}: ${stderr.trim()}`);
        if (--left > 0) return;
        clearInterval(poll);
        if (failed) reject(failed);
        else resolve({ seconds: (performance.now() - started) / 1000, maxRssBytes: peaks.reduce((a, b) => a + b, 0) });
      });
    });
  });
}

/** Runs ours in the child; its peak is the larger of what was polled and what it reports (as in age.bench.ts). */
async function measureChild(child: string, mode: "export" | "import", fixtureFile: string): Promise<Measurement> {
  const m = await measure(process.execPath, [child, mode, fixtureFile]);
  const reported = JSON.parse(m.stdout.trim()) as Measurement;
  return { seconds: reported.seconds, maxRssBytes: Math.max(m.maxRssBytes, reported.maxRssBytes) };
}

/** A vault in `dir` on disk; the key derived from the passphrase is kept for the children to unlock with. */
async function newVault(dir: string, now: Date) {
  let derivedKey = "";
  const derive: KeyDeriver = async (passphrase, params) => {
    const key = deriveKey(passphrase, params);
    derivedKey = toHex(key);
    return key;
  };
  const vault = must(await createVault(await FileVaultStorage.open(dir), PASS, { kdf: KDF_FLOOR, derive, clock: () => now }), `creating the vault in ${dir}`);
  return { vault, derivedKey };
}

/** The secretariat's vault: the sample case with the files attached, the registry, and a panel of 7 that passes composition. */
async function secretariatVault(dir: string, files: readonly string[], secretariat: PersonalIdentity, panelists: readonly PersonalIdentity[], now: Date) {
  const { vault, derivedKey } = await newVault(dir, now);
  let c = must(await loadSampleCase(vault, ACTOR, now), "loading the sample case");
  const sample = must(await loadSampleRegistry(vault, now), "loading the sample registry");
  for (const [i, file] of files.entries()) {
    const info = must(await vault.attachments.import({ name: path.basename(file), mediaType: "application/octet-stream", size: statSync(file).size, stream: fileReadable(file) }), `importing ${file}`);
    const evidence = c.evidence[i % c.evidence.length];
    if (!evidence) throw new Error("the sample case has no evidence");
    c = must(await attachToEvidence(vault, c.id, evidence.id, info, ACTOR, now), "attaching a file");
  }
  const enrolled: RegistryEntry[] = [];
  for (const p of panelists) {
    const entry = await enrolExpert(vault, { cardFile: exportIdentityCard(p), confirmedFingerprint: sshFingerprint(p.signing.publicKey), affiliationStates: [], declaredInterests: "None." }, now);
    enrolled.push(must(entry, "enrolling a panelist"));
  }
  // The five unconflicted sample experts (one per UN group) and the two panelists (AG, WEOG): 5 groups, at most 2 seats each.
  const byName = (n: string): RegistryEntry => {
    const entry = sample.find((e) => e.displayName.includes(n));
    if (!entry) throw new Error(`no ${n} in the sample registry`);
    return entry;
  };
  const seats = [byName("Okonkwo"), byName("Sakamoto"), byName("Nowak"), byName("Fernandes"), byName("Keller"), ...enrolled];
  if (seats.length !== SEATS) throw new Error(`the panel has ${seats.length} seats, not ${SEATS}`);
  must(
    await savePanel(vault, {
      format: "attribution-panel/panel",
      version: 1,
      caseId: c.id,
      chairId: seats[0]?.id,
      memberIds: seats.slice(1).map((s) => s.id),
      rubricId: "default-v1",
      deadline: c.deadline,
      waivers: [],
    }),
    "saving the panel",
  );
  await vault.lock();
  return { derivedKey, caseId: c.id, seats: seats.map((s) => ({ id: s.id, ageRecipient: must(importIdentityCard(s.cardFile), "a seat's card").ageRecipient })), panelistSeat: enrolled[0]?.id ?? "" };
}

export async function benchPacket(workDir: string, sizeBytes: number, child: string): Promise<BenchRow[]> {
  for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const dir = mkdtempSync(path.join(workDir, "packet-"));
  try {
    const now = new Date();
    const dataDir = path.join(dir, "data");
    mkdirSync(dataDir);
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dataDir, `capture-${i + 1}.bin`);
      const share = Math.floor(sizeBytes / FILES);
      await writeRandomFile(file, i === FILES - 1 ? sizeBytes - share * (FILES - 1) : share);
      files.push(file);
    }

    const secretariat = testIdentity({ displayName: ACTOR, region: "western-european-and-others-states", nationality: "CH" });
    const panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
    const second = testIdentity({ displayName: "Kwame Mensah", region: "african-states", nationality: "GH" });
    const sec = await secretariatVault(path.join(dir, "secretariat-vault"), files, secretariat, [panelist, second], now);
    const mine = await newVault(path.join(dir, "panelist-vault"), now);
    await mine.vault.lock();

    const fixture: PacketFixture = {
      now: now.toISOString(),
      passphrase: PASS,
      secretariat: { dir: path.join(dir, "secretariat-vault"), derivedKey: sec.derivedKey, identity: identityToStored(secretariat) },
      panelist: { dir: path.join(dir, "panelist-vault"), derivedKey: mine.derivedKey, identity: identityToStored(panelist) },
      caseId: sec.caseId,
      seats: sec.seats.map((s) => s.id),
      panelistSeat: sec.panelistSeat,
      packet: path.join(dir, "panelist.packet.age"),
      attachmentBytes: sizeBytes,
    };
    const fixtureFile = path.join(dir, "fixture.json");
    writeFileSync(fixtureFile, JSON.stringify(fixture), { mode: 0o600 });
    const identityFile = path.join(dir, "panelist.age-identity.txt");
    writeFileSync(identityFile, exportAgeIdentityFile(panelist), { mode: 0o600 });

    // Export: ours, then tar | age -e once per seat.
    const oursExport = await measureChild(child, "export", fixtureFile);
    const secretariatRecipient = encodeRecipient(secretariat.encryption.publicKey);
    const names = files.map((f) => path.basename(f));
    const cliExport = { seconds: 0, maxRssBytes: 0 };
    for (const seat of sec.seats) {
      const out = path.join(dir, "cli.packet.age");
      const m = await measurePipeline([
        ["tar", ["-cf", "-", "-C", dataDir, ...names]],
        ["age", ["-e", "-r", seat.ageRecipient, "-r", secretariatRecipient, "-o", out]],
      ]);
      if (statSync(out).size < sizeBytes) throw new Error("age wrote a packet smaller than its input");
      rmSync(out);
      cliExport.seconds += m.seconds;
      cliExport.maxRssBytes = Math.max(cliExport.maxRssBytes, m.maxRssBytes);
    }

    // Import of our panelist's packet: ours into the panelist's vault; the CLI decrypts, unpacks and hashes it.
    const oursImport = await measureChild(child, "import", fixtureFile);
    const extracted = path.join(dir, "extracted");
    mkdirSync(extracted);
    const unpacked = await measurePipeline([
      ["age", ["-d", "-i", identityFile, fixture.packet]],
      ["tar", ["-x", "-C", extracted]],
    ]);
    const extractedFiles = readdirSync(extracted, { recursive: true, encoding: "utf8" })
      .map((f) => path.join(extracted, f))
      .filter((f) => statSync(f).isFile());
    const hashed = await measure("sha256sum", extractedFiles);
    // Attachments are stored under their SHA-256: sha256sum must agree, or the reference did not do the work.
    const sums = new Map(hashed.stdout.trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)] as const));
    const attachments = extractedFiles.filter((f) => path.basename(path.dirname(f)) === "attachments");
    if (attachments.length < FILES || attachments.some((f) => sums.get(f) !== path.basename(f))) throw new Error("sha256sum disagrees with the packet's attachment names");
    const cliImport = { seconds: unpacked.seconds + hashed.seconds, maxRssBytes: Math.max(unpacked.maxRssBytes, hashed.maxRssBytes) };

    const mib = sizeBytes / MiB;
    const note = `${FILES} attachments, ${SEATS} seats; vaults on disk; ours in a child process`;
    return [
      {
        name: `case packet export ×${SEATS} (${mib} MiB)`,
        ours: { value: (mib * SEATS) / oursExport.seconds, unit: "MiB/s", peakMemoryMiB: oursExport.maxRssBytes / MiB },
        reference: { tool: "tar | age -e", value: (mib * SEATS) / cliExport.seconds, unit: "MiB/s", peakMemoryMiB: cliExport.maxRssBytes / MiB },
        goal: note,
      },
      {
        name: `case packet import (${mib} MiB)`,
        ours: { value: mib / oursImport.seconds, unit: "MiB/s", peakMemoryMiB: oursImport.maxRssBytes / MiB },
        reference: { tool: "age -d | tar -x; sha256sum", value: mib / cliImport.seconds, unit: "MiB/s", peakMemoryMiB: cliImport.maxRssBytes / MiB },
        goal: `${note}; signature, sizes and SHA-256 checked`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

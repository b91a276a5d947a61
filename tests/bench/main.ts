/**
 * `npm run bench`: benchmarks, not timed tests. Prints a table and writes
 * bench-results/bench.json. Figures are ratios against a reference tool
 * measured in the same run, since this machine is shared and noisy.
 * The vault benchmark drives the renderer build (dist/renderer) in Chromium.
 *   BENCH_ONLY      comma-separated subset to run: cold-start, age, sshsig, vault, packet, stix, scoring, merge, verify
 *   BENCH_SIZE_MIB  size of the streamed and imported file, and of a case's
 *                   attachments in the case-packet benchmark (default 1024)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { benchAge } from "./age.bench";
import { benchColdStart } from "./cold-start.bench";
import { benchMerge } from "./merge.bench";
import { benchPacket } from "./packet.bench";
import { benchScoring } from "./scoring.bench";
import { printTable, writeJson, type BenchRow } from "./report";
import { benchSshsig } from "./sshsig.bench";
import { benchStix, stixChild } from "./stix.bench";
import { benchVault } from "./vault.bench";
import { benchVerify } from "./verify.bench";

async function main(): Promise<void> {
  // The STIX benchmark runs each import in a child process: this script again, with these set.
  const stixMode = process.env["AP_BENCH_STIX_CHILD"];
  if (stixMode) return stixChild(stixMode, process.env["AP_BENCH_STIX_FILE"] ?? "");
  const sizeMiB = Number(process.env["BENCH_SIZE_MIB"] ?? 1024);
  const workDir = mkdtempSync(path.join(tmpdir(), "ap-bench-"));
  const rows: BenchRow[] = [];
  try {
    const only = new Set((process.env["BENCH_ONLY"] ?? "cold-start,age,sshsig,vault,packet,stix,scoring,merge,verify").split(",").map((s) => s.trim()));
    const MiB = 1 << 20;
    if (only.has("cold-start")) {
      process.stdout.write("cold start: the app's first screen with cryptography ready, against a bare libsodium page…\n");
      rows.push(...(await benchColdStart(path.join(import.meta.dirname, "bare-sodium"))));
    }
    if (only.has("age")) {
      process.stdout.write(`age: streaming ${sizeMiB} MiB through ours and the age CLI…\n`);
      rows.push(...(await benchAge(workDir, sizeMiB * MiB, path.join(import.meta.dirname, "age-child.mjs"))));
    }
    if (only.has("sshsig")) {
      process.stdout.write("SSHSIG: signing and verifying for 2 s each…\n");
      rows.push(...(await benchSshsig()));
    }
    if (only.has("vault")) {
      process.stdout.write(`vault: unlocking, then importing ${sizeMiB} MiB in Chromium, against sha256sum and age -e…\n`);
      rows.push(...(await benchVault(workDir, sizeMiB * MiB)));
    }
    if (only.has("packet")) {
      process.stdout.write(`case packets: exporting ${sizeMiB} MiB of attachments to 7 panelists and importing one, against tar and the age CLI…\n`);
      rows.push(...(await benchPacket(workDir, sizeMiB * MiB, path.join(import.meta.dirname, "packet-child.mjs"))));
    }
    if (only.has("stix")) {
      process.stdout.write("STIX import: a 10^5-object bundle and one at the limits, through the worker's handler, against JSON.parse…\n");
      rows.push(...(await benchStix(workDir)));
    }
    if (only.has("scoring")) {
      process.stdout.write("scoring: a 20-claim, 50-item case: signing a scoresheet in Node, opening and typing in Chromium…\n");
      rows.push(...(await benchScoring(workDir)));
    }
    if (only.has("merge")) {
      process.stdout.write("merge: the chair imports 15 scoresheets of a 20-claim, 50-item case and computes every statistic, in Node and in Chromium…\n");
      rows.push(...(await benchMerge(workDir, path.join(import.meta.dirname, "merge-page"))));
    }
    if (only.has("verify")) {
      process.stdout.write("verify: attribution-panel verify of a publication against sha256sum and ssh-keygen…\n");
      rows.push(...(await benchVerify(workDir, path.resolve(import.meta.dirname, "..", "cli", "attribution-panel.cjs"))));
    }
    if (rows.length === 0) throw new Error(`BENCH_ONLY named no known benchmark: ${[...only].join(", ")}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${printTable(rows)}\n`);
  const file = writeJson(path.resolve(import.meta.dirname, "..", "..", "bench-results"), rows, {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
  });
  process.stdout.write(`\nWritten to ${file}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

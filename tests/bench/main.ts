/**
 * `npm run bench`: benchmarks, not timed tests. Prints a table and writes
 * bench-results/bench.json. Figures are ratios against a reference tool
 * measured in the same run, since this machine is shared and noisy.
 * The vault benchmark drives the renderer build (dist/renderer) in Chromium.
 *   BENCH_SIZE_MIB  size of the streamed and imported file, and of a case's
 *                   attachments in the case-packet benchmark (default 1024)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { benchAge } from "./age.bench";
import { benchPacket } from "./packet.bench";
import { printTable, writeJson, type BenchRow } from "./report";
import { benchSshsig } from "./sshsig.bench";
import { benchVault } from "./vault.bench";

async function main(): Promise<void> {
  const sizeMiB = Number(process.env["BENCH_SIZE_MIB"] ?? 1024);
  const workDir = mkdtempSync(path.join(tmpdir(), "ap-bench-"));
  const rows: BenchRow[] = [];
  try {
    process.stdout.write(`age: streaming ${sizeMiB} MiB through ours and the age CLI…\n`);
    rows.push(...(await benchAge(workDir, sizeMiB * (1 << 20), path.join(import.meta.dirname, "age-child.mjs"))));
    process.stdout.write("SSHSIG: signing and verifying for 2 s each…\n");
    rows.push(...(await benchSshsig()));
    process.stdout.write(`vault: unlocking, then importing ${sizeMiB} MiB in Chromium, against sha256sum and age -e…\n`);
    rows.push(...(await benchVault(workDir, sizeMiB * (1 << 20))));
    process.stdout.write(`case packets: exporting ${sizeMiB} MiB of attachments to 7 panelists and importing one, against tar and the age CLI…\n`);
    rows.push(...(await benchPacket(workDir, sizeMiB * (1 << 20), path.join(import.meta.dirname, "packet-child.mjs"))));
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

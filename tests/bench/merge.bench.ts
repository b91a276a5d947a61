/**
 * The chair's merge (issue 14, "Benchmark"): 15 scoresheets × 20 claims × 50
 * evidence items decrypted, verified, checked against the roster, stored,
 * and every statistic computed, in under 250 ms — in Node and in Chromium,
 * with the time of each stage.
 *
 * The fixture (shared/merge/bench-panel.testing.ts: a chair, 15 members,
 * their packets and signed scoresheets, all by the real code) is built once,
 * outside the clock. Each run starts from a fresh chair's vault holding the
 * chair's packet (made outside the clock too) and times:
 * - the stages (merge-pipeline.ts: stagedMerge), each over all 15 files;
 * - in another fresh vault, the whole: the import as the app's worker runs
 *   it (importInto) followed by the statistics (wholeMerge). This is the
 *   figure against the goal; the stages say where its time goes.
 * Node: the vault on disk (file-storage.ts). Chromium: a bench page
 * (merge-page.ts) whose module worker runs the same shared code over the
 * app's own IndexedDB storage (renderer/vault/dexie-storage.ts), in a
 * profile on disk, under the app's security headers. A bench page rather
 * than the app's Chair page, so each stage can be timed inside the worker
 * and the figure is the merge's, not the file picker's or the screen's.
 * The first run of each is a warm-up and is not counted.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { loadCrypto, toBase64 } from "../../shared/crypto/sodium";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { identityToStored } from "../../shared/identity/identity";
import { BENCH_CLAIMS, BENCH_EVIDENCE, BENCH_MEMBERS, benchPanel, chairVaultOf, type BenchPanel } from "../../shared/merge/bench-panel.testing";
import { launchPersistentChromium, startRecordingProxy } from "../support/chromium";
import { startStaticServer } from "../support/static-server";
import { FileVaultStorage } from "./file-storage";
import { median } from "./measure";
import { pageProblems } from "./page-problems";
import { STAGES, stagedMerge, wholeMerge, type StageTimes } from "./merge-pipeline";
import type { MergeBenchAnswer, MergeBenchFixture } from "./merge-worker";
import type { BenchRow } from "./report";

const RUNS = 9;
const GOAL_MS = 250;
const SIZE = `${BENCH_MEMBERS} scoresheets × ${BENCH_CLAIMS} claims × ${BENCH_EVIDENCE} items`;

/** The bench page, beside its bundle (built by `npm run build:bench` into dist/bench/merge-page). */
function writePage(dir: string): void {
  writeFileSync(
    path.join(dir, "index.html"),
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Merge benchmark</title><link rel="icon" href="data:,"></head>\n<body><p id="status">Loading…</p><script type="module" src="./merge-page.js"></script></body></html>\n',
  );
}

/** The rows of one environment: each stage's median, then the whole against the goal. */
function rows(where: string, staged: readonly StageTimes[], whole: readonly number[], note: string): BenchRow[] {
  const stageSum = median(staged.map((t) => STAGES.reduce((sum, s) => sum + t[s], 0)));
  const total = median(whole);
  return [
    ...STAGES.map((s) => ({
      name: `merge, ${where}: stage ${s} (all ${BENCH_MEMBERS} files; median of ${staged.length})`,
      ours: { value: median(staged.map((t) => t[s])), unit: "ms" },
      goal: `each ${staged.map((t) => t[s].toFixed(1)).join(", ")} ms`,
    })),
    {
      name: `merge, ${where}: import + every statistic (${SIZE}; median of ${whole.length})`,
      ours: { value: total, unit: "ms" },
      goal: `< ${GOAL_MS} ms: ${total < GOAL_MS ? "yes" : "NO"} (each ${whole.map((t) => t.toFixed(0)).join(", ")} ms; the stages timed apart sum to ${stageSum.toFixed(0)} ms; ${note})`,
    },
  ];
}

async function inNode(workDir: string, panel: BenchPanel): Promise<BenchRow[]> {
  const staged: StageTimes[] = [];
  const whole: number[] = [];
  /** The process's CPU time during each whole merge: on a machine this busy, closer to the work done than the wall time. */
  const cpuMs: number[] = [];
  const now = () => panel.now;
  const [loadBefore = 0] = loadavg();
  for (let i = 0; i < RUNS + 1; i++) {
    for (const mode of ["staged", "whole"] as const) {
      const dir = mkdtempSync(path.join(workDir, `merge-${mode}-`));
      try {
        const { vault } = await chairVaultOf(panel, await FileVaultStorage.open(dir));
        if (mode === "staged") {
          const r = await stagedMerge(vault, panel.caseId, [panel.chair], panel.files, now);
          if (i > 0) staged.push(r.times);
        } else {
          const cpu = process.cpuUsage();
          const r = await wholeMerge(vault, panel.caseId, [panel.chair], panel.files, now);
          const used = process.cpuUsage(cpu);
          if (i > 0) {
            whole.push(r.ms);
            cpuMs.push((used.user + used.system) / 1000);
          }
        }
        await vault.lock();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const [loadAfter = 0] = loadavg();
  return rows("Node", staged, whole, `CPU time of the whole ${median(cpuMs).toFixed(0)} ms (median); vault on disk; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cpus().length} cores`);
}

async function inChromium(workDir: string, pageDir: string, panel: BenchPanel): Promise<BenchRow[]> {
  writePage(pageDir);
  const fixture: MergeBenchFixture = {
    now: panel.now.toISOString(),
    runs: RUNS + 1,
    caseId: panel.caseId,
    chair: identityToStored(panel.chair),
    secretariatFingerprint: sshFingerprint(panel.secretariat.signing.publicKey),
    chairPacket: toBase64(panel.chairPacket),
    files: panel.files.map((f) => ({ name: f.name, bytes: toBase64(f.bytes) })),
  };
  const proxy = await startRecordingProxy();
  const server = await startStaticServer({ root: pageDir });
  const profile = mkdtempSync(path.join(workDir, "merge-profile-"));
  const context = await launchPersistentChromium(proxy, profile);
  try {
    const page = await context.newPage();
    const problems = pageProblems(page);
    await page.goto(`${server.origin}/`);
    await page.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
    const [loadBefore = 0] = loadavg();
    const answer = await page.evaluate((f) => (window as unknown as { mergeBench: (f: MergeBenchFixture) => Promise<MergeBenchAnswer> }).mergeBench(f), fixture);
    const [loadAfter = 0] = loadavg();
    if (!answer.ok) throw new Error(`the merge benchmark failed in Chromium: ${answer.error}`);
    if (problems.length > 0) throw new Error(`the bench page reported errors: ${problems.join(" / ")}`);
    if (proxy.hits.length > 0) throw new Error(`a page sent requests off the machine: ${proxy.hits.join(", ")}`);
    const version = /Chrome\/(\d+)/.exec(answer.agent)?.[1] ?? "?";
    return rows("Chromium", answer.staged.slice(1), answer.whole.slice(1), `Chromium ${version}, module worker, IndexedDB in a profile on disk; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
  } finally {
    await context.close();
    await server.close();
    await proxy.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function benchMerge(workDir: string, pageDir: string): Promise<BenchRow[]> {
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const panel = await benchPanel(new Date());
  return [...(await inNode(workDir, panel)), ...(await inChromium(workDir, pageDir, panel))];
}

/**
 * Cold start in real Chromium: how long from navigation until the app's first
 * screen is usable — its cryptography ready (the crypto worker has loaded
 * libsodium and proved it runs on WebAssembly) and the vault's state known —
 * against a bare page that only
 * loads libsodium in a module worker under the same Content-Security-Policy,
 * measured in the same run, alternating, each load in a fresh browser context
 * (empty cache and storage). Both pages mark the moment with the performance
 * mark `attribution-panel:ready`, read from the page's own timeline
 * (zero is the navigation's start), so polling adds nothing.
 * Then the renderer's resident memory once the app has settled after load.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { CONTENT_SECURITY_POLICY } from "../../shared/security/csp";
import { launchChromium, startRecordingProxy } from "../support/chromium";
import { RENDERER_DIST, startStaticServer } from "../support/static-server";
import { median } from "./measure";
import { pageProblems } from "./page-problems";
import { sampleRendererMemory } from "./renderer-memory";
import type { BenchRow } from "./report";

const RUNS = 9;
const READY_MARK = "attribution-panel:ready";
const GOAL_RATIO = 1.5;
const MEMORY_GOAL_BYTES = 300e6;
const MiB = 1 << 20;

/** The bare reference page, beside its bundle (built by `npm run build:bench` into dist/bench/bare-sodium). */
function writeBarePage(dir: string): void {
  writeFileSync(
    path.join(dir, "index.html"),
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>libsodium only</title><link rel="icon" href="data:,"></head>\n<body><p id="status">Loading…</p><script type="module" src="./page.js"></script></body></html>\n',
  );
}

/** Milliseconds from navigation to the ready mark, in a fresh context; fails with the page's errors if it never comes. */
async function timeToReady(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = pageProblems(page);
    await page.goto(url);
    try {
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, { timeout: 60_000, polling: 50 });
    } catch {
      throw new Error(`${url} never became ready: ${problems.join(" / ") || "no error reported"}`);
    }
    if (problems.length > 0) throw new Error(`${url} reported errors: ${problems.join(" / ")}`);
    return await page.evaluate((mark) => (performance.getEntriesByName(mark)[0] as PerformanceEntry).startTime, READY_MARK);
  } finally {
    await context.close();
  }
}

export async function benchColdStart(bareDir: string): Promise<BenchRow[]> {
  writeBarePage(bareDir);
  const proxy = await startRecordingProxy();
  const app = await startStaticServer({ root: RENDERER_DIST });
  const bare = await startStaticServer({ root: bareDir, headers: { "Content-Security-Policy": CONTENT_SECURITY_POLICY } });
  const browser = await launchChromium(proxy);
  try {
    // One load of each first, not counted: Chromium's own start-up work (its
    // first renderer, fonts) should not be charged to whichever page goes first.
    await timeToReady(browser, `${bare.origin}/`);
    await timeToReady(browser, `${app.origin}/#/home`);
    const ours: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      reference.push(await timeToReady(browser, `${bare.origin}/`));
      ours.push(await timeToReady(browser, `${app.origin}/#/home`));
    }

    // Memory: one app page, loaded and settled, alone in the browser.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/#/home`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, { timeout: 60_000, polling: 50 });
    await page.waitForTimeout(1000);
    const memory = sampleRendererMemory();
    await page.waitForTimeout(500);
    const resident = memory.stop();
    await context.close();
    if (resident.renderers === 0) throw new Error("no Chromium renderer process found under this process: memory was not measured");
    if (proxy.hits.length > 0) throw new Error(`a page sent requests off the machine: ${proxy.hits.join(", ")}`);

    const oursMedian = median(ours) / 1000;
    const referenceMedian = median(reference) / 1000;
    const ratio = oursMedian / referenceMedian;
    return [
      {
        name: `cold start: first screen ready (median of ${RUNS})`,
        ours: { value: oursMedian, unit: "s" },
        reference: { tool: "bare libsodium page", value: referenceMedian, unit: "s" },
        goal: `≤ ${GOAL_RATIO}× the bare page: ${ratio <= GOAL_RATIO ? "yes" : "NO"} (ours ${ours.map((t) => (t / 1000).toFixed(2)).join(", ")} s; bare ${reference.map((t) => (t / 1000).toFixed(2)).join(", ")} s)`,
      },
      {
        name: "renderer memory after load",
        ours: { value: resident.peakMiB, unit: "MiB" },
        goal: `< 300 MB: ${resident.peakMiB * MiB < MEMORY_GOAL_BYTES ? "yes" : "NO"} (largest renderer, 1 s after the first screen was ready, sampled for 0.5 s)`,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    await bare.close();
    await proxy.close();
  }
}

/**
 * The merge benchmark's page in Chromium: starts the worker (merge-worker.ts)
 * and lets the driver run it with `window.mergeBench(fixture)`, which
 * resolves to the worker's answer. Served with the app's security headers.
 */
import type { MergeBenchAnswer, MergeBenchFixture } from "./merge-worker";

const status = document.getElementById("status") as HTMLElement;
const worker = new Worker(new URL("./merge-worker.js", import.meta.url), { type: "module" });
(window as unknown as { mergeBench: (fixture: MergeBenchFixture) => Promise<MergeBenchAnswer> }).mergeBench = (fixture) =>
  new Promise((resolve) => {
    status.textContent = "Running…";
    worker.onmessage = (event: MessageEvent<MergeBenchAnswer>) => {
      status.textContent = event.data.ok ? "Done" : "Failed";
      resolve(event.data);
    };
    worker.onerror = (event) => resolve({ ok: false, error: `the worker failed: ${event.message}` });
    worker.postMessage(fixture);
  });
status.textContent = "Ready";

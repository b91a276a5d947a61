/**
 * End-to-end tests wait on what the app reports, with timeouts that hold on a
 * cold 2-core machine running the whole suite (the crypto worker alone once
 * needed 1.9 s to start there, and expect.poll gave up after its default 1 s).
 * This keeps the suite from drifting back: no default shorter than what the
 * app needs, no short explicit timeout, no fixed sleep.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import e2eConfig, { E2E_POLL_TIMEOUT_MS } from "../vitest.e2e.config";

const TESTS = path.resolve(import.meta.dirname, "..");
const MIN_TIMEOUT_MS = 10_000;

function e2eSources(): { file: string; text: string }[] {
  const dirs = ["e2e", "support"];
  return dirs.flatMap((dir) =>
    readdirSync(path.join(TESTS, dir))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(path.join(TESTS, dir, f), "utf8") })),
  );
}

describe("end-to-end waits", () => {
  it("default to a timeout sized for a cold 2-core machine", () => {
    expect(E2E_POLL_TIMEOUT_MS).toBeGreaterThanOrEqual(MIN_TIMEOUT_MS);
    expect(e2eConfig.test?.expect?.poll?.timeout).toBe(E2E_POLL_TIMEOUT_MS);
  });

  it("never pass an explicit timeout shorter than that", () => {
    const short = e2eSources().flatMap(({ file, text }) =>
      [...text.matchAll(/\btimeout:\s*([\d_]+)/g)].map((m) => ({ file, ms: Number((m[1] as string).replaceAll("_", "")) })).filter((t) => t.ms < MIN_TIMEOUT_MS),
    );
    expect(short).toEqual([]);
  });

  it("never sleep for a fixed time instead of waiting for the app", () => {
    const sleeps = e2eSources().flatMap(({ file, text }) => (/\bwaitForTimeout\(|new Promise\(\s*\(?r(esolve)?\)?\s*=>\s*setTimeout\(r(esolve)?,\s*\d/.test(text) ? [file] : []));
    expect(sleeps).toEqual([]);
  });

  it("the checks above do find what they look for (control)", () => {
    expect([..."expect.poll(() => x, { timeout: 1000 })".matchAll(/\btimeout:\s*([\d_]+)/g)].map((m) => m[1])).toEqual(["1000"]);
  });
});

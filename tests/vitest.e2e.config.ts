import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * End-to-end tests in real Chromium. Every wait is on something the app
 * reports (an element, a status, an event). Their default timeout is sized
 * for a cold 2-core machine running the whole suite beside other work: the
 * crypto worker alone once needed 1.9 s to start there, so vitest's default of
 * 1 s for expect.poll is never used. Waits for long work (Argon2id, large
 * imports) pass their own, longer timeout.
 */
export const E2E_POLL_TIMEOUT_MS = 30_000;

export default defineConfig({
  root: path.resolve(import.meta.dirname, ".."),
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
    expect: { requireAssertions: true, poll: { timeout: E2E_POLL_TIMEOUT_MS, interval: 100 } },
  },
});

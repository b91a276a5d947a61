import { defineConfig } from "vitest/config";

// Unit and cross-module tests. End-to-end tests in real Chromium have their
// own configuration (tests/vitest.e2e.config.ts) and run after a production build.
export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "electron/**/*.test.ts", "renderer/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts", "tests/interop/**/*.test.ts"],
    exclude: ["**/node_modules/**", "dist/**"],
    testTimeout: 30_000,
  },
});

import { defineConfig } from "vitest/config";
import { linguiMacro } from "./renderer/vite-lingui-macro.ts";

// Unit and cross-module tests. End-to-end tests in real Chromium have their
// own configuration (tests/vitest.e2e.config.ts) and run after a production build.
export default defineConfig({
  plugins: [linguiMacro()],
  test: {
    include: ["shared/**/*.test.ts", "electron/**/*.test.ts", "cli/**/*.test.ts", "renderer/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts", "tests/interop/**/*.test.ts"],
    exclude: ["**/node_modules/**", "dist/**"],
    testTimeout: 30_000,
  },
});

import { defineConfig } from "vitest/config";
import e2e from "./vitest.e2e.config.ts";

/**
 * The journeys (vault, identity, case editor, packets, name safety, scoring) again, in Arabic:
 * Chromium started with --lang=ar, every text the tests select or assert read
 * from the Arabic catalog (tests/support/locale.ts), the page right to left,
 * and axe run on the Arabic screens. Uses the build the English run tested.
 * (Spread, not mergeConfig: merging would add these files to the English
 * run's `include` instead of replacing it.)
 */
export default defineConfig({
  ...e2e,
  test: {
    ...e2e.test,
    include: ["tests/e2e/vault.e2e.test.ts", "tests/e2e/identity.e2e.test.ts", "tests/e2e/case-editor.e2e.test.ts", "tests/e2e/packets.e2e.test.ts", "tests/e2e/name-safety.e2e.test.ts", "tests/e2e/scoring.e2e.test.ts", "tests/e2e/chair.e2e.test.ts", "tests/e2e/chair-statistics.e2e.test.ts", "tests/e2e/chair-round-two.e2e.test.ts", "tests/e2e/scoring-round-two.e2e.test.ts", "tests/e2e/opinion-draft.e2e.test.ts", "tests/e2e/comment.e2e.test.ts", "tests/e2e/sealed-opinion.e2e.test.ts", "tests/e2e/opinion-workflow.e2e.test.ts", "tests/e2e/verify.e2e.test.ts"],
    env: { E2E_LOCALE: "ar" },
  },
});

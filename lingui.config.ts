import type { LinguiConfig } from "@lingui/conf";
import { formatter } from "@lingui/format-po";

/**
 * Message catalogs: the six UN languages (English is the source), plus a
 * pseudo-locale for development that accents every letter and lengthens each
 * message, to find clipped and untranslated text. `npm run i18n:extract`
 * refreshes the PO files from the macros in renderer/; `npm test` checks that
 * every catalog is complete (tests/unit/catalogs.test.ts).
 */
const config: LinguiConfig = {
  sourceLocale: "en",
  locales: ["en", "ar", "es", "fr", "ru", "zh", "pseudo"],
  pseudoLocale: "pseudo",
  fallbackLocales: { default: "en" },
  catalogs: [
    {
      path: "<rootDir>/renderer/locales/{locale}/messages",
      include: ["<rootDir>/renderer"],
      exclude: ["**/node_modules/**", "**/*.test.ts", "**/*.test.tsx"],
    },
  ],
  // No line numbers in the origins: a catalog changes when a message does, not when code moves.
  format: formatter({ lineNumbers: false }),
  orderBy: "message",
};

export default config;

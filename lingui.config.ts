import type { LinguiConfig } from "@lingui/conf";
import { formatter } from "@lingui/format-po";

/**
 * Message catalogs: the six UN languages (English is the source). The
 * development pseudo-locale is made from the English catalog at run time
 * (renderer/i18n/pseudo.ts), so it needs no catalog of its own. `npm run i18n:extract`
 * refreshes the PO files from the macros in renderer/; `npm test` checks that
 * every catalog is complete (tests/unit/catalogs.test.ts).
 */
const config: LinguiConfig = {
  sourceLocale: "en",
  locales: ["en", "ar", "es", "fr", "ru", "zh"],
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

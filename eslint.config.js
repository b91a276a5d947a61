// Layer boundaries are lint errors (STYLE.md): shared/ is pure, renderer/
// never reaches Node or Electron, and one module alone imports libsodium.
import js from "@eslint/js";
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";
import lingui from "eslint-plugin-lingui";

const NODE_MESSAGE = "Node APIs belong in electron/ (or tests/).";
const NODE = { group: ["node:*"], message: NODE_MESSAGE };
const NODE_PATHS = builtinModules.map((name) => ({ name, message: NODE_MESSAGE }));
const ELECTRON = { group: ["electron", "electron/*"], message: "Electron APIs belong in electron/ only." };
const RENDERER_LIBS = { group: ["react", "react-dom", "react-dom/*", "react/*", "dexie", "dexie/*"], message: "UI and storage libraries belong in renderer/; shared/ is pure TypeScript." };
const LAYER = (name) => ({ group: [`**/${name}/**`, `../${name}/*`, `../../${name}/*`], message: `Do not import ${name}/ from here.` });
const ZOD = { regex: "^zod(/.*)?$", message: "Import z from shared/validation/zod.ts: it turns off zod's eval probe (blocked by our CSP) before any schema is made." };
const SODIUM = { group: ["libsodium-wrappers-sumo", "libsodium-wrappers", "libsodium-sumo", "libsodium"], message: "Only shared/crypto/sodium.ts imports libsodium; use its exports." };
const DOM_GLOBALS = ["window", "document", "navigator", "localStorage", "sessionStorage", "indexedDB", "location", "self", "process", "Buffer", "require", "__dirname"].map((name) => ({
  name,
  message: "shared/ is pure TypeScript: no DOM, no Node. Pass what you need through a port.",
}));

/**
 * Interface files whose sentences are not yet in the message catalogs: each
 * leaves this list when it is converted, and the list ends empty.
 */
const NOT_YET_TRANSLATED = [];

export default tseslint.config(
  { ignores: ["dist/**", "release/**", "node_modules/**", "bench-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [SODIUM, ZOD] }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["shared/**/*.ts"],
    ignores: ["shared/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: NODE_PATHS, patterns: [NODE, ELECTRON, RENDERER_LIBS, LAYER("renderer"), LAYER("electron"), LAYER("tests"), SODIUM, ZOD] }],
      "no-restricted-globals": ["error", ...DOM_GLOBALS],
    },
  },
  {
    files: ["shared/crypto/sodium.ts"],
    rules: { "no-restricted-imports": ["error", { paths: NODE_PATHS, patterns: [NODE, ELECTRON, RENDERER_LIBS, LAYER("renderer"), LAYER("electron"), LAYER("tests"), ZOD] }] },
  },
  {
    files: ["shared/validation/zod.ts"],
    rules: { "no-restricted-imports": ["error", { paths: NODE_PATHS, patterns: [NODE, ELECTRON, RENDERER_LIBS, LAYER("renderer"), LAYER("electron"), LAYER("tests"), SODIUM] }] },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["renderer/vite.config.ts", "renderer/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { paths: NODE_PATHS, patterns: [NODE, ELECTRON, LAYER("electron"), LAYER("tests"), SODIUM, ZOD] }] },
  },
  // Every user-facing sentence in the interface goes through the message catalogs (Lingui's t, msg, <Trans>).
  {
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["renderer/vite.config.ts", "renderer/vite-lingui-macro.ts", "renderer/**/*.test.{ts,tsx}", "renderer/i18n/locales.ts", ...NOT_YET_TRANSLATED],
    plugins: { lingui },
    rules: {
      "lingui/no-unlocalized-strings": [
        "error",
        {
          ignore: [
            // One lowercase "word" without spaces: ids, method names, CSS classes, media types, event names.
            "^(?![A-Z])\\S+$",
            // UPPERCASE constants and codes.
            "^[A-Z0-9_:-]+$",
            // Punctuation and symbols alone (separators, arrows, ellipses).
            "^[\\s\\p{P}\\p{S}]*$",
          ],
          ignoreNames: [
            { regex: { pattern: "className|^data-|^aria-(controls|describedby|labelledby|current|live|sort|keyshortcuts|haspopup|autocomplete)$", flags: "i" } },
            { regex: { pattern: "^[A-Z0-9_]+$" } },
            "id", "htmlFor", "type", "key", "href", "download", "role", "name", "autoComplete", "inputMode", "lang", "dir", "rel", "target", "accept", "mediaType", "method", "dateTime", "pattern", "spellCheck", "enterKeyHint", "fileName",
          ],
          ignoreFunctions: ["Error", "TypeError", "console.*", "*.addEventListener", "*.removeEventListener", "*.postMessage", "*.getElementById", "*.querySelector", "*.querySelectorAll", "performance.*", "*.call", "*.includes", "*.startsWith", "*.endsWith", "*.split", "*.join", "*.replace", "*.setAttribute", "*.getItem", "*.setItem", "URLSearchParams", "*.get", "new Intl.*", "Intl.*"],
        },
      ],
    },

  },
  {
    files: ["electron/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [LAYER("renderer"), LAYER("tests"), SODIUM, ZOD] }] },
  },
  {
    // The command-line tool runs in Node on shared/ alone: no interface, no Electron.
    files: ["cli/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [ELECTRON, RENDERER_LIBS, LAYER("renderer"), LAYER("electron"), LAYER("tests"), SODIUM, ZOD] }] },
  },
);

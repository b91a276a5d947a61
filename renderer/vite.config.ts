import { readFileSync } from "node:fs";
import path from "node:path";
import { lingui } from "@lingui/vite-plugin";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { linguiMacro } from "./vite-lingui-macro.ts";

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string };

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [linguiMacro(), react(), lingui({ configPath: path.resolve(import.meta.dirname, "..", "lingui.config.ts"), failOnCompileError: true })],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: path.resolve(import.meta.dirname, "..", "dist", "renderer"),
    emptyOutDir: true,
    target: "es2023",
    // No inline script may appear in index.html: the CSP forbids it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    // The report of slow plugins only says the font CSS and the worker take most of a few seconds.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: "es", rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { strictPort: true },
});

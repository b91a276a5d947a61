/**
 * The `attribution-panel` executable (package.json `bin`), bundled by
 * `npm run build:cli` to dist/cli/attribution-panel.cjs: main.ts bound to
 * the process's arguments, files and streams.
 */
import { readFile, stat } from "node:fs/promises";
import { main, MAX_INPUT_BYTES } from "./main";

main(process.argv.slice(2), {
  readText: async (path) => {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
    // A file too large is not read: its size alone says so.
    if (info.size > MAX_INPUT_BYTES) throw Object.assign(new Error(`${path} is too large`), { code: "EFBIG" });
    return readFile(path, "utf8");
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`attribution-panel: an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

/**
 * The `attribution-panel` executable (package.json `bin`), bundled by
 * `npm run build:cli` to dist/cli/attribution-panel.cjs: main.ts bound to
 * the process's arguments, files and streams.
 */
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { main, MAX_INPUT_BYTES, MAX_PUBLICATION_BYTES } from "./main";
import type { ReadPublication } from "./verify";

const tooLarge = (path: string) => Object.assign(new Error(`${path} is too large`), { code: "EFBIG" });

/** A folder's regular files, by path relative to it ("/" separated); links are not followed. */
async function readFolder(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(path, name);
      else if (entry.isFile()) {
        total += (await lstat(path)).size;
        if (total > MAX_PUBLICATION_BYTES) throw tooLarge(root);
        files.set(name, new Uint8Array(await readFile(path)));
      }
    }
  };
  await walk(root, "");
  return files;
}

async function readPublication(path: string): Promise<ReadPublication> {
  const info = await stat(path);
  if (info.isDirectory()) return { scope: "folder", files: await readFolder(path) };
  if (info.size > MAX_PUBLICATION_BYTES) throw tooLarge(path);
  return { scope: "opinion-json", files: new Map([["opinion.json", new Uint8Array(await readFile(path))]]) };
}

main(process.argv.slice(2), {
  readText: async (path) => {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
    // A file too large is not read: its size alone says so.
    if (info.size > MAX_INPUT_BYTES) throw Object.assign(new Error(`${path} is too large`), { code: "EFBIG" });
    return readFile(path, "utf8");
  },
  readPublication,
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

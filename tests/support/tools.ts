/**
 * The independent tools our formats are checked against. A missing tool
 * fails the test loudly (CI installs them); nothing is skipped.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function requireTool(name: string, debianPackage: string): string {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(`${name} is not installed: install Debian's ${debianPackage} package (bash .ci/run does).`);
  }
}

export function run(cmd: string, args: readonly string[], input?: Uint8Array | string): SpawnSyncReturns<Buffer> {
  return spawnSync(cmd, args, { input, maxBuffer: 1 << 30, timeout: 120_000 });
}

/** A private temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

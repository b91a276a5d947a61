// The built tool, run as a user runs it: bundled with esbuild (as `npm run build:cli` does) into a
// private temporary folder, then spawned with node on Krippendorff's worked example.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { krippendorffCsv } from "./cli.testing";
import { KRIPPENDORFF_2011_ALPHA } from "../shared/merge/stats/krippendorff.testing";
import { loadCrypto } from "../shared/crypto/sodium";
import { SIGNED_PAYLOAD } from "../shared/publication/publication";
import { publishedFiles } from "../shared/publication/publication.testing";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error("libsodium did not load");

/** The publication's files written under `name` in the tool's folder. */
function writePublication(name: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, name, file)), { recursive: true });
    writeFileSync(path.join(dir, name, file), bytes);
  }
}

let dir = "";
let tool = "";

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "attribution-panel-cli-"));
  tool = path.join(dir, "attribution-panel.cjs");
  await build({
    entryPoints: [path.join(import.meta.dirname, "attribution-panel.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: tool,
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning",
  });
  writeFileSync(path.join(dir, "krippendorff-2011.csv"), krippendorffCsv(true));
});

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

const runTool = (...args: string[]) => spawnSync(process.execPath, [tool, ...args], { cwd: dir, encoding: "utf8" });

describe("the attribution-panel executable", () => {
  it("prints the alphas of Krippendorff's worked example from a CSV file", () => {
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const r = runTool("stats", "alpha", "--level", level, "krippendorff-2011.csv");
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(Number(/alpha \(\w+\): (\S+)/.exec(r.stdout)?.[1]).toFixed(3)).toBe(KRIPPENDORFF_2011_ALPHA[level].toFixed(3));
    }
  });

  it("exits with 2 and one sentence for a file that is not there or a folder", () => {
    const missing = runTool("stats", "alpha", "--level", "interval", "missing.csv");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('There is no file "missing.csv".\n');
    const folder = runTool("stats", "pool", ".");
    expect(folder.status).toBe(2);
    expect(folder.stderr).toBe('"." is a folder, not a CSV file.\n');
  });

  it("verifies a publication folder (exit 0), a tampered one (exit 1) and opinion.json alone", () => {
    const { files } = publishedFiles();
    writePublication("publication", files);
    const good = runTool("verify", "publication");
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("VALID: every check passed.");
    const changed = new Uint8Array(files.get(SIGNED_PAYLOAD) as Uint8Array);
    changed[30] = (changed[30] as number) ^ 1;
    writePublication("tampered", new Map([...files, [SIGNED_PAYLOAD, changed]]));
    const bad = runTool("verify", "--json", "tampered");
    expect(bad.status).toBe(1);
    expect((JSON.parse(bad.stdout) as { problems: { kind: string }[] }).problems.map((p) => p.kind).sort()).toEqual(["file-changed", "signed-file-differs", "sums-differ"]);
    const alone = runTool("verify", path.join("publication", "opinion.json"));
    expect(alone.status).toBe(0);
  });

  it("runs every command of the README's \"Verify a published opinion\" as written, on a real publication", () => {
    // Required, never skipped (a skipped check looks like a passing one): .ci/run installs both.
    const tools = spawnSync("sh", ["-c", "command -v ssh-keygen && command -v sha256sum"], { encoding: "utf8" });
    if (tools.status !== 0) throw new Error("ssh-keygen (Debian package openssh-client) and sha256sum (coreutils) are required for this test: install them");
    const { files } = publishedFiles();
    writePublication("readme", files);
    const readme = readFileSync(path.join(import.meta.dirname, "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Verify a published opinion"), readme.indexOf("\n### ", readme.indexOf("### Verify a published opinion") + 1));
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => (m[1] as string).split("\n").filter((l) => l.trim() !== ""));
    expect(blocks).toHaveLength(2);
    const shell = (command: string, cwd: string) => spawnSync("sh", ["-c", command], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir } });
    // The stock tools, in the publication's folder.
    for (const command of blocks[0] as string[]) {
      const r = shell(command, path.join(dir, "readme"));
      expect(r.status, `${command}\n${r.stdout}${r.stderr}`).toBe(0);
    }
    // The verifier, with the folder and the built tool put in for the README's placeholders.
    for (const line of blocks[1] as string[]) {
      const command = (line.split("#")[0] as string).trim().replace("node dist/cli/attribution-panel.cjs", `"${process.execPath}" "${tool}"`).replaceAll("path/to/publication", "readme");
      const r = shell(command, dir);
      expect(r.status, `${command}\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });
});

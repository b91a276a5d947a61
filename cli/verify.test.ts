import { describe, expect, it } from "vitest";
import { loadCrypto } from "../shared/crypto/sodium";
import { utf8 } from "../shared/encoding/bytes";
import { OPINION_JSON, VERIFY_MD } from "../shared/publication/publication";
import { publishedFiles } from "../shared/publication/publication.testing";
import { zipPublication } from "../shared/publication/zip";
import { main, type CliIo } from "./main";
import type { ReadPublication } from "./verify";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error("libsodium did not load");

/** Runs main with `publications` as what is on disk (by path). */
async function run(argv: string[], publications: Record<string, ReadPublication>) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readText: async () => {
      throw Object.assign(new Error("missing"), { code: "ENOENT" });
    },
    readPublication: async (path) => {
      const p = publications[path];
      if (p === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return p;
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  };
  return { code: await main(argv, io), stdout, stderr };
}

describe("attribution-panel verify", () => {
  const { files } = publishedFiles();
  const folder: ReadPublication = { scope: "folder", files };

  it("a valid publication: exit 0, every signature listed, VALID", async () => {
    const r = await run(["verify", "pub"], { pub: folder });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("VALID: every check passed.");
    expect(r.stdout.match(/^ {2}valid /gm)).toHaveLength(7);
    expect(r.stdout).toContain("median: 65 / 65  ok");
  });

  it("--json: a machine-readable report of signatures, disclosures and aggregates", async () => {
    const r = await run(["verify", "--json", "pub"], { pub: folder });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { valid: boolean; signatures: { namespace: string; valid: boolean }[]; disclosures: { released: string[]; withheld: { digest: string; reason: string }[] }; aggregates: { figure: string; stated: number; recomputed: number }[] };
    expect(report.valid).toBe(true);
    expect(report.signatures.every((s) => s.valid)).toBe(true);
    expect(report.signatures.map((s) => s.namespace)).toContain("publication@attribution-panel");
    expect(report.disclosures.withheld.map((w) => w.reason).sort()).toEqual(["personal-data", "personal-data", "sources-and-methods", "third-party-confidentiality"]);
    expect(report.aggregates.find((a) => a.figure === "median")).toMatchObject({ stated: 65, recomputed: 65 });
  });

  it("a changed file: exit 1, each reason a sentence", async () => {
    const r = await run(["verify", "pub"], { pub: { scope: "folder", files: new Map([...files, [VERIFY_MD, utf8("Trust us.\n")]]) } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("NOT VALID (2 problems):");
    expect(r.stdout).toContain("VERIFY.md is not the file the secretariat published (its SHA-256 differs from the statement's).");
    expect(r.stdout).toContain("SHA256SUMS does not agree with VERIFY.md.");
  });

  it("opinion.json alone is checked as far as it goes, and says what was not", async () => {
    const r = await run(["verify", "opinion.json"], { "opinion.json": { scope: "opinion-json", files: new Map([[OPINION_JSON, files.get(OPINION_JSON) as Uint8Array]]) } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Only opinion.json was given");
    expect(r.stdout).not.toContain("publication@attribution-panel");
  });

  it("a .zip is the whole folder; a zip naming a file outside it is refused", async () => {
    const zip = zipPublication(files, "opinion-case");
    const r = await run(["verify", "p.zip"], { "p.zip": { scope: "opinion-json", files: new Map([[OPINION_JSON, zip]]) } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("Only opinion.json was given");
    const evil = zipPublication(new Map([["../../etc/x", utf8("x")]]), "opinion-case");
    expect(await run(["verify", "e.zip"], { "e.zip": { scope: "opinion-json", files: new Map([[OPINION_JSON, evil]]) } })).toMatchObject({ code: 2 });
  });

  it("unusable input: exit 2 with a sentence", async () => {
    expect(await run(["verify", "nowhere"], {})).toMatchObject({ code: 2, stderr: 'There is no file or folder "nowhere".\n' });
    expect(await run(["verify", "x"], { x: { scope: "opinion-json", files: new Map([[OPINION_JSON, utf8('{"format":"attribution-panel/case-packet"}')]]) } })).toMatchObject({
      code: 2,
      stderr: '"x": opinion.json is not an Attribution Panel publication.\n',
    });
    expect(await run(["verify"], {})).toMatchObject({ code: 2 });
    expect(await run(["verify", "a", "b"], {})).toMatchObject({ code: 2 });
    expect(await run(["stats", "pool", "--json", "x.csv"], {})).toMatchObject({ code: 2, stderr: '--json applies to "verify" only.\n' });
  });
});

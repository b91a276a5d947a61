/**
 * A publication checked with stock tools only, running the exact commands
 * its VERIFY.md gives: `sha256sum -c SHA256SUMS` and every
 * `ssh-keygen -Y verify` line, in the folder as written to disk; the
 * principal of each signature found with `ssh-keygen -Y find-principals`;
 * opinion.json validated against opinion.schema.json with Ajv (JSON Schema
 * 2020-12). The tools are required: a missing one fails these tests.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { fromUtf8 } from "../../shared/encoding/bytes";
import { OPINION_JSON, OPINION_SCHEMA, SIGNED_PAYLOAD, VERIFY_MD, signatureOf } from "../../shared/publication/publication";
import { publishedFiles } from "../../shared/publication/publication.testing";
import { requireTool, tempDir } from "../support/tools";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

let temp: ReturnType<typeof tempDir>;
beforeAll(() => {
  for (const [tool, pkg] of [["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"], ["sh", "dash"]] as const) requireTool(tool, pkg);
  temp = tempDir("publication-interop");
});
afterAll(() => temp?.remove());

let folders = 0;
function writeFolder(files: ReadonlyMap<string, Uint8Array>): string {
  const dir = join(temp.dir, `publication-${folders++}`);
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

/** A shell command run in `dir`, with a private HOME and no agent. */
function shell(dir: string, command: string) {
  const r = spawnSync("sh", ["-c", command], { cwd: dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir }, encoding: "utf8" });
  if (r.error) throw new Error(`could not run sh: ${r.error.message}`);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const documented = (files: ReadonlyMap<string, Uint8Array>) => (fromUtf8(files.get(VERIFY_MD) as Uint8Array) ?? "").split("\n").filter((l) => l.startsWith("ssh-keygen -Y verify") || l.startsWith("sha256sum -c"));

describe("a publication, with stock tools", () => {
  const { files } = publishedFiles();

  it("every command VERIFY.md gives succeeds in the folder", () => {
    const dir = writeFolder(files);
    const commands = documented(files);
    // sha256sum, the statement, the chair's payload, three co-signatures, two separate opinions.
    expect(commands).toHaveLength(8);
    for (const command of commands) {
      const r = shell(dir, command);
      expect(r.status, `${command}\n${r.out}`).toBe(0);
    }
  });

  it("ssh-keygen finds the principal of each signature in allowed_signers", () => {
    const dir = writeFolder(files);
    const principal = (sig: string) => shell(dir, `ssh-keygen -Y find-principals -f allowed_signers -s ${sig}`).out.trim();
    expect(principal(signatureOf(SIGNED_PAYLOAD))).toBe("chair");
    expect(principal("signed/publication.json.sig")).toBe("secretariat");
    expect(principal("signed/co-signature-03.json.sig")).toBe("member-03");
  });

  it("a changed byte of the signed payload makes ssh-keygen and sha256sum refuse", () => {
    const bytes = new Uint8Array(files.get(SIGNED_PAYLOAD) as Uint8Array);
    bytes[20] = (bytes[20] as number) ^ 1;
    const dir = writeFolder(new Map([...files, [SIGNED_PAYLOAD, bytes]]));
    const [sums, , chair] = documented(files);
    expect(shell(dir, sums as string).status).not.toBe(0);
    expect(chair).toContain(SIGNED_PAYLOAD);
    expect(shell(dir, chair as string).status).not.toBe(0);
  });

  it("opinion.json validates against opinion.schema.json (JSON Schema 2020-12, Ajv)", () => {
    const schema = JSON.parse(fromUtf8(files.get(OPINION_SCHEMA) as Uint8Array) as string) as Record<string, unknown>;
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const opinion = JSON.parse(fromUtf8(files.get(OPINION_JSON) as Uint8Array) as string) as Record<string, unknown>;
    expect(validate(opinion), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...opinion, redactions: [{ digest: "not a digest", reason: "personal-data" }] })).toBe(false);
    expect(validate({ ...opinion, extra: true })).toBe(false);
  });
});

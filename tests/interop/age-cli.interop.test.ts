/**
 * age interoperability with the reference `age` command-line tool (Debian's
 * age package), in both directions: our files decrypt with `age -d`, and
 * `age -e` output decrypts with ours — several recipients, several chunks,
 * binary and armored.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes, x25519Base } from "../../shared/crypto/sodium";
import { decryptBytes, encodeIdentity, encodeRecipient, encryptBytes, parseIdentity, parseRecipient, recipientOf } from "../../shared/formats/age/age";
import { CHUNK_BYTES } from "../../shared/formats/age/stream";
import { requireTool, run, tempDir } from "../support/tools";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let age: string;
let ageKeygen: string;
const tmp = tempDir("age-interop");

beforeAll(async () => {
  age = requireTool("age", "age");
  ageKeygen = requireTool("age-keygen", "age");
  expect((await loadCrypto()).ok).toBe(true);
});
afterAll(() => tmp.remove());

/** A key made by age-keygen, and one made by us. */
function cliIdentity(name: string): { file: string; secretKey: Uint8Array; recipient: string } {
  const file = tmp.file(`${name}.key`);
  expect(run(ageKeygen, ["-o", file]).status).toBe(0);
  const line = readFileSync(file, "utf8").split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1")) ?? "";
  const parsed = parseIdentity(line);
  if (!parsed.ok) throw new Error("age-keygen identity refused");
  const recipient = run(ageKeygen, ["-y", file]).stdout.toString().trim();
  return { file, secretKey: parsed.value, recipient };
}

function ourIdentity(name: string) {
  const secretKey = randomBytes(32);
  const file = tmp.file(`${name}.key`);
  writeFileSync(file, `${encodeIdentity(secretKey)}\n`, { mode: 0o600 });
  return { file, secretKey, recipient: encodeRecipient(x25519Base(secretKey)) };
}

describe("age key strings agree with age-keygen", () => {
  it("derives the same recipient from an identity", () => {
    const cli = cliIdentity("keygen");
    expect(recipientOf(cli.secretKey)).toBe(cli.recipient);
    const ours = ourIdentity("ours-keys");
    expect(run(ageKeygen, ["-y", ours.file]).stdout.toString().trim()).toBe(ours.recipient);
  });
});

describe.each([false, true])("armor: %s", (armor) => {
  const size = 3 * CHUNK_BYTES + 12_345; // four chunks, the last one partial

  it("our file, to several recipients, decrypts with age -d for each of them", async () => {
    const people = [ourIdentity(`o1-${armor}`), cliIdentity(`c1-${armor}`), ourIdentity(`o2-${armor}`)];
    const plaintext = randomBytes(size);
    const keys = people.map((p) => {
      const r = parseRecipient(p.recipient);
      if (!r.ok) throw new Error("recipient refused");
      return r.value;
    });
    const sealedFile = tmp.file(`ours-${armor}.age`);
    writeFileSync(sealedFile, await encryptBytes(plaintext, keys, { armor }));
    for (const p of people) {
      const out = run(age, ["-d", "-i", p.file, sealedFile]);
      expect(out.stderr.toString()).toBe("");
      expect(out.status).toBe(0);
      expect(sha(out.stdout)).toBe(sha(plaintext));
    }
    // Someone else's key is refused by age too.
    const stranger = cliIdentity(`s-${armor}`);
    expect(run(age, ["-d", "-i", stranger.file, sealedFile]).status).not.toBe(0);
  });

  it("age -e output, to several recipients, decrypts with ours for each of them", async () => {
    const people = [ourIdentity(`o3-${armor}`), cliIdentity(`c2-${armor}`)];
    const plaintext = randomBytes(size);
    const plainFile = tmp.file(`plain-${armor}`);
    writeFileSync(plainFile, plaintext);
    const args = ["-e", ...(armor ? ["-a"] : []), ...people.flatMap((p) => ["-r", p.recipient]), plainFile];
    const enc = run(age, args);
    expect(enc.status).toBe(0);
    for (const p of people) {
      const result = await decryptBytes(new Uint8Array(enc.stdout), [{ kind: "x25519", secretKey: p.secretKey }]);
      expect(result.ok).toBe(true);
      if (result.ok) expect(sha(result.value)).toBe(sha(plaintext));
    }
  });
});

describe("tampering is refused by both", () => {
  it("a flipped payload byte fails in age -d and in ours", async () => {
    const me = ourIdentity("tamper");
    const sealed = await encryptBytes(randomBytes(100_000), [x25519Base(me.secretKey)]);
    const at = sealed.length - 500;
    sealed[at] = (sealed[at] as number) ^ 1;
    const file = tmp.file("tampered.age");
    writeFileSync(file, sealed);
    expect(run(age, ["-d", "-i", me.file, file]).status).not.toBe(0);
    expect(await decryptBytes(sealed, [{ kind: "x25519", secretKey: me.secretKey }])).toMatchObject({ ok: false, error: { kind: "tampered" } });
  });
});

/**
 * The passphrase (scrypt) writer: files made by encryptStreamWithPassphrase
 * open with our reader, carry exactly one well-formed scrypt stanza, and the
 * stanza's body is checked against an independent scrypt and
 * ChaCha20-Poly1305 (Node's crypto, not libsodium). Work factor 10 keeps it
 * fast; the interop tests check the same files against age and age-encryption.
 */
import { createDecipheriv, scryptSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { fromBase64, loadCrypto, randomBytes } from "../../crypto/sodium";
import { readAllBytes } from "../../encoding/bytes";
import { decryptBytes, encryptStreamWithPassphrase } from "./age";
import { parseHeader, type Stanza } from "./header";
import { DEFAULT_SCRYPT_WORK_FACTOR, MAX_SCRYPT_WORK_FACTOR, unwrapScrypt, wrapForScrypt } from "./scrypt-stanza";
import { CHUNK_BYTES } from "./stream";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const WF = 10;
const PASS = "correct horse battery staple";

/** Runs `plaintext` through the passphrase writer in uneven pieces, as a real stream would. */
async function seal(plaintext: Uint8Array, passphrase: string, options: { armor?: boolean; workFactor?: number } = { workFactor: WF }): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < plaintext.length; at += 10_007) pieces.push(plaintext.slice(at, at + 10_007));
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(p);
      controller.close();
    },
  });
  return readAllBytes(source.pipeThrough(encryptStreamWithPassphrase(passphrase, options)));
}

function stanzasOf(file: Uint8Array): readonly Stanza[] {
  const parsed = parseHeader(file);
  if (!parsed?.ok) throw new Error("our own header does not parse");
  return parsed.value.stanzas;
}

/** The file key in a scrypt stanza, by the spec, with Node's crypto only. */
function independentUnwrap(stanza: Stanza, passphrase: string): Uint8Array {
  const salt = fromBase64(stanza.args[0] as string, false) as Uint8Array;
  const logN = Number(stanza.args[1]);
  const key = scryptSync(passphrase, Buffer.concat([Buffer.from("age-encryption.org/v1/scrypt"), salt]), 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 2 ** logN * 1024 + (1 << 24) });
  const decipher = createDecipheriv("chacha20-poly1305", key, Buffer.alloc(12), { authTagLength: 16 });
  const tagAt = stanza.body.length - 16;
  decipher.setAuthTag(stanza.body.subarray(tagAt));
  return new Uint8Array(Buffer.concat([decipher.update(stanza.body.subarray(0, tagAt)), decipher.final()]));
}

describe("passphrase writer round trip", () => {
  it.each([
    ["empty", 0],
    ["1 byte", 1],
    ["64 KiB", CHUNK_BYTES],
    ["64 KiB + 1", CHUNK_BYTES + 1],
  ])("%s, binary and armored", async (_label, size) => {
    const plaintext = randomBytes(size);
    for (const armor of [false, true]) {
      const sealed = await seal(plaintext, PASS, { armor, workFactor: WF });
      const text = new TextDecoder().decode(sealed.subarray(0, 40));
      expect(text.startsWith(armor ? "-----BEGIN AGE ENCRYPTED FILE-----\n" : "age-encryption.org/v1\n")).toBe(true);
      expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: PASS }])).toEqual({ ok: true, value: plaintext });
      expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: PASS }], { armor })).toEqual({ ok: true, value: plaintext });
    }
  });

  it("takes a non-ASCII passphrase as its UTF-8 bytes", async () => {
    const passphrase = "pässwörd ✓ 🔑";
    const plaintext = randomBytes(1000);
    const sealed = await seal(plaintext, passphrase);
    expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase }])).toEqual({ ok: true, value: plaintext });
    expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: passphrase.normalize("NFD") }])).toEqual({ ok: false, error: { kind: "not-a-recipient" } });
  });
});

describe("passphrase writer stanza", () => {
  it("is the only stanza: scrypt, an unpadded 16-byte salt, the decimal work factor, a 32-byte body (16-byte file key + tag)", async () => {
    const stanzas = stanzasOf(await seal(randomBytes(10), PASS));
    expect(stanzas).toHaveLength(1);
    const [stanza] = stanzas as [Stanza];
    expect(stanza.type).toBe("scrypt");
    expect(stanza.args).toHaveLength(2);
    const [salt, workFactor] = stanza.args as [string, string];
    expect(salt).toMatch(/^[A-Za-z0-9+/]{22}$/);
    expect(fromBase64(salt, false)).toHaveLength(16);
    expect(workFactor).toBe(String(WF));
    expect(stanza.body).toHaveLength(32);
  });

  it("wraps the file key as the spec says (checked with Node's scrypt and ChaCha20-Poly1305)", () => {
    const fileKey = randomBytes(16);
    for (const workFactor of [1, WF, 14]) {
      const stanza = wrapForScrypt(fileKey, PASS, workFactor);
      expect(stanza.args[1]).toBe(String(workFactor));
      expect(independentUnwrap(stanza, PASS)).toEqual(fileKey);
      expect(unwrapScrypt(stanza, PASS)).toEqual({ ok: true, value: fileKey });
      expect(() => independentUnwrap(stanza, `${PASS}!`)).toThrow();
    }
  });

  it(`uses work factor ${DEFAULT_SCRYPT_WORK_FACTOR} by default, as age -p does`, () => {
    expect(DEFAULT_SCRYPT_WORK_FACTOR).toBe(18);
    const fileKey = randomBytes(16);
    const stanza = wrapForScrypt(fileKey, PASS);
    expect(stanza.args[1]).toBe("18");
    expect(unwrapScrypt(stanza, PASS)).toEqual({ ok: true, value: fileKey });
  });

  it("makes a different file each time: fresh salt, file key and nonce", async () => {
    const plaintext = randomBytes(100);
    const [a, b] = [await seal(plaintext, PASS), await seal(plaintext, PASS)] as [Uint8Array, Uint8Array];
    expect(a).not.toEqual(b);
    const [sa, sb] = [stanzasOf(a)[0], stanzasOf(b)[0]] as [Stanza, Stanza];
    expect(sa.args[0]).not.toBe(sb.args[0]);
    expect(sa.body).not.toEqual(sb.body);
    // Different file keys under the same passphrase, too (not only different salts).
    expect(independentUnwrap(sa, PASS)).not.toEqual(independentUnwrap(sb, PASS));
    for (const f of [a, b]) expect(await decryptBytes(f, [{ kind: "passphrase", passphrase: PASS }])).toEqual({ ok: true, value: plaintext });
  });
});

describe("passphrase writer refusals", () => {
  it("a wrong passphrase, or an X25519 key, is refused as not-a-recipient", async () => {
    const sealed = await seal(randomBytes(5000), PASS);
    expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: "wrong" }])).toEqual({ ok: false, error: { kind: "not-a-recipient" } });
    expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: "" }])).toEqual({ ok: false, error: { kind: "not-a-recipient" } });
    expect(await decryptBytes(sealed, [{ kind: "x25519", secretKey: randomBytes(32) }])).toEqual({ ok: false, error: { kind: "not-a-recipient" } });
    // Among several keys, the right passphrase still opens it.
    const keys = [{ kind: "passphrase" as const, passphrase: "wrong" }, { kind: "passphrase" as const, passphrase: PASS }];
    expect((await decryptBytes(sealed, keys)).ok).toBe(true);
  });

  it.each([0, -1, 21, MAX_SCRYPT_WORK_FACTOR + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("work factor %s throws a RangeError", (workFactor) => {
    expect(() => wrapForScrypt(randomBytes(16), PASS, workFactor)).toThrow(RangeError);
    expect(() => encryptStreamWithPassphrase(PASS, { workFactor })).toThrow(RangeError);
  });
});

/**
 * Hostile inputs found in review: each must be refused with a typed error,
 * in linear time and bounded memory (the first took minutes before the
 * header was scanned incrementally, and would now exceed the test timeout).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes, toBase64, x25519Base } from "../../crypto/sodium";
import { utf8 } from "../../encoding/bytes";
import { decryptBytes, encryptBytes } from "./age";
import { MAX_HEADER_BYTES, MAX_STANZAS } from "./header";
import { unwrapScrypt } from "./scrypt-stanza";

let secretKey: Uint8Array;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretKey = randomBytes(32);
});

function armor(bytes: Uint8Array): Uint8Array {
  const b64 = toBase64(bytes);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return utf8(`-----BEGIN AGE ENCRYPTED FILE-----\n${lines.join("\n")}\n-----END AGE ENCRYPTED FILE-----\n`);
}

describe("hostile age input", () => {
  it("refuses a long armored header without a MAC line, in linear time", async () => {
    const header = utf8(`age-encryption.org/v1\n${"-> x\n\n".repeat(60_000)}`); // ~400 KB
    const result = await decryptBytes(armor(header), [{ kind: "x25519", secretKey }]);
    expect(result).toMatchObject({ ok: false, error: { kind: "malformed-header" } });
  });

  it("refuses a complete header over the size limit, however it arrives", async () => {
    const line = `-> x ${"a".repeat(60)}\n\n`;
    const header = utf8(`age-encryption.org/v1\n${line.repeat(Math.ceil(MAX_HEADER_BYTES / line.length) + 10)}--- ${"A".repeat(43)}\n`);
    expect(header.length).toBeGreaterThan(MAX_HEADER_BYTES);
    expect(await decryptBytes(header, [{ kind: "x25519", secretKey }])).toMatchObject({ ok: false, error: { kind: "malformed-header" } });
  });

  it("refuses more stanzas than the limit", async () => {
    const header = utf8(`age-encryption.org/v1\n${"-> x\n\n".repeat(MAX_STANZAS + 1)}--- ${"A".repeat(43)}\n`);
    expect(await decryptBytes(header, [{ kind: "x25519", secretKey }])).toMatchObject({ ok: false, error: { kind: "malformed-header", reason: "too-many-stanzas", limit: MAX_STANZAS } });
  });

  it.each(["21", "22"])("refuses a scrypt work factor of %s with a typed error", (wf) => {
    const stanza = { type: "scrypt", args: [toBase64(new Uint8Array(16), false), wf], body: new Uint8Array(32) };
    expect(unwrapScrypt(stanza, "pass")).toMatchObject({ ok: false, error: { kind: "malformed-header" } });
  });

  it("treats leading whitespace as armor at once instead of buffering it", async () => {
    const spaces = new Uint8Array(8 << 20).fill(0x20);
    expect(await decryptBytes(spaces, [{ kind: "x25519", secretKey }])).toMatchObject({ ok: false, error: { kind: "malformed-armor" } });
    // Whitespace before a real armored file is still fine.
    const sealed = await encryptBytes(utf8("hello"), [x25519Base(secretKey)], { armor: true });
    expect(await decryptBytes(new Uint8Array([0x0a, 0x20, ...sealed]), [{ kind: "x25519", secretKey }])).toEqual({ ok: true, value: utf8("hello") });
  });
});

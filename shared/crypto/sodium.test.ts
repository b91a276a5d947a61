import { describe, expect, it } from "vitest";
import { fromBase64Url, loadCrypto, randomBytes, toBase64Url } from "./sodium";

describe("loadCrypto", () => {
  it("loads libsodium on WebAssembly and reports its version", async () => {
    const result = await loadCrypto();
    expect(result).toEqual({ ok: true, value: { library: "libsodium", version: expect.stringMatching(/^\d+\.\d+\.\d+$/), webAssembly: true } });
  });
});

describe("base64url (RFC 4648 §5, unpadded)", () => {
  // RFC 4648 §10's vectors without their padding, and the two characters that differ from base64.
  const vectors: [string, string][] = [
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ];

  it("encodes and decodes the RFC's vectors", async () => {
    expect((await loadCrypto()).ok).toBe(true);
    for (const [text, encoded] of vectors) {
      const bytes = new TextEncoder().encode(text);
      expect(toBase64Url(bytes)).toBe(encoded);
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe("-_-_");
    expect(fromBase64Url("-_-_")).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it("agrees with Node's encoder on random bytes", async () => {
    expect((await loadCrypto()).ok).toBe(true);
    for (let length = 0; length < 70; length++) {
      const bytes = randomBytes(length);
      const encoded = toBase64Url(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString("base64url"));
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
  });

  it("refuses padding, the standard alphabet, whitespace, stray bits and impossible lengths", async () => {
    expect((await loadCrypto()).ok).toBe(true);
    for (const bad of ["Zg==", "Zm8=", "+/8", "Zm9v\n", " Zm9v", "Zh", "Zm9", "Z", "Zm9vY"]) expect(fromBase64Url(bad), bad).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { loadCrypto } from "./sodium";

describe("loadCrypto", () => {
  it("loads libsodium on WebAssembly and reports its version", async () => {
    const result = await loadCrypto();
    expect(result).toEqual({ ok: true, value: { library: "libsodium", version: expect.stringMatching(/^\d+\.\d+\.\d+$/), webAssembly: true } });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, toHex } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { deriveKey, KDF_FLOOR } from "../vault/kdf";
import { runKdfJob } from "./kdf-job";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const params = { algorithm: "argon2id13" as const, ...KDF_FLOOR, salt: "AAECAwQFBgcICQoLDA0ODw==" };

describe("the key-derivation worker's job", () => {
  it("derives the same key as in-thread derivation, and wipes the passphrase it was handed", async () => {
    const passphrase = utf8("correct horse battery staple");
    const expected = toHex(deriveKey(utf8("correct horse battery staple"), params));
    const reply = await runKdfJob({ type: "derive", passphrase, params }, () => 0);
    expect(reply.type).toBe("key");
    if (reply.type === "key") expect(toHex(reply.key)).toBe(expected);
    expect(passphrase.every((b) => b === 0)).toBe(true);
  });

  it("prepares the memory of a derivation and always answers prepared (a hint, never mistaken for a key)", async () => {
    expect(await runKdfJob({ type: "prepare", params }, () => 0)).toEqual({ type: "prepared" });
    // Below the floor: nothing is done, and the answer is the same.
    expect(await runKdfJob({ type: "prepare", params: { ...params, opsLimit: 1 } }, () => 0)).toEqual({ type: "prepared" });
    // A derivation after it, in the same worker, gives the same key as ever.
    const reply = await runKdfJob({ type: "derive", passphrase: utf8("correct horse battery staple"), params }, () => 0);
    expect(reply.type === "key" && toHex(reply.key)).toBe(toHex(deriveKey(utf8("correct horse battery staple"), params)));
  });

  it("refuses malformed requests and parameters below the floor", async () => {
    expect(await runKdfJob({ type: "derive" }, () => 0)).toEqual({ type: "failed", failure: { reason: "malformed-request" } });
    expect(await runKdfJob({ type: "derive", passphrase: utf8("x"), params: { ...params, opsLimit: 1 } }, () => 0)).toMatchObject({ type: "failed", failure: { reason: "params-out-of-range" } });
  });

  it("calibrates from the floor up", async () => {
    let t = 0;
    // A fake clock where every derivation seems to take 0.6 s: the floor is enough.
    const reply = await runKdfJob({ type: "calibrate" }, () => (t += 600));
    expect(reply).toEqual({ type: "cost", opsLimit: KDF_FLOOR.opsLimit, memLimitBytes: KDF_FLOOR.memLimitBytes, seconds: 0.6 });
  });
});

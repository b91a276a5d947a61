import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { loadCrypto, randomBytes } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { openRecord, sealRecord } from "./record-cipher";
import { newRecordId } from "./record-slot";

// Loaded before collection: the keys below are made while the suite is declared.
const loaded = await loadCrypto();
beforeAll(() => {
  expect(loaded.ok).toBe(true);
});

const note = z.strictObject({ title: z.string(), n: z.number() });

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe("record cipher", () => {
  const key = randomBytes(32);
  const slot = { table: "notes", id: newRecordId() };

  it("round-trips a value and keeps no plaintext in the row", () => {
    const row = sealRecord(key, slot, { title: "Operation Ghostwriter", n: 7 });
    if (!row.ok) throw new Error("seal failed");
    expect(contains(row.value.ciphertext, utf8("Ghostwriter"))).toBe(false);
    expect(openRecord(key, slot, row.value, note)).toEqual({ ok: true, value: { title: "Operation Ghostwriter", n: 7 } });
  });

  it("uses a fresh nonce each time", () => {
    const a = sealRecord(key, slot, { title: "x", n: 1 });
    const b = sealRecord(key, slot, { title: "x", n: 1 });
    expect(a.ok && b.ok && a.value.nonce).not.toEqual(b.ok && b.value.nonce);
  });

  it("refuses a row read from another slot as tampered", () => {
    const row = sealRecord(key, slot, { title: "x", n: 1 });
    if (!row.ok) throw new Error("seal failed");
    const otherId = { table: "notes", id: newRecordId() };
    expect(openRecord(key, otherId, row.value, note)).toEqual({ ok: false, error: { kind: "tampered", ...otherId } });
    expect(openRecord(key, { table: "other", id: slot.id }, row.value, note)).toMatchObject({ ok: false, error: { kind: "tampered", table: "other" } });
  });

  it("refuses a wrong key, a short nonce and a non-row as tampered", () => {
    const row = sealRecord(key, slot, { title: "x", n: 1 });
    if (!row.ok) throw new Error("seal failed");
    expect(openRecord(randomBytes(32), slot, row.value, note)).toMatchObject({ ok: false, error: { kind: "tampered" } });
    expect(openRecord(key, slot, { ...row.value, nonce: row.value.nonce.subarray(0, 23) }, note)).toMatchObject({ ok: false, error: { kind: "tampered" } });
    expect(openRecord(key, slot, { nonce: "abc" }, note)).toMatchObject({ ok: false, error: { kind: "tampered" } });
  });

  it("reports an authentic record of the wrong shape as malformed", () => {
    const row = sealRecord(key, slot, { title: 3 });
    if (!row.ok) throw new Error("seal failed");
    expect(openRecord(key, slot, row.value, note)).toMatchObject({ ok: false, error: { kind: "malformed", ...slot, detail: expect.stringContaining("title") } });
  });

  it("refuses to seal what has no canonical JSON form", () => {
    expect(sealRecord(key, slot, { when: new Date(0) })).toMatchObject({ ok: false, error: { kind: "unserialisable", ...slot } });
  });

  it("reports any single-byte change or truncation as tampered", () => {
    const row = sealRecord(key, slot, { title: "x", n: 1 });
    if (!row.ok) throw new Error("seal failed");
    const { nonce, ciphertext } = row.value;
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (inNonce, at, xor, truncate) => {
        const target = (inNonce ? nonce : ciphertext).slice();
        const i = at % target.length;
        const changed = truncate ? target.subarray(0, i) : target;
        if (!truncate) changed[i]! ^= xor;
        const tampered = inNonce ? { ...row.value, nonce: changed } : { ...row.value, ciphertext: changed };
        expect(openRecord(key, slot, tampered, note)).toEqual({ ok: false, error: { kind: "tampered", ...slot } });
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes, utf8 } from "../encoding/bytes";
import { sshReader, sshString, sshUint32 } from "./ssh-wire";

describe("SSH wire writers", () => {
  it("write uint32 big-endian over its whole range", () => {
    expect([...sshUint32(0)]).toEqual([0, 0, 0, 0]);
    expect([...sshUint32(0x0102_0304)]).toEqual([1, 2, 3, 4]);
    expect([...sshUint32(0xffff_ffff)]).toEqual([255, 255, 255, 255]);
  });

  it("refuse numbers that are not a uint32", () => {
    for (const n of [-1, 2 ** 32, 1.5, Number.NaN]) expect(() => sshUint32(n)).toThrow(RangeError);
  });

  it("write strings as length and bytes, text as UTF-8", () => {
    expect([...sshString("ab")]).toEqual([0, 0, 0, 2, 0x61, 0x62]);
    expect([...sshString("é")]).toEqual([0, 0, 0, 2, 0xc3, 0xa9]);
    expect([...sshString(new Uint8Array(0))]).toEqual([0, 0, 0, 0]);
  });
});

describe("SSH wire reader", () => {
  it("reads back what the writers wrote, then reports the end", () => {
    const r = sshReader(concatBytes(sshUint32(0x8000_0001), sshString("ssh-ed25519"), sshString(Uint8Array.of(9, 8)), Uint8Array.of(7)));
    expect(r.uint32()).toBe(0x8000_0001); // top bit set, still positive
    expect(r.text()).toBe("ssh-ed25519");
    expect([...(r.string() ?? [])]).toEqual([9, 8]);
    expect(r.atEnd()).toBe(false);
    expect([...(r.bytes(1) ?? [])]).toEqual([7]);
    expect(r.atEnd()).toBe(true);
    expect(r.uint32()).toBeUndefined();
  });

  it("returns undefined on truncation and consumes nothing", () => {
    const r = sshReader(concatBytes(sshUint32(10), utf8("short")));
    expect(r.string()).toBeUndefined();
    expect(r.remaining()).toBe(9);
    expect(sshReader(Uint8Array.of(0, 0, 1)).uint32()).toBeUndefined();
    expect(sshReader(new Uint8Array(4)).bytes(5)).toBeUndefined();
    expect(sshReader(new Uint8Array(4)).bytes(-1)).toBeUndefined();
  });

  it("treats a huge declared length as truncation, not an allocation", () => {
    expect(sshReader(concatBytes(sshUint32(0xffff_ffff), new Uint8Array(3))).string()).toBeUndefined();
  });

  it("refuses text with a NUL or invalid UTF-8, consuming nothing", () => {
    for (const raw of [Uint8Array.of(0x61, 0, 0x62), Uint8Array.of(0xc3), Uint8Array.of(0xff)]) {
      const r = sshReader(sshString(raw));
      expect(r.text()).toBeUndefined();
      expect([...(r.string() ?? [])]).toEqual([...raw]);
    }
  });

  it("round-trips any list of strings (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (parts) => {
        const r = sshReader(concatBytes(...parts.map((p) => sshString(p))));
        for (const p of parts) expect([...(r.string() ?? [-1])]).toEqual([...p]);
        expect(r.atEnd()).toBe(true);
      }),
    );
  });

  it("never throws on arbitrary bytes and never reads past the end (property)", () => {
    const op = fc.constantFrom("uint32", "string", "text", "bytes") as fc.Arbitrary<"uint32" | "string" | "text" | "bytes">;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(op, { maxLength: 12 }), fc.integer({ min: -2, max: 80 }), (data, ops, n) => {
        const r = sshReader(data);
        for (const o of ops) {
          const before = r.remaining();
          const value = o === "bytes" ? r.bytes(n) : r[o]();
          if (value === undefined) expect(r.remaining()).toBe(before);
          expect(r.remaining()).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteQueue } from "./byte-queue";
import { concatBytes } from "./bytes";

describe("ByteQueue", () => {
  it("returns exactly the bytes pushed, whatever the chunking and the reads", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 12 }), fc.array(fc.nat(50), { maxLength: 12 }), (chunks, reads) => {
        const q = new ByteQueue();
        for (const c of chunks) q.push(c);
        const all = concatBytes(...chunks);
        const out: Uint8Array[] = [];
        for (const r of reads) out.push(q.take(Math.min(r, q.length)));
        out.push(q.takeAll());
        expect(concatBytes(...out)).toEqual(all);
        expect(q.length).toBe(0);
      }),
    );
  });

  it("finds a byte across chunk boundaries, within a limit", () => {
    const q = new ByteQueue();
    q.push(Uint8Array.of(1, 2));
    q.push(Uint8Array.of(3, 10, 4));
    q.take(1);
    expect(q.indexOf(10)).toBe(2);
    expect(q.indexOf(10, 3)).toBe(-1);
    expect(q.indexOf(10, 0, 2)).toBe(-1);
    expect(q.indexOf(99)).toBe(-1);
    expect(() => q.take(99)).toThrow(RangeError);
  });
});

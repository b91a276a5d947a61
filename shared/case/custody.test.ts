import { describe, expect, it } from "vitest";
import { custodyMismatches, isAppendOnly } from "./custody";
import { AttachmentIdSchema, type AttachmentRef, type CustodyEvent } from "./model";

const h = (c: string) => c.repeat(64);
const att = (id: string, sha: string): AttachmentRef => ({ id: AttachmentIdSchema.parse(id), name: `${id}.bin`, mediaType: "application/octet-stream", size: 1, sha256: sha });
const ev = (sha?: string, attachmentId?: string): CustodyEvent => ({ action: "verified", actor: "Lab", time: "2026-01-01T00:00:00.000Z", ...(sha ? { sha256: sha } : {}), ...(attachmentId ? { attachmentId: AttachmentIdSchema.parse(attachmentId) } : {}) });
const A = "a".repeat(16);
const B = "b".repeat(16);

describe("custody", () => {
  it("flags an observed hash that differs from the named attachment", () => {
    const flags = custodyMismatches({ attachments: [att(A, h("1")), att(B, h("2"))], custody: [ev(h("1"), A), ev(h("9"), B), ev()] });
    expect(flags).toEqual([{ event: 1, observed: h("9"), expected: h("2"), attachmentName: `${B}.bin` }]);
  });

  it("without a named attachment, the hash must match one of the item's attachments", () => {
    expect(custodyMismatches({ attachments: [att(A, h("1")), att(B, h("2"))], custody: [ev(h("2"))] })).toEqual([]);
    expect(custodyMismatches({ attachments: [att(A, h("1"))], custody: [ev(h("3"))] })).toEqual([{ event: 0, observed: h("3"), expected: h("1"), attachmentName: `${A}.bin` }]);
  });

  it("flags an event naming an attachment the item no longer has", () => {
    const [flag] = custodyMismatches({ attachments: [], custody: [ev(h("1"), A)] });
    expect(flag?.expected).toBeUndefined();
    expect(flag).toEqual({ event: 0, observed: h("1"), expected: undefined, attachmentName: undefined });
  });

  it("append-only: new events may follow, earlier ones may not change", () => {
    const first = [ev(h("1")), ev()];
    expect(isAppendOnly(first, [...first, ev(h("2"))])).toBe(true);
    expect(isAppendOnly(first, [first[0]!])).toBe(false);
    expect(isAppendOnly(first, [ev(h("3")), first[1]!])).toBe(false);
  });
});

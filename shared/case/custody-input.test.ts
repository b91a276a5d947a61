import { describe, expect, it } from "vitest";
import { canAddCustodyEvent, custodyEventFrom, isUntouchedCustodyInput, NO_CUSTODY_INPUT, withCustodyEvent, withCustodyInput } from "./custody-input";
import { CustodyEventSchema } from "./model";
import { CustodyInputSchema } from "./case-draft";
import { EvidenceIdSchema } from "./model";

const TIME = "2026-11-22T10:00:00.000Z";
const A = EvidenceIdSchema.parse("id-a000000000000000");
const B = EvidenceIdSchema.parse("id-b000000000000000");
const typed = { action: "verified", actor: "  Registry clerk ", place: "", note: " Seal intact ", sha256: " ABCDEF " } as const;

describe("the custody form", () => {
  it("starts untouched, and is a valid form", () => {
    expect(isUntouchedCustodyInput(NO_CUSTODY_INPUT)).toBe(true);
    expect(isUntouchedCustodyInput({ ...NO_CUSTODY_INPUT, note: "x" })).toBe(false);
    expect(CustodyInputSchema.safeParse(NO_CUSTODY_INPUT).success).toBe(true);
    expect(canAddCustodyEvent(NO_CUSTODY_INPUT)).toBe(false);
    expect(canAddCustodyEvent({ ...NO_CUSTODY_INPUT, actor: "  " })).toBe(false);
    expect(canAddCustodyEvent(typed)).toBe(true);
  });

  it("holds each item's form; one cleared back to its defaults is dropped", () => {
    const one = withCustodyInput({}, A, typed);
    const two = withCustodyInput(one, B, { ...NO_CUSTODY_INPUT, actor: "x" });
    expect(Object.keys(two)).toEqual([A, B]);
    expect(withCustodyInput(two, A, undefined)).toEqual({ [B]: { ...NO_CUSTODY_INPUT, actor: "x" } });
    expect(withCustodyInput(two, B, NO_CUSTODY_INPUT)).toEqual({ [A]: typed });
    expect(two[A]).toBe(typed);
  });

  it("makes an event: trimmed, empty fields left out, the hash in lower case", () => {
    const event = custodyEventFrom(typed, TIME);
    expect(event).toEqual({ action: "verified", actor: "Registry clerk", time: TIME, note: "Seal intact", sha256: "abcdef" });
    expect("place" in event).toBe(false);
    const full = custodyEventFrom({ ...typed, place: " Geneva ", sha256: "A".repeat(64) }, TIME);
    expect(CustodyEventSchema.safeParse(full).success).toBe(true);
    expect(full.place).toBe("Geneva");
  });

  it("appends the event to the chain, which keeps every earlier event", () => {
    const first = custodyEventFrom({ ...NO_CUSTODY_INPUT, actor: "First" }, TIME);
    const item = { custody: [first], title: "kept" };
    const next = withCustodyEvent(item, typed, TIME);
    expect(next.custody).toEqual([first, custodyEventFrom(typed, TIME)]);
    expect(next.title).toBe("kept");
    expect(item.custody).toHaveLength(1);
  });
});

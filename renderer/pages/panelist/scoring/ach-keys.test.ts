import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "../../../../shared/rubric/rubric";
import { consistencyShortcuts, moveForKey, moveInGrid } from "./ach-keys";

describe("ACH keyboard entry", () => {
  it("gives the default codes the keys an analyst expects", () => {
    const keys = consistencyShortcuts(DEFAULT_RUBRIC.consistency);
    expect(Object.fromEntries([...keys].filter(([k]) => !/\d/.test(k)))).toEqual({
      c: "consistent",
      n: "neutral",
      i: "inconsistent",
      C: "very-consistent",
      I: "very-inconsistent",
      a: "not-applicable",
    });
    expect(keys.get("1")).toBe("very-consistent");
    expect(keys.get("6")).toBe("not-applicable");
    expect(keys.get("7")).toBeUndefined();
  });

  it("gives a secretariat's own codes distinct keys", () => {
    const keys = consistencyShortcuts([
      { id: "supports", code: "S" },
      { id: "strongly", code: "SS" },
      { id: "refutes", code: "R" },
      { id: "silent", code: "SI" },
    ]);
    const letters = [...keys].filter(([k]) => !/\d/.test(k));
    expect(new Set(letters.map(([, id]) => id)).size).toBe(4);
    expect(keys.get("s")).toBe("supports");
    expect(keys.get("S")).toBe("strongly");
    expect(keys.get("r")).toBe("refutes");
    expect(keys.get("i")).toBe("silent");
  });

  it("moves within the grid, clamped, and 'next' wraps to the following row", () => {
    expect(moveInGrid({ row: 0, col: 0 }, "left", 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 0, col: 3 }, "next", 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid({ row: 2, col: 3 }, "next", 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 1, col: 1 }, "last", 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 2, col: 2 }, "down", 3, 4)).toEqual({ row: 2, col: 2 });
  });

  it("arrows follow the writing direction", () => {
    expect(moveForKey("ArrowLeft", false, false)).toBe("left");
    expect(moveForKey("ArrowLeft", false, true)).toBe("right");
    expect(moveForKey("Home", true, false)).toBe("first");
    expect(moveForKey("x", false, false)).toBeUndefined();
  });
});

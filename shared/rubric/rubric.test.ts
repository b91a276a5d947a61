import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC, RubricSchema } from "./rubric";

describe("rubric", () => {
  it("the default rubric is valid and has the scales the design names", () => {
    expect(RubricSchema.safeParse(DEFAULT_RUBRIC).success).toBe(true);
    expect(DEFAULT_RUBRIC.likelihood.map((t) => t.label)).toContain("Roughly even chance");
    expect(DEFAULT_RUBRIC.stateResponsibility).toHaveLength(10);
    expect(DEFAULT_RUBRIC.consistency.map((t) => t.code)).toEqual(["CC", "C", "N", "I", "II", "NA"]);
  });

  it("refuses likelihood terms out of order or with inverted ranges", () => {
    const swapped = { ...DEFAULT_RUBRIC, likelihood: [DEFAULT_RUBRIC.likelihood[1], DEFAULT_RUBRIC.likelihood[0], ...DEFAULT_RUBRIC.likelihood.slice(2)] };
    expect(RubricSchema.safeParse(swapped).success).toBe(false);
    const inverted = { ...DEFAULT_RUBRIC, likelihood: [{ id: "x", label: "X", low: 50, high: 10 }, ...DEFAULT_RUBRIC.likelihood] };
    expect(RubricSchema.safeParse(inverted).success).toBe(false);
  });
});

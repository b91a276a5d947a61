import { describe, expect, it } from "vitest";
import { repeatDiffers } from "./repeat-check";

describe("repeatDiffers", () => {
  it("clears as soon as the two match, whatever happened before", () => {
    expect(repeatDiffers("orbit fjord", "orbit fjord", true)).toBe(false);
    expect(repeatDiffers("", "", true)).toBe(false);
  });

  it("says so after a submit while they differ", () => {
    expect(repeatDiffers("orbit fjord", "orbit", true)).toBe(true);
    expect(repeatDiffers("orbit fjord", "", true)).toBe(true);
  });

  it("does not nag while the repeat is still being typed", () => {
    expect(repeatDiffers("orbit fjord", "", false)).toBe(false);
    expect(repeatDiffers("orbit fjord", "orbit fj", false)).toBe(false);
    expect(repeatDiffers("orbit fjord", "orbit fjorx", false)).toBe(true);
    expect(repeatDiffers("orbit fjord", "orbit fjords", false)).toBe(true);
  });
});

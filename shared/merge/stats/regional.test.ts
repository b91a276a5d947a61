import { describe, expect, it } from "vitest";
import { dissenters, regionalMedians } from "./regional";

describe("regional medians", () => {
  it("gives every UN regional group in the UN's order, with n = 0 where nobody answered", () => {
    const medians = regionalMedians([
      { region: "african-states", value: 60 },
      { region: "african-states", value: 80 },
      { region: "asia-pacific-states", value: 30 },
      { region: "western-european-and-others-states", value: 10 },
      { region: "western-european-and-others-states", value: 20 },
      { region: "western-european-and-others-states", value: 90 },
    ]);
    expect(medians).toEqual([
      { region: "african-states", n: 2, median: 70 },
      { region: "asia-pacific-states", n: 1, median: 30 },
      { region: "eastern-european-states", n: 0, median: undefined },
      { region: "latin-american-and-caribbean-states", n: 0, median: undefined },
      { region: "western-european-and-others-states", n: 3, median: 20 },
    ]);
  });
});

describe("dissenters", () => {
  it("flags estimates outside the IQR and on the other side of 50% from the median", () => {
    // 10 20 70 75 80 85 90: P25 at h = 1.5 → 45, median 75, P75 at h = 4.5 → 82.5.
    const seats = [10, 20, 70, 75, 80, 85, 90].map((value, i) => ({ seat: `seat-${i}`, value }));
    expect(dissenters(seats)).toEqual([
      { seat: "seat-0", value: 10, outsideIqr: "below", otherSideOfHalf: true },
      { seat: "seat-1", value: 20, outsideIqr: "below", otherSideOfHalf: true },
      { seat: "seat-5", value: 85, outsideIqr: "above", otherSideOfHalf: false },
      { seat: "seat-6", value: 90, outsideIqr: "above", otherSideOfHalf: false },
    ]);
  });

  it("sees nobody on the other side when the median is 50, and keeps a value on P25 or P75 inside", () => {
    // 40 50 60: P25 45, P75 55, median 50.
    expect(dissenters([40, 50, 60].map((value) => ({ seat: value, value })))).toEqual([
      { seat: 40, value: 40, outsideIqr: "below", otherSideOfHalf: false },
      { seat: 60, value: 60, outsideIqr: "above", otherSideOfHalf: false },
    ]);
    // 40 40 60 60: P25 = 40, P75 = 60, median 50: nobody.
    expect(dissenters([40, 40, 60, 60].map((value, seat) => ({ seat, value })))).toEqual([]);
    expect(dissenters([])).toEqual([]);
  });

  it("flags a lone estimate across 50% even inside the IQR", () => {
    // 45 55 60 65: median 57.5, P25 52.5: 45 is below P25 and across 50%. 50 would be on neither side.
    expect(dissenters([45, 55, 60, 65].map((value, seat) => ({ seat, value })))[0]).toEqual({ seat: 0, value: 45, outsideIqr: "below", otherSideOfHalf: true });
    expect(dissenters([50, 55, 60, 65, 70].map((value, seat) => ({ seat, value }))).find((d) => d.value === 50)).toEqual({ seat: 0, value: 50, outsideIqr: "below", otherSideOfHalf: false });
  });
});

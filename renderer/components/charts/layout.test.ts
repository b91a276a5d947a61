import { describe, expect, it } from "vitest";
import { divergingFill, dodgeLanes, groupStyle, isolate, rowLayout, shortLabel, textOn, ticks } from "./layout";

describe("rowLayout", () => {
  it("puts the labels on the left and runs the values rightwards in ltr", () => {
    const l = rowLayout({ width: 600, labelWidth: 200, domain: [0, 100], dir: "ltr", gap: 10, pad: 20 });
    expect([l.plotStart, l.plotEnd, l.labelX]).toEqual([210, 580, 200]);
    expect(l.x(0)).toBe(210);
    expect(l.x(100)).toBe(580);
    expect(l.x(50)).toBe(395);
  });

  it("mirrors in rtl: labels on the right, 0 at the plot's right end, 100 at its left", () => {
    const l = rowLayout({ width: 600, labelWidth: 200, domain: [0, 100], dir: "rtl", gap: 10, pad: 20 });
    expect([l.plotStart, l.plotEnd, l.labelX]).toEqual([20, 390, 400]);
    expect(l.x(0)).toBe(390);
    expect(l.x(100)).toBe(20);
    // The same value lies at the mirror image of its ltr place.
    const ltr = rowLayout({ width: 600, labelWidth: 200, domain: [0, 100], dir: "ltr", gap: 10, pad: 20 });
    for (const v of [0, 12.5, 50, 99]) expect(l.x(v)).toBeCloseTo(600 - ltr.x(v), 9);
  });
});

describe("ticks", () => {
  it("steps from low to high, both ends included", () => {
    expect(ticks(0, 100, 25)).toEqual([0, 25, 50, 75, 100]);
    expect(ticks(-2, 2, 1)).toEqual([-2, -1, 0, 1, 2]);
    expect(ticks(0, 1, 0.1)).toHaveLength(11);
  });
  it("refuses a step that never ends", () => {
    expect(() => ticks(0, 10, 0)).toThrow(Error);
  });
});

describe("dodgeLanes", () => {
  it("keeps points apart in the centre lane", () => {
    expect(dodgeLanes([10, 30, 50], 8)).toEqual([0, 0, 0]);
  });
  it("moves equal or close values to alternating lanes, in the input's order", () => {
    expect(dodgeLanes([50, 50, 50, 20], 8)).toEqual([0, 1, -1, 0]);
    expect(dodgeLanes([52, 50], 8)).toEqual([1, 0]);
  });
  it("never leaves two points of one lane closer than the distance", () => {
    const xs = [1, 2, 3, 4, 5, 5, 5, 20, 21, 40];
    const lanes = dodgeLanes(xs, 6);
    for (let i = 0; i < xs.length; i++)
      for (let j = i + 1; j < xs.length; j++) if (lanes[i] === lanes[j]) expect(Math.abs((xs[i] as number) - (xs[j] as number))).toBeGreaterThanOrEqual(6);
  });
});

describe("groupStyle", () => {
  it("gives the five regional groups five different colours and five different shapes", () => {
    const styles = [0, 1, 2, 3, 4].map(groupStyle);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(5);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(5);
  });
});

describe("divergingFill and textOn", () => {
  it("runs from purple through near-white to orange, clamped, grey for no value", () => {
    expect(divergingFill(0, 2)).toBe("rgb(247, 247, 247)");
    expect(divergingFill(-2, 2)).toBe("rgb(84, 39, 136)");
    expect(divergingFill(2, 2)).toBe("rgb(179, 88, 6)");
    expect(divergingFill(5, 2)).toBe(divergingFill(2, 2));
    expect(divergingFill(undefined, 2)).toBe("#d6d8dc");
  });
  it("picks the text colour with the higher contrast", () => {
    expect(textOn("#ffffff")).toBe("#000000");
    expect(textOn("#000000")).toBe("#ffffff");
    expect(textOn(divergingFill(-2, 2))).toBe("#ffffff");
    expect(textOn(divergingFill(0, 2))).toBe("#000000");
    expect(() => textOn("purple")).toThrow(Error);
  });
});

describe("shortLabel", () => {
  it("cuts long labels with an ellipsis and keeps short ones", () => {
    expect(shortLabel("APT-Example", 20)).toBe("APT-Example");
    expect(shortLabel("A state organ of the accused state", 10)).toBe("A state o…");
    expect([...shortLabel("جهاز تابع للدولة المتهمة", 8)]).toHaveLength(8);
  });
});

describe("isolate", () => {
  it("wraps typed text in first-strong isolation marks", () => {
    expect(isolate("VPN logs…")).toBe("\u2068VPN logs…\u2069");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstDifferingGroup, groupFingerprintForReading, normalizeTypedFingerprint } from "./fingerprint-reading";

const FP = "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8";

describe("groupFingerprintForReading", () => {
  it("splits the base64 part into groups of four", () => {
    expect(groupFingerprintForReading(FP)).toEqual(["bbXp", "uKG6", "zhzd", "mnxq", "256T", "lqzF", "BzRl", "2f6O", "Og72", "2cYN", "bU8"]);
  });

  it("loses and adds nothing, for any text", () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        const groups = groupFingerprintForReading(`SHA256:${body}`);
        expect(groups.join("")).toBe(body);
        expect(groups.every((g, i) => g.length === 4 || (i === groups.length - 1 && g.length > 0))).toBe(true);
      }),
    );
  });
});

describe("normalizeTypedFingerprint", () => {
  it("reads back what it printed, however it is spaced", () => {
    expect(normalizeTypedFingerprint(groupFingerprintForReading(FP).join(" "))).toBe(FP);
    expect(normalizeTypedFingerprint(` sha256:${groupFingerprintForReading(FP).join("\n")} `)).toBe(FP);
  });

  it("keeps letter case, which base64 needs", () => {
    expect(normalizeTypedFingerprint(FP.toLowerCase())).not.toBe(FP);
  });
});

describe("firstDifferingGroup", () => {
  it("names the first group that differs, or none", () => {
    expect(firstDifferingGroup(FP, FP)).toBeUndefined();
    expect(firstDifferingGroup(FP, FP.replace("2f6O", "2f60"))).toBe(8);
    expect(firstDifferingGroup(FP, FP.slice(0, -3))).toBe(11);
  });
});

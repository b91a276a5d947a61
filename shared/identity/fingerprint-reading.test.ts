import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprintMatch, firstDifferingGroup, groupFingerprintForReading, normalizeTypedFingerprint } from "./fingerprint-reading";

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

describe("fingerprintMatch", () => {
  const groups = groupFingerprintForReading(FP);

  it("counts the groups typed so far that are right, in their place", () => {
    expect(fingerprintMatch(FP, "")).toEqual({ matching: 0, total: 11, typed: 0, firstWrong: undefined, complete: false });
    expect(fingerprintMatch(FP, "bbX")).toEqual({ matching: 0, total: 11, typed: 0, firstWrong: undefined, complete: false });
    expect(fingerprintMatch(FP, groups.slice(0, 3).join(" "))).toEqual({ matching: 3, total: 11, typed: 3, firstWrong: undefined, complete: false });
    // A wrong second group does not hide that the third is right; the count of typed groups shows one is wrong.
    expect(fingerprintMatch(FP, `bbXp uKG7 zhzd`)).toEqual({ matching: 2, total: 11, typed: 3, firstWrong: 2, complete: false });
  });

  it("is complete only for the whole fingerprint, however spaced, with or without its prefix", () => {
    expect(fingerprintMatch(FP, groups.join(" "))).toEqual({ matching: 11, total: 11, typed: 11, firstWrong: undefined, complete: true });
    expect(fingerprintMatch(FP, `sha256:${groups.join("-")}`).complete).toBe(true);
    expect(fingerprintMatch(FP, `${groups.join("")}x`).complete).toBe(false);
    // Spaces are not kept, so text after the short last group runs into it.
    expect(fingerprintMatch(FP, `${groups.join(" ")} XXXX`)).toMatchObject({ matching: 10, firstWrong: 11, complete: false });
    expect(fingerprintMatch(FP, groups.join("").toLowerCase())).toMatchObject({ complete: false });
  });

  it("never counts more groups than the fingerprint has, nor calls a wrong text complete", () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        const match = fingerprintMatch(FP, typed);
        expect(match.matching).toBeLessThanOrEqual(match.total);
        expect(match.matching).toBeLessThanOrEqual(match.typed);
        if (match.firstWrong === undefined) expect(match.matching).toBe(Math.min(match.typed, match.total));
        else expect(match.firstWrong).toBeLessThanOrEqual(match.typed);
        expect(match.complete).toBe(normalizeTypedFingerprint(typed) === FP);
        if (match.complete) expect(match.matching).toBe(match.total);
      }),
    );
  });
});

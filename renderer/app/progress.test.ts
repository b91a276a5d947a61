import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { describeProgress, durationParts, formatTimeLeft } from "./progress";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

describe("progress in words", () => {
  it("cuts durations into the units a sentence names", () => {
    expect(durationParts(0.2)).toEqual({ unit: "instant" });
    expect(durationParts(1.2)).toEqual({ unit: "seconds", seconds: 1 });
    expect(durationParts(89)).toEqual({ unit: "seconds", seconds: 89 });
    expect(durationParts(90)).toEqual({ unit: "minutes", minutes: 2 });
    expect(durationParts(3660)).toEqual({ unit: "minutes", minutes: 61 });
    expect(durationParts(5370)).toEqual({ unit: "hours", hours: 1, minutes: 30 });
    expect(durationParts(3600 * 2)).toEqual({ unit: "hours", hours: 2, minutes: 0 });
    expect(durationParts(3600 * 3 + 60)).toEqual({ unit: "hours", hours: 3, minutes: 1 });
  });

  it("says the time left as a sentence, singular and plural", () => {
    expect(formatTimeLeft(0.4)).toBe("Less than a second left");
    expect(formatTimeLeft(1)).toBe("About 1 second left");
    expect(formatTimeLeft(5.2)).toBe("About 5 seconds left");
    expect(formatTimeLeft(125)).toBe("About 2 minutes left");
    expect(formatTimeLeft(60 * 60 * 2)).toBe("About 2 hours left");
    expect(formatTimeLeft(60 * 60 * 1.5)).toBe("About 1 hour 30 minutes left");
    expect(formatTimeLeft(3600 * 3 + 60)).toBe("About 3 hours 1 minute left");
  });

  it("estimates the time left only once there is something to go on", () => {
    expect(describeProgress(5 * 1024 * 1024, undefined, 3000)).toEqual({ fraction: undefined, text: "5 MB so far" });
    expect(describeProgress(1024 * 1024, 200 * 1024 * 1024, 500).text).toBe("1 MB of 200 MB (0%)");
    expect(describeProgress(50 * 1024 * 1024, 200 * 1024 * 1024, 2000)).toEqual({ fraction: 0.25, text: "50 MB of 200 MB (25%) · About 6 seconds left · 25 MB/s" });
    expect(describeProgress(199 * 1024 * 1024, 200 * 1024 * 1024, 8000).text).toBe("199 MB of 200 MB (99%) · Less than a second left · 24.9 MB/s");
    expect(describeProgress(200, 200, 8000)).toEqual({ fraction: 1, text: "200 byte of 200 byte (100%)" });
    expect(describeProgress(3, 10, 5000, "items").text).toBe("3 of 10 (30%) · About 12 seconds left");
    expect(describeProgress(1234, 5000, 500, "items").text).toBe("1,234 of 5,000 (24%)");
  });
});

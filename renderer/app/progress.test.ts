import { describe, expect, it } from "vitest";
import { describeProgress, formatBytes, formatDuration, formatTimeLeft } from "./progress";

describe("progress in words", () => {
  it("formats sizes", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1500)).toBe("1.5 KB");
    expect(formatBytes(200_000_000)).toBe("200 MB");
    expect(formatBytes(1_073_741_824)).toBe("1.1 GB");
  });

  it("formats durations in words, singular and plural", () => {
    expect(formatDuration(0.2)).toBe("less than a second");
    expect(formatDuration(1.2)).toBe("1 second");
    expect(formatDuration(42.4)).toBe("42 seconds");
    expect(formatDuration(89)).toBe("89 seconds");
    expect(formatDuration(90)).toBe("2 minutes");
    expect(formatDuration(600)).toBe("10 minutes");
    expect(formatDuration(5370)).toBe("1 hour 30 minutes");
    expect(formatDuration(3600 * 2)).toBe("2 hours");
    expect(formatDuration(3660)).toBe("61 minutes");
    expect(formatDuration(7500)).toBe("2 hours 5 minutes");
    expect(formatDuration(3600 + 60 * 89)).toBe("2 hours 29 minutes");
    expect(formatDuration(3600 * 3 + 60)).toBe("3 hours 1 minute");
  });

  it("says the time left as a sentence", () => {
    expect(formatTimeLeft(0.4)).toBe("Less than a second left");
    expect(formatTimeLeft(1)).toBe("About 1 second left");
    expect(formatTimeLeft(5.2)).toBe("About 5 seconds left");
    expect(formatTimeLeft(125)).toBe("About 2 minutes left");
    expect(formatTimeLeft(60 * 60 * 1.5)).toBe("About 1 hour 30 minutes left");
  });

  it("estimates the time left only once there is something to go on", () => {
    expect(describeProgress(5_000_000, undefined, 3000)).toEqual({ fraction: undefined, text: "5.0 MB so far" });
    expect(describeProgress(1_000_000, 200_000_000, 500).text).toBe("1.0 MB of 200 MB (0%)");
    expect(describeProgress(50_000_000, 200_000_000, 2000)).toEqual({ fraction: 0.25, text: "50.0 MB of 200 MB (25%) · About 6 seconds left · 25.0 MB/s" });
    expect(describeProgress(199_000_000, 200_000_000, 8000).text).toBe("199 MB of 200 MB (99%) · Less than a second left · 24.9 MB/s");
    expect(describeProgress(200_000_000, 200_000_000, 8000)).toEqual({ fraction: 1, text: "200 MB of 200 MB (100%)" });
    expect(describeProgress(3, 10, 5000, "items").text).toBe("3 of 10 (30%) · About 12 seconds left");
  });
});

import { describe, expect, it } from "vitest";
import { describeProgress, formatBytes, formatDuration } from "./progress";

describe("progress in words", () => {
  it("formats sizes and durations", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1500)).toBe("1.5 KB");
    expect(formatBytes(200_000_000)).toBe("200 MB");
    expect(formatBytes(1_073_741_824)).toBe("1.1 GB");
    expect(formatDuration(0.2)).toBe("less than a second");
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(600)).toBe("10 min");
    expect(formatDuration(7500)).toBe("2 h 5 min");
  });

  it("estimates the time left only once there is something to go on", () => {
    expect(describeProgress(5_000_000, undefined, 3000)).toEqual({ fraction: undefined, text: "5.0 MB so far" });
    expect(describeProgress(1_000_000, 200_000_000, 500).text).toBe("1.0 MB of 200 MB (0%)");
    expect(describeProgress(50_000_000, 200_000_000, 2000)).toEqual({ fraction: 0.25, text: "50.0 MB of 200 MB (25%) · about 6 s left · 25.0 MB/s" });
    expect(describeProgress(200_000_000, 200_000_000, 8000)).toEqual({ fraction: 1, text: "200 MB of 200 MB (100%)" });
    expect(describeProgress(3, 10, 5000, "items").text).toBe("3 of 10 (30%) · about 12 s left");
  });
});

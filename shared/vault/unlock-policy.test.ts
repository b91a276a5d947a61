import { describe, expect, it } from "vitest";
import { remainingDelay, unlockDelay } from "./unlock-policy";

describe("unlockDelay", () => {
  it("is free for three attempts, then doubles from one second up to five minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 100, 1e9].map(unlockDelay)).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 256_000, 300_000, 300_000, 300_000]);
  });

  it("counts the wait from the last failure, and not less after the clock goes back", () => {
    const failures = { count: 5, lastAt: "2025-01-01T00:00:00.000Z" };
    expect(remainingDelay(failures, new Date("2025-01-01T00:00:00.500Z"))).toBe(1500);
    expect(remainingDelay(failures, new Date("2025-01-01T00:00:03.000Z"))).toBe(0);
    expect(remainingDelay(failures, new Date("2024-12-31T00:00:00.000Z"))).toBe(2000);
  });
});

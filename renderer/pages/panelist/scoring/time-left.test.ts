import { describe, expect, it } from "vitest";
import { timeLeft } from "./time-left";

describe("time left until the deadline", () => {
  const deadline = "2026-12-10T12:00:00.000Z";
  const at = (iso: string) => Date.parse(iso);
  it("names the largest whole unit, in the interface's language", () => {
    expect(timeLeft(deadline, at("2026-12-07T09:00:00.000Z"), "en")).toEqual({ text: "in 3 days", passed: false });
    expect(timeLeft(deadline, at("2026-12-10T07:30:00.000Z"), "en")).toEqual({ text: "in 4 hours", passed: false });
    expect(timeLeft(deadline, at("2026-12-10T11:58:00.000Z"), "en")).toEqual({ text: "in 2 minutes", passed: false });
    expect(timeLeft(deadline, at("2026-12-12T12:00:00.000Z"), "en")).toEqual({ text: "2 days ago", passed: true });
    expect(timeLeft(deadline, at("2026-12-07T09:00:00.000Z"), "fr").text).toBe("dans 3 jours");
  });
});

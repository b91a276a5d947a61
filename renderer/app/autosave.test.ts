import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type AutosaveState } from "./autosave";

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (fail = () => false) => {
    const saved: number[] = [];
    const states: AutosaveState["status"][] = [];
    let n = 0;
    const saver = new Autosaver<number>(
      async (value) => {
        await new Promise((r) => setTimeout(r, 50));
        if (fail()) return { ok: false, error: "disk full" };
        saved.push(value);
        n += 1;
        return { ok: true, savedAt: `t${n}` };
      },
      (s) => states.push(s.status),
      300,
    );
    return { saver, saved, states };
  };

  it("saves the last value once, shortly after the last change", async () => {
    const { saver, saved, states } = setup();
    saver.change(1);
    await vi.advanceTimersByTimeAsync(100);
    saver.change(2);
    saver.change(3);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(299);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(saved).toEqual([3]);
    expect(states.at(-1)).toBe("saved");
    expect(saver.dirty).toBe(false);
  });

  it("a change during a save is saved right after it, never in parallel, never lost", async () => {
    const { saver, saved } = setup();
    saver.change(1);
    await vi.advanceTimersByTimeAsync(310); // the save of 1 is running
    saver.change(2);
    expect(saver.dirty).toBe(true);
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(200);
    await flushed;
    expect(saved).toEqual([1, 2]);
    expect(saver.dirty).toBe(false);
  });

  it("flush saves at once (closing the window does not wait for the delay)", async () => {
    const { saver, saved } = setup();
    saver.change(7);
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(60);
    await flushed;
    expect(saved).toEqual([7]);
  });

  it("a failed save says so and keeps the value for the next attempt", async () => {
    let failing = true;
    const { saver, saved, states } = setup(() => failing);
    saver.change(5);
    await vi.advanceTimersByTimeAsync(400);
    expect(states.at(-1)).toBe("failed");
    expect(saver.dirty).toBe(true);
    failing = false;
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(60);
    await flushed;
    expect(saved).toEqual([5]);
    expect(states.at(-1)).toBe("saved");
  });
});

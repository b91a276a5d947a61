import { describe, expect, it } from "vitest";
import { IdleLock } from "./idle-lock";

function fakeTime() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > end) break;
        timers.shift();
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

describe("IdleLock", () => {
  it("fires once after the timeout without activity", () => {
    const time = fakeTime();
    let fired = 0;
    new IdleLock({ timeoutMs: 600_000, onIdle: () => fired++, ...time });
    time.advance(599_999);
    expect(fired).toBe(0);
    time.advance(1);
    expect(fired).toBe(1);
    time.advance(10_000_000);
    expect(fired).toBe(1);
  });

  it("restarts the idle period on activity", () => {
    const time = fakeTime();
    let fired = 0;
    const lock = new IdleLock({ timeoutMs: 60_000, onIdle: () => fired++, ...time });
    time.advance(50_000);
    lock.activity();
    time.advance(50_000);
    expect(fired).toBe(0);
    lock.activity();
    time.advance(59_000);
    expect(fired).toBe(0);
    time.advance(1_000);
    expect(fired).toBe(1);
  });

  it("never fires once stopped", () => {
    const time = fakeTime();
    let fired = 0;
    const lock = new IdleLock({ timeoutMs: 1_000, onIdle: () => fired++, ...time });
    lock.stop();
    time.advance(5_000);
    expect(fired).toBe(0);
  });
});

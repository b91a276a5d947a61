import { describe, expect, it } from "vitest";
import { closeRequested, HOLD_MS, OPEN, RETRY_MS, unloadHeld, type CloseState } from "./close-policy";

/** Plays the window's events through the policy: "close" by the person, "retry" by main, "held" when the page holds the unload. */
function play(events: readonly (readonly ["close" | "retry" | "held", number])[]) {
  let state: CloseState = OPEN;
  const actions: string[] = [];
  for (const [event, at] of events) {
    if (event === "held") {
      const next = unloadHeld(state, at);
      state = next.state;
      actions.push(next.action.kind === "retry" ? `retry in ${next.action.afterMs}` : next.action.kind);
    } else state = closeRequested(state, at, event === "retry");
  }
  return { state, actions };
}

describe("closing the window while a draft is being saved", () => {
  it("holds the close the person asked for and tries again until the page no longer holds it", () => {
    // Closed at 0; the page's save is pending for two tries; the third close is not held (the window closes).
    const { state, actions } = play([["close", 0], ["held", 1], ["retry", 101], ["held", 102], ["retry", 202]]);
    expect(actions).toEqual([`retry in ${RETRY_MS}`, `retry in ${RETRY_MS}`]);
    expect(state).toEqual({ phase: "holding", since: 0 });
  });

  it("a retry does not restart the hold: past HOLD_MS the window stays open, and closing again then closes", () => {
    const { state, actions } = play([["close", 0], ["held", 5], ["retry", HOLD_MS - 10], ["held", HOLD_MS - 9], ["retry", HOLD_MS + 1], ["held", HOLD_MS + 2]]);
    expect(actions).toEqual([`retry in ${RETRY_MS}`, `retry in ${RETRY_MS}`, "stay"]);
    expect(state).toEqual({ phase: "gave-up" });
    const again = play([["close", 0], ["held", HOLD_MS + 2], ["close", HOLD_MS + 5000], ["held", HOLD_MS + 5001]]);
    expect(again.actions).toEqual(["stay", "unload"]);
    expect(again.state).toEqual(OPEN);
  });

  it("an unload the person did not ask for (a reload) stays held, as Electron does by default", () => {
    expect(play([["held", 0]]).actions).toEqual(["stay"]);
  });

  it("a second close by the person while a hold runs does not restart it", () => {
    expect(play([["close", 0], ["close", 3000], ["held", HOLD_MS + 1]]).actions).toEqual(["stay"]);
  });
});

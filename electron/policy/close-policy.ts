/**
 * Closing the window while a draft is being saved, as a pure state machine
 * (main.ts only wires it to Electron's hooks).
 *
 * The renderer's autosave (renderer/app/useAutosave.ts) starts writing at
 * once when the page is about to unload and, while a save is pending, holds
 * the unload with beforeunload's preventDefault. A browser would then ask
 * "Leave page?"; Electron instead cancels the close silently and emits
 * `will-prevent-unload`. So the main process decides:
 * - the person asked to close (the window's `close` event): the close is
 *   held while the page saves, and tried again every RETRY_MS until the
 *   page no longer holds it (its beforeunload sees nothing pending), for up
 *   to HOLD_MS;
 * - past HOLD_MS (a save that fails or hangs), the window stays open, where
 *   the page shows why the draft is not saved; closing again then closes
 *   (the person chose to leave, as with a browser's "Leave anyway");
 * - an unload held that the person did not ask for (a reload): the page
 *   stays, as Electron does by default.
 */
export const RETRY_MS = 100;
export const HOLD_MS = 10_000;

export type CloseState =
  | { readonly phase: "open" }
  /** The person asked to close at `since` (ms); the page is still saving. */
  | { readonly phase: "holding"; readonly since: number }
  /** A hold ran out; the next close the person asks for is not held. */
  | { readonly phase: "gave-up" }
  /** The person asked again after a hold ran out: this close goes through. */
  | { readonly phase: "leaving" };

export const OPEN: CloseState = { phase: "open" };

/** The window's `close` event: `retry` when main itself closes again after a hold. */
export function closeRequested(state: CloseState, now: number, retry: boolean): CloseState {
  if (retry) return state;
  switch (state.phase) {
    case "open":
      return { phase: "holding", since: now };
    case "holding":
    case "leaving":
      return state;
    case "gave-up":
      return { phase: "leaving" };
  }
}

export type HeldAction =
  /** The page stays open (Electron's default: the unload is cancelled). */
  | { readonly kind: "stay" }
  /** Close the window again after `afterMs`: by then the save may be done. */
  | { readonly kind: "retry"; readonly afterMs: number }
  /** Ignore the page's hold and unload (preventDefault on `will-prevent-unload`). */
  | { readonly kind: "unload" };

/** The page's beforeunload held an unload (`will-prevent-unload`) at `now`. */
export function unloadHeld(state: CloseState, now: number): { readonly state: CloseState; readonly action: HeldAction } {
  switch (state.phase) {
    case "open":
    case "gave-up":
      return { state, action: { kind: "stay" } };
    case "holding":
      return now - state.since < HOLD_MS ? { state, action: { kind: "retry", afterMs: RETRY_MS } } : { state: { phase: "gave-up" }, action: { kind: "stay" } };
    case "leaving":
      return { state: OPEN, action: { kind: "unload" } };
  }
}

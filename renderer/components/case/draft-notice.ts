import { useSyncExternalStore } from "react";

/**
 * The sentence telling the person that the case they just left had unsaved
 * changes, kept as a draft. Set by the case editor as it closes, shown by
 * the secretariat's screen (which stays on screen between its sections)
 * until they open a case again. Kept in memory only, never stored.
 */
let notice: string | undefined;
const listeners = new Set<() => void>();

export function setDraftNotice(text: string | undefined): void {
  notice = text;
  for (const listener of listeners) listener();
}

export function useDraftNotice(): string | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notice,
  );
}

import { useSyncExternalStore } from "react";

/**
 * That the case the person just left had unsaved changes, kept as a draft:
 * the case's title, set by the case editor as it closes; the secretariat's
 * screen (which stays on screen between its sections) says so in the
 * interface's language until they open a case again. Kept in memory only,
 * never stored.
 */
export type DraftNotice = { readonly caseTitle: string };

let notice: DraftNotice | undefined;
const listeners = new Set<() => void>();

export function setDraftNotice(next: DraftNotice | undefined): void {
  notice = next;
  for (const listener of listeners) listener();
}

export function useDraftNotice(): DraftNotice | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notice,
  );
}

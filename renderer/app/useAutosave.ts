import { useCallback, useEffect, useRef, useState } from "react";
import { Autosaver, type AutosaveState, type Saver } from "./autosave";

/**
 * Autosave bound to a component and the page: `change(value)` after every
 * edit; the value is saved `delayMs` later, at once when the page is hidden
 * or closed, and a close with unsaved changes asks the person first (the
 * browser's own "leave page?" question; the desktop app's main process holds
 * the close until the save lands: electron/policy/close-policy.ts).
 */
export function useAutosave<T>(save: Saver<T>, delayMs = 400): { state: AutosaveState; change: (value: T) => void; flush: () => Promise<void> } {
  const [state, setState] = useState<AutosaveState>({ status: "idle" });
  const saveRef = useRef(save);
  saveRef.current = save;
  const saver = useRef<Autosaver<T> | undefined>(undefined);
  saver.current ??= new Autosaver<T>((value) => saveRef.current(value), setState, delayMs);

  useEffect(() => {
    const s = saver.current as Autosaver<T>;
    const hidden = () => {
      if (document.visibilityState === "hidden") void s.flush();
    };
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!s.dirty) return;
      void s.flush();
      event.preventDefault();
    };
    const pageHide = () => void s.flush();
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("pagehide", pageHide);
    return () => {
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("pagehide", pageHide);
      // Leaving the screen inside the app: what is waiting is saved now.
      void s.flush();
      s.dispose();
    };
  }, []);

  const change = useCallback((value: T) => saver.current?.change(value), []);
  const flush = useCallback(() => saver.current?.flush() ?? Promise.resolve(), []);
  return { state, change, flush };
}

import { t } from "@lingui/core/macro";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftContent } from "../../../../shared/case/case-draft";
import { caseDraftRecord, draftKey, isEmptyDraft, type DraftOffer } from "../../../../shared/case/draft-state";
import type { CaseId } from "../../../../shared/case/model";
import { setDraftNotice } from "../../../components/case/draft-notice";
import { cryptoWorker } from "../../../crypto/worker-client";
import { describeWorkerError } from "../../../i18n/problems";

/** How long the editor waits after the last change before keeping the draft in the vault. */
const AUTOSAVE_MS = 1000;

export type DraftKeeping = {
  /** Keeps the current content as the case's draft now, unless it was kept already. */
  readonly persist: () => void;
  /** When the draft holding exactly the current content was kept; undefined while it is not (yet). */
  readonly keptAt: string | undefined;
  /** Why the last draft could not be kept, in words. */
  readonly keepError: string | undefined;
  /** Resolves once every draft being written has landed. */
  readonly settled: () => Promise<void>;
  /** The case was saved (or attached to, or imported into): the vault deleted its stored draft. */
  readonly caseSaved: () => void;
  /** The person restored `offer`: it is the stored draft. */
  readonly restored: (offer: DraftOffer) => void;
  /** The stored draft was discarded, or the case deleted with it: nothing stored any more. */
  readonly dropped: () => void;
};

/**
 * Keeps the unsaved `content` of case `caseId` as its draft in the vault: a
 * second after each change (and after each save of the case, which deleted
 * the stored draft), on `persist()` (the editor calls it when the tab
 * changes), when the window is hidden or closed (a close before the draft is
 * written asks first) and when the editor closes, which also tells the
 * secretariat's screen that the case `title` has a draft. Nothing is kept
 * until `ready`: before the person has answered the offer of an earlier
 * draft, it would be overwritten.
 */
export function useDraftKeeping({ caseId, content, ready, title, saved }: { caseId: CaseId; content: DraftContent; ready: boolean; title: string; saved: unknown }): DraftKeeping {
  const [keptAt, setKeptAt] = useState<string | undefined>();
  const [keepError, setKeepError] = useState<string | undefined>();
  const key = draftKey(content);
  const latest = useRef({ content, key, ready, title });
  latest.current = { content, key, ready, title };
  // Whether the vault holds a draft of this case; the key of the last content kept (or being kept).
  const storedDraft = useRef(false);
  const lastKept = useRef<string | undefined>(undefined);
  const inFlight = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const persist = useCallback(() => {
    const { content: now, key: nowKey, ready: isReady } = latest.current;
    if (!isReady || nowKey === lastKept.current) return;
    lastKept.current = nowKey;
    // Nothing unsaved and nothing stored: nothing to write.
    if (isEmptyDraft(now) && !storedDraft.current) return;
    inFlight.current++;
    const record = caseDraftRecord(caseId, new Date().toISOString(), now);
    queue.current = queue.current.then(async () => {
      const kept = await cryptoWorker.call("case:draft-keep", { draft: record });
      inFlight.current--;
      if (kept.ok) {
        storedDraft.current = kept.value.savedAt !== null;
        setKeptAt(kept.value.savedAt ?? undefined);
        setKeepError(undefined);
      } else {
        if (lastKept.current === nowKey) lastKept.current = undefined;
        const problem = describeWorkerError(kept.error);
        setKeepError(t`Your unsaved changes could not be kept as a draft: ${problem}`);
      }
    });
  }, [caseId]);

  // A second after the last change (and after each save of the case, which deleted the stored draft).
  useEffect(() => {
    if (!ready || key === lastKept.current) return;
    const timer = setTimeout(persist, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [key, ready, persist, saved]);

  // When the window is hidden or closed; a close before the draft is written asks first.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") persist();
    };
    const onPageHide = () => persist();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const { ready: isReady, key: nowKey } = latest.current;
      const behind = isReady && nowKey !== lastKept.current;
      persist();
      if (behind || inFlight.current > 0) event.preventDefault();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [persist]);

  // When the editor closes (another case, the case list, another screen): kept, and the person told.
  useEffect(
    () => () => {
      const { ready: isReady, content: now, title: caseTitle } = latest.current;
      if (!isReady || isEmptyDraft(now)) return;
      persist();
      setDraftNotice({ caseTitle });
    },
    [persist],
  );

  return {
    persist,
    keptAt: keptAt !== undefined && lastKept.current === key ? keptAt : undefined,
    keepError,
    settled: () => queue.current,
    caseSaved: () => {
      storedDraft.current = false;
      lastKept.current = undefined;
      setKeptAt(undefined);
    },
    restored: (offer) => {
      storedDraft.current = true;
      lastKept.current = draftKey(offer);
      setKeptAt(offer.savedAt);
    },
    dropped: () => {
      storedDraft.current = false;
    },
  };
}

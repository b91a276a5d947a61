import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { Opinion } from "../../../../shared/opinion/opinion";
import type { DraftState, OpinionView, StatisticsAnswer } from "../../../../shared/worker/contract";
import { useAutosave } from "../../../app/useAutosave";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatDateTime, formatNumber } from "../../../i18n/format";
import { describeMergeError, describeWorkerError } from "../../../i18n/problems";
import { FindingsEditor } from "./FindingsEditor";
import { describeDraftError, describeDraftRefusal, describeMarkProblem } from "./labels";
import { ReasoningEditor } from "./ReasoningEditor";
import { SendForComment } from "./SendForComment";
import { CoSigning } from "./CoSigning";
import { EstimatesPart, EvidencePart, RosterPart } from "./WithholdingParts";

type Loaded = Extract<OpinionView, { outcome: "draft" }>;

/**
 * The chair's draft of the consolidated opinion (issue 15, "Drafting"),
 * opened from the Chair page once scoresheets are held: per claim the
 * finding reported, the majority reasoning, and what may be withheld (the
 * evidence, the roster's details, the released estimates' regions). The
 * opinion is recomputed by the worker from the final round's statistics and
 * the chair's choices; the draft is autosaved, encrypted, shortly after each
 * change.
 */
export function OpinionDraftSection({ caseId, statistics }: { caseId: string; statistics: StatisticsAnswer | undefined }) {
  const headingId = useId();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby={headingId} className="opinion-draft" data-testid="opinion-draft">
      <h3 id={headingId}>
        <Trans>Opinion draft</Trans>
      </h3>
      <p className="muted">
        <Trans>The consolidated opinion, drafted from the statistics of the final round: the findings you report, the majority reasoning, and what the secretariat may withhold when it publishes.</Trans>
      </p>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-testid="opinion-draft-toggle">
        {open ? <Trans>Close the opinion draft</Trans> : <Trans>Draft the opinion</Trans>}
      </button>
      <div id={panelId}>{open && <OpinionEditor caseId={caseId} refresh={statistics} />}</div>
    </section>
  );
}

function OpinionEditor({ caseId, refresh }: { caseId: string; refresh: unknown }) {
  const { t } = useLingui();
  const reading = useOperation();
  const [view, setView] = useState<Loaded | undefined>();
  const [draft, setDraft] = useState<DraftState | undefined>();
  const [opinion, setOpinion] = useState<Opinion | null>(null);
  const [sentCount, setSentCount] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();
  const { run } = reading;

  const autosave = useAutosave<DraftState>(async (value) => {
    const r = await cryptoWorker.call("opinion:save", { caseId, draft: value });
    if (!r.ok) return { ok: false, error: describeWorkerError(r.error) };
    const saved = r.value;
    if (saved.outcome === "saved") {
      setOpinion(saved.opinion);
      return { ok: true, savedAt: saved.updatedAt };
    }
    return { ok: false, error: saved.outcome === "refused" ? describeMergeError(saved.error) : describeDraftRefusal(saved.refusal, opinion) };
  });
  const { flush } = autosave;

  const load = useCallback(async () => {
    // What is waiting is saved first, so the draft read back is the one on screen.
    await flush();
    const answer = await run(t`Drafting the opinion from the statistics…`, (o) => cryptoWorker.call("opinion:load", { caseId }, o));
    if (!answer) return;
    if (answer.outcome === "refused") {
      setProblem(describeMergeError(answer.error));
      return;
    }
    setProblem(undefined);
    setView(answer);
    setDraft(answer.draft);
    setOpinion(answer.opinion);
  }, [run, t, caseId, flush]);
  // Loaded when opened, and again when an import changes the scoresheets held.
  const loaded = useRef<unknown>(Symbol("none"));
  useEffect(() => {
    if (loaded.current === refresh) return;
    loaded.current = refresh;
    void load();
  }, [load, refresh]);

  const change = (next: DraftState) => {
    setDraft(next);
    autosave.change(next);
  };

  const status = autosave.state;
  return (
    <div className="opinion-editor" data-testid="opinion-editor">
      <OperationStatus operation={reading} unit="items" />
      {problem && (
        <div className="alert" role="alert" data-testid="opinion-problem">
          {problem}
        </div>
      )}
      {view && draft && (
        <>
          <p className="muted" data-testid="opinion-round">
            <Trans>Drafted from the scoresheets of round {formatNumber(view.round)}.</Trans>
          </p>
          <p className="small autosave" role="status" data-testid="opinion-autosave" data-status={status.status}>
            {status.status === "pending" || status.status === "saving" ? t`Saving the draft…` : null}
            {status.status === "saved" && status.savedAt ? t`Saved, encrypted, at ${formatDateTime(status.savedAt)}.` : null}
            {status.status === "failed" ? <span className="inline-problem">{t`The draft was not saved: ${status.error ?? ""}`}</span> : null}
            {status.status === "idle" && view.updatedAt ? t`Last saved at ${formatDateTime(view.updatedAt)}.` : null}
            {status.status === "idle" && !view.updatedAt ? t`Not saved yet: these are the defaults. Any change is saved.` : null}
          </p>
          {view.problem && (
            <div className="alert" role="alert" data-testid="opinion-draft-problem">
              {describeDraftError(view.problem, opinion)}
            </div>
          )}
          {view.stale.length > 0 && (
            <div className="alert" role="alert" data-testid="opinion-stale">
              {view.stale.map(describeMarkProblem).join(" ")}
            </div>
          )}
          <FindingsEditor view={view} opinion={opinion} draft={draft} onChange={change} />
          <ReasoningEditor value={draft.reasoning} onChange={(reasoning) => change({ ...draft, reasoning })} />
          {opinion && (
            <>
              <EvidencePart opinion={opinion} draft={draft} onChange={change} />
              <RosterPart opinion={opinion} draft={draft} onChange={change} />
              <EstimatesPart view={view} opinion={opinion} draft={draft} onChange={change} />
            </>
          )}
          <SendForComment caseId={caseId} opinion={opinion} beforeSend={flush} onSent={() => setSentCount((n) => n + 1)} />
          {/* Read again whenever a draft goes out: the answers are to the latest one. */}
          <CoSigning key={sentCount} caseId={caseId} />
        </>
      )}
    </div>
  );
}

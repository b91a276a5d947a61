import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useState } from "react";
import type { RoundOverview } from "../../../../shared/merge/round-open";
import { MAX_NOTE } from "../../../../shared/scoring/scoresheet";
import { fromDateTimeInput, toDateTimeInput } from "../../../components/case/format";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { describeMergeError } from "../../../i18n/problems";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Opening round 2: a deadline (UTC), an optional note or question for the
 * panel, and a confirmation, since from then on only round-2 scoresheets
 * are imported. Offered once a quorum is declared for round 1.
 */
export function OpenRoundForm({ state, onOpened }: { state: RoundOverview; onOpened: (next: RoundOverview) => void }) {
  const { t } = useLingui();
  const id = useId();
  const opening = useOperation();
  const [deadline, setDeadline] = useState(() => new Date(Math.ceil((Date.now() + 2 * WEEK_MS) / 3_600_000) * 3_600_000).toISOString());
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const next = state.round + 1;

  const open = async () => {
    setProblem(undefined);
    const answer = await opening.run(t`Opening round ${next}…`, (o) => cryptoWorker.call("merge:open-round", { caseId: state.caseId, round: next, deadline, ...(note.trim() === "" ? {} : { note }) }, o));
    setConfirming(false);
    if (!answer) return;
    if (answer.outcome === "refused") setProblem(describeMergeError(answer.error));
    else onOpened(answer.state);
  };

  return (
    <div className="open-round" data-testid="open-round">
      <p>
        <Trans>
          In round 2 every panelist who submitted a scoresheet sees, without names, the panel’s round-1 estimates, their aggregates, and the rationales of those who agreed to share them, then revises their own scoresheet.
        </Trans>
      </p>
      {!state.quorumDeclared ? (
        <p data-testid="open-round-needs-quorum">
          <Trans>Declare a quorum for round 1 first; then you can open round 2.</Trans>
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-deadline`}>
              <Trans>Round 2 deadline (UTC)</Trans>
            </label>
            <input id={`${id}-deadline`} type="datetime-local" value={toDateTimeInput(deadline)} onChange={(e) => setDeadline(fromDateTimeInput(e.target.value, deadline))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>
              <Trans>Note or question for the panel (optional)</Trans>
            </label>
            <textarea id={`${id}-note`} data-testid="round-note-input" rows={3} maxLength={MAX_NOTE} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${id}-note-hint`} />
            <p id={`${id}-note-hint`} className="muted">
              <Trans>Every panelist’s feedback packet carries it. Plain text; do not name anyone.</Trans>
            </p>
          </div>
          {confirming ? (
            <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
              <p id={`${id}-confirm`}>
                <Trans>Once round 2 is open, you can no longer import round-1 scoresheets. Open round 2 now?</Trans>
              </p>
              <div className="actions">
                <button type="button" data-testid="confirm-open-round" disabled={opening.running !== undefined} onClick={() => void open()}>
                  <Trans>Open round 2</Trans>
                </button>
                <button type="button" onClick={() => setConfirming(false)} disabled={opening.running !== undefined}>
                  <Trans>Cancel</Trans>
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button type="button" data-testid="open-round-button" onClick={() => setConfirming(true)}>
                <Trans>Open round 2…</Trans>
              </button>
            </div>
          )}
        </>
      )}
      <OperationStatus operation={opening} unit="items" />
      {problem && (
        <div className="alert" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

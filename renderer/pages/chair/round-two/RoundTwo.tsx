import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState } from "react";
import type { Dashboard } from "../../../../shared/merge/dashboard";
import type { RoundOverview } from "../../../../shared/merge/round-open";
import { Timestamp } from "../../../components/case/format";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatNumber } from "../../../i18n/format";
import { describeMergeError } from "../../../i18n/problems";
import { FeedbackExport } from "./FeedbackExport";
import { MovementTable } from "./MovementTable";
import { OpenRoundForm } from "./OpenRoundForm";

/**
 * The Delphi / IDEA second round on the chair's side: open it (with a
 * deadline and a note, once round 1 has a quorum), export one feedback
 * packet per panelist who submitted in round 1, and, as round-2
 * scoresheets come in (imported above, shown in the seats' table), the
 * movement between the rounds.
 */
export function RoundTwo({ dashboard, onOpened }: { dashboard: Dashboard; onOpened: () => void }) {
  const { t } = useLingui();
  const headingId = useId();
  const reading = useOperation();
  const [state, setState] = useState<RoundOverview | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const { caseId } = dashboard;
  const { run } = reading;

  const load = useCallback(async () => {
    const answer = await run(t`Reading the rounds of this case…`, (o) => cryptoWorker.call("merge:round", { caseId }, o));
    if (!answer) return;
    if (answer.outcome === "refused") setProblem(describeMergeError(answer.error));
    else setState(answer.state);
    // The quorum and the scoresheets held change what this section offers.
  }, [run, t, caseId]);
  useEffect(() => {
    void load();
  }, [load, dashboard.quorum, dashboard.counts.submitted]);

  const opened = (next: RoundOverview) => {
    setState(next);
    onOpened();
  };

  return (
    <section aria-labelledby={headingId} className="chair-round-two" data-testid="round-two">
      <h3 id={headingId}>
        <Trans>Round 2 (Delphi)</Trans>
      </h3>
      <OperationStatus operation={reading} unit="items" />
      {problem && (
        <div className="alert" role="alert">
          {problem}
        </div>
      )}
      {state && state.round === 1 && <OpenRoundForm state={state} onOpened={opened} />}
      {state && state.round >= 2 && state.opened && (
        <>
          <p role="status" data-testid="round-open">
            <Trans>
              Round {formatNumber(state.round)} opened on <Timestamp iso={state.opened.openedAt} />; scoresheets are due by <Timestamp iso={state.opened.deadline} />.
            </Trans>
          </p>
          {state.opened.note !== undefined && (
            <figure className="round-note">
              <figcaption>
                <Trans>Your note to the panel</Trans>
              </figcaption>
              <blockquote data-testid="round-note">{state.opened.note}</blockquote>
            </figure>
          )}
          <p className="muted">
            <Trans>The seats’ table above now shows round {formatNumber(state.round)}: import the round-2 scoresheets there, as in round 1.</Trans>
          </p>
          <FeedbackExport state={state} />
          <MovementTable caseId={caseId} round={state.round} refresh={dashboard.counts.submitted} />
        </>
      )}
    </section>
  );
}

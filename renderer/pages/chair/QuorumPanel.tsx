import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import type { Dashboard } from "../../../shared/merge/dashboard";
import { Timestamp } from "../../components/case/format";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatNumber } from "../../i18n/format";
import { describeMergeError } from "../../i18n/problems";

/**
 * The chair decides when the panel has a quorum: the declaration records the
 * time and how many of the seats had submitted (declaring again later
 * replaces it; the audit log keeps every declaration).
 */
export function QuorumPanel({ dashboard, onDeclared }: { dashboard: Dashboard; onDeclared: (d: Dashboard) => void }) {
  const { t } = useLingui();
  const declaring = useOperation();
  const [problem, setProblem] = useState<string | undefined>();
  const { quorum, counts, round } = dashboard;
  const submitted = formatNumber(counts.submitted);
  const seats = formatNumber(counts.seats);
  // The declared quorum's counts ({n} of {m} in its sentence).
  const n = quorum && formatNumber(quorum.submitted);
  const m = quorum && formatNumber(quorum.seats);
  const declare = async () => {
    setProblem(undefined);
    const answer = await declaring.run(t`Recording the quorum…`, (o) => cryptoWorker.call("merge:declare-quorum", { caseId: dashboard.caseId, round }, o));
    if (!answer) return;
    if (answer.outcome === "refused") setProblem(describeMergeError(answer.error));
    else onDeclared(answer.dashboard);
  };
  return (
    <div className="quorum" data-testid="quorum">
      <h3>
        <Trans>Quorum</Trans>
      </h3>
      {quorum ? (
        <p role="status" data-testid="quorum-declared">
          <Trans>
            You declared a quorum on <Timestamp iso={quorum.declaredAt} />, with {n} of {m} scoresheets.
          </Trans>
        </p>
      ) : (
        <p>
          <Trans>You decide when the panel has a quorum. No quorum has been declared yet.</Trans>
        </p>
      )}
      <button type="button" data-testid="declare-quorum" disabled={counts.submitted === 0 || declaring.running !== undefined} onClick={() => void declare()}>
        {quorum ? <Trans>Declare the quorum again, with {submitted} of {seats} scoresheets</Trans> : <Trans>Declare a quorum with {submitted} of {seats} scoresheets</Trans>}
      </button>
      <OperationStatus operation={declaring} unit="items" />
      {problem && (
        <div className="alert" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

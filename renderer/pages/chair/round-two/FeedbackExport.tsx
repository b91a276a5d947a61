import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import type { RoundOverview } from "../../../../shared/merge/round-open";
import { saveFile } from "../../../app/download";
import { shortHash } from "../../../components/case/format";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatNumber } from "../../../i18n/format";
import { describeMergeError } from "../../../i18n/problems";

type Saved = { readonly fileName: string; readonly sha256: string } | { readonly problem: string };

/**
 * One feedback packet per panelist who submitted in round 1, each signed
 * with the chair's key and encrypted to that panelist alone, saved as a
 * file to hand over on removable media. The file names and SHA-256 are
 * listed as saved.
 */
export function FeedbackExport({ state }: { state: RoundOverview }) {
  const { t } = useLingui();
  const operation = useOperation();
  const [saved, setSaved] = useState<ReadonlyMap<string, Saved>>(new Map());
  const seats = state.feedbackSeats;
  const total = formatNumber(seats.length);

  const exportAll = async () => {
    setSaved(new Map());
    for (const [i, seat] of seats.entries()) {
      const n = formatNumber(i + 1);
      const name = seat.displayName;
      const answer = await operation.run(t`Building the feedback packet for ${name} (${n} of ${total})…`, (o) => cryptoWorker.call("merge:export-feedback", { caseId: state.caseId, seat: seat.fingerprint }, o));
      if (!answer) return;
      if (answer.outcome === "refused") {
        const problem = describeMergeError(answer.error);
        setSaved((m) => new Map(m).set(seat.fingerprint, { problem }));
        continue;
      }
      saveFile(answer.file);
      const entry = { fileName: answer.file.fileName, sha256: answer.sha256 };
      setSaved((m) => new Map(m).set(seat.fingerprint, entry));
    }
  };

  return (
    <div className="feedback-export" data-testid="feedback-export">
      <h4>
        <Trans>Feedback packets</Trans>
      </h4>
      {seats.length === 0 ? (
        <p>
          <Trans>No seat submitted a scoresheet in round 1, so there is no feedback to send.</Trans>
        </p>
      ) : (
        <>
          <p className="muted">
            <Trans>Each packet is encrypted to one panelist and signed with your chair key. It shows them their own round-1 estimate among the others, never a name or a region.</Trans>
          </p>
          <div className="actions">
            <button type="button" data-testid="export-feedback" disabled={operation.running !== undefined} onClick={() => void exportAll()}>
              <Trans>Save a feedback packet for each of the {total} panelists</Trans>
            </button>
          </div>
          <OperationStatus operation={operation} unit="items" />
          <table className="feedback-outbox">
            <caption className="visually-hidden">
              <Trans>Feedback packets per seat</Trans>
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Trans>Panelist</Trans>
                </th>
                <th scope="col">
                  <Trans>File saved</Trans>
                </th>
                <th scope="col">
                  <Trans>SHA-256</Trans>
                </th>
              </tr>
            </thead>
            <tbody>
              {seats.map((seat) => {
                const s = saved.get(seat.fingerprint);
                return (
                  <tr key={seat.fingerprint} data-testid="feedback-seat">
                    <th scope="row">{seat.displayName}</th>
                    {s === undefined ? (
                      <td colSpan={2} className="muted">
                        <Trans>Not saved yet</Trans>
                      </td>
                    ) : "problem" in s ? (
                      <td colSpan={2} role="alert">
                        {s.problem}
                      </td>
                    ) : (
                      <>
                        <td data-testid="feedback-file">
                          <Ltr className="mono">{s.fileName}</Ltr>
                        </td>
                        <td title={s.sha256}>
                          <Ltr className="mono">{shortHash(s.sha256)}</Ltr>
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

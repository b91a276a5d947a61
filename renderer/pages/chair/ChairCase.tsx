import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState } from "react";
import type { Dashboard } from "../../../shared/merge/dashboard";
import type { FileResult } from "../../../shared/merge/import-scoresheets";
import type { ChairedCase, StatisticsAnswer } from "../../../shared/worker/contract";
import { Timestamp } from "../../components/case/format";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatNumber } from "../../i18n/format";
import { describeMergeError } from "../../i18n/problems";
import { ImportResults } from "./ImportResults";
import { QuorumPanel } from "./QuorumPanel";
import { ScoresheetDrop } from "./ScoresheetDrop";
import { SeatTable } from "./SeatTable";
import { StatisticsSection } from "./statistics/StatisticsSection";
import { RoundTwo } from "./round-two/RoundTwo";
import { OpinionDraftSection } from "./opinion/OpinionDraft";

/** One case the vault chairs: import scoresheets, their per-file results, the seats' dashboard, the quorum. */
export function ChairCase({ chaired }: { chaired: ChairedCase }) {
  const { t } = useLingui();
  const headingId = useId();
  const reading = useOperation();
  const importing = useOperation();
  const [dashboard, setDashboard] = useState<Dashboard | undefined>();
  const [statistics, setStatistics] = useState<StatisticsAnswer | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [results, setResults] = useState<readonly FileResult[] | undefined>();
  const { caseId, title } = chaired;
  const { run } = reading;

  const load = useCallback(async () => {
    const answer = await run(t`Reading the scoresheets held for “${title}”…`, (o) => cryptoWorker.call("merge:dashboard", { caseId }, o));
    if (!answer) return;
    if (answer.outcome === "refused") setProblem(describeMergeError(answer.error));
    else {
      setDashboard(answer.dashboard);
      setStatistics(answer.statistics);
    }
  }, [run, t, title, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const importFiles = async (files: readonly File[]) => {
    setResults(undefined);
    setProblem(undefined);
    const label = t({ message: `Checking and decrypting ${formatNumber(files.length)} files…`, comment: "count of scoresheet files being imported" });
    const answer = await importing.run(label, (o) => cryptoWorker.call("merge:import", { caseId, files: files.map((file) => ({ name: file.name, file })) }, o));
    if (!answer) return;
    if (answer.outcome === "refused") {
      setProblem(describeMergeError(answer.error));
      return;
    }
    setResults(answer.results);
    setDashboard(answer.dashboard);
    setStatistics(answer.statistics);
  };

  return (
    <section aria-labelledby={headingId} className="chair-case" data-testid="chair-case">
      <h2 id={headingId}>{title}</h2>
      <p className="muted">
        <Trans>
          Deadline: <Timestamp iso={dashboard?.deadline ?? chaired.deadline} />
        </Trans>
      </p>
      <OperationStatus operation={reading} unit="items" />
      {problem && (
        <div className="alert" role="alert" data-testid="chair-problem">
          {problem}
        </div>
      )}
      <ScoresheetDrop id={`${headingId}-files`} busy={importing.running !== undefined} onFiles={(files) => void importFiles(files)} />
      <OperationStatus operation={importing} unit="items" />
      {results && <ImportResults results={results} dashboard={dashboard} />}
      {dashboard && <DashboardView dashboard={dashboard} onDeclared={setDashboard} />}
      {dashboard && <StatisticsSection key={dashboard.round} caseId={caseId} openRound={dashboard.round} current={statistics} />}
      {dashboard && <RoundTwo dashboard={dashboard} onOpened={() => void load()} />}
      {dashboard && (statistics?.outcome === "statistics" || dashboard.round > 1) && <OpinionDraftSection caseId={caseId} statistics={statistics} />}
    </section>
  );
}

/** The seats' dashboard: the count, the table, the quorum. */
function DashboardView({ dashboard, onDeclared }: { dashboard: Dashboard; onDeclared: (d: Dashboard) => void }) {
  const seats = formatNumber(dashboard.counts.seats);
  const earlier = dashboard.seats.filter((s) => s.status !== "missing" && s.earlierVersion).length;
  return (
    <>
      <h3>
        <Trans>Scoresheets by seat, round {formatNumber(dashboard.round)}</Trans>
      </h3>
      <p data-testid="seat-count">
        <Plural value={dashboard.counts.submitted} one={`# of ${seats} seats has submitted a scoresheet.`} other={`# of ${seats} seats have submitted a scoresheet.`} />{" "}
        {dashboard.counts.late > 0 && <Plural value={dashboard.counts.late} one="# of them is late." other="# of them are late." />}{" "}
        {dashboard.counts.missing > 0 && <Plural value={dashboard.counts.missing} one="# is missing." other="# are missing." />}
      </p>
      {earlier > 0 && (
        <p className="notice" data-testid="earlier-version-note">
          <Plural
            value={earlier}
            one="# scoresheet was made on an earlier version of the case than the packet you hold: ask that panelist to sign a revision on the current version."
            other="# scoresheets were made on an earlier version of the case than the packet you hold: ask those panelists to sign a revision on the current version."
          />
        </p>
      )}
      <SeatTable dashboard={dashboard} />
      <QuorumPanel dashboard={dashboard} onDeclared={onDeclared} />
    </>
  );
}

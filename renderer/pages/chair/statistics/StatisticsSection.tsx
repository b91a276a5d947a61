import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState } from "react";
import { UN_REGION_IDS } from "../../../../shared/identity/un-regions";
import type { PanelStatistics } from "../../../../shared/merge/statistics";
import { BoxPlot } from "../../../components/charts/BoxPlot";
import { StripPlot, type StripGroup } from "../../../components/charts/StripPlot";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatNumber } from "../../../i18n/format";
import { describeMergeError } from "../../../i18n/problems";
import { regionName } from "../../../i18n/vocabulary";
import { AchView } from "./AchView";
import { AgreementList } from "./AgreementList";
import { ClaimDetail } from "./ClaimDetail";
import { ClaimTables } from "./ClaimTables";
import { chartDirection, claimLabel, claimShort } from "./labels";

/** The strip plot's group for an estimate whose seat has no region on the roster. */
const NO_REGION = "no-region";

/**
 * The chair's statistics of one round (issue 14, "What the chair sees, per
 * claim"), computed in the worker (`merge:statistics`) from the scoresheets
 * held; recomputed whenever `dashboard` changes (an import, a quorum).
 * The section's parts are reachable from its own list of contents by
 * keyboard (each moves the focus to its heading).
 */
export function StatisticsSection({ caseId, round, dashboard }: { caseId: string; round: number; dashboard: unknown }) {
  const { t, i18n } = useLingui();
  const id = useId();
  const computing = useOperation();
  const [statistics, setStatistics] = useState<PanelStatistics | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [nothing, setNothing] = useState(false);
  const { run } = computing;
  const roundText = formatNumber(round);

  const load = useCallback(async () => {
    const answer = await run(t`Computing the statistics of round ${roundText}…`, (o) => cryptoWorker.call("merge:statistics", { caseId, round }, o));
    if (!answer) return;
    setProblem(undefined);
    setNothing(false);
    if (answer.outcome === "statistics") setStatistics(answer.statistics);
    else {
      setStatistics(undefined);
      if (answer.error.kind === "nothing-submitted") setNothing(true);
      else setProblem(describeMergeError(answer.error));
    }
  }, [run, t, caseId, round, roundText]);
  useEffect(() => {
    void load();
  }, [load, dashboard]);

  const parts = [
    { key: "claims", name: t`Per claim` },
    { key: "estimates", name: t`Best estimates` },
    { key: "agreement", name: t`Agreement` },
    { key: "details", name: t`Each claim in detail` },
    { key: "ach", name: t`Evidence (ACH)` },
  ] as const;
  const headingOf = (key: string) => `${id}-${key}`;
  const jump = (key: string) => {
    const heading = document.getElementById(headingOf(key));
    heading?.scrollIntoView({ block: "start" });
    heading?.focus();
  };
  const dir = chartDirection(i18n);

  return (
    <section aria-labelledby={`${id}-heading`} className="chair-statistics" data-testid="chair-statistics">
      <h3 id={`${id}-heading`}>
        <Trans>Statistics of round {roundText}</Trans>
      </h3>
      <OperationStatus operation={computing} unit="items" />
      {problem && (
        <div className="alert" role="alert" data-testid="statistics-problem">
          {problem}
        </div>
      )}
      {nothing && (
        <p data-testid="statistics-nothing">
          <Trans>No scoresheet is held for this round yet; the statistics appear here once the first one is imported.</Trans>
        </p>
      )}
      {statistics && (
        <>
          <p data-testid="statistics-counted">
            <Plural
              value={statistics.counted}
              one="Computed from # scoresheet: the latest revision of each seat that submitted."
              other="Computed from # scoresheets: the latest revision of each seat that submitted."
            />
          </p>
          <nav aria-label={t`Parts of the statistics`} className="statistics-parts">
            <ul>
              {parts.map((p) => (
                <li key={p.key}>
                  <button type="button" className="link-button" onClick={() => jump(p.key)}>
                    {p.name}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <Parts statistics={statistics} headingOf={headingOf} names={Object.fromEntries(parts.map((p) => [p.key, p.name]))} dir={dir} />
        </>
      )}
    </section>
  );
}

function Parts({ statistics, headingOf, names, dir }: { statistics: PanelStatistics; headingOf: (key: string) => string; names: Record<string, string>; dir: "ltr" | "rtl" }) {
  const { t, i18n } = useLingui();
  const labels = statistics.claims.map((c, i) => claimLabel(i18n, c, i));
  const shorts = statistics.claims.map((_, i) => claimShort(i));
  const seatRegions = new Set(statistics.seats.map((s) => s.region));
  const groups: StripGroup[] = [
    ...UN_REGION_IDS.filter((r) => seatRegions.has(r)).map((r) => ({ id: r as string, label: regionName(i18n, r) })),
    ...(statistics.claims.some((c) => c.strip.some((p) => p.region === undefined)) ? [{ id: NO_REGION, label: t`No region on the roster` }] : []),
  ];
  const heading = (key: string) => (
    <h4 id={headingOf(key)} tabIndex={-1}>
      {names[key]}
    </h4>
  );
  return (
    <>
      {heading("claims")}
      <ClaimTables statistics={statistics} />

      {heading("estimates")}
      <BoxPlot
        title={t`Best estimates per claim: median and interquartile range`}
        description={t`For each claim, the box runs from the 25th to the 75th percentile of the panel's best estimates, the thick line is the median, and the whiskers reach the lowest and highest estimate, on a scale from 0 to 100 %.`}
        rows={statistics.claims.flatMap((c, i) => (c.summary.best ? [{ key: c.claim, label: shorts[i] as string, ...c.summary.best }] : []))}
        dir={dir}
        testId="chart-box"
      />
      <StripPlot
        title={t`Every best estimate per claim, by UN regional group`}
        description={t`Each mark is one panelist's best estimate, its colour and shape giving the panelist's UN regional group; no names are shown. The dashed line marks 50 %.`}
        rows={statistics.claims.map((c, i) => ({ key: c.claim, label: shorts[i] as string, points: c.strip.map((p) => ({ value: p.value, group: p.region ?? NO_REGION })) }))}
        groups={groups}
        dir={dir}
        testId="chart-strip"
      />

      {heading("agreement")}
      <AgreementList agreement={statistics.agreement} />

      {heading("details")}
      {statistics.claims.map((c, i) => (
        <details key={c.claim} className="claim-details" open={i === 0}>
          <summary>{labels[i]}</summary>
          <ClaimDetail statistics={statistics} claim={c} label={shorts[i] as string} dir={dir} />
        </details>
      ))}

      {heading("ach")}
      <AchView statistics={statistics} dir={dir} />
    </>
  );
}

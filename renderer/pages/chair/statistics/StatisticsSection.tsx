import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useId, useState } from "react";
import { UN_REGION_IDS } from "../../../../shared/identity/un-regions";
import type { PanelStatistics } from "../../../../shared/merge/statistics";
import type { StatisticsAnswer } from "../../../../shared/worker/contract";
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
 * The chair's statistics (issue 14, "What the chair sees, per claim"),
 * computed in the worker. Those of the round open come with the dashboard
 * (`current`, from the same reading of the vault as the import or the
 * dashboard); once a later round is open the chair may look back at an
 * earlier one, computed on demand (`merge:statistics`). The section's parts
 * are reachable from its own list of contents by keyboard (each moves the
 * focus to its heading).
 */
export function StatisticsSection({ caseId, openRound, current }: { caseId: string; openRound: number; current: StatisticsAnswer | undefined }) {
  const { t, i18n } = useLingui();
  const id = useId();
  const computing = useOperation();
  // The round the chair chose to look back at; the open round when none (the Chair page remounts this section when a round opens).
  const [chosen, setChosen] = useState<number | undefined>();
  // An earlier round's statistics, valid only with the `current` they were computed beside: an import computes them again.
  const [earlier, setEarlier] = useState<{ round: number; basis: StatisticsAnswer | undefined; answer: StatisticsAnswer } | undefined>();
  const { run } = computing;
  const round = chosen !== undefined && chosen < openRound ? chosen : openRound;
  const roundText = formatNumber(round);
  const held = earlier !== undefined && earlier.round === round && earlier.basis === current ? earlier.answer : undefined;

  useEffect(() => {
    if (round === openRound || held !== undefined) return;
    void (async () => {
      const answer = await run(t`Computing the statistics of round ${formatNumber(round)}…`, (o) => cryptoWorker.call("merge:statistics", { caseId, round }, o));
      if (answer) setEarlier({ round, basis: current, answer });
    })();
  }, [run, t, caseId, round, openRound, held, current]);

  const answer = round === openRound ? current : held;
  const statistics = answer?.outcome === "statistics" ? answer.statistics : undefined;
  const nothing = answer?.outcome === "refused" && answer.error.kind === "nothing-submitted";
  const problem = answer?.outcome === "refused" && !nothing ? describeMergeError(answer.error) : undefined;
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
      {openRound > 1 && <RoundChoice openRound={openRound} shown={round} onShow={setChosen} />}
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

/** Which round's statistics to show: radio buttons (arrow keys move between them), the open round marked. */
function RoundChoice({ openRound, shown, onShow }: { openRound: number; shown: number; onShow: (round: number) => void }) {
  const name = useId();
  const rounds = Array.from({ length: openRound }, (_, i) => i + 1);
  return (
    <fieldset className="round-choice" data-testid="statistics-round-choice">
      <legend>
        <Trans>Show the statistics of</Trans>
      </legend>
      {rounds.map((r) => (
        <label key={r}>
          <input type="radio" name={name} value={r} checked={shown === r} onChange={() => onShow(r)} />{" "}
          {r === openRound ? <Trans>round {formatNumber(r)} (open)</Trans> : <Trans>round {formatNumber(r)}</Trans>}
        </label>
      ))}
    </fieldset>
  );
}

function Parts({ statistics, headingOf, names, dir }: { statistics: PanelStatistics; headingOf: (key: string) => string; names: Record<string, string>; dir: "ltr" | "rtl" }) {
  const { t, i18n } = useLingui();
  const labels = statistics.claims.map((c, i) => claimLabel(i18n, c, i));
  const shorts = statistics.claims.map((_, i) => claimShort(i));
  // The legend lists the groups with at least one estimate on the plot, not every region of the roster.
  const plotted = new Set(statistics.claims.flatMap((c) => c.strip.map((p) => p.region)));
  const groups: StripGroup[] = [
    ...UN_REGION_IDS.filter((r) => plotted.has(r)).map((r) => ({ id: r as string, label: regionName(i18n, r) })),
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

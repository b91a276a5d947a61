import { Trans, useLingui } from "@lingui/react/macro";
import type { PanelStatistics } from "../../../../shared/merge/statistics";
import { BarChart } from "../../../components/charts/BarChart";
import { HeatMap } from "../../../components/charts/HeatMap";
import type { Direction } from "../../../components/charts/layout";
import { formatNumber } from "../../../i18n/format";
import { claimNumber, claimShort, signed } from "./labels";

/**
 * The group ACH matrix: the heat map of the median consistency per evidence
 * item × claim with its spread, the diagnosticity of each evidence item, and
 * Heuer's inconsistency score per claim (plain and weighted by the Admiralty
 * grading).
 */
export function AchView({ statistics, dir }: { statistics: PanelStatistics; dir: Direction }) {
  const { t } = useLingui();
  const { ach, claims } = statistics;
  const labels = claims.map((_, i) => claimShort(i));
  const notComputable = t({ message: "Not computable", context: "a statistic without enough answers" });
  if (ach.rows.length === 0)
    return (
      <p>
        <Trans>This case has no evidence items, so there is no ACH matrix.</Trans>
      </p>
    );
  return (
    <>
      <p className="muted small">
        <Trans>
          Scores: very consistent +2, consistent +1, neutral 0, inconsistent −1, very inconsistent −2; "not applicable" is left out. Each cell shows the panel's median score,
          and under it the interquartile range (how far the panelists differ). Orange is consistent, purple inconsistent; the number is written in every cell.
        </Trans>
      </p>
      <HeatMap
        title={t`Group ACH matrix: median consistency of each evidence item with each claim`}
        description={t`Rows are evidence items, columns are claims by number; each cell's median score and interquartile range are written in it.`}
        columns={claims.map((c, i) => ({ key: c.claim, label: labels[i] as string, short: claimNumber(i) }))}
        rows={ach.rows.map((r) => ({ key: r.evidence, label: r.title, cells: r.cells }))}
        max={2}
        dir={dir}
        testId="chart-ach"
        format={signed}
        rowHeading={t({ message: "Evidence item", context: "column heading" })}
      />
      <BarChart
        title={t`Diagnosticity of each evidence item`}
        description={t`The range of an item's median scores across the claims, from 0 (it bears the same way on every claim) to 4; higher means it tells the claims apart.`}
        bars={ach.rows.map((r) => ({ key: r.evidence, label: r.title, value: r.diagnosticity ?? 0, valueText: r.diagnosticity === undefined ? notComputable : formatNumber(r.diagnosticity, 1) }))}
        max={4}
        dir={dir}
        testId="chart-diagnosticity"
        labelHeading={t({ message: "Evidence item", context: "column heading" })}
        valueHeading={t({ message: "Diagnosticity", context: "column heading" })}
      />
      <BarChart
        title={t`Inconsistency score per claim (Heuer)`}
        description={t`The median over the panelists of the inconsistent evidence they counted against each claim (inconsistent 1, very inconsistent 2); the weighted score multiplies each item by its Admiralty grading.`}
        bars={ach.claims.map((c, i) => {
          const plain = c.median === undefined ? notComputable : formatNumber(c.median, 1);
          const weighted = c.weightedMedian === undefined ? notComputable : formatNumber(c.weightedMedian, 2);
          return { key: c.claim, label: labels[i] as string, value: c.median ?? 0, valueText: t({ message: `${plain} (weighted ${weighted})`, comment: "Heuer's inconsistency score, plain and weighted by the Admiralty grading" }) };
        })}
        dir={dir}
        testId="chart-inconsistency"
        labelWidth={120}
        labelHeading={t({ message: "Claim", context: "column heading" })}
        valueHeading={t({ message: "Inconsistency (weighted)", context: "column heading" })}
      />
    </>
  );
}

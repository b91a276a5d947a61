import { Trans, useLingui } from "@lingui/react/macro";
import { Line } from "@visx/shape";
import { ChartFigure } from "../../../components/charts/ChartFigure";
import { ChartLegend, ChartTable } from "../../../components/charts/ChartTable";
import { percentText } from "../../../components/charts/format";
import { dodgeLanes, rowLayout, type Direction, type GroupStyle } from "../../../components/charts/layout";
import { Mark } from "../../../components/charts/Mark";
import { PercentAxis } from "../../../components/charts/ValueAxis";

const WIDTH = 560;
const LANE = 13;
const TOP = 10;
const AXIS = 34;
const MARK_DISTANCE = 12;
/** The others' marks and the panelist's own: different shape, colour and size, so the own mark never depends on colour alone. */
const OTHERS: GroupStyle = { colour: "#0072B2", shape: "circle" };
const OWN: GroupStyle = { colour: "#D55E00", shape: "diamond" };

/**
 * One claim's best estimates of the round before as a strip of marks on a
 * 0–100 % axis, the panelist's own highlighted (shape, colour and size),
 * the interquartile range as a band and the median as a line; never a name
 * or a region. The same estimates are listed in a table under the chart.
 */
export function FeedbackStrip({ title, estimates, own, median, p25, p75, dir, testId }: { title: string; estimates: readonly number[]; own: number | undefined; median: number | undefined; p25: number | undefined; p75: number | undefined; dir: Direction; testId: string }) {
  const { t } = useLingui();
  const layout = rowLayout({ width: WIDTH, labelWidth: 0, gap: 16, domain: [0, 100], dir });
  const lanes = dodgeLanes(
    estimates.map((v) => layout.x(v)),
    MARK_DISTANCE,
  );
  const reach = Math.max(0, ...lanes.map(Math.abs));
  const rowHeight = Math.max(40, (2 * reach + 1) * LANE + 14);
  const cy = TOP + rowHeight / 2;
  const bottom = TOP + rowHeight;
  const mine = own === undefined ? undefined : estimates[own];
  const description =
    mine === undefined
      ? t`${estimates.length} best estimates of the panel in the round before, in random order, with their median and interquartile range.`
      : t`${estimates.length} best estimates of the panel in the round before, in random order, with their median and interquartile range; yours, ${percentText(mine)}, is the larger diamond.`;
  const legend = (
    <ChartLegend
      items={[
        { key: "own", style: OWN, label: <Trans>Your estimate</Trans> },
        { key: "others", style: OTHERS, label: <Trans>Another panelist's estimate</Trans> },
      ]}
    />
  );
  // The own mark is drawn last, so no other mark covers it.
  const order = estimates.map((_, i) => i).sort((a, b) => (a === own ? 1 : b === own ? -1 : a - b));
  return (
    <ChartFigure title={title} description={description} width={WIDTH} height={bottom + AXIS} dir={dir} testId={testId} legend={legend} table={<EstimateTable title={title} estimates={estimates} own={own} />}>
      {p25 !== undefined && p75 !== undefined ? (
        <rect className="feedback-iqr" x={Math.min(layout.x(p25), layout.x(p75))} y={TOP} width={Math.abs(layout.x(p75) - layout.x(p25))} height={rowHeight} fill="currentColor" fillOpacity={0.08} />
      ) : null}
      <Line from={{ x: layout.plotStart, y: cy }} to={{ x: layout.plotEnd, y: cy }} stroke="currentColor" strokeOpacity={0.3} />
      {median !== undefined ? <Line from={{ x: layout.x(median), y: TOP }} to={{ x: layout.x(median), y: bottom }} stroke="currentColor" strokeWidth={2} /> : null}
      {order.map((i) => (
        <Mark key={i} style={i === own ? OWN : OTHERS} x={layout.x(estimates[i] as number)} y={cy + (lanes[i] as number) * LANE} size={i === own ? 160 : 80} />
      ))}
      <PercentAxis layout={layout} top={bottom + 4} />
    </ChartFigure>
  );
}

/** The estimates as a list a screen reader reads row by row, lowest first; the panelist's own marked in words. */
function EstimateTable({ title, estimates, own }: { title: string; estimates: readonly number[]; own: number | undefined }) {
  const { t } = useLingui();
  const rows = estimates.map((value, i) => ({ value, mine: i === own })).sort((a, b) => a.value - b.value || Number(b.mine) - Number(a.mine));
  return (
    <ChartTable
      title={title}
      className="feedback-estimates"
      headings={[
        <Trans context="column heading: a panelist's best estimate">Estimate</Trans>,
        <Trans context="column heading: whose estimate it is (yours or another panelist's)">Whose</Trans>,
      ]}
    >
      {rows.map((r, i) => (
        <tr key={i} className={r.mine ? "own" : undefined} data-testid={r.mine ? "own-estimate" : "estimate"}>
          <td>{percentText(r.value)}</td>
          <td>{r.mine ? <strong>{t`Yours`}</strong> : t`Another panelist`}</td>
        </tr>
      ))}
    </ChartTable>
  );
}

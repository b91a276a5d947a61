import { Trans } from "@lingui/react/macro";
import { Group } from "@visx/group";
import { Line } from "@visx/shape";
import { formatNumber } from "../../i18n/format";
import { ChartFigure } from "./ChartFigure";
import { ChartTable } from "./ChartTable";
import { percentText } from "./format";
import { RowLabel } from "./Label";
import { rowLayout, type Direction } from "./layout";
import { PercentAxis } from "./ValueAxis";

/** One row of a box plot: a sample's five numbers (percent, 0–100) and its size. */
export interface BoxRow {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
}

const WIDTH = 640;
const LABEL_WIDTH = 120;
const ROW = 40;
const TOP = 8;
const AXIS = 34;

/**
 * Box plots of percentages, one row each: the box from the first to the
 * third quartile, the median a thick line across it, the whiskers to the
 * minimum and the maximum (no outlier rule: every estimate is also in the
 * strip plot).
 */
export function BoxPlot({ title, description, rows, dir, testId }: { title: string; description: string; rows: readonly BoxRow[]; dir: Direction; testId: string }) {
  const layout = rowLayout({ width: WIDTH, labelWidth: LABEL_WIDTH, domain: [0, 100], dir });
  const height = TOP + rows.length * ROW + AXIS;
  const { x } = layout;
  return (
    <ChartFigure title={title} description={description} width={WIDTH} height={height} dir={dir} testId={testId} table={<BoxTable rows={rows} title={title} />}>
      {rows.map((r, i) => {
        const cy = TOP + i * ROW + ROW / 2;
        const boxStart = Math.min(x(r.p25), x(r.p75));
        return (
          <Group key={r.key}>
            <RowLabel x={layout.labelX} y={cy} text={r.label} maxChars={14} />
            <Line from={{ x: x(r.min), y: cy }} to={{ x: x(r.max), y: cy }} stroke="currentColor" strokeWidth={1.5} />
            <Line from={{ x: x(r.min), y: cy - 7 }} to={{ x: x(r.min), y: cy + 7 }} stroke="currentColor" strokeWidth={1.5} />
            <Line from={{ x: x(r.max), y: cy - 7 }} to={{ x: x(r.max), y: cy + 7 }} stroke="currentColor" strokeWidth={1.5} />
            <rect x={boxStart} y={cy - 11} width={Math.max(1, Math.abs(x(r.p75) - x(r.p25)))} height={22} fill="#9ecae1" stroke="currentColor" strokeWidth={1} />
            <Line from={{ x: x(r.median), y: cy - 13 }} to={{ x: x(r.median), y: cy + 13 }} stroke="#08306b" strokeWidth={4} />
          </Group>
        );
      })}
      <PercentAxis layout={layout} top={TOP + rows.length * ROW + 4} />
    </ChartFigure>
  );
}

function BoxTable({ rows, title }: { rows: readonly BoxRow[]; title: string }) {
  return (
    <ChartTable
      title={title}
      headings={[
        <Trans context="column heading">Claim</Trans>,
        <Trans context="column heading: number of estimates">n</Trans>,
        <Trans context="column heading">Minimum</Trans>,
        <Trans context="column heading: 25th percentile">P25</Trans>,
        <Trans context="column heading">Median</Trans>,
        <Trans context="column heading: 75th percentile">P75</Trans>,
        <Trans context="column heading">Maximum</Trans>,
      ]}
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{r.label}</th>
          <td>{formatNumber(r.n)}</td>
          <td>{percentText(r.min)}</td>
          <td>{percentText(r.p25)}</td>
          <td>{percentText(r.median)}</td>
          <td>{percentText(r.p75)}</td>
          <td>{percentText(r.max)}</td>
        </tr>
      ))}
    </ChartTable>
  );
}

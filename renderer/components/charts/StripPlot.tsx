import { Trans } from "@lingui/react/macro";
import { Group } from "@visx/group";
import { Line } from "@visx/shape";
import { ChartFigure } from "./ChartFigure";
import { ChartLegend, ChartTable } from "./ChartTable";
import { percentText } from "./format";
import { RowLabel } from "./Label";
import { dodgeLanes, groupStyle, rowLayout, type Direction } from "./layout";
import { Mark } from "./Mark";
import { PercentAxis } from "./ValueAxis";

/** A group the points belong to (a UN regional group), in the legend's order. */
export interface StripGroup {
  readonly id: string;
  readonly label: string;
}

/** One row of a strip plot: every value (percent, 0–100) with its group; never a name. */
export interface StripRow {
  readonly key: string;
  readonly label: string;
  readonly points: readonly { readonly value: number; readonly group: string }[];
}

const WIDTH = 640;
const LABEL_WIDTH = 120;
const LANE = 13;
const TOP = 8;
const AXIS = 34;
const MARK_DISTANCE = 12;

/**
 * Every value of each row as a mark on the value axis, its group shown by
 * both colour and shape (legend below the chart); marks closer than their
 * size are stacked in lanes above and below the row's line.
 */
export function StripPlot({ title, description, rows, groups, dir, testId }: { title: string; description: string; rows: readonly StripRow[]; groups: readonly StripGroup[]; dir: Direction; testId: string }) {
  const layout = rowLayout({ width: WIDTH, labelWidth: LABEL_WIDTH, domain: [0, 100], dir });
  const styleOf = (group: string) => groupStyle(Math.max(0, groups.findIndex((g) => g.id === group)));
  const laid = rows.map((r) => {
    const lanes = dodgeLanes(
      r.points.map((p) => layout.x(p.value)),
      MARK_DISTANCE,
    );
    const reach = Math.max(0, ...lanes.map(Math.abs));
    return { row: r, lanes, height: Math.max(36, (2 * reach + 1) * LANE + 12) };
  });
  const tops = laid.reduce<number[]>((acc, l, i) => [...acc, (acc[i] as number) + l.height], [TOP]);
  const plotBottom = tops[laid.length] as number;
  const height = plotBottom + AXIS;
  const legend = <ChartLegend items={groups.map((g, i) => ({ key: g.id, style: groupStyle(i), label: g.label }))} />;
  return (
    <ChartFigure title={title} description={description} width={WIDTH} height={height} dir={dir} testId={testId} legend={legend} table={<StripTable rows={rows} groups={groups} title={title} />}>
      {laid.map(({ row, lanes, height: h }, i) => {
        const cy = (tops[i] as number) + h / 2;
        return (
          <Group key={row.key}>
            <RowLabel x={layout.labelX} y={cy} text={row.label} maxChars={14} />
            <Line from={{ x: layout.plotStart, y: cy }} to={{ x: layout.plotEnd, y: cy }} stroke="currentColor" strokeOpacity={0.3} />
            {row.points.map((p, j) => (
              <Mark key={j} style={styleOf(p.group)} x={layout.x(p.value)} y={cy + (lanes[j] as number) * LANE} />
            ))}
          </Group>
        );
      })}
      <Line from={{ x: layout.x(50), y: TOP }} to={{ x: layout.x(50), y: plotBottom }} stroke="currentColor" strokeOpacity={0.4} strokeDasharray="4 3" />
      <PercentAxis layout={layout} top={plotBottom + 4} />
    </ChartFigure>
  );
}

function StripTable({ rows, groups, title }: { rows: readonly StripRow[]; groups: readonly StripGroup[]; title: string }) {
  const groupLabel = (id: string) => groups.find((g) => g.id === id)?.label ?? id;
  return (
    <ChartTable
      title={title}
      headings={[
        <Trans context="column heading">Claim</Trans>,
        <Trans context="column heading: a panelist's best estimate">Estimate</Trans>,
        <Trans context="column heading: UN regional group">Region</Trans>,
      ]}
    >
      {rows.flatMap((r) =>
        r.points.map((p, j) => (
          <tr key={`${r.key}-${j}`}>
            <th scope="row">{r.label}</th>
            <td>{percentText(p.value)}</td>
            <td>{groupLabel(p.group)}</td>
          </tr>
        )),
      )}
    </ChartTable>
  );
}

import { plural } from "@lingui/core/macro";
import { useLingui } from "@lingui/react/macro";
import { formatNumber } from "../../i18n/format";
import { Group } from "@visx/group";
import { ChartFigure } from "./ChartFigure";
import { ChartTable } from "./ChartTable";
import { Label, RowLabel } from "./Label";
import { divergingFill, textOn, type Direction } from "./layout";

/** One cell: the median score, its quartiles, how many scored it and how many said "not applicable". */
export interface HeatCell {
  readonly median: number | undefined;
  readonly p25: number | undefined;
  readonly p75: number | undefined;
  readonly n: number;
  readonly notApplicable: number;
}

export interface HeatRow {
  readonly key: string;
  readonly label: string;
  /** One per column, in the columns' order. */
  readonly cells: readonly HeatCell[];
}

const WIDTH = 640;
const LABEL_WIDTH = 190;
const HEADER = 28;
const ROW = 40;

/**
 * A matrix of scores on a symmetric scale (−max … +max): each cell filled
 * on a diverging scale AND with its median written in it, its interquartile
 * range under it, so colour never carries the value alone. Columns run from
 * the inline start (mirrored in rtl), row labels on the inline-start side.
 */
export function HeatMap(props: {
  title: string;
  description: string;
  columns: readonly { readonly key: string; readonly label: string; readonly short: string }[];
  rows: readonly HeatRow[];
  max: number;
  dir: Direction;
  testId: string;
  format: (v: number) => string;
  rowHeading: string;
}) {
  const { t } = useLingui();
  const { columns, rows, dir, format } = props;
  const rtl = dir === "rtl";
  const cellWidth = Math.min(90, (WIDTH - LABEL_WIDTH - 12) / Math.max(1, columns.length));
  const height = HEADER + rows.length * ROW + 4;
  const cellX = (j: number) => (rtl ? WIDTH - LABEL_WIDTH - 12 - (j + 1) * cellWidth : LABEL_WIDTH + 12 + j * cellWidth);
  const labelX = rtl ? WIDTH - LABEL_WIDTH : LABEL_WIDTH;
  const cellText = (c: HeatCell) => {
    const na = c.notApplicable > 0 ? t`${formatNumber(c.notApplicable)} said not applicable.` : "";
    if (c.median === undefined) return na ? t`No score. ${na}` : t`No score.`;
    const median = format(c.median);
    const low = format(c.p25 as number);
    const high = format(c.p75 as number);
    const scored = plural(c.n, { one: `Median ${median} (quartiles ${low} to ${high}), from # panelist.`, other: `Median ${median} (quartiles ${low} to ${high}), from # panelists.` });
    return na ? `${scored} ${na}` : scored;
  };
  return (
    <ChartFigure
      title={props.title}
      description={props.description}
      width={WIDTH}
      height={height}
      dir={dir}
      testId={props.testId}
      table={
        <ChartTable title={props.title} headings={[props.rowHeading, ...columns.map((c) => c.label)]}>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, j) => (
                <td key={j}>{cellText(c)}</td>
              ))}
            </tr>
          ))}
        </ChartTable>
      }
    >
      {columns.map((c, j) => (
        <Label key={c.key} x={cellX(j) + cellWidth / 2} y={HEADER / 2} anchor="middle" fontWeight="bold">
          {c.short}
        </Label>
      ))}
      {rows.map((r, i) => {
        const y = HEADER + i * ROW;
        return (
          <Group key={r.key}>
            <RowLabel x={labelX} y={y + ROW / 2} text={r.label} maxChars={22} />
            {r.cells.map((c, j) => {
              const fill = divergingFill(c.median, props.max);
              const ink = textOn(fill);
              const x = cellX(j);
              return (
                <Group key={j}>
                  <rect x={x + 1} y={y + 1} width={cellWidth - 2} height={ROW - 2} fill={fill} stroke="currentColor" strokeWidth={0.5} />
                  <Label x={x + cellWidth / 2} y={y + 15} anchor="middle" fill={ink} fontWeight="bold">
                    {c.median === undefined ? "–" : format(c.median)}
                  </Label>
                  {c.median !== undefined && (
                    <Label x={x + cellWidth / 2} y={y + 30} anchor="middle" fill={ink} fontSize={10}>
                      {t({ message: `IQR ${formatNumber((c.p75 as number) - (c.p25 as number), 1)}`, comment: "interquartile range, short, in a heat-map cell" })}
                    </Label>
                  )}
                </Group>
              );
            })}
          </Group>
        );
      })}
    </ChartFigure>
  );
}

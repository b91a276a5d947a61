import { Group } from "@visx/group";
import { Bar } from "@visx/shape";
import { ChartFigure } from "./ChartFigure";
import { ChartTable } from "./ChartTable";
import { Label, RowLabel } from "./Label";
import { rowLayout, type Direction } from "./layout";

/** One bar: a label, a value (≥ 0), and the value as the chart writes it. */
export interface BarDatum {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly valueText: string;
}

const WIDTH = 640;
const ROW = 26;
const TOP = 6;

/**
 * Horizontal bars from the inline-start side (the right in rtl), each with
 * its label before it and its value written after it, so the length is never
 * the only carrier of the number. `max` is the end of the scale (the largest
 * value when not given).
 */
export function BarChart(props: {
  title: string;
  description: string;
  bars: readonly BarDatum[];
  max?: number;
  dir: Direction;
  testId: string;
  labelWidth?: number;
  /** The headings of the data table's two columns. */
  labelHeading: string;
  valueHeading: string;
}) {
  const { bars, dir } = props;
  const labelWidth = props.labelWidth ?? 230;
  const max = Math.max(props.max ?? 0, ...bars.map((b) => b.value), Number.MIN_VALUE);
  // Room after the longest bar for its value, written beside it (about 7 units a character at this size).
  const pad = 16 + 7 * Math.max(2, ...bars.map((b) => [...b.valueText].length));
  const layout = rowLayout({ width: WIDTH, labelWidth, domain: [0, max], dir, pad });
  const height = TOP * 2 + bars.length * ROW;
  const rtl = dir === "rtl";
  // About 8.5 units a character at this size, so a cut label stays inside the SVG.
  const maxChars = Math.floor(labelWidth / 8.5);
  return (
    <ChartFigure
      title={props.title}
      description={props.description}
      width={WIDTH}
      height={height}
      dir={dir}
      testId={props.testId}
      table={
        <ChartTable title={props.title} headings={[props.labelHeading, props.valueHeading]}>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              <td>{b.valueText}</td>
            </tr>
          ))}
        </ChartTable>
      }
    >
      {bars.map((b, i) => {
        const y = TOP + i * ROW;
        const zero = layout.x(0);
        const end = layout.x(b.value);
        return (
          <Group key={b.key}>
            <RowLabel x={layout.labelX} y={y + ROW / 2} text={b.label} maxChars={maxChars} />
            <Bar x={Math.min(zero, end)} y={y + 4} width={Math.abs(end - zero)} height={ROW - 8} fill="#4a7fb5" stroke="currentColor" strokeWidth={b.value > 0 ? 0.5 : 0} />
            <Label x={end + (rtl ? -6 : 6)} y={y + ROW / 2} anchor="start">
              {b.valueText}
            </Label>
          </Group>
        );
      })}
      <line x1={layout.x(0)} x2={layout.x(0)} y1={TOP} y2={height - TOP} stroke="currentColor" />
    </ChartFigure>
  );
}

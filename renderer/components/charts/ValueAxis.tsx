import { AxisBottom } from "@visx/axis";
import { formatNumber } from "../../i18n/format";
import { ticks, type RowLayout } from "./layout";

/** The value axis under a row chart: ticks at `values`, labelled by `format`, in the text colour; mirrored with the layout in rtl. */
export function ValueAxis({ layout, top, values, format }: { layout: RowLayout; top: number; values: readonly number[]; format: (v: number) => string }) {
  return (
    <AxisBottom
      top={top}
      scale={layout.scale}
      tickValues={[...values]}
      tickFormat={(v) => format(Number(v))}
      stroke="currentColor"
      tickStroke="currentColor"
      tickComponent={({ x, y, formattedValue }) => (
        <text x={x} y={y} dy="0.3em" textAnchor="middle" fill="currentColor" fontSize={11}>
          {formattedValue}
        </text>
      )}
    />
  );
}

/** The 0–100 % axis under a row chart (ticks every 10, written as numbers). */
export function PercentAxis({ layout, top }: { layout: RowLayout; top: number }) {
  return <ValueAxis layout={layout} top={top} values={ticks(0, 100, 10)} format={(v) => formatNumber(v)} />;
}

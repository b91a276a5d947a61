import type { ReactNode, SVGProps } from "react";
import { isolate, shortLabel } from "./layout";

/**
 * A line of text in a chart, centred vertically on `y`, anchored by its
 * logical start, middle or end (so it follows the SVG's direction). Plain
 * SVG <text>: no nested <svg> and no style attribute, so the static markup
 * (the publication's) needs no inline style under a strict CSP.
 */
export function Label({ anchor, children, ...rest }: Omit<SVGProps<SVGTextElement>, "textAnchor"> & { anchor: "start" | "middle" | "end"; children: ReactNode }) {
  return (
    <text textAnchor={anchor} dominantBaseline="central" fill="currentColor" {...rest}>
      {children}
    </text>
  );
}

/** A row's label before the plot (anchored at its end), cut to `maxChars` and isolated so its own direction never reorders the chart's. */
export function RowLabel({ x, y, text, maxChars }: { x: number; y: number; text: string; maxChars: number }) {
  return (
    <Label x={x} y={y} anchor="end">
      {isolate(shortLabel(text, maxChars))}
    </Label>
  );
}

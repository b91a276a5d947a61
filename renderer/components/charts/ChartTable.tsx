import type { ReactNode } from "react";
import { MarkSample } from "./Mark";
import type { GroupStyle } from "./layout";

/**
 * A chart's data as a table (ChartFigure's `table`): named by the chart's
 * title (a caption for screen readers), one column heading each of
 * `headings`, and the rows the chart gives as `children`.
 */
export function ChartTable({ title, headings, className, children }: { title: string; headings: readonly ReactNode[]; className?: string; children: ReactNode }) {
  return (
    <table className={className === undefined ? "chart-table" : `chart-table ${className}`}>
      <caption className="visually-hidden">{title}</caption>
      <thead>
        <tr>
          {headings.map((h, i) => (
            <th scope="col" key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A chart's legend in HTML (ChartFigure's `legend`): each group's mark beside its name. */
export function ChartLegend({ items }: { items: readonly { readonly key: string; readonly style: GroupStyle; readonly label: ReactNode }[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.key}>
          <MarkSample style={item.style} /> {item.label}
        </li>
      ))}
    </ul>
  );
}

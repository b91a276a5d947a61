import { Trans } from "@lingui/react/macro";
import { useId, type ReactNode } from "react";
import type { Direction } from "./layout";

/**
 * One chart: a figure whose caption names it, the SVG (role="img", named by
 * the caption, focusable so a keyboard user reaches it and a screen reader
 * announces its name and description), an optional legend in HTML, and the
 * chart's data as a real table in a <details> open by default. The SVG's
 * `direction` is set explicitly, so the same markup renders the same as a
 * static file (the publication) as inside the page.
 */
export function ChartFigure(props: {
  title: string;
  /** A sentence saying what the chart shows (read after the name). */
  description: string;
  width: number;
  height: number;
  dir: Direction;
  testId: string;
  legend?: ReactNode;
  table: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const { title, description, width, height, dir } = props;
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        className="chart-svg"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        tabIndex={0}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        direction={dir}
        xmlns="http://www.w3.org/2000/svg"
        fontSize={13}
      >
        <title>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {props.children}
      </svg>
      {props.legend}
      <details open className="chart-data" data-testid="chart-data">
        <summary>
          <Trans>The chart's data</Trans>
        </summary>
        <div className="table-scroll">{props.table}</div>
      </details>
    </figure>
  );
}

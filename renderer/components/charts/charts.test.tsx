/**
 * The charts rendered to static markup (no DOM, as the publication will
 * render them): each is an SVG image named by its caption, focusable, with
 * its data as a table; the strip plot draws one mark per value and writes
 * no label but the rows'; in rtl the value axis runs from the right.
 */
import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { BarChart } from "./BarChart";
import { BoxPlot } from "./BoxPlot";
import { HeatMap } from "./HeatMap";
import { StripPlot } from "./StripPlot";

beforeAll(() => {
  i18n.loadAndActivate({ locale: "en", messages: {} });
});

const GROUPS = [
  { id: "african-states", label: "African States" },
  { id: "asia-pacific-states", label: "Asia-Pacific States" },
];
const ROWS = [
  { key: "c1", label: "Claim 1", points: [{ value: 20, group: "african-states" }, { value: 70, group: "asia-pacific-states" }, { value: 70, group: "african-states" }] },
  { key: "c2", label: "Claim 2", points: [{ value: 10, group: "asia-pacific-states" }] },
];

/** The chart's markup, as a static render (the publication's) produces it. */
const render = (node: ReactNode): string => renderToStaticMarkup(<I18nProvider i18n={i18n}>{node}</I18nProvider>);
const all = (html: string, re: RegExp): string[] => [...html.matchAll(new RegExp(re.source, "g"))].map((m) => m[1] ?? m[0]);
const svgOf = (html: string): string => /<svg class="chart-svg"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
const tableRows = (html: string): string[] => all(/<details open=""[\s\S]*?<\/details>/.exec(html)?.[0] ?? "", /<tbody>([\s\S]*?)<\/tbody>/).flatMap((body) => all(body, /<tr>([\s\S]*?)<\/tr>/));
const text = (html: string): string => html.replace(/<[^>]+>/g, "");

function expectAccessibleChart(html: string): string {
  const svg = svgOf(html);
  expect(svg).toMatch(/^<svg [^>]*role="img"/);
  expect(svg).toMatch(/^<svg [^>]*tabindex="0"/);
  const labelledBy = /aria-labelledby="([^"]+)"/.exec(svg)?.[1] as string;
  const caption = new RegExp(`<figcaption id="${labelledBy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">([^<]+)</figcaption>`).exec(html)?.[1];
  expect(caption?.trim()).toBeTruthy();
  expect(tableRows(html).length).toBeGreaterThan(0);
  // Static markup without inline styles (a strict CSP refuses style attributes).
  expect(html).not.toMatch(/ style=/);
  return svg;
}

describe("StripPlot", () => {
  it("draws one mark per value, a legend entry per group, and a table row per value", () => {
    const html = render(<StripPlot title="Estimates" description="Every estimate." rows={ROWS} groups={GROUPS} dir="ltr" testId="strip" />);
    const svg = expectAccessibleChart(html);
    const paths = all(svg, /<path ([^>]*)>/).map((p) => ({ d: /d="([^"]*)"/.exec(p)?.[1], fill: /fill="([^"]*)"/.exec(p)?.[1] }));
    expect(paths).toHaveLength(4);
    expect(all(html, /<ul class="chart-legend">([\s\S]*?)<\/ul>/).flatMap((ul) => all(ul, /<li>/))).toHaveLength(2);
    expect(tableRows(html)).toHaveLength(4);
    // Two marks of the same group share its shape and colour; the other group's differ in both.
    expect(paths[0]).toEqual(paths[2]);
    expect(paths[1]?.d).not.toBe(paths[0]?.d);
    expect(paths[1]?.fill).not.toBe(paths[0]?.fill);
    // No text in the plot but the row labels and the axis' numbers.
    expect(text(svg).replace(/Estimates|Every estimate\.|Claim [12]|\d+|[\u2068\u2069]/g, "").trim()).toBe("");
  });

  it("mirrors the value axis in rtl: the mark of 20 lies right of the mark of 70", () => {
    const xOf = (dir: "ltr" | "rtl") => {
      const svg = svgOf(render(<StripPlot title="Estimates" description="Every estimate." rows={ROWS.slice(0, 1)} groups={GROUPS} dir={dir} testId="strip" />));
      expect(svg).toMatch(new RegExp(`^<svg [^>]*direction="${dir}"`));
      // Each mark is a <g class="… visx-glyph" transform="translate(x, y)"> around its path.
      return all(svg, /<g class="[^"]*visx-glyph" transform="translate\(([-\d.]+), [-\d.]+\)"><path/).map(Number);
    };
    const [ltr20, ltr70] = xOf("ltr") as [number, number];
    const [rtl20, rtl70] = xOf("rtl") as [number, number];
    expect(ltr20).toBeLessThan(ltr70);
    expect(rtl20).toBeGreaterThan(rtl70);
  });
});

describe("BoxPlot, BarChart and HeatMap", () => {
  it("each is a named image with its data table", () => {
    const box = render(<BoxPlot title="Boxes" description="Quartiles." rows={[{ key: "c1", label: "Claim 1", n: 4, min: 20, p25: 50, median: 65, p75: 71.25, max: 75 }]} dir="ltr" testId="box" />);
    expectAccessibleChart(box);
    expect(text(tableRows(box)[0] as string)).toContain("71.3%");

    const bars = render(
      <BarChart title="Levels" description="Counts." bars={[{ key: "a", label: "State-ordered", value: 2, valueText: "2" }]} dir="rtl" testId="bars" labelHeading="Level" valueHeading="Panelists" />,
    );
    expectAccessibleChart(bars);
    expect(text(tableRows(bars)[0] as string)).toBe("State-ordered2");

    const heat = render(
      <HeatMap
        title="ACH"
        description="Medians."
        columns={[{ key: "c1", label: "Claim 1", short: "1" }]}
        rows={[{ key: "e1", label: "Logs", cells: [{ median: 1.5, p25: 0.5, p75: 2, n: 4, notApplicable: 1 }] }]}
        max={2}
        dir="ltr"
        testId="heat"
        format={(v) => String(v)}
        rowHeading="Evidence"
      />,
    );
    expectAccessibleChart(heat);
    // The value is written in the cell, not carried by its colour alone.
    expect(text(svgOf(heat))).toContain("1.5");
    expect(text(tableRows(heat)[0] as string)).toBe("LogsMedian 1.5 (quartiles 0.5 to 2), from 4 panelists. 1 said not applicable.");
  });
});

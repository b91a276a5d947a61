/** What a benchmark page reports going wrong, collected as it runs. */
import type { Page } from "playwright-core";

/** Starts collecting `page`'s uncaught errors and console errors; the list returned grows as they come. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  return problems;
}

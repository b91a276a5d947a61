/**
 * Steps of a panelist's journey that several end-to-end files take the same
 * way, by pointer and typing (scoring.e2e.test.ts walks the same screen by
 * keyboard only): answer a whole scoresheet from the case page, sign it and
 * save the file, and the scoresheet's parts and fields.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { saveDownload } from "./e2e-page";
import { T } from "./locale";

/** One claim's best estimate (as typed) and its likelihood term (index in the rubric's terms, ICD 203's seven). */
export type ClaimScore = { readonly best: string; readonly term: number };

export const claimCard = (page: Page, n: number) => page.getByTestId(`claim-card-${n}`);
export const bestField = (page: Page, n: number) => claimCard(page, n).getByLabel(new RegExp(`^${T("Best estimate", "scoresheet question, in percent")}`));
/** Opens a part of the scoresheet by its tab. */
export const openPart = (page: Page, id: "claims" | "ach" | "overall" | "review") => page.locator(`#score-tab-${id}`).click();

/** Sets claim `n`'s likelihood term and best estimate. */
export async function setClaimScore(page: Page, n: number, score: ClaimScore): Promise<void> {
  await claimCard(page, n).getByRole("radio").nth(score.term).check();
  await bestField(page, n).fill(score.best);
}

/**
 * From the case page: opens the scoresheet and answers all of it (per claim
 * `scores`, every other question its first choice, a Markdown rationale;
 * every ACH cell "neutral"; the overall rationale, the attestation), then
 * shows the review, complete.
 */
export async function scoreWholeSheet(page: Page, scores: readonly ClaimScore[], overall: string): Promise<void> {
  await page.getByRole("button", { name: T("Score this case") }).click();
  await expect.poll(() => claimCard(page, scores.length).count(), { timeout: 30_000 }).toBe(1);
  for (const [i, score] of scores.entries()) {
    const c = claimCard(page, i + 1);
    await setClaimScore(page, i + 1, score);
    for (const select of await c.locator("select").all()) await select.selectOption({ index: 1 });
    await c.locator("textarea").first().fill(`Claim ${i + 1}: **weighed** against the evidence.`);
  }
  await openPart(page, "ach");
  const grid = page.getByRole("grid");
  await grid.focus();
  const cells = await grid.getByRole("gridcell").count();
  for (let i = 0; i < cells; i++) await page.keyboard.press("n");
  await expect.poll(() => grid.locator(".ach-empty").count()).toBe(0);
  await openPart(page, "overall");
  await page.getByRole("textbox", { name: new RegExp(`^${T("Overall rationale", "scoresheet question")}`) }).fill(overall);
  await page.getByRole("checkbox").check();
  await openPart(page, "review");
  await expect.poll(() => page.getByTestId("complete").count()).toBe(1);
}

/** Signs the scoresheet on its review and saves the file to `target`; waits until the app reports it signed. */
export async function signScoresheet(page: Page, target: string): Promise<string> {
  const file = await saveDownload(page, () => page.getByTestId("sign-scoresheet").click(), target);
  await expect.poll(() => page.getByTestId("scoring-signed").count(), { timeout: 30_000 }).toBe(1);
  return file;
}

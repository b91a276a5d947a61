/**
 * Helpers for end-to-end tests that drive the app in Chromium: a session per
 * browser context (its own IndexedDB: a separate profile) recording every
 * request and page error, downloads saved to disk, axe-core checks, and the
 * first steps every person takes (create a vault, create an identity).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Download, Page } from "playwright-core";
import { expect } from "vitest";
import { DIR, T } from "./locale";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type Session = { context: BrowserContext; page: Page; requests: string[]; problems: string[] };

export async function openSession(browser: Browser, url: string): Promise<Session> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const session: Session = { context, page, requests: [], problems: [] };
  context.on("request", (r) => session.requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") session.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => session.problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return session;
}

export async function saveDownload(page: Page, click: () => Promise<void>, target: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 300_000 }) as Promise<Download>, click()]);
  await download.saveAs(target);
  return target;
}

/** The serious and critical axe-core violations of the page as it is now. */
export async function axeSerious(page: Page): Promise<{ id: string; impact: string | null }[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern; once per page.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The page runs in the direction of the run's language (right to left in Arabic): checked once per file. */
export async function expectDirection(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(DIR);
}

export async function createVaultInPage(page: Page, passphrase: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { name: T("Create your vault") }).count(), { timeout: 30_000 }).toBe(1);
  await page.getByLabel(T("New passphrase")).fill(passphrase);
  await page.getByLabel(T("Repeat the passphrase")).fill(passphrase);
  await page.getByRole("button", { name: T("Create vault") }).click();
  await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
}

export async function createIdentityInPage(page: Page, details: { displayName: string; region: string; nationality: string; affiliation: string }): Promise<void> {
  await page.getByLabel(T("Display name")).fill(details.displayName);
  await page.getByLabel(T("UN regional group")).selectOption(details.region);
  // The nationality is a combobox: typing the code lists its country, which is chosen by name (the value stays the code).
  await page.getByLabel(T("Nationality")).fill(details.nationality);
  await page.getByRole("listbox", { name: T("Countries") }).getByRole("option", { name: new RegExp(`\\(${details.nationality}\\)$`) }).click();
  await page.getByLabel(T("Affiliation")).fill(details.affiliation);
  await page.getByRole("button", { name: T("Create identity") }).click();
  await expect.poll(() => page.getByTestId("identity").count()).toBe(1);
}

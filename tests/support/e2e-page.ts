/**
 * Helpers for end-to-end tests that drive the app in Chromium: a session per
 * browser context (its own IndexedDB: a separate profile) recording every
 * request and page error, downloads saved to disk, axe-core checks, and the
 * first steps every person takes (create a vault, create an identity, import
 * a case packet), and closing a window as the desktop app does.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Download, Page } from "playwright-core";
import { expect } from "vitest";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { DIR, T } from "./locale";
import type { E2eWorld } from "./e2e-world";

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

/**
 * A new profile (its own session) that creates a vault and an identity and
 * exports its identity card to `cardName` in the run's temporary folder.
 */
export async function newPersonInPage(
  world: E2eWorld,
  passphrase: string,
  details: { displayName: string; region: string; nationality: string; affiliation: string },
  cardName: string,
): Promise<{ session: Session; cardFile: string }> {
  const session = await openSession(world.browser, `${world.server.origin}/#/vault`);
  const { page } = session;
  await createVaultInPage(page, passphrase);
  await createIdentityInPage(page, details);
  const cardFile = await saveDownload(page, () => page.getByRole("button", { name: T("Export identity card") }).click(), world.temp.file(cardName));
  return { session, cardFile };
}

/**
 * Imports the case packet `file` on the Panelist page: the secretariat's
 * fingerprint (of `secretariatSigningKey`) typed as it is read out, the
 * import confirmed, and the case ready to score.
 */
export async function importPacketInPage(page: Page, file: string, secretariatSigningKey: Uint8Array): Promise<void> {
  await page.getByRole("link", { name: T("Panelist"), exact: true }).click();
  await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(file);
  const question = page.getByTestId("confirm-signer");
  await expect.poll(() => question.count(), { timeout: 60_000 }).toBe(1);
  const groups = sshFingerprint(secretariatSigningKey).slice(7).match(/.{1,4}/g) ?? [];
  await question.getByLabel(T("Type the secretariat's fingerprint as it is read to you")).pressSequentially(groups.join(" "));
  await question.getByRole("button", { name: T("The fingerprint matches: import") }).click();
  await expect.poll(() => page.getByRole("button", { name: T("Score this case") }).count(), { timeout: 60_000 }).toBe(1);
}

/**
 * Closes `page` as the desktop app does (electron/policy/close-policy.ts): the
 * page holds the close while its save is pending (beforeunload), and the
 * close is tried again until the page lets it go. Expects the close to have
 * been held at least once: the change was not saved yet when the window was closed.
 */
export async function closeAsDesktopApp(page: Page): Promise<void> {
  const held: string[] = [];
  page.on("dialog", (d) => {
    held.push(d.type());
    void d.dismiss();
  });
  let closed = false;
  page.once("close", () => {
    closed = true;
  });
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () => {
      if (!closed) await page.close({ runBeforeUnload: true }).catch(() => undefined);
      return closed;
    })
    .toBe(true);
  expect(held[0]).toBe("beforeunload");
}

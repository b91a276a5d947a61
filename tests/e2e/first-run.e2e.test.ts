/**
 * What a new user meets in the first hour, in real Chromium against the
 * production build: the role pages offer to unlock the vault in place and
 * show themselves once it is open; "the two passphrases differ" goes away as
 * soon as they match; a name with accents keeps them in file names; the audit
 * log speaks in sentences with names; and no screen scrolls sideways from
 * 360 px to 1280 px wide, tables included.
 *
 * AP_SCREENSHOT_DIR, when set, receives a full-page PNG of every screen
 * checked at every width, for a person to look at.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { axeSerious, createIdentityInPage, openSession, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";

const PASS = "quiver basalt meadow tundra sextant";
const WIDTHS = [360, 600, 800, 1280] as const;
const SHOTS = process.env["AP_SCREENSHOT_DIR"];

const world = e2eWorld("first-run-e2e");
let session: Session;

beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

const mismatchAlerts = (page: Page) => page.getByTestId("passphrase-mismatch").count();

/** How far the page, and each header item, reach past the window's right edge (0 when nothing does), and the outermost elements that do. */
async function overflow(page: Page): Promise<{ page: number; header: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const past = (e: Element) => e.getBoundingClientRect().right > width + 0.5;
    const header = [...document.querySelectorAll(".shell-header > *")].map((e) => e.getBoundingClientRect().right - width);
    const culprits = [...document.querySelectorAll("main *")]
      .filter((e) => past(e) && !(e.parentElement && past(e.parentElement)))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} “${(e.textContent ?? "").slice(0, 40)}”`);
    return { page: root.scrollWidth - width, header: Math.max(0, ...header), culprits };
  });
}

/** The screen as it is now, at every width: nothing scrolls sideways and the header is whole. */
async function checkWidths(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // Layout follows the resize in the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    const found = await overflow(page);
    expect.soft({ page: found.page, header: found.header }, `${name} at ${width} px: ${found.culprits.join(", ")}`).toEqual({ page: 0, header: 0 });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function visit(page: Page, hash: string, ready: () => Promise<number>): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect.poll(ready).toBeGreaterThan(0);
}

describe("a new user's first run", () => {
  it("sees where to create a vault from a role page, and no page scrolls sideways before there is one", async () => {
    session = await openSession(world.browser, `${world.server.origin}/#/panelist`);
    const { page } = session;
    await expect.poll(() => page.getByTestId("vault-required").textContent()).toMatch(/Case packets are decrypted into your vault/);
    expect(await page.getByRole("heading", { name: "Create your vault first" }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await checkWidths(page, "panelist-no-vault");
    for (const [hash, name] of [
      ["#/", "home"],
      ["#/chair", "chair"],
      ["#/verify", "verify"],
      ["#/about", "about"],
    ] as const) {
      await visit(page, hash, () => page.locator("h1").count());
      await checkWidths(page, name);
    }
    await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "Secretariat" }).click();
    await expect.poll(() => page.getByTestId("vault-required").textContent()).toMatch(/Case files and the expert registry live only in your encrypted vault/);
    await page.getByRole("link", { name: "Create your vault in My vault" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Create your vault" }).count()).toBe(1);
    await checkWidths(page, "vault-create");
  });

  it("is told the passphrases differ only while they do", async () => {
    const { page } = session;
    await page.getByLabel("New passphrase").fill(PASS);
    await page.getByLabel("Repeat the passphrase").fill("quiver basalt");
    expect(await mismatchAlerts(page)).toBe(0); // still typing
    await page.getByRole("button", { name: "Create vault" }).click();
    await expect.poll(() => mismatchAlerts(page)).toBe(1);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "vault-create-mismatch.png") });
    expect(await page.getByTestId("vault-state").textContent()).toBe("No vault yet");
    // Corrected: the message goes at once, before any new submit.
    await page.getByLabel("Repeat the passphrase").fill(PASS);
    await expect.poll(() => mismatchAlerts(page)).toBe(0);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "vault-create-matched.png") });
    await page.getByRole("button", { name: "Create vault" }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe("Vault unlocked");

    await page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("New passphrase", { exact: true }).fill("harbour velvet cobalt quince");
    await page.getByLabel("Repeat the new passphrase").fill("harbour velvet cobalt quinces");
    await expect.poll(() => mismatchAlerts(page)).toBe(1); // as long, and different
    await page.getByLabel("Repeat the new passphrase").fill("harbour velvet cobalt quince");
    await expect.poll(() => mismatchAlerts(page)).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel("New passphrase", { exact: true }).fill("");
    await page.getByLabel("Repeat the new passphrase").fill("");
  });

  it("keeps the accent of Luísa in the card's file name", async () => {
    const { page } = session;
    await page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name: "Identity" }).click();
    await createIdentityInPage(page, { displayName: "Luísa Ferreira", region: "western-european-and-others-states", nationality: "PT", affiliation: "Universidade de Lisboa" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export identity card" }).click()]);
    expect(download.suggestedFilename()).toBe("Luísa-Ferreira.card.json");
    await download.saveAs(world.temp.file("luisa.card.json"));
  });

  it("unlocks the Panelist and Secretariat pages in place, and shows them without navigating away", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Lock" }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent()).toBe("Vault locked");

    await visit(page, "#/panelist", () => page.getByRole("heading", { name: "Unlock your vault" }).count());
    expect(await page.getByTestId("vault-required").textContent()).toMatch(/Case packets are decrypted into your vault/);
    expect(await axeSerious(page)).toEqual([]);
    await checkWidths(page, "panelist-locked");
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe("Vault unlocked");
    await expect.poll(() => page.getByLabel(/Import a case packet/).count()).toBe(1);
    expect(new URL(page.url()).hash).toBe("#/panelist");
    // The focus, on the unlock form that went away, moves to the page's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Panelist");

    await page.getByRole("button", { name: "Lock" }).click();
    await visit(page, "#/secretariat/registry", () => page.getByRole("heading", { name: "Unlock your vault" }).count());
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByRole("button", { name: /Add the sample experts/ }).count(), { timeout: 60_000 }).toBe(1);
    expect(new URL(page.url()).hash).toBe("#/secretariat/registry");
  });

  it("lays out every screen with data, tables included, without sideways scrolling", async () => {
    const { page } = session;
    await page.getByRole("button", { name: /Add the sample experts/ }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count()).toBe(7);
    await checkWidths(page, "secretariat-registry");
    await page.getByRole("navigation", { name: "Secretariat sections" }).getByRole("link", { name: "Cases" }).click();
    await page.getByRole("button", { name: "Load the sample case" }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    for (const tab of ["Details", "Claims", "Evidence", "Panel", "Send packets"]) {
      await page.getByRole("tab", { name: tab }).click();
      await expect.poll(() => page.getByRole("tab", { name: tab, selected: true }).count()).toBe(1);
      await checkWidths(page, `case-${tab.toLowerCase().replace(" ", "-")}`);
    }
    await page.getByRole("link", { name: "All cases", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Load the sample case" }).count()).toBe(1);
    await checkWidths(page, "secretariat-cases");

    const cardFile = world.temp.file("luisa.card.json");
    await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "My vault" }).click();
    await page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByLabel("Import an identity card (.card.json)").setInputFiles(cardFile);
    await expect.poll(() => page.getByTestId("contact").count()).toBe(1);
    for (const section of ["Identity", "Contacts", "Evidence files", "Backup", "Settings", "Audit log"]) {
      await page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name: section }).click();
      await expect.poll(() => page.getByRole("navigation", { name: "Vault sections" }).locator('[aria-current="page"]').textContent()).toBe(section);
      if (section === "Audit log") await expect.poll(() => page.getByTestId("audit-entry").count()).toBeGreaterThan(3);
      await checkWidths(page, `vault-${section.toLowerCase().replace(" ", "-")}`);
    }
    await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "Panelist" }).click();
    await expect.poll(() => page.getByLabel(/Import a case packet/).count()).toBe(1);
    await checkWidths(page, "panelist-inbox");
  });

  it("reads the audit log as sentences with names, not event ids", async () => {
    const { page } = session;
    await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "My vault" }).click();
    await page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name: "Audit log" }).click();
    await expect.poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n")).toMatch(/Your identity Luísa Ferreira was created\./);
    const log = (await page.getByTestId("audit-entry").allInnerTexts()).join("\n");
    expect(log).toMatch(/The vault was created\./);
    expect(log).toMatch(/Dr\. Adaeze Okonkwo was enrolled in the expert registry\./);
    expect(log).toMatch(/Case “Operation Silent Reservoir” was saved\./);
    expect(log).toMatch(/The identity card of Luísa Ferreira was imported into your contacts\./);
    expect(log).not.toMatch(/vault-created|identity-created|expert-enrolled|case-saved|contact-imported/);
    expect(log).not.toMatch(/identity: |case: /);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

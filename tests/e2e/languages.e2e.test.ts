/**
 * The interface in the six UN languages, in real Chromium started with the
 * system language under test (`--lang`): the first screen speaks it, Arabic
 * runs right to left, axe finds no serious violation in any language, and a
 * person's choice is kept by the device while locked and by the vault once
 * unlocked. Expected texts come from the catalogs, never from this file.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogs, tr } from "../support/catalog";
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { axeSerious, createVaultInPage, openSession } from "../support/e2e-page";
import { startStaticServer, type StaticServer } from "../support/static-server";

let proxy: RecordingProxy;
let server: StaticServer;
const browsers: Browser[] = [];

beforeAll(async () => {
  await loadCatalogs("ar", "zh", "ru", "fr", "es");
  proxy = await startRecordingProxy();
  server = await startStaticServer();
}, 120_000);

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.close();
  await proxy?.close();
});

async function browserIn(lang: string): Promise<Browser> {
  const browser = await launchChromium(proxy, { lang });
  browsers.push(browser);
  return browser;
}

const ready = (page: Page) => expect.poll(() => page.getByTestId("crypto-status").getAttribute("data-status")).toBe("ready");
const rolesNav = (page: Page, locale: string) => page.getByRole("navigation", { name: tr(locale, "Roles") });

describe.each([
  { lang: "ar", locale: "ar", tag: "ar", dir: "rtl" },
  { lang: "zh-CN", locale: "zh", tag: "zh-Hans", dir: "ltr" },
  { lang: "ru", locale: "ru", tag: "ru", dir: "ltr" },
  { lang: "fr-FR", locale: "fr", tag: "fr", dir: "ltr" },
  { lang: "es-419", locale: "es", tag: "es", dir: "ltr" },
])("Chromium started with --lang=$lang", ({ lang, locale, tag, dir }) => {
  it("shows the first screen in that language and direction, with no serious axe violation on the main screens", async () => {
    const browser = await browserIn(lang);
    const { page, context, problems } = await openSession(browser, `${server.origin}/#/home`);
    await ready(page);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([tag, dir]);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(dir);
    await expect.poll(() => page.getByTestId("crypto-status").textContent()).toBe(tr(locale, "Offline · libsodium on WebAssembly"));
    const nav = rolesNav(page, locale);
    for (const role of ["Overview", "My vault", "Panelist", "Chair", "Secretariat", "Verify", "About"]) {
      const label = tr(locale, role);
      expect(label).not.toBe(role);
      expect(await nav.getByRole("link", { name: label, exact: true }).count()).toBe(1);
    }
    expect(await axeSerious(page)).toEqual([]);
    for (const route of ["vault", "secretariat", "panelist", "about"]) {
      await nav.getByRole("link", { name: tr(locale, route === "vault" ? "My vault" : route === "about" ? "About" : route === "panelist" ? "Panelist" : "Secretariat"), exact: true }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${route}`);
      await expect.poll(() => page.getByTestId("screen-loading").count()).toBe(0);
      expect(await axeSerious(page), `axe on #/${route} in ${locale}`).toEqual([]);
    }
    expect(problems).toEqual([]);
    expect(proxy.hits).toEqual([]);
    await context.close();
  });
});

describe("choosing the language", () => {
  it("follows the header's choice at once, and keeps it on this device for the next start", async () => {
    const browser = await browserIn("en-US");
    const { page, context } = await openSession(browser, `${server.origin}/#/home`);
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.getByTestId("language").selectOption("fr");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("fr");
    expect(await rolesNav(page, "fr").getByRole("link", { name: tr("fr", "My vault"), exact: true }).count()).toBe(1);
    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["fr", "ltr"]);
    await page.getByTestId("language").selectOption("ar");
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await context.close();
  });

  it("is kept with the vault once unlocked: the vault's choice wins over the device's at the next unlock", async () => {
    const browser = await browserIn("en-US");
    const { page, context, problems } = await openSession(browser, `${server.origin}/#/vault`);
    await ready(page);
    const passphrase = "quartz meadow lantern orbit seventy";
    await createVaultInPage(page, passphrase);
    await page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name: "Settings" }).click();
    await page.getByTestId("settings-language").selectOption("es");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("es");
    await page.getByRole("button", { name: tr("es", "Lock") }).click();
    await expect.poll(() => page.getByTestId("vault-state").getAttribute("data-phase")).toBe("locked");
    // Locked, the device's choice can still change: back to English for the unlock screen.
    await page.getByTestId("language").selectOption("en");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.getByLabel("Passphrase").fill(passphrase);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByTestId("vault-state").getAttribute("data-phase"), { timeout: 60_000 }).toBe("unlocked");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("es");
    expect(await page.getByTestId("vault-state").textContent()).toBe(tr("es", "Vault unlocked"));
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});

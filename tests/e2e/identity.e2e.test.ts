/**
 * The identity and the out-of-band fingerprint check in real Chromium,
 * against the production build: the nationality chosen by name from a
 * searchable list and stored as its ISO code, an identity's details edited
 * (the card re-issued with the same key), and a contact's fingerprint that
 * stays hidden until typed, with pasting refused.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { exportIdentityCard, importIdentityCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import { axeSerious, createVaultInPage, openSession, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";

const PASS = "wicker lantern orbit seventy fjord";

const world = e2eWorld("identity-e2e");
let session: Session;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const section = (page: Page, name: string) => page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name }).click();
const readCard = (file: string) => {
  const card = importIdentityCard(readFileSync(file));
  if (!card.ok) throw new Error(`the exported card does not verify: ${card.error.kind}`);
  return card.value;
};

describe("identity details and the fingerprint check", () => {
  it("finds Switzerland by typing part of its name, stores CH and shows the name", async () => {
    session = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = session;
    await createVaultInPage(page, PASS);
    await page.getByLabel("Display name").fill("Lena Baumann");
    await page.getByLabel("UN regional group").selectOption("western-european-and-others-states");
    const nationality = page.getByLabel("Nationality");
    await nationality.pressSequentially("Switz");
    await expect.poll(() => page.getByRole("listbox", { name: "Countries" }).getByRole("option").allTextContents()).toEqual(["Switzerland (CH)"]);
    expect(await nationality.getAttribute("aria-expanded")).toBe("true");
    expect(await axeSerious(page)).toEqual([]);
    // Chosen with the keyboard: the first match is the active option.
    await nationality.press("Enter");
    expect(await nationality.inputValue()).toBe("Switzerland (CH)");
    expect(await nationality.getAttribute("aria-expanded")).toBe("false");
    await page.getByLabel("Affiliation").fill("University of Geneva");
    await page.getByRole("button", { name: "Create identity" }).click();
    await expect.poll(() => page.getByTestId("identity").count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId("identity-nationality").textContent()).toBe("Switzerland (CH)");

    const card = readCard(await saveDownload(page, () => page.getByRole("button", { name: "Export identity card" }).click(), world.temp.file("lena.card.json")));
    expect(card.card.nationality).toBe("CH");
  });

  it("refuses a nationality typed but not chosen from the list", async () => {
    const { page } = session;
    const nationality = page.getByLabel("Nationality");
    await nationality.fill("Swx");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "No country matches" }).count()).toBe(1);
    await page.getByLabel("Affiliation").focus();
    expect(await nationality.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe("Choose a country from the list.");
    await nationality.fill("");
  });

  it("edits the details: same key, a card re-issued with the new details, the person told to hand it over again", async () => {
    const { page } = session;
    const before = readCard(world.temp.file("lena.card.json"));
    await page.getByRole("button", { name: "Edit details…" }).click();
    const form = page.getByRole("form", { name: /Edit the details of Lena Baumann/ });
    const nationality = form.getByLabel("Nationality");
    expect(await nationality.inputValue()).toBe("Switzerland (CH)");
    await nationality.fill("Fran");
    await nationality.press("Enter");
    expect(await nationality.inputValue()).toBe("France (FR)");
    await form.getByLabel("Affiliation").fill("Sciences Po Paris");
    await form.getByRole("button", { name: "Save and re-issue the card" }).click();
    await expect.poll(() => page.getByTestId("card-reissued").textContent()).toMatch(/your card has changed: export it and hand it over again/);
    expect(await page.getByTestId("identity-nationality").textContent()).toBe("France (FR)");
    expect(await axeSerious(page)).toEqual([]);

    const after = readCard(await saveDownload(page, () => page.getByRole("button", { name: "Export the new card" }).click(), world.temp.file("lena-2.card.json")));
    expect(after.card).toMatchObject({ nationality: "FR", affiliation: "Sciences Po Paris", displayName: "Lena Baumann" });
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.signature).not.toBe(before.signature);

    await section(page, "Audit log");
    await expect.poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n")).toMatch(/nationality and affiliation/);
    await section(page, "Identity");
  });

  it("hides a contact's fingerprint until it is typed, counts the matching groups and refuses pasting", async () => {
    const { page } = session;
    const colleague = testIdentity({ displayName: "Jonas Berg", region: "western-european-and-others-states", nationality: "NO" });
    const file = world.temp.file("jonas.card.json");
    writeFileSync(file, exportIdentityCard(colleague));
    const fingerprint = sshFingerprint(colleague.signing.publicKey);
    const groups = fingerprint.slice(7).match(/.{1,4}/g) ?? [];
    await section(page, "Contacts");
    await page.getByLabel(/Import an identity card/).setInputFiles(file);
    const contact = page.getByTestId("contact");
    await expect.poll(() => contact.textContent()).toMatch(/Jonas Berg\s*Unverified/);
    expect(await contact.textContent()).toContain("Norway (NO)");
    expect(await contact.textContent()).not.toContain(groups[0]);
    expect(await contact.getByTestId("fingerprint-hidden").count()).toBe(1);
    const box = contact.getByLabel(/Type the fingerprint/);
    const confirm = contact.getByRole("button", { name: "Confirm and trust" });
    expect(await confirm.isDisabled()).toBe(true);

    // Pasting, with the keyboard shortcut and a real clipboard, is refused and explained.
    await session.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: world.server.origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), fingerprint);
    await box.focus();
    await page.keyboard.press("ControlOrMeta+V");
    await expect.poll(() => contact.getByTestId("paste-refused").textContent()).toMatch(/type what you hear\. Pasting would skip the check/);
    expect(await box.inputValue()).toBe("");
    // So is dropping text onto the box.
    const dropRefused = await box.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      const drop = new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true });
      el.dispatchEvent(drop);
      return drop.defaultPrevented;
    }, fingerprint);
    expect(dropRefused).toBe(true);
    expect(await axeSerious(page)).toEqual([]);

    // Typed group by group, as heard: a counter, and the fingerprint still hidden.
    await box.pressSequentially(groups.slice(0, 3).join(" "));
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(`3 of ${groups.length} groups match.`);
    expect(await contact.getByTestId("paste-refused").count()).toBe(0);
    expect(await contact.locator("figure.fingerprint").count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(true);
    await box.pressSequentially(" XXXX");
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(`3 of ${groups.length} groups match. Group 4 differs: ask for it again.`);
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    await box.fill(groups.slice(0, 3).join(" "));
    await box.pressSequentially(` ${groups.slice(3).join(" ")}`);
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(`All ${groups.length} groups match.`);
    expect(await contact.locator("figure.fingerprint").textContent()).toContain(fingerprint);
    await confirm.click();
    await expect.poll(() => contact.textContent()).toMatch(/Jonas Berg\s*Trusted/);
    expect(await contact.locator("figure.fingerprint").textContent()).toContain(fingerprint);
    expect(session.problems).toEqual([]);
  });
});

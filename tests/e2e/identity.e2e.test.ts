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
import { formatList } from "../../renderer/i18n/format";
import { axeSerious, createVaultInPage, expectDirection, openSession, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { country, T, TF } from "../support/locale";

const PASS = "wicker lantern orbit seventy fjord";

const world = e2eWorld("identity-e2e");
let session: Session;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const section = (page: Page, name: string) => page.getByRole("navigation", { name: T("Vault sections") }).getByRole("link", { name: T(name, "vault section") }).click();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const nameAndState = (name: string, state: string) => new RegExp(`${escape(name)}\\s*${escape(T(state, "contact trust state"))}`);
const groupsMatch = (matching: number, total: number, firstWrong?: number) =>
  firstWrong === undefined
    ? TF("{total, plural, one {{matching} of # group matches.} other {{matching} of # groups match.}}", { total, matching })
    : TF("{total, plural, one {{matching} of # group matches. Group {firstWrong} differs: ask for it again.} other {{matching} of # groups match. Group {firstWrong} differs: ask for it again.}}", { total, matching, firstWrong });
const allGroupsMatch = (total: number) => TF("{total, plural, one {The # group matches.} other {All # groups match.}}", { total });
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
    await expectDirection(page);
    await page.getByLabel(T("Display name")).fill("Lena Baumann");
    await page.getByLabel(T("UN regional group")).selectOption("western-european-and-others-states");
    const nationality = page.getByLabel(T("Nationality"));
    // Typed in English (a country is also found by its English name), shown in the interface's language.
    await nationality.pressSequentially("Switz");
    await expect.poll(() => page.getByRole("listbox", { name: T("Countries") }).getByRole("option").allTextContents()).toEqual([country("CH")]);
    expect(await nationality.getAttribute("aria-expanded")).toBe("true");
    expect(await axeSerious(page)).toEqual([]);
    // Chosen with the keyboard: the first match is the active option.
    await nationality.press("Enter");
    expect(await nationality.inputValue()).toBe(country("CH"));
    expect(await nationality.getAttribute("aria-expanded")).toBe("false");
    await page.getByLabel(T("Affiliation")).fill("University of Geneva");
    await page.getByRole("button", { name: T("Create identity") }).click();
    await expect.poll(() => page.getByTestId("identity").count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("identity-nationality").textContent()).toBe(country("CH"));

    const card = readCard(await saveDownload(page, () => page.getByRole("button", { name: T("Export identity card") }).click(), world.temp.file("lena.card.json")));
    expect(card.card.nationality).toBe("CH");
  });

  it("refuses a nationality typed but not chosen from the list", async () => {
    const { page } = session;
    const nationality = page.getByLabel(T("Nationality"));
    await nationality.fill("Swx");
    await expect.poll(() => page.getByRole("status").filter({ hasText: TF("No country matches “{typedText}”.", { typedText: "Swx" }) }).count()).toBe(1);
    await page.getByLabel(T("Affiliation")).focus();
    expect(await nationality.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe(T("Choose a country from the list."));
    await nationality.fill("");
  });

  it("edits the details: same key, a card re-issued with the new details, the person told to hand it over again", async () => {
    const { page } = session;
    const before = readCard(world.temp.file("lena.card.json"));
    await page.getByRole("button", { name: T("Edit details…") }).click();
    const form = page.getByRole("form", { name: TF("Edit the details of {displayName}", { displayName: "Lena Baumann" }) });
    const nationality = form.getByLabel(T("Nationality"));
    expect(await nationality.inputValue()).toBe(country("CH"));
    await nationality.fill("Fran");
    await nationality.press("Enter");
    expect(await nationality.inputValue()).toBe(country("FR"));
    await form.getByLabel(T("Affiliation")).fill("Sciences Po Paris");
    await form.getByRole("button", { name: T("Save and re-issue the card") }).click();
    await expect
      .poll(() => page.getByTestId("card-reissued").textContent())
      .toContain(
        T(
          "Your details are saved and your card has changed: export it and hand it over again. Contacts and secretariats who imported your earlier card still see the earlier details until they import the new one. Your keys and fingerprint are unchanged.",
        ),
      );
    // The identity's card shows the new details once the list is read again, which may land just after the notice.
    await expect.poll(() => page.getByTestId("identity-nationality").textContent()).toBe(country("FR"));
    expect(await axeSerious(page)).toEqual([]);

    const after = readCard(await saveDownload(page, () => page.getByRole("button", { name: T("Export the new card") }).click(), world.temp.file("lena-2.card.json")));
    expect(after.card).toMatchObject({ nationality: "FR", affiliation: "Sciences Po Paris", displayName: "Lena Baumann" });
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.signature).not.toBe(before.signature);

    await section(page, "Audit log");
    const fields = formatList([T("nationality", "a detail of an identity, in a list"), T("affiliation", "a detail of an identity, in a list")]);
    await expect
      .poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n"))
      .toContain(
        TF(
          "{who, select, named {The details of your identity {name} changed: {fields}.} key {The details of your identity with the key {key} changed: {fields}.} other {The details of an identity changed: {fields}.}}",
          { who: "named", name: "Lena Baumann", fields },
        ),
      );
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
    await page.getByLabel(T("Import an identity card (.card.json)")).setInputFiles(file);
    const contact = page.getByTestId("contact");
    await expect.poll(() => contact.textContent()).toMatch(nameAndState("Jonas Berg", "Unverified"));
    // Country names are loaded on first use (codes are shown meanwhile).
    await expect.poll(() => contact.textContent()).toContain(country("NO"));
    expect(await contact.textContent()).not.toContain(groups[0]);
    expect(await contact.getByTestId("fingerprint-hidden").count()).toBe(1);
    const box = contact.getByLabel(T("Type the fingerprint as its owner reads it to you"));
    const confirm = contact.getByRole("button", { name: T("Confirm and trust") });
    expect(await confirm.isDisabled()).toBe(true);

    // Pasting, with the keyboard shortcut and a real clipboard, is refused and explained.
    await session.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: world.server.origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), fingerprint);
    await box.focus();
    await page.keyboard.press("ControlOrMeta+V");
    await expect.poll(() => contact.getByTestId("paste-refused").textContent()).toBe(T("Pasting is turned off here: type what you hear. Pasting would skip the check."));
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
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(groupsMatch(3, groups.length));
    expect(await contact.getByTestId("paste-refused").count()).toBe(0);
    expect(await contact.locator("figure.fingerprint").count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(true);
    await box.pressSequentially(" XXXX");
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(groupsMatch(3, groups.length, 4));
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    await box.fill(groups.slice(0, 3).join(" "));
    await box.pressSequentially(` ${groups.slice(3).join(" ")}`);
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(allGroupsMatch(groups.length));
    expect(await contact.locator("figure.fingerprint").textContent()).toContain(fingerprint);
    await confirm.click();
    await expect.poll(() => contact.textContent()).toMatch(nameAndState("Jonas Berg", "Trusted"));
    expect(await contact.locator("figure.fingerprint").textContent()).toContain(fingerprint);
    expect(session.problems).toEqual([]);
  });
});

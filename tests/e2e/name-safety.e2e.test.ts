/**
 * Names that could pass for another person's, in real Chromium against the
 * production build: a name with an invisible character is refused where it
 * is typed (a new identity) and where a card brings it (a contact); a name
 * that mixes scripts in one word ("Inеs" with a Cyrillic е) is accepted
 * with a warning naming the word and the scripts, on the contact, before an
 * expert is enrolled, and while a person types their own name.
 */
import { writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { exportIdentityCard, identityCardOf } from "../../shared/identity/identity-card";
import { signCardFile, testIdentity } from "../../shared/identity/identity.testing";
import { formatList } from "../../renderer/i18n/format";
import { axeSerious, createVaultInPage, expectDirection, openSession, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { CHROMIUM_LANG, T, TF } from "../support/locale";

const PASS = "copper heron meadow ninety glacier";
/** "Inеs" with U+0435 CYRILLIC SMALL LETTER IE in place of the Latin e. */
const MIXED_WORD = "In\u0435s";
const MIXED_NAME = `${MIXED_WORD} Okafor`;

const world = e2eWorld("name-safety-e2e");
let session: Session;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const scriptName = (code: string) => new Intl.DisplayNames([CHROMIUM_LANG], { type: "script" }).of(code) ?? code;
const section = (page: Page, name: string) => page.getByRole("navigation", { name: T("Vault sections") }).getByRole("link", { name: T(name, "vault section") }).click();

/** The warning the app shows about a card whose name mixes Latin and Cyrillic in MIXED_WORD. */
function mixedCardWarning(): string {
  const scripts = formatList([scriptName("Latn"), scriptName("Cyrl")]);
  const letter = TF("“{letter}” ({script}, {codePoint})", { letter: "\u0435", script: scriptName("Cyrl"), codePoint: "U+0435" }, "a letter of a name, its script and its Unicode code point");
  return `${TF("The name mixes {scripts} letters in “<0>{word}</0>”: check it with its owner before you trust this card.", { scripts, word: MIXED_WORD })} ${TF("Letters not in {main}: {letters}.", { main: scriptName("Latn"), letters: formatList([letter]) })}`;
}

describe("names that could pass for another person's", () => {
  it("refuses a new identity whose name holds a zero-width space, saying why, and creates it once corrected", async () => {
    session = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = session;
    await createVaultInPage(page, PASS);
    await expectDirection(page);
    await page.getByLabel(T("Display name")).fill("Ines\u200BOkafor");
    await page.getByLabel(T("UN regional group")).selectOption("african-states");
    await page.getByLabel(T("Nationality")).fill("NG");
    await page.getByRole("listbox", { name: T("Countries") }).getByRole("option", { name: /\(NG\)$/ }).click();
    await page.getByLabel(T("Affiliation")).fill("University of Lagos");
    await page.getByRole("button", { name: T("Create identity") }).click();

    const what = TF("{label} contains invisible characters (such as a zero-width space), which could make it pass for another name; remove them", {
      label: T("The display name", "field named in an error"),
    });
    // The sentence names the field, so no technical path precedes it.
    await expect.poll(() => page.getByRole("alert").allTextContents()).toContain(TF("These details cannot be used: {issues}.", { issues: what }));
    expect(await page.getByTestId("identity").count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByLabel(T("Display name")).fill("Ines Okafor");
    await page.getByRole("button", { name: T("Create identity") }).click();
    await expect.poll(() => page.getByTestId("identity").count(), { timeout: 60_000 }).toBe(1);
  });

  it("warns, while a person types their own name, about a word that mixes scripts", async () => {
    const { page } = session;
    const name = page.getByLabel(T("Display name"));
    await name.fill(MIXED_NAME);
    const warning = page.getByTestId("name-script-warning");
    await expect
      .poll(() => warning.textContent())
      .toContain(TF("The name mixes {scripts} letters in “<0>{word}</0>”: others will be warned that it may imitate another name. Type the word in one script.", { scripts: formatList([scriptName("Latn"), scriptName("Cyrl")]), word: MIXED_WORD }));
    expect(await name.getAttribute("aria-describedby")).toBe(await warning.getAttribute("id"));
    await name.fill("Ines Okafor");
    await expect.poll(() => warning.count()).toBe(0);
  });

  it("imports a contact card whose name mixes Latin and Cyrillic in one word, with the warning on the contact", async () => {
    const { page } = session;
    const file = world.temp.file("mixed.card.json");
    writeFileSync(file, exportIdentityCard(testIdentity({ displayName: MIXED_NAME, region: "african-states", nationality: "NG" })));
    await section(page, "Contacts");
    await page.getByLabel(T("Import an identity card (.card.json)")).setInputFiles(file);
    const contact = page.getByTestId("contact").filter({ hasText: MIXED_NAME });
    await expect.poll(() => contact.getByTestId("name-script-warning").textContent()).toBe(mixedCardWarning());
    expect(await axeSerious(page)).toEqual([]);
  });

  it("refuses a contact card whose name holds a zero-width space, saying why", async () => {
    const { page } = session;
    const owner = testIdentity({ displayName: "Jonas Berg", region: "western-european-and-others-states", nationality: "NO" });
    const file = world.temp.file("invisible.card.json");
    writeFileSync(file, signCardFile({ ...identityCardOf(owner), displayName: "Jonas\u200BBerg" }, owner.signing));
    await page.getByLabel(T("Import an identity card (.card.json)")).setInputFiles(file);
    const card = T(
      "The name on this identity card contains invisible characters (such as a zero-width space), which could make it pass for another person's name; the card is refused. Ask its owner to correct the name (My vault, Identity, Edit details) and to send the new card.",
    );
    await expect.poll(() => page.getByRole("alert").allTextContents()).toContain(TF("The card was not imported. {card}", { card }));
    expect(await page.getByTestId("contact").count()).toBe(1);
  });

  it("shows the warning before an expert whose name mixes scripts is enrolled", async () => {
    const { page } = session;
    const file = world.temp.file("expert.card.json");
    writeFileSync(file, exportIdentityCard(testIdentity({ displayName: MIXED_NAME, region: "african-states", nationality: "NG" })));
    await page.getByRole("link", { name: T("Secretariat"), exact: true }).click();
    await page.getByRole("navigation", { name: T("Secretariat sections") }).getByRole("link", { name: T("Expert registry") }).click();
    await page.getByLabel(T("Enrol an expert from an identity card (.card.json)")).setInputFiles(file);
    await expect.poll(() => page.getByTestId("enrol-form").getByTestId("name-script-warning").textContent()).toBe(mixedCardWarning());
    expect(await axeSerious(page)).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});

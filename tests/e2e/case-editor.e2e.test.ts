/**
 * The secretariat's case editor in Chromium, against the production build:
 * unsaved edits survive a switch of tab, leaving the editor and closing the
 * window (kept as an encrypted draft, offered back on return); a new case
 * stores no template claim, a STIX import drops the empty one, and the
 * packets tab says why a blank claim stops sending; saving a panel that
 * breaks the rules says so; the evidence is an index with search, filters,
 * one open item and keyboard movement; a custody event half typed survives
 * moving to another item, another tab and leaving the editor; party states
 * and attributed states are chosen by name and shown with it.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatList } from "../../renderer/i18n/format";
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { axeSerious, createVaultInPage, expectDirection, openSession, type Session } from "../support/e2e-page";
import { ANY, CHROMIUM_LANG, country, literal, T, TF, TX, useLocale } from "../support/locale";
import { startStaticServer, type StaticServer } from "../support/static-server";

const PASS = "wicker lantern orbit seventy fjord";
const SAMPLE_BUNDLE = path.resolve(import.meta.dirname, "../../shared/case/sample/sample-bundle.json");

let proxy: RecordingProxy;
let browser: Browser;
let server: StaticServer;
let session: Session;

beforeAll(async () => {
  await useLocale();
  proxy = await startRecordingProxy();
  browser = await launchChromium(proxy, { lang: CHROMIUM_LANG });
  server = await startStaticServer();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await proxy?.close();
});

const caseHeading = (page: Page, title: RegExp) => page.getByRole("heading", { level: 2, name: title });
const keptAsDraft = (page: Page) =>
  expect.poll(() => page.getByTestId("draft-state").textContent(), { timeout: 30_000 }).toMatch(TX("Unsaved changes ({parts}), kept as a draft at {time}", { parts: /.+/, time: /.+/ }));
const tab = (page: Page, name: string) => page.getByRole("tab", { name: T(name, "tab of the case editor") });
const claimLabel = (position: number) => TF("Claim {position}", { position });
const attributedLabel = () => TF("Claim {position}: attributed to state (optional)", { position: 1 });
const anchored = (pattern: RegExp, end = false) => new RegExp(`^(?:${pattern.source})${end ? "$" : ""}`);
/** The line beside Save naming what is unsaved (`part`), whether or not the draft was kept yet. */
const unsaved = (part: string) =>
  anchored(new RegExp(`${TX("Unsaved changes ({parts})", { parts: part }).source}$|${TX("Unsaved changes ({parts}), kept as a draft at {time}", { parts: part, time: /.+/ }).source}`));
const restoreDraft = (page: Page) => page.getByRole("button", { name: anchored(TX("Restore the unsaved draft from {offerTime}", { offerTime: /.+/ })) });
const saved = () => T("Saved.");

async function newCase(page: Page, title: string): Promise<string> {
  await page.goto(`${server.origin}/#/secretariat/cases`);
  await page.getByLabel(T("Title of a new case")).fill(title);
  await page.getByRole("button", { name: T("Create the case") }).click();
  await expect.poll(() => caseHeading(page, new RegExp(title)).count()).toBe(1);
  return new URL(page.url()).hash;
}

async function unlockAndOpen(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.origin}/#/vault`);
  await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
  await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
  await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
  await page.goto(`${server.origin}/${hash}`);
}

describe("the case editor", () => {
  let draftCase = "";

  it("a new case stores no template claim; the packets tab says why an empty claim stops sending; a STIX import drops the empty claim", async () => {
    session = await openSession(browser, `${server.origin}/#/vault`);
    const { page } = session;
    await createVaultInPage(page, PASS);
    await expectDirection(page);
    await newCase(page, "STIX intake");
    await tab(page, "Claims").click();
    const first = page.getByLabel(claimLabel(1), { exact: true });
    expect(await first.inputValue()).toBe("");
    expect(await first.getAttribute("placeholder")).toBe(T("State the hypothesis, e.g. “The campaign was conducted by the armed forces of State A.”"));
    // The template claim of earlier versions is gone (its English text is in no catalog any more).
    expect(await page.locator("body").innerText()).not.toMatch(/state the first hypothesis/i);
    expect(await page.getByTestId("blank-claims").textContent()).toContain(TF("{0, plural, one {Claim {list} has no statement yet.} other {Claims {list} have no statement yet.}}", { 0: 1, list: formatList(["1"]) }));
    await tab(page, "Send packets").click();
    await expect
      .poll(() => page.getByTestId("blank-claims-alert").textContent())
      .toBe(
        `${TF("{0, plural, one {Claim {list} has no statement yet.} other {Claims {list} have no statement yet.}}", { 0: 1, list: formatList(["1"]) })} ${TF(
          "{0, plural, one {Write it on the Claims tab (or remove it) and save the case: a packet is never sent with an empty claim.} other {Write them on the Claims tab (or remove them) and save the case: a packet is never sent with an empty claim.}}",
          { 0: 1 },
        )}`,
      );
    expect(await axeSerious(page)).toEqual([]);

    await tab(page, "Evidence").click();
    await page.getByLabel(T("Import evidence and claims from a STIX 2.1 bundle")).setInputFiles(SAMPLE_BUNDLE);
    await expect
      .poll(() => page.getByRole("status").allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining(TF("Imported {claims, plural, one {# claim} other {# claims}} and {evidence, plural, one {# evidence item} other {# evidence items}} from STIX.", { claims: 4, evidence: 13 })));
    await tab(page, "Claims").click();
    expect(await page.getByTestId("claim").count()).toBe(5);
    for (const i of [1, 2, 3, 4]) expect(await page.getByLabel(claimLabel(i), { exact: true }).inputValue()).not.toBe("");
    expect(await page.getByTestId("blank-claims").count()).toBe(0);
  });

  it("edits survive a switch of tab, and leaving the editor keeps them as a draft, offered back on return", async () => {
    const { page } = session;
    draftCase = await newCase(page, "Draft keeping");
    await page.getByLabel(T("Summary")).fill("Typed before leaving the editor.");
    await tab(page, "Claims").click();
    await page.getByLabel(claimLabel(1), { exact: true }).fill("The campaign was conducted by State A.");
    await tab(page, "Details").click();
    expect(await page.getByLabel(T("Summary")).inputValue()).toBe("Typed before leaving the editor.");
    await keptAsDraft(page);

    await page.getByRole("link", { name: T("All cases"), exact: true }).click();
    await expect
      .poll(() => page.getByTestId("draft-notice").textContent())
      .toContain(TF("Your unsaved changes to “{title}” are kept as a draft in your vault: open the case to restore or discard them.", { title: "Draft keeping" }));
    await expect.poll(() => page.getByTestId("case-draft").count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("link", { name: "Draft keeping" }).click();
    const restore = restoreDraft(page);
    await expect.poll(() => restore.count()).toBe(1);
    // Nothing to edit until the person chooses: an edit would overwrite the draft.
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await restore.click();
    expect(await page.getByLabel(T("Summary")).inputValue()).toBe("Typed before leaving the editor.");
    await tab(page, "Claims").click();
    expect(await page.getByLabel(claimLabel(1), { exact: true }).inputValue()).toBe("The campaign was conducted by State A.");
    expect(await page.getByTestId("draft-state").textContent()).toMatch(unsaved(T("case", "what has unsaved changes: the case")));

    // Saving deletes the draft.
    await page.getByRole("button", { name: T("Save changes") }).click();
    await expect.poll(() => page.getByRole("status").allInnerTexts()).toContainEqual(saved());
    await page.getByRole("link", { name: T("All cases"), exact: true }).click();
    await expect.poll(() => page.getByTestId("case-row").count()).toBeGreaterThan(1);
    expect(await page.getByTestId("case-draft").count()).toBe(0);
    expect(await page.getByTestId("draft-notice").count()).toBe(0);
  });

  it("a window closed with unsaved edits keeps them: the next window offers them back, and they can be discarded", async () => {
    let page = session.page;
    await page.goto(`${server.origin}/${draftCase}`);
    await expect.poll(() => caseHeading(page, /Draft keeping/).count()).toBe(1);
    // Closed before the draft is written, the window asks first (and the draft is written at once).
    const asked: string[] = [];
    page.on("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await page.getByLabel(T("Summary")).fill("Typed before the window closed.");
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(["beforeunload"]);
    expect(page.isClosed()).toBe(false);
    await keptAsDraft(page);
    await page.close();

    page = await session.context.newPage();
    page.on("pageerror", (e) => session.problems.push(`pageerror: ${e.message}`));
    session.page = page;
    await unlockAndOpen(page, draftCase);
    const restore = restoreDraft(page);
    await expect.poll(() => restore.count(), { timeout: 60_000 }).toBe(1);
    await restore.click();
    expect(await page.getByLabel(T("Summary")).inputValue()).toBe("Typed before the window closed.");

    // Discarded from the offer, the draft is gone for good.
    await page.getByLabel(T("Summary")).fill("Typed again, then discarded.");
    await keptAsDraft(page);
    await page.reload();
    await unlockAndOpen(page, draftCase);
    const discard = page.getByRole("button", { name: T("Discard it", "button: discard the kept draft") });
    await expect.poll(() => discard.count(), { timeout: 60_000 }).toBe(1);
    await discard.click();
    expect(await page.getByLabel(T("Summary")).inputValue()).toBe("Typed before leaving the editor.");
    await page.getByRole("link", { name: T("All cases"), exact: true }).click();
    await expect.poll(() => page.getByTestId("case-row").count()).toBeGreaterThan(1);
    expect(await page.getByTestId("case-draft").count()).toBe(0);
    expect(await page.getByTestId("draft-notice").count()).toBe(0);
  });

  it("saving a panel that breaks the rules says it cannot be sent, and why; the panel being composed survives a switch of tab", async () => {
    const { page } = session;
    await page.goto(`${server.origin}/#/secretariat/registry`);
    await page.getByRole("button", { name: T("Add the sample experts (for a demonstration)") }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 60_000 }).toBe(7);
    await page.goto(`${server.origin}/#/secretariat/cases`);
    await page.getByRole("button", { name: T("Load the sample case") }).click();
    await expect.poll(() => caseHeading(page, /Operation Silent Reservoir/).count(), { timeout: 60_000 }).toBe(1);

    const seat = (name: string) => page.getByLabel(TF("Seat of {name}", { name }));
    await tab(page, "Panel").click();
    await seat("Dr. Adaeze Okonkwo").selectOption("chair");
    await seat("Dr. Bogdan Veres").selectOption("member");
    await tab(page, "Details").click();
    await tab(page, "Panel").click();
    expect(await seat("Dr. Adaeze Okonkwo").inputValue()).toBe("chair");
    expect(await seat("Dr. Bogdan Veres").inputValue()).toBe("member");
    expect(await page.getByTestId("draft-state").textContent()).toMatch(unsaved(T("panel", "what has unsaved changes: the case's panel")));

    await page.getByRole("button", { name: T("Save the panel") }).click();
    const status = page.getByTestId("panel-save-status");
    const conflict = TX("{name} has a conflict of interest ({reasons}); record a waiver with a reason, or choose someone else.", { name: "Dr. Bogdan Veres", reasons: /.+?/ });
    await expect.poll(() => status.textContent()).toMatch(anchored(TX("Saved, but this panel cannot be sent as it is: {problems}", { problems: new RegExp(`${conflict.source}${ANY.source}`) })));
    expect(await page.getByText(saved(), { exact: true }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);

    await seat("Dr. Bogdan Veres").selectOption("");
    await page.getByRole("button", { name: T("Save the panel") }).click();
    await expect.poll(() => status.textContent()).toBe(saved());
  });

  it("the evidence is an index: search, filters, one item open, keyboard movement; the page stays short", async () => {
    const { page } = session;
    await tab(page, "Evidence").click();
    const rows = page.getByTestId("evidence-index-item");
    await expect.poll(() => rows.count()).toBe(12);
    expect(await page.getByTestId("evidence-editor").count()).toBe(1);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.info(`evidence tab: ${height} px high`);
    expect(height).toBeLessThan(5000);
    expect(await axeSerious(page)).toEqual([]);

    // Each row: kind, Admiralty grading, marking, number of files.
    expect(await rows.first().innerText()).toMatch(new RegExp(`${TX("Log extract", {}, "evidence kind").source}\\s+B2\\s+TLP:AMBER[\\s\\S]*${TX("{n, plural, one {# file} other {# files}}", { n: 1 }).source}`));

    const search = page.getByLabel(T("Search titles and descriptions"));
    await search.fill("backdoor");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId("evidence-count").textContent()).toBe(TF("{0, plural, one {{matching} of # item matches.} other {{matching} of # items match.}}", { 0: 12, matching: 1 }));
    await search.fill("");
    await page.getByLabel(T("Filter by marking")).selectOption("RED");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/TLP:RED/);
    await page.getByLabel(T("Filter by marking")).selectOption("");
    await page.getByLabel(T("Filter by kind")).selectOption("malware-sample");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel(T("Filter by kind")).selectOption("");
    await expect.poll(() => rows.count()).toBe(12);

    // Keyboard: Down and j move, Enter opens; the open row is marked current.
    const titles = await rows.locator(".evidence-row-title").allInnerTexts();
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("evidence-editor").getByRole("heading", { level: 3 }).textContent()).toContain(titles[1]);
    expect(await rows.nth(1).getAttribute("aria-current")).toBe("true");
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("evidence-editor").getByRole("heading", { level: 3 }).textContent()).toContain(titles[2]);
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("evidence-editor").getByRole("heading", { level: 3 }).textContent()).toContain(titles[0]);
    expect(await page.getByTestId("evidence-editor").count()).toBe(1);

    // An edit to the open item survives moving to another one and back.
    const title = page.getByTestId("evidence-editor").getByLabel(T("Title", "of an evidence item"), { exact: true });
    await title.fill("Renamed log extract");
    await page.getByRole("button", { name: T("Next item") }).click();
    expect(await rows.first().innerText()).toMatch(new RegExp(`Renamed log extract[\\s\\S]*${TX("edited", {}, "an evidence item with unsaved edits").source}`));
    await page.getByRole("button", { name: T("Previous item") }).click();
    expect(await title.inputValue()).toBe("Renamed log extract");
    await page.getByRole("button", { name: T("Discard changes") }).click();
  });

  it("a custody event being typed survives moving to another item and tab, and leaving the editor; adding it clears the form", async () => {
    const { page } = session;
    await tab(page, "Evidence").click();
    const rows = page.getByTestId("evidence-index-item");
    const editor = page.getByTestId("evidence-editor");
    const action = editor.getByLabel(T("Action", "what was done in a custody event"), { exact: true });
    const actor = editor.getByLabel(T("Actor", "who did it, in a custody event"), { exact: true });
    const note = editor.getByLabel(T("Note", "noun, of a custody event"), { exact: true });
    const notAdded = T("custody event not added");
    await rows.first().click();
    await expect.poll(() => rows.first().getAttribute("aria-current")).toBe("true");
    const events = await editor.getByTestId("custody-event").count();
    await action.selectOption("verified");
    await actor.fill("Registry clerk");
    await note.fill("Seal checked, intact");
    // Another item, then another tab: the form of the first item still holds what was typed.
    await rows.nth(1).click();
    await expect.poll(() => rows.nth(1).getAttribute("aria-current")).toBe("true");
    expect(await actor.inputValue()).toBe("");
    expect(await rows.first().innerText()).toContain(notAdded);
    await tab(page, "Details").click();
    const typingCustody = T("a custody event being typed", "what has unsaved changes");
    expect(await page.getByTestId("draft-state").textContent()).toMatch(unsaved(typingCustody));
    await tab(page, "Evidence").click();
    await rows.first().click();
    await expect.poll(() => rows.first().getAttribute("aria-current")).toBe("true");
    expect(await action.inputValue()).toBe("verified");
    expect(await actor.inputValue()).toBe("Registry clerk");
    expect(await note.inputValue()).toBe("Seal checked, intact");
    expect(await axeSerious(page)).toEqual([]);

    // Kept with the draft: leaving the editor and coming back offers it again.
    await keptAsDraft(page);
    await page.getByRole("link", { name: T("All cases"), exact: true }).click();
    await expect
      .poll(() => page.getByTestId("draft-notice").textContent())
      .toContain(TF("Your unsaved changes to “{title}” are kept as a draft in your vault: open the case to restore or discard them.", { title: "Operation Silent Reservoir" }));
    await page.getByRole("link", { name: /Operation Silent Reservoir/ }).click();
    await expect
      .poll(() => page.getByTestId("draft-offer").textContent())
      .toMatch(TX("This case has unsaved changes ({offerList}), kept as a draft in your vault on {offerTime}.", { offerList: typingCustody, offerTime: /.+/ }));
    await restoreDraft(page).click();
    await tab(page, "Evidence").click();
    await expect.poll(() => rows.first().getAttribute("aria-current")).toBe("true");
    expect(await actor.inputValue()).toBe("Registry clerk");
    expect(await note.inputValue()).toBe("Seal checked, intact");

    // Added: the chain grows by one event, the form is empty again, and saving leaves nothing unsaved.
    await editor.getByRole("button", { name: T("Add the event") }).click();
    expect(await editor.getByTestId("custody-event").count()).toBe(events + 1);
    expect(await actor.inputValue()).toBe("");
    expect(await rows.first().innerText()).not.toContain(notAdded);
    await page.getByRole("button", { name: T("Save changes") }).click();
    await expect.poll(() => page.getByRole("status").allInnerTexts()).toContainEqual(saved());
    expect(await page.getByTestId("draft-state").count()).toBe(0);
    expect(await editor.getByTestId("custody-event").count()).toBe(events + 1);
  });

  it("party states and a claim's attributed state are chosen by name, saved as codes and shown with their names", async () => {
    const { page } = session;
    const hash = await newCase(page, "Countries");
    const countries = page.getByRole("listbox", { name: T("Countries") });
    const states = (which: string) => page.getByLabel(T(which, "states party to a case"));
    await states("Accusing states").fill("Switz");
    await countries.getByRole("option", { name: country("CH") }).click();
    await states("Accused states").fill("Irel");
    await countries.getByRole("option", { name: country("IE") }).click();
    // Typed text that names no country chooses nothing.
    await states("Affected states").fill("Atlantis");
    await expect.poll(() => page.getByText(TF("No country matches “{typedText}”.", { typedText: "Atlantis" })).count()).toBe(1);
    await states("Affected states").fill("");
    await tab(page, "Claims").click();
    await page.getByLabel(claimLabel(1), { exact: true }).fill("The campaign was conducted by the armed forces of Ireland.");
    await page.getByLabel(attributedLabel()).fill("Ireland");
    await countries.getByRole("option", { name: country("IE") }).click();
    expect(await page.getByLabel(attributedLabel()).inputValue()).toBe(country("IE"));
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: T("Save changes") }).click();
    await expect.poll(() => page.getByRole("status").allInnerTexts()).toContainEqual(saved());
    expect(await page.getByTestId("unknown-countries").count()).toBe(0);

    await page.reload();
    await unlockAndOpen(page, hash);
    await expect.poll(() => caseHeading(page, /Countries/).count(), { timeout: 60_000 }).toBe(1);
    await expect
      .poll(() => page.getByRole("list", { name: T("Chosen", "the countries chosen so far in a multi-choice box") }).allInnerTexts())
      .toEqual([expect.stringMatching(anchored(literal(country("CH")))), expect.stringMatching(anchored(literal(country("IE"))))]);
    await tab(page, "Claims").click();
    await expect.poll(() => page.getByLabel(attributedLabel()).inputValue()).toBe(country("IE"));
    expect(await axeSerious(page)).toEqual([]);

    // The panel builder names the party states and each expert's nationality.
    await tab(page, "Panel").click();
    await expect
      .poll(() => page.getByRole("tabpanel").innerText())
      .toContain(
        TF("Members whose nationality or affiliation is tied to a party state ({partyList}) need a waiver with a reason; the chair can never be conflicted.", {
          partyList: formatList([country("CH"), country("IE")]),
        }),
      );
    // Country names are loaded beside the screen; wait for them.
    await expect.poll(() => page.getByTestId("panel-candidate").filter({ hasText: "Okonkwo" }).innerText()).toContain(country("NG"));
    expect(await axeSerious(page)).toEqual([]);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(server.origin);
    expect(proxy.hits).toEqual([]);
  });
});

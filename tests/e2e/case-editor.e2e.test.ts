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
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { axeSerious, createVaultInPage, openSession, type Session } from "../support/e2e-page";
import { startStaticServer, type StaticServer } from "../support/static-server";

const PASS = "wicker lantern orbit seventy fjord";
const SAMPLE_BUNDLE = path.resolve(import.meta.dirname, "../../shared/case/sample/sample-bundle.json");

let proxy: RecordingProxy;
let browser: Browser;
let server: StaticServer;
let session: Session;

beforeAll(async () => {
  proxy = await startRecordingProxy();
  browser = await launchChromium(proxy);
  server = await startStaticServer();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await proxy?.close();
});

const caseHeading = (page: Page, title: RegExp) => page.getByRole("heading", { level: 2, name: title });
const keptAsDraft = (page: Page) => expect.poll(() => page.getByTestId("draft-state").textContent(), { timeout: 30_000 }).toMatch(/kept as a draft at/);

async function newCase(page: Page, title: string): Promise<string> {
  await page.goto(`${server.origin}/#/secretariat/cases`);
  await page.getByLabel("Title of a new case").fill(title);
  await page.getByRole("button", { name: "Create the case" }).click();
  await expect.poll(() => caseHeading(page, new RegExp(title)).count()).toBe(1);
  return new URL(page.url()).hash;
}

async function unlockAndOpen(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.origin}/#/vault`);
  await page.getByLabel("Passphrase").fill(PASS);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe("Vault unlocked");
  await page.goto(`${server.origin}/${hash}`);
}

describe("the case editor", () => {
  let draftCase = "";

  it("a new case stores no template claim; the packets tab says why an empty claim stops sending; a STIX import drops the empty claim", async () => {
    session = await openSession(browser, `${server.origin}/#/vault`);
    const { page } = session;
    await createVaultInPage(page, PASS);
    await newCase(page, "STIX intake");
    await page.getByRole("tab", { name: "Claims" }).click();
    const first = page.getByLabel("Claim 1", { exact: true });
    expect(await first.inputValue()).toBe("");
    expect(await first.getAttribute("placeholder")).toMatch(/State the hypothesis/);
    expect(await page.locator("body").innerText()).not.toMatch(/state the first hypothesis/i);
    expect(await page.getByTestId("blank-claims").textContent()).toMatch(/Claim 1 has no statement yet/);
    await page.getByRole("tab", { name: "Send packets" }).click();
    await expect.poll(() => page.getByTestId("blank-claims-alert").textContent()).toMatch(/Claim 1 has no statement yet\..*a packet is never sent with an empty claim/);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("tab", { name: "Evidence" }).click();
    await page.getByLabel(/Import evidence and claims from a STIX/).setInputFiles(SAMPLE_BUNDLE);
    await expect.poll(() => page.getByRole("status").allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/Imported 4 claim\(s\) and 13 evidence item\(s\) from STIX/));
    await page.getByRole("tab", { name: "Claims" }).click();
    expect(await page.getByTestId("claim").count()).toBe(5);
    for (const i of [1, 2, 3, 4]) expect(await page.getByLabel(`Claim ${i}`, { exact: true }).inputValue()).not.toBe("");
    expect(await page.getByTestId("blank-claims").count()).toBe(0);
  });

  it("edits survive a switch of tab, and leaving the editor keeps them as a draft, offered back on return", async () => {
    const { page } = session;
    draftCase = await newCase(page, "Draft keeping");
    await page.getByLabel("Summary").fill("Typed before leaving the editor.");
    await page.getByRole("tab", { name: "Claims" }).click();
    await page.getByLabel("Claim 1", { exact: true }).fill("The campaign was conducted by State A.");
    await page.getByRole("tab", { name: "Details" }).click();
    expect(await page.getByLabel("Summary").inputValue()).toBe("Typed before leaving the editor.");
    await keptAsDraft(page);

    await page.getByRole("link", { name: "← All cases" }).click();
    await expect.poll(() => page.getByTestId("draft-notice").textContent()).toMatch(/unsaved changes to “Draft keeping” are kept as a draft/);
    await expect.poll(() => page.getByTestId("case-draft").count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("link", { name: "Draft keeping" }).click();
    const restore = page.getByRole("button", { name: /^Restore the unsaved draft from / });
    await expect.poll(() => restore.count()).toBe(1);
    // Nothing to edit until the person chooses: an edit would overwrite the draft.
    expect(await page.getByRole("tab").count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    await restore.click();
    expect(await page.getByLabel("Summary").inputValue()).toBe("Typed before leaving the editor.");
    await page.getByRole("tab", { name: "Claims" }).click();
    expect(await page.getByLabel("Claim 1", { exact: true }).inputValue()).toBe("The campaign was conducted by State A.");
    expect(await page.getByTestId("draft-state").textContent()).toMatch(/Unsaved changes/);

    // Saving deletes the draft.
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByRole("status").allInnerTexts()).toContainEqual("Saved.");
    await page.getByRole("link", { name: "← All cases" }).click();
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
    await page.getByLabel("Summary").fill("Typed before the window closed.");
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(["beforeunload"]);
    expect(page.isClosed()).toBe(false);
    await keptAsDraft(page);
    await page.close();

    page = await session.context.newPage();
    page.on("pageerror", (e) => session.problems.push(`pageerror: ${e.message}`));
    session.page = page;
    await unlockAndOpen(page, draftCase);
    const restore = page.getByRole("button", { name: /^Restore the unsaved draft from / });
    await expect.poll(() => restore.count(), { timeout: 60_000 }).toBe(1);
    await restore.click();
    expect(await page.getByLabel("Summary").inputValue()).toBe("Typed before the window closed.");

    // Discarded from the offer, the draft is gone for good.
    await page.getByLabel("Summary").fill("Typed again, then discarded.");
    await keptAsDraft(page);
    await page.reload();
    await unlockAndOpen(page, draftCase);
    await expect.poll(() => page.getByRole("button", { name: "Discard it" }).count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole("button", { name: "Discard it" }).click();
    expect(await page.getByLabel("Summary").inputValue()).toBe("Typed before leaving the editor.");
    await page.getByRole("link", { name: "← All cases" }).click();
    await expect.poll(() => page.getByTestId("case-row").count()).toBeGreaterThan(1);
    expect(await page.getByTestId("case-draft").count()).toBe(0);
    expect(await page.getByTestId("draft-notice").count()).toBe(0);
  });

  it("saving a panel that breaks the rules says it cannot be sent, and why; the panel being composed survives a switch of tab", async () => {
    const { page } = session;
    await page.goto(`${server.origin}/#/secretariat/registry`);
    await page.getByRole("button", { name: /Add the sample experts/ }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 60_000 }).toBe(7);
    await page.goto(`${server.origin}/#/secretariat/cases`);
    await page.getByRole("button", { name: "Load the sample case" }).click();
    await expect.poll(() => caseHeading(page, /Operation Silent Reservoir/).count(), { timeout: 60_000 }).toBe(1);

    await page.getByRole("tab", { name: "Panel" }).click();
    await page.getByLabel("Seat of Dr. Adaeze Okonkwo").selectOption("chair");
    await page.getByLabel("Seat of Dr. Bogdan Veres").selectOption("member");
    await page.getByRole("tab", { name: "Details" }).click();
    await page.getByRole("tab", { name: "Panel" }).click();
    expect(await page.getByLabel("Seat of Dr. Adaeze Okonkwo").inputValue()).toBe("chair");
    expect(await page.getByLabel("Seat of Dr. Bogdan Veres").inputValue()).toBe("member");
    expect(await page.getByTestId("draft-state").textContent()).toMatch(/Unsaved changes \(panel\)/);

    await page.getByRole("button", { name: "Save the panel" }).click();
    const status = page.getByTestId("panel-save-status");
    await expect.poll(() => status.textContent()).toMatch(/^Saved, but this panel cannot be sent as it is: Dr\. Bogdan Veres has a conflict of interest/);
    expect(await page.getByText("Saved.", { exact: true }).count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByLabel("Seat of Dr. Bogdan Veres").selectOption("");
    await page.getByRole("button", { name: "Save the panel" }).click();
    await expect.poll(() => status.textContent()).toBe("Saved.");
  });

  it("the evidence is an index: search, filters, one item open, keyboard movement; the page stays short", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Evidence" }).click();
    const rows = page.getByTestId("evidence-index-item");
    await expect.poll(() => rows.count()).toBe(12);
    expect(await page.getByTestId("evidence-editor").count()).toBe(1);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.info(`evidence tab: ${height} px high`);
    expect(height).toBeLessThan(5000);
    expect(await axeSerious(page)).toEqual([]);

    // Each row: kind, Admiralty grading, marking, number of files.
    expect(await rows.first().innerText()).toMatch(/Log extract\s+B2\s+TLP:AMBER[\s\S]*1 file/);

    await page.getByLabel("Search titles and descriptions").fill("backdoor");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId("evidence-count").textContent()).toBe("1 of 12 items match.");
    await page.getByLabel("Search titles and descriptions").fill("");
    await page.getByLabel("Filter by marking").selectOption("RED");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/TLP:RED/);
    await page.getByLabel("Filter by marking").selectOption("");
    await page.getByLabel("Filter by kind").selectOption("malware-sample");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel("Filter by kind").selectOption("");
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
    await page.getByTestId("evidence-editor").getByLabel("Title").fill("Renamed log extract");
    await page.getByRole("button", { name: "Next item" }).click();
    expect(await rows.first().innerText()).toMatch(/Renamed log extract[\s\S]*edited/);
    await page.getByRole("button", { name: "Previous item" }).click();
    expect(await page.getByTestId("evidence-editor").getByLabel("Title").inputValue()).toBe("Renamed log extract");
    await page.getByRole("button", { name: "Discard changes" }).click();
  });

  it("a custody event being typed survives moving to another item and tab, and leaving the editor; adding it clears the form", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Evidence" }).click();
    const rows = page.getByTestId("evidence-index-item");
    const editor = page.getByTestId("evidence-editor");
    await rows.first().click();
    await expect.poll(() => rows.first().getAttribute("aria-current")).toBe("true");
    const events = await editor.getByTestId("custody-event").count();
    await editor.getByLabel("Action").selectOption("verified");
    await editor.getByLabel("Actor", { exact: true }).fill("Registry clerk");
    await editor.getByLabel("Note", { exact: true }).fill("Seal checked, intact");
    // Another item, then another tab: the form of the first item still holds what was typed.
    await rows.nth(1).click();
    await expect.poll(() => rows.nth(1).getAttribute("aria-current")).toBe("true");
    expect(await editor.getByLabel("Actor", { exact: true }).inputValue()).toBe("");
    expect(await rows.first().innerText()).toMatch(/custody event not added/);
    await page.getByRole("tab", { name: "Details" }).click();
    expect(await page.getByTestId("draft-state").textContent()).toMatch(/^Unsaved changes \(a custody event being typed\)/);
    await page.getByRole("tab", { name: "Evidence" }).click();
    await rows.first().click();
    await expect.poll(() => rows.first().getAttribute("aria-current")).toBe("true");
    expect(await editor.getByLabel("Action").inputValue()).toBe("verified");
    expect(await editor.getByLabel("Actor", { exact: true }).inputValue()).toBe("Registry clerk");
    expect(await editor.getByLabel("Note", { exact: true }).inputValue()).toBe("Seal checked, intact");
    expect(await axeSerious(page)).toEqual([]);

    // Kept with the draft: leaving the editor and coming back offers it again.
    await keptAsDraft(page);
    await page.getByRole("link", { name: "← All cases" }).click();
    await expect.poll(() => page.getByTestId("draft-notice").textContent()).toMatch(/unsaved changes to “Operation Silent Reservoir” are kept as a draft/);
    await page.getByRole("link", { name: /Operation Silent Reservoir/ }).click();
    await expect.poll(() => page.getByTestId("draft-offer").textContent()).toMatch(/unsaved changes \(a custody event being typed\), kept as a draft/);
    await page.getByRole("button", { name: /^Restore the unsaved draft from / }).click();
    await page.getByRole("tab", { name: "Evidence" }).click();
    await expect.poll(() => rows.first().getAttribute("aria-current")).toBe("true");
    expect(await editor.getByLabel("Actor", { exact: true }).inputValue()).toBe("Registry clerk");
    expect(await editor.getByLabel("Note", { exact: true }).inputValue()).toBe("Seal checked, intact");

    // Added: the chain grows by one event, the form is empty again, and saving leaves nothing unsaved.
    await editor.getByRole("button", { name: "Add the event" }).click();
    expect(await editor.getByTestId("custody-event").count()).toBe(events + 1);
    expect(await editor.getByLabel("Actor", { exact: true }).inputValue()).toBe("");
    expect(await rows.first().innerText()).not.toMatch(/custody event not added/);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByRole("status").allInnerTexts()).toContainEqual("Saved.");
    expect(await page.getByTestId("draft-state").count()).toBe(0);
    expect(await editor.getByTestId("custody-event").count()).toBe(events + 1);
  });

  it("party states and a claim's attributed state are chosen by name, saved as codes and shown with their names", async () => {
    const { page } = session;
    const hash = await newCase(page, "Countries");
    await page.getByLabel("Accusing states").fill("Switz");
    await page.getByRole("listbox", { name: "Countries" }).getByRole("option", { name: "Switzerland (CH)" }).click();
    await page.getByLabel("Accused states").fill("Irel");
    await page.getByRole("listbox", { name: "Countries" }).getByRole("option", { name: "Ireland (IE)" }).click();
    // Typed text that names no country chooses nothing.
    await page.getByLabel("Affected states").fill("Atlantis");
    await expect.poll(() => page.getByText("No country matches “Atlantis”.").count()).toBe(1);
    await page.getByLabel("Affected states").fill("");
    await page.getByRole("tab", { name: "Claims" }).click();
    await page.getByLabel("Claim 1", { exact: true }).fill("The campaign was conducted by the armed forces of Ireland.");
    await page.getByLabel("Claim 1: attributed to state (optional)").fill("Ireland");
    await page.getByRole("listbox", { name: "Countries" }).getByRole("option", { name: "Ireland (IE)" }).click();
    expect(await page.getByLabel("Claim 1: attributed to state (optional)").inputValue()).toBe("Ireland (IE)");
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByRole("status").allInnerTexts()).toContainEqual("Saved.");
    expect(await page.getByTestId("unknown-countries").count()).toBe(0);

    await page.reload();
    await unlockAndOpen(page, hash);
    await expect.poll(() => caseHeading(page, /Countries/).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByRole("list", { name: "Chosen" }).allInnerTexts()).toEqual([expect.stringMatching(/^Switzerland \(CH\)/), expect.stringMatching(/^Ireland \(IE\)/)]);
    await page.getByRole("tab", { name: "Claims" }).click();
    await expect.poll(() => page.getByLabel("Claim 1: attributed to state (optional)").inputValue()).toBe("Ireland (IE)");
    expect(await axeSerious(page)).toEqual([]);

    // The panel builder names the party states and each expert's nationality.
    await page.getByRole("tab", { name: "Panel" }).click();
    await expect.poll(() => page.getByRole("tabpanel").innerText()).toMatch(/tied to a party state \(Switzerland \(CH\), Ireland \(IE\)\)/);
    expect(await page.getByTestId("panel-candidate").filter({ hasText: "Okonkwo" }).innerText()).toMatch(/Nigeria \(NG\)/);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(server.origin);
    expect(proxy.hits).toEqual([]);
  });
});

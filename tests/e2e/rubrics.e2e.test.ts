/**
 * The secretariat's own rubrics in Chromium, against the production build:
 * the default rubric duplicated, the range made required and
 * proportionality not asked, an own likelihood term added (by keyboard)
 * with an English and a French label; the rubric chosen for a panel and a
 * packet sent, after which the rubric shows as frozen and editing it makes
 * revision 2. The packet's rubric.json, decrypted in Node with the
 * panelist's keys the test holds, is that rubric's revision 1. Axe finds no
 * serious violation; no request leaves the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { RUBRIC_PATH } from "../../shared/case/case-records";
import { openPacket } from "../../shared/case/packet";
import { loadCrypto } from "../../shared/crypto/sodium";
import { concatBytes } from "../../shared/encoding/bytes";
import { encodeRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { exportIdentityCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import { ok } from "../../shared/result";
import { DEFAULT_RUBRIC, RubricSchema } from "../../shared/rubric/rubric";
import { formatNumber } from "../../renderer/i18n/format";
import { axeSerious, closeAsDesktopApp, createIdentityInPage, createVaultInPage, openSession, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { T, TF, TX } from "../support/locale";

const PASS = "wicker lantern orbit seventy fjord";
const RUBRIC_ID = "treaty-panel-2026";
const RUBRIC_TITLE = "Treaty panel rubric";
const world = e2eWorld("rubrics-e2e");
let session: Session;
let panelist: PersonalIdentity;
let packetFile: string;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
});

const defaultTitle = () => T("Default rubric: ICD 203 likelihood, analytic confidence, Healey's spectrum, Tallinn Manual 2.0, ACH, Admiralty", "title of the default rubric");
const tab = (name: string) => ({ name: T(name, "tab of the case editor") });
const seatOf = (name: string) => TF("Seat of {name}", { name });
const likelihood = (page: Page) => page.getByTestId("scale-likelihood");
const rubricRow = (page: Page) => page.getByTestId("rubric-row").filter({ hasText: RUBRIC_ID });

describe("the secretariat's own rubric, from the editor to a packet", () => {
  it("duplicates the default rubric, asks the range, drops proportionality, adds an own likelihood term, and saves", async () => {
    session = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = session;
    await createVaultInPage(page, PASS);
    await createIdentityInPage(page, { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" });
    await page.getByRole("link", { name: T("Secretariat"), exact: true }).click();
    await page.getByRole("navigation", { name: T("Secretariat sections") }).getByRole("link", { name: T("Rubrics") }).click();
    await expect.poll(() => page.getByTestId("rubric-row").count()).toBe(1);
    expect(await page.getByTestId("rubric-state").innerText()).toBe(T("Built in, read-only"));
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("button", { name: TF("Duplicate<0> “{name}”</0>", { name: defaultTitle() }, "button: duplicate a rubric") }).click();
    // The id field has the focus; an id that is not one is refused, said in a sentence, and nothing is saved.
    await page.keyboard.type("Treaty Panel");
    await page.getByLabel(T("Title of the new rubric")).fill(RUBRIC_TITLE);
    await page.getByRole("button", { name: T("Duplicate and edit") }).click();
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("Treaty Panel");
    await page.getByLabel(T("Id of the new rubric")).fill(RUBRIC_ID);
    await page.getByRole("button", { name: T("Duplicate and edit") }).click();
    await expect.poll(() => page.getByRole("heading", { name: RUBRIC_TITLE }).count()).toBe(1);
    expect(page.url()).toMatch(new RegExp(`#/secretariat/rubrics/${RUBRIC_ID}$`));
    expect(await page.getByTestId("rubric-status").innerText()).toContain(TF("Revision {revision} has not been sent in any packet yet: saving changes it in place.", { revision: formatNumber(1) }));

    await page.getByLabel(T("Lowest and highest plausible values (IDEA protocol)", "a question a rubric may ask of each claim")).selectOption("required");
    await page.getByLabel(T("Proportionality of any response discussed", "a question a rubric may ask once per scoresheet")).selectOption("off");

    // An own likelihood term, by keyboard: its id, Enter, then its labels (the first label field has the focus).
    const ownId = likelihood(page).getByLabel(T("Id of a term of your own"));
    await ownId.fill("likely");
    await expect.poll(() => likelihood(page).getByTestId("field-problem").innerText()).toBe(T("That id names a term of the catalog: add it from the catalog instead."));
    await ownId.fill("beyond-doubt");
    await ownId.press("Enter");
    const term = likelihood(page).locator('[data-term="beyond-doubt"]');
    await expect.poll(() => term.count()).toBe(1);
    // Until it has a label, the term says so, next to it; its label in the interface's language has the focus.
    expect(await term.getByTestId("field-problem").innerText()).toContain(T("a label must be written in at least one of Arabic, Chinese, English, French, Russian or Spanish"));
    const english = term.locator("input[lang=en]");
    await expect.poll(() => english.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("Beyond reasonable doubt");
    await term.locator("input[lang=fr]").fill("Au-delà de tout doute raisonnable");
    await expect.poll(() => term.getByTestId("field-problem").count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("button", { name: T("Save the rubric") }).click();
    await expect.poll(() => page.getByTestId("rubric-saved").innerText()).toBe(TF("Saved: revision {n} changed in place.", { n: formatNumber(1) }));
    expect(await axeSerious(page)).toEqual([]);
  });

  it("chooses the rubric for a panel and sends a packet, which freezes revision 1", async () => {
    const { page } = session;
    const sections = page.getByRole("navigation", { name: T("Secretariat sections") });
    await sections.getByRole("link", { name: T("Expert registry") }).click();
    await page.getByRole("button", { name: T("Add the sample experts (for a demonstration)") }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 30_000 }).toBe(7);
    const cardFile = world.temp.file("ines.card.json");
    writeFileSync(cardFile, exportIdentityCard(panelist));
    await page.getByLabel(T("Enrol an expert from an identity card (.card.json)")).setInputFiles(cardFile);
    await page.getByLabel(T("Type the fingerprint as the expert reads it to you")).fill(sshFingerprint(panelist.signing.publicKey).slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
    await page.getByLabel(T("Declared interests")).fill("None.");
    await page.getByRole("button", { name: T("Enrol", "verb, button: enrol the expert"), exact: true }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count()).toBe(8);

    await sections.getByRole("link", { name: T("Cases"), exact: true }).click();
    await page.getByRole("button", { name: T("Load the sample case") }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole("tab", tab("Panel")).click();
    await page.getByLabel(seatOf("Dr. Adaeze Okonkwo")).selectOption("chair");
    for (const name of ["Prof. Haruto Sakamoto", "Dr. Katarzyna Nowak", "Dra. Luísa Fernandes", "Ines Okafor"]) await page.getByLabel(seatOf(name)).selectOption("member");
    await expect.poll(() => page.getByTestId("composition-ok").count()).toBe(1);
    // The default rubric is preselected; the rubric of our own is among the choices.
    const rubric = page.getByLabel(T("Rubric the panel scores on"));
    await expect.poll(() => rubric.isEnabled()).toBe(true);
    expect(await rubric.inputValue()).toBe(DEFAULT_RUBRIC.id);
    await rubric.selectOption(RUBRIC_ID);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: T("Save the panel") }).click();
    await expect.poll(() => page.getByText(T("Saved.")).count()).toBeGreaterThan(0);

    await page.getByRole("tab", tab("Send packets")).click();
    await expect.poll(() => page.getByTestId("packet-seat").count()).toBe(5);
    packetFile = await saveDownload(page, () => page.getByRole("button", { name: TF("Export the packet for {name}", { name: "Ines Okafor" }) }).click(), world.temp.file("ines.packet.age"));
    await expect.poll(() => page.getByTestId("packet-seat").filter({ hasText: "Ines Okafor" }).getByTestId("packet-sha256").count()).toBe(1);

    await sections.getByRole("link", { name: T("Rubrics") }).click();
    await expect.poll(() => rubricRow(page).getByTestId("rubric-state").innerText()).toContain(TF("Frozen: revision {revision} was sent.", { revision: formatNumber(1) }));
    expect(await axeSerious(page)).toEqual([]);
  });

  it("edits the frozen rubric into revision 2; revision 1 stays as sent", async () => {
    const { page } = session;
    await rubricRow(page).getByRole("link", { name: TF("Edit<0> “{name}”</0> (makes revision {next})", { name: RUBRIC_TITLE, next: formatNumber(2) }, "link: edit a rubric whose latest revision was sent") }).click();
    await expect
      .poll(() => page.getByTestId("rubric-status").innerText())
      .toMatch(
        TX("Revision {revision} is frozen: it was sent in a packet on {frozenOn}. Saving your changes makes revision {next}; the packets already sent keep revision {revision}.", {
          revision: formatNumber(1),
          frozenOn: /.+/,
          next: formatNumber(2),
        }),
      );
    const save = page.getByRole("button", { name: TF("Save as revision {next}", { next: formatNumber(2) }) });
    expect(await save.count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel(T("Tolerance on the sum of best estimates (percentage points)")).fill("8");
    await save.click();
    await expect
      .poll(() => page.getByTestId("rubric-saved").innerText())
      .toBe(TF("Saved as revision {n}. Revision {previous}, already sent, stays as it was.", { n: formatNumber(2), previous: formatNumber(1) }));
    expect(await page.getByTestId("rubric-revisions").getByRole("listitem").count()).toBe(2);
    expect(await page.getByRole("button", { name: T("Save the rubric") }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("keeps an unsaved edit as a draft when the window closes at once; reopening offers it; restoring and discarding are explicit", async () => {
    const { context, page } = session;
    const rubricUrl = page.url();
    const titleField = (p: Page) => p.locator("#rubric-title-en");
    const reopen = async (): Promise<Page> => {
      const again = await context.newPage();
      again.on("pageerror", (e) => session.problems.push(`pageerror: ${e.message}`));
      session.page = again;
      await again.goto(rubricUrl);
      await expect.poll(() => again.getByRole("heading", { name: T("Unlock your vault") }).count(), { timeout: 30_000 }).toBe(1);
      await again.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
      await again.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
      await expect.poll(() => again.getByRole("heading", { name: RUBRIC_TITLE }).count(), { timeout: 60_000 }).toBe(1);
      return again;
    };

    // An edit, and the window closed at once (within the autosave's delay).
    await titleField(page).fill(`${RUBRIC_TITLE} (draft)`);
    await closeAsDesktopApp(page);
    let again = await reopen();
    const offer = again.getByTestId("rubric-draft-offer");
    await expect.poll(() => offer.count(), { timeout: 30_000 }).toBe(1);
    // Until the person chooses, the rubric shows as saved and cannot be edited.
    expect(await titleField(again).inputValue()).toBe(RUBRIC_TITLE);
    expect(await titleField(again).isDisabled()).toBe(true);
    expect(await axeSerious(again)).toEqual([]);
    await offer.getByRole("button", { name: TX("Restore the unsaved draft from {offerTime}", { offerTime: /.+/ }) }).click();
    await expect.poll(() => offer.count()).toBe(0);
    expect(await titleField(again).inputValue()).toBe(`${RUBRIC_TITLE} (draft)`);
    expect(await titleField(again).isDisabled()).toBe(false);

    // Restored, not saved: offered again on the next opening, until discarded.
    await again.close();
    again = await reopen();
    await expect.poll(() => again.getByTestId("rubric-draft-offer").count(), { timeout: 30_000 }).toBe(1);
    await again.getByTestId("rubric-draft-offer").getByRole("button", { name: T("Discard it", "button: discard the kept draft") }).click();
    await expect.poll(() => again.getByTestId("rubric-draft-offer").count()).toBe(0);
    expect(await titleField(again).inputValue()).toBe(RUBRIC_TITLE);
    const url = again.url();
    await again.reload();
    expect(again.url()).toBe(url);
    await again.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await again.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect.poll(() => again.getByRole("heading", { name: RUBRIC_TITLE }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => titleField(again).isDisabled()).toBe(false);
    expect(await again.getByTestId("rubric-draft-offer").count()).toBe(0);
    expect(await titleField(again).inputValue()).toBe(RUBRIC_TITLE);
  });

  it("the packet carries revision 1 of the rubric, as saved before it was sent", async () => {
    const files = new Map<string, Uint8Array[]>();
    let current = "";
    const opened = await openPacket(
      new Blob([readFileSync(packetFile)]).stream(),
      panelist.encryption.secretKey,
      () => ok(undefined),
      { begin: (path) => void files.set((current = path), []), data: (chunk) => void files.get(current)?.push(chunk.slice()), end: () => undefined },
      { myRecipient: encodeRecipient(panelist.encryption.publicKey) },
    );
    expect(opened.ok).toBe(true);
    const rubric = RubricSchema.parse(JSON.parse(new TextDecoder().decode(concatBytes(...(files.get(RUBRIC_PATH) ?? [])))));
    expect(rubric).toMatchObject({ id: RUBRIC_ID, revision: 1, title: { en: RUBRIC_TITLE }, sumTolerance: DEFAULT_RUBRIC.sumTolerance });
    expect(rubric.asks).toEqual({ ...DEFAULT_RUBRIC.asks, range: "required", proportionality: "off" });
    expect(rubric.likelihood.at(-1)).toEqual({ id: "beyond-doubt", label: { en: "Beyond reasonable doubt", fr: "Au-delà de tout doute raisonnable" }, low: 99, high: 100 });
    expect(rubric.likelihood.slice(0, -1)).toEqual(DEFAULT_RUBRIC.likelihood);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

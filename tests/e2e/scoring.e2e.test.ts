/**
 * Scoring in Chromium, against the production build: a panelist imports a
 * case packet (built in Node by a secretariat and for a chair whose keys
 * this test holds), scores every claim and the ACH matrix with the keyboard
 * only, closes the window mid-draft (a change typed, the page closed at once,
 * before the autosave's delay) and finds the draft with that change on
 * reopening, signs (the file opens with the chair's key, signed by the
 * panelist's seat), revises with a reason, and saves their own signed copy.
 * Then the person in the chair's seat scores in the same screen: their file
 * opens with the chair's key and names the chair's seat. Axe finds no
 * serious violation; no request leaves the origin.
 */
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { parseIdentity } from "../../shared/formats/age/age";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { importIdentityCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import type { PersonalIdentity } from "../../shared/identity/identity";
import type { Scoresheet } from "../../shared/scoring/scoresheet";
import { openScoresheet, scoresheetDigest } from "../../shared/scoring/scoresheet-file";
import { axeSerious, closeAsDesktopApp, importPacketInPage, newPersonInPage, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { T, TF } from "../support/locale";
import { packetForCard, packetSeriesForCard } from "../support/scoring-fixtures";

const PASS = "wicker lantern orbit seventy fjord";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("scoring-e2e");
let session: Session;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let panelistFingerprint: string;
let caseUrl: string;
let series: Awaited<ReturnType<typeof packetSeriesForCard>>;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  chair = testIdentity({ displayName: "Dr. Chair Example", region: "african-states", nationality: "GH" });
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
});

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement, undefined, { timeout: 10_000 });

/** Presses Tab until `target` has the focus: it is reached by keyboard, in the page's order. */
async function tabTo(page: Page, target: Locator, limit = 600): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The bests the test gives the four claims of the sample case (the catch-all last), and their likelihood terms (index in ICD 203's seven). */
const SCORES = [
  { best: "60", term: 4 },
  { best: "15", term: 1 },
  { best: "15", term: 1 },
  { best: "10", term: 1 },
];

const claimCard = (page: Page, n: number) => page.getByTestId(`claim-card-${n}`);

const PARTS = ["claims", "ach", "overall", "review"] as const;
/** Opens a part of the scoresheet by keyboard: Tab to the selected tab, then arrows (the tabs pattern). */
async function openPart(page: Page, part: (typeof PARTS)[number]): Promise<void> {
  await tabTo(page, page.locator('[role="tab"][aria-selected="true"]'));
  const forward = (await page.evaluate(() => document.documentElement.dir)) === "rtl" ? "ArrowLeft" : "ArrowRight";
  for (let i = 0; i < PARTS.length; i++) {
    if ((await page.locator(`#score-tab-${part}`).getAttribute("aria-selected")) === "true") return;
    await page.keyboard.press(forward);
  }
  throw new Error(`the tab of ${part} never opened`);
}

async function scoreClaimsByKeyboard(page: Page): Promise<void> {
  for (const [i, score] of SCORES.entries()) {
    const card = claimCard(page, i + 1);
    const radios = card.getByRole("radio");
    await tabTo(page, radios.first());
    await page.keyboard.press("Space");
    for (let k = 0; k < score.term; k++) await page.keyboard.press("ArrowDown");
    expect(await radios.nth(score.term).isChecked()).toBe(true);
    await tabTo(page, card.getByLabel(new RegExp(`^${T("Best estimate", "scoresheet question, in percent")}`)));
    await page.keyboard.type(score.best);
    for (const [question, context] of [
      ["Analytic confidence", "scoresheet question"],
      ["Evidence", "scoresheet question: the basis of confidence (IPCC)"],
      ["Agreement", "scoresheet question: the basis of confidence (IPCC)"],
      ["Degree of state responsibility", "scoresheet question"],
      ["Legal basis", "scoresheet question"],
    ] as const) {
      const select = card.getByLabel(new RegExp(`^${T(question, context)}`));
      await tabTo(page, select);
      await page.keyboard.press("ArrowDown");
      expect(await select.inputValue()).not.toBe("");
    }
    await tabTo(page, card.getByRole("textbox", { name: new RegExp(`^${T("Rationale", "scoresheet question: reasons for the answers about one claim")}`) }));
    await page.keyboard.type(`Claim ${i + 1}: **weighed** against the evidence.`);
  }
}

describe("a panelist scores a case", () => {
  it("creates a vault and an identity, imports the case packet", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" }, "ines.card.json");
    session = person.session;
    const { cardFile } = person;
    const card = importIdentityCard(readFileSync(cardFile));
    panelistFingerprint = card.ok ? card.value.fingerprint : "";
    series = await packetSeriesForCard(cardFile, { chair, secretariat }, new Date());
    const packet = series.packet;
    const packetFile = world.temp.file("ines.packet.age");
    writeFileSync(packetFile, packet);
    await importPacketInPage(session.page, packetFile, secretariat.signing.publicKey);
  });

  it("opens the scoresheet and answers every claim with the keyboard only", async () => {
    const { page } = session;
    const score = page.getByRole("button", { name: T("Score this case") });
    await tabTo(page, score);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("claim-card-4").count(), { timeout: 30_000 }).toBe(1);
    caseUrl = page.url();
    expect(caseUrl).toMatch(/#\/panelist\/cases\/[^/]+\/score$/);
    // The deadline is shown with the time left; the sum waits for every estimate.
    expect(await page.getByTestId("scoring-deadline").innerText()).toMatch(/\d/);
    expect(await axeSerious(page)).toEqual([]);

    await scoreClaimsByKeyboard(page);
    await expect.poll(() => page.getByTestId("sum-bar").innerText()).toContain(TF("Your best estimates sum to {0} %.", { 0: "100" }));
    // An estimate outside its term's band is named, and the matching term offered.
    const best1 = claimCard(page, 1).getByLabel(new RegExp(`^${T("Best estimate", "scoresheet question, in percent")}`));
    await tabTo(page, best1);
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("90");
    const useVeryLikely = claimCard(page, 1).getByRole("button", { name: TF("Use “{0}”", { 0: T("Very likely", "ICD 203 likelihood, 80–95%") }) });
    await expect.poll(() => useVeryLikely.count()).toBe(1);
    // The sum now warns (130 %), without blocking.
    await expect.poll(() => page.getByTestId("sum-bar").innerText()).toMatch(/130/);
    // Back to 60.
    await tabTo(page, best1);
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("60");
    await expect.poll(() => useVeryLikely.count()).toBe(0);
    // Saved as an encrypted draft within a second of the last change.
    await expect.poll(() => page.getByTestId("autosave-status").innerText(), { timeout: 10_000 }).toMatch(new RegExp(T("Draft saved, encrypted, at {0}.").split("{0}")[0] as string));
    expect(await axeSerious(page)).toEqual([]);
  });

  it("closes the window mid-draft, a change not yet saved; reopening finds the draft with the change", async () => {
    const { context, page } = session;
    // A change typed, and the window closed at once: within the autosave's delay, before "Draft saved" can show.
    const rationale4 = claimCard(page, 4).getByRole("textbox", { name: new RegExp(`^${T("Rationale", "scoresheet question: reasons for the answers about one claim")}`) });
    await tabTo(page, rationale4);
    await page.keyboard.press("End");
    await page.keyboard.type(" Closing now.");
    expect(await rationale4.inputValue()).toBe("Claim 4: **weighed** against the evidence. Closing now.");
    // The window closed as the desktop app closes it: held while its save is pending, tried again until let go. (In a
    // plain browser, a person who answers "Leave" at once can still lose the last change: see the report of issue 13.)
    await closeAsDesktopApp(page);
    const again = await context.newPage();
    again.on("pageerror", (e) => session.problems.push(`pageerror: ${e.message}`));
    session.page = again;
    await again.goto(caseUrl);
    await expect.poll(() => again.getByRole("heading", { name: T("Unlock your vault") }).count(), { timeout: 30_000 }).toBe(1);
    await again.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await again.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect.poll(() => again.getByTestId("claim-card-4").count(), { timeout: 60_000 }).toBe(1);
    for (const [i, score] of SCORES.entries()) {
      const card = claimCard(again, i + 1);
      expect(await card.getByLabel(new RegExp(`^${T("Best estimate", "scoresheet question, in percent")}`)).inputValue()).toBe(score.best);
      expect(await card.getByRole("radio").nth(score.term).isChecked()).toBe(true);
    }
    expect(await claimCard(again, 4).getByRole("textbox", { name: new RegExp(`^${T("Rationale", "scoresheet question: reasons for the answers about one claim")}`) }).inputValue()).toBe(
      "Claim 4: **weighed** against the evidence. Closing now.",
    );
    expect(await again.getByTestId("sum-bar").innerText()).toContain(TF("Your best estimates sum to {0} %.", { 0: "100" }));
  });

  it("fills the ACH matrix by keys, attests, and signs: the chair opens the file, signed by the seat", async () => {
    const page = session.page;
    await openPart(page, "ach");
    const grid = page.getByRole("grid");
    const cells = grid.getByRole("gridcell");
    const count = await cells.count();
    expect(count).toBeGreaterThanOrEqual(40);
    await tabTo(page, grid);
    const activeCell = () => grid.getAttribute("aria-activedescendant");
    expect(await activeCell()).toBe(await cells.first().getAttribute("id"));
    // Each key fills a cell and moves on: c, n, i, a, C (Shift+c), I (Shift+i), 1…6.
    const keys = ["c", "n", "i", "a"];
    for (let i = 0; i < count; i++) await page.keyboard.press(keys[i % keys.length] as string);
    await expect.poll(() => grid.locator(".ach-empty").count()).toBe(0);
    // Arrow keys move back; Delete empties; a digit fills.
    await page.keyboard.press("Control+Home");
    expect(await activeCell()).toBe(await cells.first().getAttribute("id"));
    await page.keyboard.press("Delete");
    await expect.poll(() => grid.locator(".ach-empty").count()).toBe(1);
    await page.keyboard.press("1");
    await expect.poll(() => grid.locator(".ach-very-consistent").count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);

    await openPart(page, "overall");
    await tabTo(page, page.getByRole("textbox", { name: new RegExp(`^${T("Overall rationale", "scoresheet question")}`) }));
    await page.keyboard.type("The signals unit's infrastructure overlaps the intrusion set.\n\n- one\n- two");
    await tabTo(page, page.getByRole("checkbox"));
    await page.keyboard.press("Space");
    await openPart(page, "review");
    await expect.poll(() => page.getByTestId("complete").count()).toBe(1);
    expect(await page.getByTestId("gaps").count()).toBe(0);

    const sign = page.getByTestId("sign-scoresheet");
    await tabTo(page, sign);
    const file = await saveDownload(page, () => page.keyboard.press("Enter"), world.temp.file("rev1.age"));
    await expect.poll(() => page.getByTestId("scoring-signed").count(), { timeout: 30_000 }).toBe(1);
    const opened = await openScoresheet(readFileSync(file), { kind: "age", identity: chair.encryption.secretKey });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const sheet = opened.value.sheet;
    expect(sheet.revision).toBe(1);
    expect(sheet.seat).toEqual({ fingerprint: panelistFingerprint, role: "member" });
    expect(opened.value.signer.fingerprint).toBe(panelistFingerprint);
    expect(sheet.answers.claims.map((c) => c.best)).toEqual([60, 15, 15, 10]);
    expect(sheet.answers.claims[0]?.likelihood).toBe("likely");
    expect(sheet.answers.claims[0]?.rationale).toBe("Claim 1: **weighed** against the evidence.");
    expect(sheet.answers.ach.flatMap((r) => Object.values(r.cells))).toHaveLength(count);
    expect(sheet.answers.attestation?.independent).toBe(true);
    // The secretariat can open it too; nobody else.
    expect((await openScoresheet(readFileSync(file), { kind: "age", identity: secretariat.encryption.secretKey })).ok).toBe(true);
    expect(await page.getByTestId("scoring-revision").count()).toBe(1);
    (globalThis as { firstDigest?: string }).firstDigest = scoresheetDigest(sheet);
  });

  it("revises with a reason per change; the revision names its predecessor", async () => {
    const page = session.page;
    const sign = page.getByTestId("sign-scoresheet");
    // Nothing changed yet: nothing to sign.
    expect(await sign.isDisabled()).toBe(true);
    await openPart(page, "claims");
    const best2 = claimCard(page, 2).getByLabel(new RegExp(`^${T("Best estimate", "scoresheet question, in percent")}`));
    await tabTo(page, best2);
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("8");
    await openPart(page, "review");
    const reason = page.getByLabel(T("Reason for this change (required)"));
    await expect.poll(() => reason.count()).toBe(1);
    expect(await sign.isDisabled()).toBe(true);
    await tabTo(page, reason);
    await page.keyboard.type("The log extract of 4 November weakens this claim.");
    await expect.poll(() => sign.isDisabled()).toBe(false);
    await tabTo(page, sign);
    const file = await saveDownload(page, () => page.keyboard.press("Enter"), world.temp.file("rev2.age"));
    const opened = await openScoresheet(readFileSync(file), { kind: "age", identity: chair.encryption.secretKey });
    expect(opened.ok && opened.value.sheet.revision).toBe(2);
    if (!opened.ok) return;
    const previous = opened.value.sheet.previous;
    expect(previous?.sha256).toBe((globalThis as { firstDigest?: string }).firstDigest);
    expect(previous?.changes).toEqual([{ answer: expect.stringMatching(/\/best$/), reason: "The log extract of 4 November weakens this claim." }]);
    await expect.poll(() => page.getByTestId("scoring-revision").count()).toBe(2);
    // The panelist's own signed copy, not encrypted: it opens without a key.
    const copy = await saveDownload(page, () => page.getByRole("button", { name: T("Save my own signed copy (not encrypted)") }).click(), world.temp.file("rev2.signed.tar"));
    const plain = await openScoresheet(readFileSync(copy), { kind: "plain" });
    expect(plain.ok && plain.value.sheet).toEqual(opened.value.sheet);
    expect(await axeSerious(page)).toEqual([]);
    (globalThis as { secondSheet?: unknown }).secondSheet = opened.value.sheet;
  });

  it("a new version of the case arrives after signing: the panelist signs a revision on it, keeping every answer", async () => {
    const page = session.page;
    const second = (globalThis as { secondSheet?: Scoresheet }).secondSheet;
    expect(second?.revision).toBe(2);
    const updated = await series.next((c) => ({ ...c, summary: `${c.summary} The secretariat added a note after the first round of questions.` }), new Date());
    const packetFile = world.temp.file("ines.packet-2.age");
    writeFileSync(packetFile, updated);
    await page.getByRole("link", { name: T("Panelist"), exact: true }).click();
    await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(packetFile);
    // The import opens the case, saying what changed.
    await expect.poll(() => page.getByTestId("case-changes").count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole("button", { name: T("Score this case") }).click();
    const notice = page.getByTestId("scoring-new-version");
    await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(1);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "scoring-new-version.png") });
    const sign = page.getByTestId("sign-scoresheet");
    await openPart(page, "review");
    // No answer changed, and none needs a reason: the revision is signed on the new version.
    await expect.poll(() => page.getByTestId("change").count()).toBe(0);
    await expect.poll(() => sign.isDisabled()).toBe(false);
    await tabTo(page, sign);
    const file = await saveDownload(page, () => page.keyboard.press("Enter"), world.temp.file("rev3.age"));
    const opened = await openScoresheet(readFileSync(file), { kind: "age", identity: chair.encryption.secretKey });
    expect(opened.ok).toBe(true);
    if (!opened.ok || !second) return;
    const third = opened.value.sheet;
    expect(third).toMatchObject({ version: 2, revision: 3, answers: second.answers, previous: { sha256: scoresheetDigest(second), changes: [] } });
    expect(third.packetManifest).not.toBe(second.packetManifest);
    expect(third.packetContent).not.toBe(second.packetContent);
    await expect.poll(() => notice.count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

describe("the chair scores too, in the same screen, as a seat of the panel", () => {
  let chairSession: Session;
  let chairFingerprint: string;
  let chairAgeKey: Uint8Array;

  it("the person holding the chair's seat imports the packet and is told they score as the chair", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Maeve Brennan", region: "western-european-and-others-states", nationality: "IE", affiliation: "University College Cork" }, "maeve.card.json");
    chairSession = person.session;
    const { page } = chairSession;
    const { cardFile } = person;
    const card = importIdentityCard(readFileSync(cardFile));
    chairFingerprint = card.ok ? card.value.fingerprint : "";
    // The chair's age key as the app exports it, to open the scoresheet as the chair.
    await page.getByRole("button", { name: T("Export secret key for the age tool…") }).click();
    await page.getByLabel(T("I understand; this is an emergency.")).check();
    const keyFile = await saveDownload(page, () => page.getByRole("button", { name: T("Export secret key"), exact: true }).click(), world.temp.file("maeve.age.key"));
    const secret = parseIdentity(readFileSync(keyFile, "utf8").split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-")) ?? "");
    if (!secret.ok) throw new Error("the exported age key does not parse");
    chairAgeKey = secret.value;
    // The same panel, with this person in the chair and the test's chair identity sitting as a member.
    const packetFile = world.temp.file("maeve.packet.age");
    writeFileSync(packetFile, await packetForCard(cardFile, { chair, secretariat }, new Date(), undefined, { seat: "chair" }));
    await importPacketInPage(page, packetFile, secretariat.signing.publicKey);
    await page.getByRole("button", { name: T("Score this case") }).click();
    await expect.poll(() => page.getByTestId("claim-card-4").count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByText(T("You score as the panel's chair, on the same footing as every member.")).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("scores, attests and signs: the file opens with the chair's key, signed by the chair, naming the chair's seat", async () => {
    const { page } = chairSession;
    await scoreClaimsByKeyboard(page);
    await openPart(page, "ach");
    const grid = page.getByRole("grid");
    await tabTo(page, grid);
    const cells = await grid.getByRole("gridcell").count();
    for (let i = 0; i < cells; i++) await page.keyboard.press("n");
    await expect.poll(() => grid.locator(".ach-empty").count()).toBe(0);
    await openPart(page, "overall");
    await tabTo(page, page.getByRole("textbox", { name: new RegExp(`^${T("Overall rationale", "scoresheet question")}`) }));
    await page.keyboard.type("As chair, I weigh the evidence as every member does.");
    await tabTo(page, page.getByRole("checkbox"));
    await page.keyboard.press("Space");
    await openPart(page, "review");
    await expect.poll(() => page.getByTestId("complete").count()).toBe(1);
    const sign = page.getByTestId("sign-scoresheet");
    await tabTo(page, sign);
    const file = await saveDownload(page, () => page.keyboard.press("Enter"), world.temp.file("chair-rev1.age"));
    await expect.poll(() => page.getByTestId("scoring-signed").count(), { timeout: 30_000 }).toBe(1);

    const opened = await openScoresheet(readFileSync(file), { kind: "age", identity: chairAgeKey });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.sheet.seat).toEqual({ fingerprint: chairFingerprint, role: "chair" });
    expect(opened.value.signer.fingerprint).toBe(chairFingerprint);
    expect(opened.value.sheet.answers.claims.map((c) => c.best)).toEqual([60, 15, 15, 10]);
    // The test's other identity now sits as a member: the file is not encrypted to it.
    expect((await openScoresheet(readFileSync(file), { kind: "age", identity: chair.encryption.secretKey })).ok).toBe(false);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("no request left the origin, and no page error", () => {
    expect(chairSession.problems).toEqual([]);
    for (const url of chairSession.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

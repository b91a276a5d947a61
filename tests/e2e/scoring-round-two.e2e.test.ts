/**
 * The Delphi second round on the panelist's side, in Chromium against the
 * production build: a panelist imports a case packet (built in Node for a
 * chair whose keys this test holds), scores round 1 and consents to share
 * their rationales (the consent is signed in the scoresheet). The chair's
 * feedback packet is made in Node (buildFeedback from the panelist's signed
 * round-1 sheet and two other seats', sealed with the chair's key to the
 * panelist): a packet signed by someone else is refused with a sentence and
 * nothing changes; the chair's, dropped on the case, is imported, and the
 * round-2 feedback shows the chair's note, per claim the anonymous
 * estimates with the panelist's own highlighted (in the chart and its table),
 * the aggregates and the shared rationales rendered safely. Scoring round 2
 * starts from the round-1 answers; one changed answer needs its reason; the
 * signed round-2 scoresheet names the final round-1 one. Axe finds no
 * serious violation; no request leaves the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReceivedCase } from "../../shared/case/case-records";
import { loadCrypto } from "../../shared/crypto/sodium";
import { parseRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { importIdentityCard } from "../../shared/identity/identity-card";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { sealFeedback } from "../../shared/merge/feedback-packet";
import { buildFeedback } from "../../shared/merge/round-feedback";
import { DEFAULT_RUBRIC } from "../../shared/rubric/rubric";
import { SeatIdSchema, type Scoresheet } from "../../shared/scoring/scoresheet";
import { openScoresheet, scoresheetDigest } from "../../shared/scoring/scoresheet-file";
import { axeSerious, importPacketInPage, newPersonInPage, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { LOCALE, T } from "../support/locale";
import { bestField, claimCard, openPart, scoreWholeSheet, signScoresheet, type ClaimScore } from "../support/panel-steps";
import { packetForCard } from "../support/scoring-fixtures";

const PASS = "harbour violet comet eleven tundra";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("scoring-round-two-e2e");
let session: Session;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let panelistRecipient: Uint8Array;
let round1: Scoresheet;
const files = { good: "", forged: "" };

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  chair = testIdentity({ displayName: "Dr. Chair Example", region: "african-states", nationality: "GH" });
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
});

const shot = async (name: string) => {
  if (SHOTS) await session.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

/** Drops a file on the case's feedback import area, as a file manager's drag and drop does. */
async function dropFile(page: Page, file: string): Promise<void> {
  const payload = { name: path.basename(file), data: readFileSync(file).toString("base64") };
  const transfer = await page.evaluateHandle((f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, payload);
  const zone = page.getByTestId("feedback-drop");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

/** The bests of the sample case's four claims (the catch-all last) and their likelihood terms (index in ICD 203's seven). */
const SCORES: readonly ClaimScore[] = [
  { best: "60", term: 4 },
  { best: "15", term: 1 },
  { best: "15", term: 1 },
  { best: "10", term: 1 },
];

describe("a panelist takes part in the second round", () => {
  it("imports the case packet and scores round 1, consenting to share the rationales", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" }, "ines.card.json");
    session = person.session;
    const card = importIdentityCard(readFileSync(person.cardFile));
    if (!card.ok) throw new Error("the card does not verify");
    const recipient = parseRecipient(card.value.card.ageRecipient);
    if (!recipient.ok) throw new Error("the card has no age recipient");
    panelistRecipient = recipient.value;
    const packetFile = world.temp.file("ines.packet.age");
    writeFileSync(packetFile, await packetForCard(person.cardFile, { chair, secretariat }, new Date()));
    await importPacketInPage(session.page, packetFile, secretariat.signing.publicKey);
    const { page } = session;
    // Before any feedback: the import area, and no round-2 view.
    expect(await page.getByTestId("feedback-drop").count()).toBe(1);
    expect(await page.getByTestId("feedback-round").count()).toBe(0);

    await scoreWholeSheet(page, SCORES, "Overall, the infrastructure overlaps.");
    // The consent: off by default, on the step where the scoresheet is signed.
    const consent = page.getByTestId("share-rationale").getByRole("checkbox");
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    expect(await axeSerious(page)).toEqual([]);
    await shot("round1-consent");
    const file = await signScoresheet(page, world.temp.file("round1.age"));
    const opened = await openScoresheet(readFileSync(file), { kind: "age", identity: chair.encryption.secretKey });
    if (!opened.ok) throw new Error("the chair cannot open the round-1 scoresheet");
    round1 = opened.value.sheet;
    expect(round1.answers.shareRationale).toBe(true);
    expect(round1.round).toBe(1);
  }, 240_000);

  it("the chair's feedback packet is made in Node: the panelist's sheet and two other seats'", async () => {
    const others = [
      testIdentity({ displayName: "Member Two", region: "asia-pacific-states", nationality: "JP" }),
      testIdentity({ displayName: "Member Three", region: "latin-american-and-caribbean-states", nationality: "BR" }),
    ];
    const bests = [
      [30, 40, 20, 10],
      [75, 5, 10, 10],
    ];
    const finals: Scoresheet[] = [
      round1,
      ...others.map((o, k) => ({
        ...round1,
        seat: { fingerprint: SeatIdSchema.parse(sshFingerprint(o.signing.publicKey)), role: "member" as const },
        answers: {
          ...round1.answers,
          shareRationale: k === 0,
          claims: round1.answers.claims.map((c, i) => ({ ...c, best: bests[k]![i]!, rationale: `Seat ${k + 2} on claim ${i + 1}: **logs** <script>window.pwned = true</script> <img src="http://example.invalid/x.png" alt="a chart">` })),
        },
      })),
    ];
    // The case as the chair holds it: what the feedback names (claims, rubric, packet digest).
    const held = { case: { id: round1.caseId, claims: round1.answers.claims.map((c) => ({ id: c.claim })) }, rubric: DEFAULT_RUBRIC, packet: { manifestSha256: round1.packetManifest } } as unknown as ReceivedCase;
    const feedback = buildFeedback({ received: held, finals, recipient: round1.seat.fingerprint, round: 2, note: "Please look again at claim 2: the panel is split.", createdAt: new Date() });
    // Three seats' estimates, the panelist's own among them; the rationales of the two seats that consented.
    expect(feedback.claims[0]!.estimates).toHaveLength(3);
    expect(feedback.claims[0]!.estimates[feedback.claims[0]!.own!]).toBe(60);
    expect(feedback.claims[0]!.rationales).toHaveLength(2);
    files.good = world.temp.file("feedback-round2.age");
    writeFileSync(files.good, await sealFeedback(feedback, chair.signing, panelistRecipient, new Date()));
    files.forged = world.temp.file("feedback-forged.age");
    writeFileSync(files.forged, await sealFeedback(feedback, secretariat.signing, panelistRecipient, new Date()));
  });

  it("refuses a feedback packet not signed by the chair, with a sentence; nothing changes", async () => {
    const { page } = session;
    await page.goto(page.url().replace(/\/score$/, ""));
    await expect.poll(() => page.getByTestId("feedback-drop").count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId("feedback-drop").locator('input[type="file"]').setInputFiles(files.forged);
    const status = page.getByTestId("feedback-import-status");
    await expect.poll(() => status.count(), { timeout: 30_000 }).toBe(1);
    expect(await status.getAttribute("role")).toBe("alert");
    if (LOCALE === "en") expect(await status.innerText()).toContain("is not signed by the chair of this case's panel");
    expect(await page.getByTestId("feedback-round").count()).toBe(0);
    expect(await page.getByTestId("score-round").count()).toBe(0);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await page.getByTestId("feedback-section").screenshot({ path: path.join(SHOTS, "round2-refused.png") });
  });

  it("imports the chair's packet dropped on the case, and shows the round-2 feedback: own estimate highlighted, nobody named, rationales rendered safely", async () => {
    const { page } = session;
    await dropFile(page, files.good);
    await expect.poll(() => page.getByTestId("feedback-round").count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId("feedback-import-status").getAttribute("role")).toBe("status");
    expect(await page.getByTestId("feedback-note").innerText()).toBe("Please look again at claim 2: the panel is split.");
    expect(await page.getByTestId("feedback-claim").count()).toBe(4);
    const first = page.getByTestId("feedback-claim").first();
    // Three estimates, the panelist's own (60 %) marked once, in the chart's table; no name of any panelist.
    expect(await first.getByTestId("estimate").count()).toBe(2);
    expect(await first.getByTestId("own-estimate").count()).toBe(1);
    expect(await first.getByTestId("own-estimate").innerText()).toMatch(/60/);
    expect(await first.locator("svg[role=img]").count()).toBe(1);
    const text = await page.getByTestId("feedback-section").innerText();
    for (const name of ["Member Two", "Member Three", "Ines Okafor"]) expect(text).not.toContain(name);
    // The rationales of the consenting seats (the panelist and seat 2), Markdown rendered; no script, nothing fetched.
    const rationales = first.getByTestId("feedback-rationale");
    expect(await rationales.count()).toBe(2);
    expect(await first.locator(".markdown strong").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(".feedback-rationales script, .feedback-rationales img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await axeSerious(page)).toEqual([]);
    await shot("round2-feedback");
    if (SHOTS) {
      await page.getByTestId("feedback-section").locator(".feedback-drop").screenshot({ path: path.join(SHOTS, "round2-feedback-import.png") });
      await page.locator(".feedback-round > h3").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, "round2-feedback-top.png") });
      await first.screenshot({ path: path.join(SHOTS, "round2-feedback-claim1.png") });
    }
  });

  it("scores round 2 from the round-1 answers: a changed answer needs its reason; the signed sheet names the final round-1 one", async () => {
    const { page } = session;
    await page.getByTestId("score-round").click();
    await expect.poll(() => claimCard(page, 4).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId("scoring-round-note").count()).toBe(1);
    expect(await bestField(page, 2).inputValue()).toBe("15");
    await openPart(page, "review");
    // Keeping every answer is allowed: nothing to give a reason for.
    await expect.poll(() => page.getByTestId("sign-scoresheet").isDisabled()).toBe(false);
    expect(await page.getByTestId("share-rationale").getByRole("checkbox").isChecked()).toBe(true);
    await openPart(page, "claims");
    await bestField(page, 2).fill("18");
    await bestField(page, 4).fill("7");
    await openPart(page, "review");
    const reasons = page.getByLabel(T("Reason for this change (required)"));
    await expect.poll(() => reasons.count()).toBe(2);
    expect(await page.getByTestId("sign-scoresheet").isDisabled()).toBe(true);
    const key = (i: number) => `claims/${round1.answers.claims[i]!.claim}/best`;
    const reasonFor = (i: number) => page.locator(`[data-testid="change"][data-answer="${key(i)}"]`).getByLabel(T("Reason for this change (required)"));
    await reasonFor(1).fill("The panel's rationales on claim 2 persuade me.");
    await reasonFor(3).fill("Less room for the catch-all.");
    await expect.poll(() => page.getByTestId("sign-scoresheet").isDisabled()).toBe(false);
    expect(await axeSerious(page)).toEqual([]);
    await shot("round2-review");
    const file = await signScoresheet(page, world.temp.file("round2.age"));
    expect(path.basename(file)).toBe("round2.age");
    const opened = await openScoresheet(readFileSync(file), { kind: "age", identity: chair.encryption.secretKey });
    if (!opened.ok) throw new Error("the chair cannot open the round-2 scoresheet");
    const sheet = opened.value.sheet;
    expect(sheet).toMatchObject({ round: 2, revision: 1, seat: round1.seat, packetManifest: round1.packetManifest });
    expect(sheet.previous?.sha256).toBe(scoresheetDigest(round1));
    expect(new Map(sheet.previous?.changes.map((c) => [c.answer, c.reason]))).toEqual(
      new Map([
        [key(1), "The panel's rationales on claim 2 persuade me."],
        [key(3), "Less room for the catch-all."],
      ]),
    );
    expect(sheet.answers.claims.map((c) => c.best)).toEqual([60, 18, 15, 7]);
    // Round 1 stays readable in the history, beside round 2, whose changes from round 1 are listed with their reasons.
    await expect.poll(() => page.getByTestId("scoring-revision").count()).toBe(2);
    const newest = page.getByTestId("scoring-revision").first();
    await newest.locator("summary").click();
    expect(await newest.locator("details li").count()).toBe(2);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await page.getByTestId("scoring-history").screenshot({ path: path.join(SHOTS, "round2-history.png") });
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

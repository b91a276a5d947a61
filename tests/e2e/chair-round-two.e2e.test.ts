/**
 * The chair's side of the Delphi second round in Chromium, against the
 * production build: a chair profile imports the case packet and three
 * members' round-1 scoresheets (signed in Node from each member's own
 * packet, with different estimates; the first consents to share its
 * rationales), declares a quorum, opens round 2 with a note (after a
 * confirmation), saves one feedback packet per member who submitted (each
 * opened here in Node with that member's key: their own estimate among the
 * others, the note, only the consented rationale), imports the members'
 * round-2 scoresheets (a round-1 file is now refused) and sees the movement.
 * Axe finds no serious violation; no request leaves the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Download } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { encodeRecipient } from "../../shared/formats/age/age";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { openFeedback } from "../../shared/merge/feedback-packet";
import { panelPackets, seatFromPacket, sentOf, sign, testMembers, type TestSeat } from "../../shared/merge/merge.testing";
import { setClaimAnswer, setShareRationale } from "../../shared/scoring/edit";
import type { Answers, ClaimId } from "../../shared/scoring/scoresheet";
import { answersFor } from "../../shared/scoring/scoring.testing";
import { scoringContextOf, submitScoresheet, type Submission } from "../../shared/scoring/submit";
import { axeSerious, newPersonInPage, importPacketInPage, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { formatNumber, formatPercent } from "../../renderer/i18n/format";
import { LOCALE, T } from "../support/locale";

const PASS = "copper meadow lantern ninety quartz";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("chair-round-two-e2e");
let session: Session;
let secretariat: PersonalIdentity;
let members: PersonalIdentity[];
const seats: TestSeat[] = [];
const round1: Submission[] = [];
let chairFingerprint = "";
let claim: ClaimId;
const ESTIMATES = [20, 60, 90];
const NOTE = "Please look again at the first claim.";
const pct = (v: number) => formatPercent(v / 100, 1);

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  members = testMembers();
});

/** The whole page, and the Round 2 section alone (the page is long once the statistics show). */
const shot = async (name: string) => {
  if (!SHOTS) return;
  await session.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await session.page.getByTestId("round-two").screenshot({ path: path.join(SHOTS, `${name}-section.png`) });
};
const fileInput = () => session.page.getByTestId("scoresheet-drop").locator('input[type="file"]');
const saved = (name: string, bytes: Uint8Array) => {
  const file = world.temp.file(name);
  writeFileSync(file, bytes);
  return file;
};
/** `answers` with the first claim's best estimate at `best` and the likelihood term that matches it. */
function withBest(seat: TestSeat, answers: Answers, best: number): Answers {
  const term = seat.received.rubric.likelihood.find((t) => best >= t.low && best <= t.high)?.id as string;
  return setClaimAnswer(setClaimAnswer(answers, claim, "best", best), claim, "likelihood", term);
}

describe("the chair runs the second round", () => {
  it("creates the chair, imports the case packet; three members sign round 1 in Node", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Amara Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" }, "amara.card.json");
    session = person.session;
    const now = new Date();
    const panel = await panelPackets({ secretariat, chairCard: readFileSync(person.cardFile, "utf8"), members, now });
    await importPacketInPage(session.page, saved("amara.packet.age", panel.packets[0] as Uint8Array), secretariat.signing.publicKey);
    for (const [i, member] of members.slice(0, 3).entries()) seats.push(await seatFromPacket(panel.packets[i + 1] as Uint8Array, member, secretariat, now));
    const chairSeat = seats[0]!.received.roster.find((p) => p.role === "chair");
    chairFingerprint = chairSeat!.fingerprint;
    const base = answersFor(scoringContextOf(seats[0]!.received));
    claim = base.claims[0]!.claim as ClaimId;
    for (const [i, seat] of seats.entries()) {
      const answers = withBest(seat, base, ESTIMATES[i]!);
      round1.push(await sign(seat, now, [], i === 0 ? setShareRationale(answers, true) : answers));
    }
  }, 180_000);

  it("imports round 1 and declares a quorum; round 2 is offered only then", async () => {
    const { page } = session;
    await page.getByRole("link", { name: T("Chair"), exact: true }).click();
    await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 30_000 }).toBe(5);
    await expect.poll(() => page.getByTestId("open-round-needs-quorum").count()).toBe(1);
    await fileInput().setInputFiles(round1.map((s, i) => saved(`member${i + 1}-round1.age`, s.bytes)));
    await expect.poll(() => page.locator('[data-testid="import-result"][data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(3);
    await page.getByTestId("declare-quorum").click();
    await expect.poll(() => page.getByTestId("quorum-declared").count()).toBe(1);
    await expect.poll(() => page.getByTestId("open-round-button").count()).toBe(1);
  });

  it("opens round 2 with a note, after a confirmation; the seats' table turns to round 2", async () => {
    const { page } = session;
    await page.getByTestId("round-note-input").fill(NOTE);
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-round-two-open-form");
    await page.getByTestId("open-round-button").click();
    await page.getByTestId("confirm-open-round").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("round-open").count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId("round-note").innerText()).toBe(NOTE);
    await expect.poll(() => page.locator('[data-testid="seat-row"][data-status="missing"]').count()).toBe(5);
    expect(await page.getByTestId("feedback-seat").count()).toBe(3);
  });

  it("saves one feedback packet per member who submitted; each opens only with that member's key and shows their own estimate", async () => {
    const { page } = session;
    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    await page.getByTestId("export-feedback").click();
    await expect.poll(() => downloads.length, { timeout: 120_000 }).toBe(3);
    await expect.poll(() => page.getByTestId("feedback-file").count(), { timeout: 60_000 }).toBe(3);
    for (const [i, d] of downloads.entries()) {
      const target = world.temp.file(d.suggestedFilename());
      await d.saveAs(target);
      const seat = seats[i]!;
      expect(await page.getByTestId("feedback-file").nth(i).innerText()).toBe(d.suggestedFilename());
      const key = { kind: "age" as const, identity: seat.identity.encryption.secretKey, myRecipient: encodeRecipient(seat.identity.encryption.publicKey) };
      const opened = await openFeedback(new Uint8Array(readFileSync(target)), key, { chair: chairFingerprint, seat: seat.fingerprint });
      if (!opened.ok) throw new Error(`feedback ${i} did not open: ${JSON.stringify(opened.error)}`);
      const first = opened.value.feedback.claims.find((c) => c.claim === claim)!;
      expect([...first.estimates].sort((a, b) => a - b)).toEqual(ESTIMATES);
      expect(first.estimates[first.own!]).toBe(ESTIMATES[i]);
      expect(first.rationales).toEqual([round1[0]!.sheet.answers.claims[0]!.rationale]);
      expect(opened.value.feedback.note).toBe(NOTE);
      // Another member's key does not open it.
      const other = seats[(i + 1) % 3]!;
      expect((await openFeedback(new Uint8Array(readFileSync(target)), { kind: "age", identity: other.identity.encryption.secretKey }, { chair: chairFingerprint, seat: other.fingerprint })).ok).toBe(false);
    }
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-round-two-feedback");
  });

  it("imports the round-2 scoresheets (a round-1 file is refused now) and shows the movement", async () => {
    const { page } = session;
    const now = new Date();
    const round2: string[] = [];
    for (const [i, seat] of seats.entries()) {
      // The first moves towards the panel (with reasons); the others keep every answer.
      const answers = i === 0 ? withBest(seat, round1[0]!.sheet.answers, 50) : round1[i]!.sheet.answers;
      const reasons = i === 0 ? [`claims/${claim}/best`, `claims/${claim}/likelihood`].map((answer) => ({ answer, reason: "The others' reading of the logs convinced me." })) : [];
      const sub = await submitScoresheet({ received: seat.received, identities: [seat.identity], history: [sentOf(round1[i]!)], round: 2, openRound: 2, answers, reasons, now });
      if (!sub.ok) throw new Error(`round 2 refused: ${JSON.stringify(sub.error)}`);
      round2.push(saved(`member${i + 1}-round2.age`, sub.value.bytes));
    }
    await fileInput().setInputFiles([...round2, world.temp.file("member1-round1.age")]);
    await expect.poll(() => page.getByTestId("import-result").count(), { timeout: 60_000 }).toBe(4);
    expect(await page.locator('[data-testid="import-result"][data-outcome="accepted"]').count()).toBe(3);
    expect(await page.locator('[data-testid="import-result"][data-refusal="round-not-open"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="seat-row"][data-status="submitted"]').count()).toBe(3);
    // The first claim's median: 60 in round 1 (20, 60, 90) and in round 2 (50, 60, 90).
    // "Round 1 counts 3 scoresheets; round 2 counts 3 so far", in any language: its numbers.
    await expect.poll(async () => (await page.getByTestId("movement-seats").innerText()).match(/\d+/g), { timeout: 30_000 }).toEqual(["1", "3", "2", "3"]);
    expect(await page.getByTestId("movement-claim").count()).toBe(seats[0]!.received.case.claims.length);
    if (LOCALE === "en") expect(await page.getByTestId("movement-median-change").first().innerText()).toBe("no change");
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-round-two-movement");
  });

  it("shows the statistics of round 2 with the import, and those of round 1 again on request (by keyboard)", async () => {
    const { page } = session;
    const statistics = page.getByTestId("chair-statistics");
    const firstPool = () => statistics.locator(`[data-testid="claim-row"][data-claim="${claim}"]`).getByTestId("linear-pool").getByTestId("value").innerText();
    const radios = statistics.getByTestId("statistics-round-choice").getByRole("radio");
    expect(await radios.count()).toBe(2);
    expect(await radios.nth(1).isChecked()).toBe(true);
    // Round 2: 50, 60 and 90 on the first claim; round 1: 20, 60 and 90.
    await expect.poll(firstPool, { timeout: 30_000 }).toBe(pct(200 / 3));
    expect(await statistics.getByTestId("statistics-counted").innerText()).toContain(formatNumber(3));
    await radios.nth(1).focus();
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => radios.nth(0).isChecked()).toBe(true);
    await expect.poll(firstPool, { timeout: 30_000 }).toBe(pct(170 / 3));
    expect(await statistics.getByRole("heading", { level: 3 }).first().innerText()).toContain(formatNumber(1));
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await statistics.screenshot({ path: path.join(SHOTS, "chair-round-two-statistics-round1.png") });
    // Back to the open round.
    await page.keyboard.press("ArrowDown");
    await expect.poll(firstPool, { timeout: 30_000 }).toBe(pct(200 / 3));
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

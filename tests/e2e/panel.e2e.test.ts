/**
 * A whole panel in Chromium, against the production build, five browser
 * profiles at once: the chair and four members each create a vault and an
 * identity in their own profile and export their card; a secretariat (made
 * in Node: its screens are tested elsewhere) builds the panel's packets from
 * those cards. Every panelist imports their packet and scores the sample case
 * in the interface, each with other estimates (one consents to share the
 * rationales), and saves the signed scoresheet; the chair scores too, on the
 * Panelist page of the chair's profile. The chair imports the five files at
 * once, sees every seat submitted and the statistics, declares a quorum,
 * opens round 2 and saves a feedback packet per panelist; each imports theirs
 * in their own profile, two change answers with reasons, the others keep
 * every answer, and all sign round 2. The chair imports the round-2 files and
 * sees the movement, checked against numbers computed here from the same
 * answers. Axe finds no serious violation on the main screens; no profile
 * sends a request off the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Download, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { panelPackets } from "../../shared/merge/merge.testing";
import { spread } from "../../shared/merge/stats/percentiles";
import { DEFAULT_RUBRIC } from "../../shared/rubric/rubric";
import { formatNumber, formatPercent } from "../../renderer/i18n/format";
import { axeSerious, importPacketInPage, newPersonInPage, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { T, TF } from "../support/locale";
import { claimCard, openPart, scoreWholeSheet, setClaimScore, signScoresheet, type ClaimScore } from "../support/panel-steps";

const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("panel-e2e");
let secretariat: PersonalIdentity;

type Person = {
  readonly details: { displayName: string; region: string; nationality: string; affiliation: string };
  readonly passphrase: string;
  /** Round 1: the four claims of the sample case (the catch-all last). */
  readonly round1: readonly ClaimScore[];
  /** Round 2: claim number → the new score; none keeps every answer. */
  readonly changes: ReadonlyMap<number, ClaimScore>;
  readonly shareRationale: boolean;
  session?: Session;
  cardFile?: string;
  caseUrl?: string;
  files: { round1?: string; feedback?: string; round2?: string };
};

/** A best estimate and the ICD 203 term whose band holds it (the estimates below are on no band's end). */
function score(best: number): ClaimScore {
  const term = DEFAULT_RUBRIC.likelihood.findIndex((t) => best > t.low && best < t.high);
  if (term < 0) throw new Error(`${best} is on the end of a band`);
  return { best: String(best), term };
}

function person(details: Person["details"], passphrase: string, round1: number[], changes: Record<number, number> = {}, shareRationale = false): Person {
  const changed = Object.entries(changes).map(([n, best]): [number, ClaimScore] => [Number(n), score(best)]);
  return { details, passphrase, round1: round1.map(score), changes: new Map(changed), shareRationale, files: {} };
}

/** The chair first. Two members move on the first two claims in round 2; the others keep every answer; one shares the rationales. */
const PEOPLE: readonly Person[] = [
  person({ displayName: "Amara Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" }, "copper meadow lantern ninety quartz", [60, 15, 15, 10]),
  person({ displayName: "Kenji Tanaka", region: "asia-pacific-states", nationality: "JP", affiliation: "Keio University" }, "harbour violet comet eleven tundra", [30, 40, 18, 12], { 1: 64, 2: 6 }),
  person({ displayName: "Agnieszka Kowalska", region: "eastern-european-states", nationality: "PL", affiliation: "University of Warsaw" }, "wicker lantern orbit seventy fjord", [75, 10, 8, 7], {}, true),
  person({ displayName: "Lucia Silva", region: "latin-american-and-caribbean-states", nationality: "BR", affiliation: "University of Sao Paulo" }, "granite willow signal forty marsh", [22, 50, 18, 10], { 1: 62, 2: 10 }),
  person({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" }, "amber tundra pilot sixty reef", [84, 8, 4, 4]),
];
const CHAIR = PEOPLE[0]!;
const REASON = "The panel's reading of the logs persuades me.";

/** Runs a step in every profile at once. */
const everyone = (step: (p: Person, i: number) => Promise<void>) => Promise.all(PEOPLE.map(step));
function sessionOf(p: Person): Session {
  if (!p.session) throw new Error(`${p.details.displayName} has no session`);
  return p.session;
}
const chairPage = () => sessionOf(CHAIR).page;
/** The chair's profile opens the Chair page: the case's five seats. */
async function toChairPage(): Promise<Page> {
  const page = chairPage();
  await page.getByRole("link", { name: T("Chair"), exact: true }).click();
  await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 30_000 }).toBe(5);
  return page;
}
/** The chair imports the five scoresheet files at once (by the file picker): all accepted, every seat submitted. */
async function importAtChair(page: Page, files: readonly string[]): Promise<void> {
  await page.getByTestId("scoresheet-drop").locator('input[type="file"]').setInputFiles(files);
  await expect.poll(() => page.locator('[data-testid="import-result"][data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(5);
  expect(await page.getByTestId("import-result").count()).toBe(5);
  await expect.poll(() => page.locator('[data-testid="seat-row"][data-status="submitted"]').count()).toBe(5);
}
const pct = (v: number) => formatPercent(v / 100, 1);
/** The best estimates of claim `n` across the panel, in round 1 or round 2. */
const bests = (n: number, round: 1 | 2) => PEOPLE.map((p) => Number(((round === 2 ? p.changes.get(n) : undefined) ?? p.round1[n - 1]!).best));
/** One of the main screens: axe finds no serious violation on it (and, with AP_SCREENSHOT_DIR, it is saved as a picture). */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await axeSerious(page)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `panel-${name}.png`), fullPage: true });
}
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
});

describe("a panel of five scores a case over two rounds, each in their own profile", () => {
  it("everyone creates a vault and an identity; the secretariat (in Node) builds the panel's packets from their cards; each imports theirs", async () => {
    await everyone(async (p, i) => {
      const made = await newPersonInPage(world, p.passphrase, p.details, `seat${i}.card.json`);
      p.session = made.session;
      p.cardFile = made.cardFile;
      if (i === 4) await checkScreen(made.session.page, "identity");
    });
    const cards = PEOPLE.map((p) => readFileSync(p.cardFile as string, "utf8"));
    const panel = await panelPackets({ secretariat, chairCard: cards[0]!, members: cards.slice(1), now: new Date() });
    expect(panel.packets).toHaveLength(5);
    await everyone(async (p, i) => {
      const file = world.temp.file(`seat${i}.packet.age`);
      writeFileSync(file, panel.packets[i]!);
      await importPacketInPage(sessionOf(p).page, file, secretariat.signing.publicKey);
    });
    await checkScreen(sessionOf(PEOPLE[1]!).page, "case");
  }, 300_000);

  it("everyone scores round 1 in the interface, with their own estimates, and saves the signed scoresheet", async () => {
    await everyone(async (p, i) => {
      const { page } = sessionOf(p);
      await scoreWholeSheet(page, p.round1, `Overall, seat ${i + 1} weighs the infrastructure overlap.`);
      p.caseUrl = page.url().replace(/\/score$/, "");
      if (p === CHAIR) expect(await page.getByText(T("You score as the panel's chair, on the same footing as every member.")).count()).toBe(1);
      if (p.shareRationale) await page.getByTestId("share-rationale").getByRole("checkbox").check();
      if (i === 2) await checkScreen(page, "round1-review");
      p.files.round1 = await signScoresheet(page, world.temp.file(`seat${i}-round1.age`));
    });
  }, 300_000);

  it("the chair imports the five files at once: every seat submitted; the statistics are the panel's", async () => {
    const page = await toChairPage();
    expect(await page.locator('[data-testid="seat-row"][data-status="missing"]').count()).toBe(5);
    await importAtChair(page, PEOPLE.map((p) => p.files.round1 as string));
    for (const p of PEOPLE) expect(await page.getByTestId("seat-row").filter({ hasText: p.details.displayName }).getAttribute("data-status")).toBe("submitted");
    expect(await page.getByTestId("seat-count").innerText()).toMatch(/5\D+5/);
    // The first claim: 60, 30, 75, 22 and 84.
    const before = spread(bests(1, 1))!;
    const first = page.getByTestId("chair-statistics").getByTestId("claim-row").first();
    await expect.poll(() => first.getByTestId("median").innerText(), { timeout: 30_000 }).toBe(pct(before.median));
    expect(await first.getByTestId("n").innerText()).toBe(formatNumber(5));
    expect(await first.getByTestId("linear-pool").getByTestId("value").innerText()).toBe(pct(mean(bests(1, 1))));
    await checkScreen(page, "chair-dashboard");
  });

  it("the chair declares a quorum, opens round 2 and saves a feedback packet per panelist", async () => {
    const page = chairPage();
    await page.getByTestId("declare-quorum").click();
    await expect.poll(() => page.getByTestId("quorum-declared").count()).toBe(1);
    expect(await page.getByTestId("quorum-declared").innerText()).toMatch(/5\D+5/);
    await page.getByTestId("round-note-input").fill("Please look again at the first two claims.");
    await page.getByTestId("open-round-button").click();
    await page.getByTestId("confirm-open-round").click();
    await expect.poll(() => page.getByTestId("round-open").count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="seat-row"][data-status="missing"]').count()).toBe(5);
    expect(await page.getByTestId("feedback-seat").count()).toBe(5);
    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    await page.getByTestId("export-feedback").click();
    await expect.poll(() => page.getByTestId("feedback-file").count(), { timeout: 120_000 }).toBe(5);
    await expect.poll(() => downloads.length).toBe(5);
    // Each packet goes to the person its row names.
    for (const row of await page.getByTestId("feedback-seat").all()) {
      const name = await row.locator("th").innerText();
      const fileName = await row.getByTestId("feedback-file").innerText();
      const p = PEOPLE.find((x) => x.details.displayName === name);
      const d = downloads.find((x) => x.suggestedFilename() === fileName);
      if (!p || !d) throw new Error(`no person or no download for the row of ${name} (${fileName})`);
      p.files.feedback = world.temp.file(`${PEOPLE.indexOf(p)}-${fileName}`);
      await d.saveAs(p.files.feedback);
    }
    expect(PEOPLE.every((p) => p.files.feedback)).toBe(true);
    await checkScreen(page, "chair-feedback");
  });

  it("each panelist imports their feedback in their own profile; two change answers with reasons, the others keep theirs; all sign round 2", async () => {
    await everyone(async (p, i) => {
      const { page } = sessionOf(p);
      await page.goto(p.caseUrl as string);
      await expect.poll(() => page.getByTestId("feedback-drop").count(), { timeout: 30_000 }).toBe(1);
      await page.getByTestId("feedback-drop").locator('input[type="file"]').setInputFiles(p.files.feedback as string);
      await expect.poll(() => page.getByTestId("feedback-round").count(), { timeout: 30_000 }).toBe(1);
      // The first claim: five estimates, their own once (and highlighted), and the one consented rationale.
      const first = page.getByTestId("feedback-claim").first();
      expect(await first.getByTestId("own-estimate").innerText()).toContain(p.round1[0]!.best);
      expect(await first.getByTestId("estimate").count()).toBe(4);
      expect(await first.getByTestId("feedback-rationale").count()).toBe(1);
      if (i === 1) await checkScreen(page, "feedback");
      await page.getByTestId("score-round").click();
      await expect.poll(() => claimCard(page, 4).count(), { timeout: 30_000 }).toBe(1);
      for (const [n, score] of p.changes) await setClaimScore(page, n, score);
      await openPart(page, "review");
      // A reason for each changed answer (the best estimate and the likelihood term of each changed claim).
      const reasons = page.getByLabel(T("Reason for this change (required)"));
      await expect.poll(() => reasons.count()).toBe(2 * p.changes.size);
      for (const reason of await reasons.all()) await reason.fill(REASON);
      await expect.poll(() => page.getByTestId("sign-scoresheet").isDisabled()).toBe(false);
      if (i === 3) await checkScreen(page, "round2-review");
      p.files.round2 = await signScoresheet(page, world.temp.file(`seat${i}-round2.age`));
    });
  }, 300_000);

  it("the chair imports round 2 and sees the movement: the numbers computed here from the same answers", async () => {
    const page = await toChairPage();
    await expect.poll(() => page.getByTestId("round-open").count()).toBe(1);
    await importAtChair(page, PEOPLE.map((p) => p.files.round2 as string));
    // "Round 1 counts 5 scoresheets; round 2 counts 5 so far."
    await expect.poll(async () => (await page.getByTestId("movement-seats").innerText()).match(/\d+/g), { timeout: 30_000 }).toEqual(["1", "5", "2", "5"]);
    // The first claim: 22, 30, 60, 75, 84 in round 1 (median 60, IQR 45); 60, 62, 64, 75, 84 in round 2 (median 64, IQR 13).
    const cells = page.getByTestId("movement-claim").first().locator("td");
    const points = (x: number) => TF(x > 0 ? "up {points} points" : "down {points} points", { points: formatNumber(Math.abs(x), 1) });
    const [before, after] = [spread(bests(1, 1))!, spread(bests(1, 2))!];
    expect([before.median, before.iqr, after.median, after.iqr]).toEqual([60, 45, 64, 13]);
    expect(await cells.nth(0).innerText()).toBe(TF("{0} ({1})", { 0: pct(before.median), 1: pct(before.iqr) }));
    expect(await cells.nth(1).innerText()).toBe(TF("{0} ({1})", { 0: pct(after.median), 1: pct(after.iqr) }));
    expect(await cells.nth(2).innerText()).toBe(points(after.median - before.median));
    expect(await cells.nth(3).innerText()).toBe(points(after.iqr - before.iqr));
    expect(await cells.nth(4).innerText()).toBe(`${pct(mean(bests(1, 1)))} → ${pct(mean(bests(1, 2)))}`);
    // The second claim: median 15 before, 10 after; the last two claims did not move.
    const second = [spread(bests(2, 1))!.median, spread(bests(2, 2))!.median];
    expect(second).toEqual([15, 10]);
    expect(await page.getByTestId("movement-median-change").nth(1).innerText()).toBe(points(second[1]! - second[0]!));
    for (const n of [2, 3]) expect(await page.getByTestId("movement-median-change").nth(n).innerText()).toBe(T("no change"));
    await checkScreen(page, "chair-movement");
    if (SHOTS) await page.getByTestId("movement").screenshot({ path: path.join(SHOTS, "panel-movement.png") });
  });

  it("no profile sent a request off the origin, and no page error", () => {
    for (const p of PEOPLE) {
      const { problems, requests } = sessionOf(p);
      expect(problems).toEqual([]);
      for (const url of requests) expect(new URL(url).origin).toBe(world.server.origin);
    }
    expect(world.proxy.hits).toEqual([]);
  });
});

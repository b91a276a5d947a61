/**
 * The chair's statistics screen in Chromium, against the production build:
 * a chair profile imports the case packet (built in Node by a secretariat for
 * a panel of the chair and four members whose keys this test holds), then
 * the four members' scoresheets, each with its own answers (signed in Node by
 * the submit path). The numbers the page shows (n, median, IQR, pools and
 * their normalised values, the RAND/UCLA flags, the alphas, the regional
 * medians, who dissents) are compared with the same statistics computed here
 * from the same answers with shared/merge/stats, never with literals. Every
 * chart is an SVG image with a name, reachable by keyboard, with its data as
 * a table; axe finds nothing serious; in Arabic the page runs right to left
 * and the value axis is mirrored. No request leaves the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import type { UnRegion } from "../../shared/identity/un-regions";
import { panelPackets, seatFromPacket, sign, testMembers, type TestSeat } from "../../shared/merge/merge.testing";
import { dissenters, regionalMedians } from "../../shared/merge/stats/regional";
import { claimSummaries, panelAgreement, type ClaimSummary, type PanelSheet } from "../../shared/merge/stats/panel-summary";
import { termsFor } from "../../shared/scoring/completeness";
import { setAchCell, setClaimAnswer } from "../../shared/scoring/edit";
import type { Answers, ClaimId, EvidenceId, Scoresheet } from "../../shared/scoring/scoresheet";
import { answersFor } from "../../shared/scoring/scoring.testing";
import { scoringContextOf } from "../../shared/scoring/submit";
import { formatNumber, formatPercent } from "../../renderer/i18n/format";
import { axeSerious, expectDirection, importPacketInPage, newPersonInPage, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { DIR, T, useLocale } from "../support/locale";

const PASS = "copper meadow lantern ninety quartz";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("chair-statistics-e2e");
let session: Session;
let secretariat: PersonalIdentity;
let members: PersonalIdentity[];
const files: string[] = [];
/** What the members signed, in the roster's order, with their regions: the statistics are recomputed from these. */
const signed: { seat: string; region: UnRegion; sheet: Scoresheet }[] = [];
let seatZero: TestSeat | undefined;

/**
 * Each member's best estimates for the sample case's four claims (summing to 100), the Healey level and the
 * legal basis they pick (by index on the rubric's scales), and one ACH code per claim for the first evidence item.
 */
const PLANS = [
  { bests: [70, 15, 10, 5], healey: 6, legal: 1, ach: ["very-consistent", "inconsistent", "neutral", "neutral"], range: true },
  { bests: [60, 25, 10, 5], healey: 5, legal: 1, ach: ["consistent", "inconsistent", "neutral", "not-applicable"], range: true },
  { bests: [20, 60, 15, 5], healey: 3, legal: 2, ach: ["inconsistent", "consistent", "neutral", "neutral"], range: false },
  { bests: [75, 10, 10, 5], healey: 6, legal: 0, ach: ["very-consistent", "very-inconsistent", "inconsistent", "neutral"], range: true },
] as const;

function plannedAnswers(seat: TestSeat, plan: (typeof PLANS)[number]): Answers {
  const context = scoringContextOf(seat.received);
  const { rubric } = context;
  let answers = answersFor(context);
  context.claims.forEach((c, i) => {
    const claim = c.id as ClaimId;
    const best = plan.bests[i] as number;
    answers = setClaimAnswer(answers, claim, "best", best);
    answers = setClaimAnswer(answers, claim, "likelihood", termsFor(rubric, best)[0] as string);
    answers = setClaimAnswer(answers, claim, "stateResponsibility", rubric.stateResponsibility[plan.healey]?.id as string);
    answers = setClaimAnswer(answers, claim, "legalBasis", rubric.legalBasis[plan.legal]?.id as string);
    if (plan.range && rubric.asks.range !== "off") {
      answers = setClaimAnswer(answers, claim, "lowest", Math.max(0, best - 10));
      answers = setClaimAnswer(answers, claim, "highest", Math.min(100, best + 10));
    }
    answers = setAchCell(answers, context.evidence[0]?.id as EvidenceId, claim, plan.ach[i]);
  });
  return answers;
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  await useLocale();
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  members = testMembers();
});

const shot = async (name: string) => {
  if (SHOTS) await session.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const fileInput = () => session.page.getByTestId("scoresheet-drop").locator('input[type="file"]');
const section = () => session.page.getByTestId("chair-statistics");
const pct = (v: number) => formatPercent(v / 100, 1);

describe("the chair sees the panel's statistics, with every chart's data as a table", () => {
  it("creates the chair's vault and imports the case packet; four members sign different answers in Node", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Amara Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" }, "amara.card.json");
    session = person.session;
    const now = new Date();
    const panel = await panelPackets({ secretariat, chairCard: readFileSync(person.cardFile, "utf8"), members, now });
    const packetFile = world.temp.file("amara.packet.age");
    writeFileSync(packetFile, panel.packets[0] as Uint8Array);
    await importPacketInPage(session.page, packetFile, secretariat.signing.publicKey);
    for (const [i, member] of members.entries()) {
      const seat = await seatFromPacket(panel.packets[i + 1] as Uint8Array, member, secretariat, now);
      seatZero ??= seat;
      const submission = await sign(seat, now, [], plannedAnswers(seat, PLANS[i] as (typeof PLANS)[number]));
      signed.push({ seat: seat.fingerprint, region: member.details.region as UnRegion, sheet: submission.sheet });
      files.push(world.temp.file(`member${i + 1}.age`));
      writeFileSync(files.at(-1) as string, submission.bytes);
    }
  }, 240_000);

  it("before any scoresheet, the statistics say there is nothing to compute yet", async () => {
    const { page } = session;
    await page.getByRole("link", { name: T("Chair"), exact: true }).click();
    await expect.poll(() => page.getByTestId("seat-row").count()).toBe(5);
    await expect.poll(() => section().getByTestId("statistics-nothing").count()).toBe(1);
    expect(await section().locator("figure.chart").count()).toBe(0);
  });

  it("imports the four scoresheets: the numbers shown are the ones shared/merge/stats computes from the same answers", async () => {
    const { page } = session;
    await fileInput().setInputFiles(files);
    await expect.poll(() => page.locator('[data-testid="import-result"][data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(4);
    await expect.poll(() => section().getByTestId("statistics-counted").count(), { timeout: 60_000 }).toBe(1);
    expect(await section().getByTestId("statistics-counted").innerText()).toContain(formatNumber(4));

    const received = (seatZero as TestSeat).received;
    const claims = received.case.claims.map((c) => c.id as ClaimId);
    const sheets: PanelSheet<string>[] = signed.map((s) => ({ seat: s.seat, claims: s.sheet.answers.claims }));
    const expected = claimSummaries(claims, sheets, received.rubric);
    expect(await section().getByTestId("claim-row").count()).toBe(claims.length);

    for (const summary of expected) {
      const row = section().locator(`[data-testid="claim-row"][data-claim="${summary.claim}"]`);
      const best = summary.best as NonNullable<ClaimSummary["best"]>;
      expect(await row.getByTestId("n").innerText()).toBe(formatNumber(best.n));
      expect(await row.getByTestId("median").innerText()).toBe(pct(best.median));
      const iqr = await row.getByTestId("iqr").innerText();
      expect(iqr).toContain(pct(best.p25));
      expect(iqr).toContain(pct(best.p75));
      for (const [test, pool] of [
        ["linear-pool", summary.linearPool],
        ["log-odds-pool", summary.logOddsPool],
      ] as const) {
        const cell = row.getByTestId(test);
        expect(await cell.getByTestId("value").innerText()).toBe(pct(pool?.value as number));
        expect(await cell.getByTestId("normalised").innerText()).toBe(pct(pool?.normalised as number));
      }
      if (summary.range) expect(await row.getByTestId("range").innerText()).toContain(pct(summary.range.lowest));

      const flags = section().locator(`[data-testid="disagreement-row"][data-claim="${summary.claim}"]`);
      const d = summary.disagreement;
      expect(await flags.getByTestId("terms-ipr").getAttribute("data-disagreement")).toBe(String(d.terms.ipr?.disagreement));
      expect(await flags.getByTestId("terms-thirds").getAttribute("data-disagreement")).toBe(String(d.terms.thirds?.disagreement));
      expect(await flags.getByTestId("estimates-ipr").getAttribute("data-disagreement")).toBe(String(d.estimates.ipr?.disagreement));
      expect(await flags.getByTestId("estimates-ipr").innerText()).toContain(formatNumber(d.estimates.ipr?.ipras as number, 2));
      expect(await flags.getByTestId("estimates-thirds").getAttribute("data-disagreement")).toBe(String(d.estimates.thirds?.disagreement));
    }

    // The four alphas: their kind, and the value where there is one.
    const agreement = panelAgreement(claims, sheets, received.rubric);
    for (const [key, outcome] of Object.entries(agreement)) {
      const item = section().locator(`[data-testid="alpha"][data-alpha="${key}"]`);
      expect(await item.getAttribute("data-kind")).toBe(outcome.kind);
      if (outcome.kind === "alpha") expect(await item.getByTestId("alpha-value").innerText()).toContain(formatNumber(outcome.value, 3));
    }

    // The first claim in detail (open): its regional medians and who dissents, by name.
    const first = claims[0] as ClaimId;
    const estimates = signed.map((s) => ({ seat: s.seat, region: s.region, value: s.sheet.answers.claims.find((c) => c.claim === first)?.best as number }));
    const detail = section().locator(`[data-testid="claim-detail"][data-claim="${first}"]`);
    for (const r of regionalMedians(estimates)) {
      const cell = detail.locator(`[data-testid="regional-row"][data-region="${r.region}"]`).getByTestId("regional-median");
      if (r.median !== undefined) expect(await cell.innerText()).toBe(pct(r.median));
    }
    const dissent = dissenters(estimates);
    expect(dissent.length).toBeGreaterThan(0);
    expect(await detail.getByTestId("dissenter").count()).toBe(dissent.length);
    const names = await detail.getByTestId("dissenter").locator("th").allInnerTexts();
    expect(names).toEqual(dissent.map((d) => members[signed.findIndex((s) => s.seat === d.seat)]?.details.displayName));
    expect(await detail.getByTestId("dissenter").first().innerText()).toContain((dissent[0] as { seat: string }).seat);
    await shot("chair-statistics");
  });

  it("every chart is a named, focusable SVG image with its data as a table; the strip plot names nobody", async () => {
    const { page } = session;
    const charts = section().locator("figure.chart");
    // Box and strip plots, three distributions per claim, the ACH heat map, diagnosticity and inconsistency.
    const claimCount = await section().getByTestId("claim-row").count();
    expect(await charts.count()).toBe(2 + 3 * claimCount + 3);
    for (const chart of await charts.all()) {
      const svg = chart.locator("svg.chart-svg");
      expect(await svg.getAttribute("role")).toBe("img");
      expect(await svg.getAttribute("tabindex")).toBe("0");
      const name = await page.evaluate((el) => document.getElementById(el.getAttribute("aria-labelledby") ?? "")?.textContent ?? "", await svg.elementHandle());
      expect(name.trim().length).toBeGreaterThan(0);
      const data = chart.getByTestId("chart-data");
      expect(await data.getAttribute("open")).not.toBeNull();
      expect(await data.locator("table tbody tr").count()).toBeGreaterThan(0);
    }
    // One mark per estimate in the strip plot, and none of the members' names anywhere in it.
    const strip = section().getByTestId("chart-strip");
    expect(await strip.locator("svg.chart-svg path").count()).toBe(signed.length * claimCount);
    const stripText = await strip.innerText();
    for (const m of members) expect(stripText).not.toContain(m.details.displayName);
    // Its legend names the regional groups with an estimate on the plot: not the chair's, who has not submitted.
    expect(await strip.locator(".chart-legend li").count()).toBe(new Set(signed.map((s) => s.region)).size);
    // A chart takes the keyboard focus.
    await strip.locator("svg.chart-svg").focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("img");
    // The list of parts moves the focus to the part's heading.
    await section().getByRole("navigation").getByRole("button").last().focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H4");
    expect(await axeSerious(page)).toEqual([]);
  });

  it("runs in the language's direction; in a right-to-left language the value axis is mirrored", async () => {
    const { page } = session;
    await expectDirection(page);
    const box = section().getByTestId("chart-box").locator("svg.chart-svg");
    expect(await box.getAttribute("direction")).toBe(DIR);
    const ticks = await box.locator(".visx-axis-tick").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    expect(ticks.length).toBeGreaterThan(2);
    const [zero, hundred] = [ticks[0] as number, ticks[ticks.length - 1] as number];
    if (DIR === "rtl") expect(zero).toBeGreaterThan(hundred);
    else expect(zero).toBeLessThan(hundred);
    await shot(`chair-statistics-${DIR}`);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});

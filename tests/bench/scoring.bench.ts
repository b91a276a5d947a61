/**
 * Scoring, on a case of 20 claims and 50 evidence items (1,000 ACH cells):
 * - signing and encrypting a scoresheet (checks, canonical JSON, SSHSIG, age
 *   to the chair and the secretariat), in Node, against `ssh-keygen -Y sign`
 *   plus `age -e` to the same two recipients over the same bytes;
 * - in Chromium (the production build): from "Score this case" to the
 *   scoresheet on screen (performance mark), and how long each keystroke
 *   takes to reach the screen (from the key event to the end of the next
 *   frame the page renders) while typing a rationale and filling ACH cells.
 * The issue's goals are absolute (300 ms, 50 ms, 100 ms): they are printed
 * beside the figures; the signing row also has its reference ratio.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { loadCrypto } from "../../shared/crypto/sodium";
import { ClaimIdSchema, EvidenceIdSchema, type Case } from "../../shared/case/model";
import { encodeRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { importIdentityCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import { scoresheetBytes } from "../../shared/scoring/scoresheet-file";
import { answersFor, receivedSampleCase } from "../../shared/scoring/scoring.testing";
import { scoringContextOf, submitScoresheet } from "../../shared/scoring/submit";
import { openSshPrivateKey } from "../interop/openssh-private-key";
import { launchChromium, startRecordingProxy } from "../support/chromium";
import { packetForCard } from "../support/scoring-fixtures";
import { startStaticServer } from "../support/static-server";
import { measure, median, percentile } from "./measure";
import type { BenchRow } from "./report";

const CLAIMS = 20;
const EVIDENCE = 50;
const SIGN_RUNS = 30;
const OPEN_RUNS = 5;
const SCORING_READY_MARK = "attribution-panel:scoring-ready";
const PASS = "bench orbit lantern wicker fjord";
const KEY_GAP_MS = 80;
/** Every SAVE_EVERY keys a pause of SAVE_PAUSE_MS: the draft is autosaved 400 ms after the last change, so the key after the pause meets a save under way. */
const SAVE_EVERY = 15;
const SAVE_PAUSE_MS = 450;
/** ACH cells filled by key, then moves (arrows and Delete, a quarter of them Deletes). */
const ACH_TERMS = 120;
const ACH_MOVES = 40;

/** The sample case widened to `claims` claims (the catch-all last) and `evidence` items without attachments. */
export function widenCase(c: Case, claims: number, evidence: number): Case {
  const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(12, "0")}`;
  const catchAll = c.claims.find((x) => x.catchAll);
  const template = c.evidence[0];
  if (!catchAll || !template) throw new Error("the sample case has no catch-all claim or no evidence");
  return {
    ...c,
    claims: [...Array.from({ length: claims - 1 }, (_, i) => ({ id: ClaimIdSchema.parse(id("benchclaim", i)), statement: `Hypothesis ${i + 1}: the campaign was conducted by actor ${i + 1}.`, catchAll: false })), catchAll],
    evidence: Array.from({ length: evidence }, (_, i) => ({ ...template, id: EvidenceIdSchema.parse(id("benchevidence", i)), title: `Evidence item ${i + 1}`, attachments: [], custody: [] })),
  };
}

async function signing(workDir: string): Promise<BenchRow> {
  const now = new Date();
  const panelist = testIdentity({ displayName: "Bench Panelist", region: "western-european-and-others-states", nationality: "IE" });
  const chair = testIdentity({ displayName: "Bench Chair" });
  const secretariat = testIdentity({ displayName: "Bench Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const { received: sample } = await receivedSampleCase({ panelist, chair, secretariat }, now);
  const received = { ...sample, case: widenCase(sample.case, CLAIMS, EVIDENCE) };
  const answers = answersFor(scoringContextOf(received));
  const cells = answers.ach.reduce((n, r) => n + Object.keys(r.cells).length, 0);
  if (cells !== CLAIMS * EVIDENCE) throw new Error(`expected ${CLAIMS * EVIDENCE} ACH cells, built ${cells}`);
  const times: number[] = [];
  let bytes: Uint8Array | undefined;
  for (let i = 0; i < SIGN_RUNS + 3; i++) {
    const started = performance.now();
    const r = await submitScoresheet({ received, identities: [panelist], history: [], round: 1, answers, reasons: [], now });
    const ms = performance.now() - started;
    if (!r.ok) throw new Error(`the bench scoresheet was refused: ${JSON.stringify(r.error)}`);
    bytes = scoresheetBytes(r.value.sheet);
    if (i >= 3) times.push(ms);
  }
  // The reference: the same canonical bytes signed by ssh-keygen and encrypted by age to the same two keys.
  const doc = path.join(workDir, "scoresheet.json");
  const key = path.join(workDir, "panelist_ed25519");
  writeFileSync(doc, bytes as Uint8Array);
  writeFileSync(key, openSshPrivateKey(panelist.signing), { mode: 0o600 });
  const reference: number[] = [];
  for (let i = 0; i < 10; i++) {
    const signed = await measure("ssh-keygen", ["-Y", "sign", "-q", "-f", key, "-n", "scoresheet@attribution-panel", doc]);
    const sealed = await measure("age", ["-e", "-r", encodeRecipient(chair.encryption.publicKey), "-r", encodeRecipient(secretariat.encryption.publicKey), "-o", `${doc}.age`, doc]);
    reference.push((signed.seconds + sealed.seconds) * 1000);
  }
  const ours = median(times);
  return {
    name: `scoresheet: check, sign and encrypt (${CLAIMS} claims × ${EVIDENCE} items, ${(bytes?.length ?? 0) >> 10} KiB; median of ${SIGN_RUNS})`,
    ours: { value: ours, unit: "ms" },
    reference: { tool: "ssh-keygen -Y sign + age -e (processes)", value: median(reference), unit: "ms" },
    goal: `< 100 ms: ${ours < 100 ? "yes" : "NO"} (slowest ${Math.max(...times).toFixed(1)} ms)`,
  };
}

async function fill(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

async function screen(workDir: string): Promise<BenchRow[]> {
  const chair = testIdentity({ displayName: "Bench Chair" });
  const secretariat = testIdentity({ displayName: "Bench Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const proxy = await startRecordingProxy();
  const app = await startStaticServer();
  const browser = await launchChromium(proxy, { lang: "en-US" });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.origin}/#/vault`);
    await fill(page, "New passphrase", PASS);
    await fill(page, "Repeat the passphrase", PASS);
    await page.getByRole("button", { name: "Create vault" }).click();
    await page.getByTestId("vault-state").filter({ hasText: "Vault unlocked" }).waitFor({ timeout: 120_000 });
    await fill(page, "Display name", "Bench Panelist");
    await page.getByLabel("UN regional group").selectOption("western-european-and-others-states");
    await page.getByLabel("Nationality").fill("IE");
    await page.getByRole("listbox", { name: "Countries" }).getByRole("option", { name: /\(IE\)$/ }).click();
    await fill(page, "Affiliation", "Bench Institute");
    await page.getByRole("button", { name: "Create identity" }).click();
    await page.getByTestId("identity").waitFor({ timeout: 60_000 });
    const cardPath = path.join(workDir, "panelist.card.json");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export identity card" }).click()]);
    await download.saveAs(cardPath);
    if (!importIdentityCard(readFileSync(cardPath)).ok) throw new Error("the exported card does not read");

    const packetPath = path.join(workDir, "bench.packet.age");
    writeFileSync(packetPath, await packetForCard(cardPath, { chair, secretariat }, new Date(), (c) => widenCase(c, CLAIMS, EVIDENCE)));
    await page.getByRole("link", { name: "Panelist", exact: true }).click();
    await page.getByLabel("Import a case packet (.packet.age)").setInputFiles(packetPath);
    const question = page.getByTestId("confirm-signer");
    await question.waitFor({ timeout: 120_000 });
    const groups = sshFingerprint(secretariat.signing.publicKey).slice(7).match(/.{1,4}/g) ?? [];
    await question.getByLabel("Type the secretariat's fingerprint as it is read to you").pressSequentially(groups.join(" "));
    await question.getByRole("button", { name: "The fingerprint matches: import" }).click();
    const scoreButton = page.getByRole("button", { name: "Score this case" });
    await scoreButton.waitFor({ timeout: 120_000 });
    const readerUrl = page.url();

    // Opening: from the click to the scoresheet on screen, each time from the case reader.
    const opens: number[] = [];
    for (let i = 0; i < OPEN_RUNS + 1; i++) {
      if (i > 0) {
        await page.goto(readerUrl);
        await scoreButton.waitFor({ timeout: 60_000 });
      }
      const before = await page.evaluate((mark) => performance.getEntriesByName(mark).length, SCORING_READY_MARK);
      const started = await page.evaluate(() => {
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Score this case");
        const t = performance.now();
        button?.click();
        return t;
      });
      await page.waitForFunction(([mark, n]) => performance.getEntriesByName(mark as string).length > (n as number), [SCORING_READY_MARK, before] as const, { timeout: 60_000, polling: 20 });
      const ready = await page.evaluate((mark) => performance.getEntriesByName(mark).at(-1)?.startTime ?? Number.NaN, SCORING_READY_MARK);
      // The first open loads the scoring code into both threads: reported apart.
      opens.push(ready - started);
    }
    const [firstOpen, ...laterOpens] = opens;

    // Keystrokes: from each key event (its own timestamp, so waiting to be handled counts) to the end of the
    // next frame the page renders (a requestAnimationFrame callback, then a message posted from it, which runs
    // once that frame's style, layout and paint are done). Headless Chromium's Event Timing durations wait on a
    // presentation signal it gives late (traces show frames drawn 15–25 ms after the key, entries saying 1.4 s),
    // so they are not used.
    await page.evaluate(() => {
      const w = window as unknown as { __keys: { part: string; key: string; ms: number }[]; __part: string };
      w.__keys = [];
      w.__part = "rationale";
      const record = (start: number, key: string) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__keys.push({ part: w.__part, key, ms: performance.now() - start });
          channel.port2.postMessage(0);
        });
      window.addEventListener("keydown", (e) => record(e.timeStamp, e.key), true);
    });
    const part = async (name: string) => page.evaluate((n) => ((window as unknown as { __part: string }).__part = n), name);
    // BENCH_PROFILE=<file>: a CPU profile of the renderer while typing; BENCH_TRACE=<file>: a Chromium trace of
    // the same (frames, style, layout, paint, GC), for finding what is slow.
    const profileTo = process.env["BENCH_PROFILE"];
    const traceTo = process.env["BENCH_TRACE"];
    const allocTo = process.env["BENCH_ALLOC"];
    const cdp = profileTo || allocTo ? await context.newCDPSession(page) : undefined;
    if (cdp && allocTo) {
      await cdp.send("HeapProfiler.enable");
      await cdp.send("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    if (cdp && profileTo) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    if (traceTo) await browser.startTracing(page, { path: traceTo, categories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline.frame", "blink.user_timing", "v8.gc"] });
    // At a fast typist's pace (about 12 keys a second): faster than the app can answer, keys would only queue up behind each other.
    // Elements are found by CSS while typing: the accessible-name locators (getByRole, getByLabel) cost the page 30–40 ms
    // of main-thread time each, over a screen this large, which would be the driver's time counted as the app's.
    const [loadBefore = 0] = loadavg();
    const rationale = page.locator('textarea[id$="-rationale"]').first();
    await rationale.click();
    await page.waitForTimeout(KEY_GAP_MS);
    const sentence = "The infrastructure overlaps the intrusion set seen in 2023; the tooling shares code with earlier samples. ";
    for (let i = 0; i < sentence.length; i += SAVE_EVERY) {
      await page.keyboard.type(sentence.slice(i, i + SAVE_EVERY), { delay: KEY_GAP_MS });
      await page.waitForTimeout(SAVE_PAUSE_MS);
    }
    if ((await rationale.inputValue()) !== sentence) throw new Error("the rationale did not take every key");

    // The matrix: a term per cell (each key fills a cell and moves on), then arrows and Delete.
    await part("ach");
    await page.locator("#score-tab-ach").click();
    const cells = await page.locator('[role="gridcell"]').count();
    if (cells !== CLAIMS * EVIDENCE) throw new Error(`the matrix shows ${cells} cells, not ${CLAIMS * EVIDENCE}`);
    await page.locator('[role="gridcell"]').first().click();
    await page.waitForTimeout(KEY_GAP_MS);
    for (let i = 0; i < ACH_TERMS; i++) {
      await page.keyboard.press(["c", "n", "i", "a"][i % 4] as string);
      await page.waitForTimeout(i % SAVE_EVERY === SAVE_EVERY - 1 ? SAVE_PAUSE_MS : KEY_GAP_MS);
    }
    for (let i = 0; i < ACH_MOVES; i++) {
      await page.keyboard.press(["ArrowUp", "ArrowRight", "Delete", "ArrowRight"][i % 4] as string);
      await page.waitForTimeout(KEY_GAP_MS);
    }
    const filled = await page.locator(".ach-cell:not(.ach-empty)").count();
    if (filled !== ACH_TERMS - ACH_MOVES / 4) throw new Error(`the matrix has ${filled} cells filled, not ${ACH_TERMS - ACH_MOVES / 4}`);

    // Estimates: a best estimate for every claim (the sum appears with the last), then one corrected.
    await part("estimate");
    await page.locator("#score-tab-claims").click();
    const best = page.locator('input[id$="-best"]');
    for (let i = 0; i < CLAIMS; i++) {
      await best.nth(i).click();
      await page.waitForTimeout(KEY_GAP_MS);
      await page.keyboard.type("5", { delay: KEY_GAP_MS });
    }
    await best.nth(3).click();
    await page.waitForTimeout(KEY_GAP_MS);
    await page.keyboard.press("Backspace");
    await page.waitForTimeout(KEY_GAP_MS);
    await page.keyboard.type("12.5", { delay: KEY_GAP_MS });
    await page.getByTestId("sum-bar").filter({ hasText: "107.5" }).waitFor({ timeout: 5_000 });
    await page.getByTestId("autosave-status").filter({ hasText: "Draft saved" }).waitFor({ timeout: 10_000 });
    const [loadAfter = 0] = loadavg();
    if (traceTo) await browser.stopTracing();
    const recorded = await page.evaluate(() => (window as unknown as { __keys: { part: string; key: string; ms: number }[] }).__keys);
    if (cdp && profileTo) writeFileSync(profileTo, JSON.stringify((await cdp.send("Profiler.stop")).profile));
    if (cdp && allocTo) writeFileSync(allocTo, JSON.stringify((await cdp.send("HeapProfiler.stopSampling")).profile));
    // BENCH_DEBUG=1: every key of 40 ms or more, in order.
    if (process.env["BENCH_DEBUG"]) {
      const slow = recorded.map((k, i) => ({ ...k, i })).filter((k) => k.ms >= 40);
      process.stdout.write(`${slow.map((k) => `${k.part} #${k.i} ${JSON.stringify(k.key)} ${k.ms.toFixed(0)} ms`).join("\n")}\n`);
    }
    const keys = recorded.map((k) => k.ms);
    const typed = keys.length;
    const slowest = keys.length === 0 ? 0 : Math.max(...keys);
    const byPart = [...new Set(recorded.map((k) => k.part))]
      .map((p) => {
        const own = recorded.filter((k) => k.part === p).map((k) => k.ms);
        return `${p} (${own.length}) ${Math.max(...own).toFixed(0)} / ${percentile(own, 95).toFixed(0)} ms`;
      })
      .join(", ");
    await context.close();
    if (proxy.hits.length > 0) throw new Error(`a page sent requests off the machine: ${proxy.hits.join(", ")}`);
    return [
      {
        name: `scoring screen: open to usable (${CLAIMS} claims, ${CLAIMS * EVIDENCE} ACH cells; median of ${OPEN_RUNS})`,
        ours: { value: median(laterOpens), unit: "ms" },
        goal: `< 300 ms: ${median(laterOpens) < 300 ? "yes" : "NO"} (each ${laterOpens.map((t) => t.toFixed(0)).join(", ")} ms; first open, loading the scoring code: ${(firstOpen ?? 0).toFixed(0)} ms)`,
      },
      {
        name: `scoring screen: slowest keystroke to its frame (${typed} keys: rationale, ACH cells and moves, estimates)`,
        ours: { value: slowest, unit: "ms" },
        goal: `< 50 ms: ${slowest < 50 ? "yes" : "NO"} (${keys.filter((k) => k >= 50).length} of ${typed} ≥ 50 ms; 95th percentile ${percentile(keys, 95).toFixed(0)} ms; median ${median(keys).toFixed(0)} ms; by part, slowest / 95th: ${byPart}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cpus().length} cores)`,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    await proxy.close();
  }
}

export async function benchScoring(workDir: string): Promise<BenchRow[]> {
  const loaded = await loadCrypto();
  if (!loaded.ok) throw new Error("libsodium did not load");
  return [await signing(workDir), ...(await screen(workDir))];
}

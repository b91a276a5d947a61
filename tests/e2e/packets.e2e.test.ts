/**
 * Case packets between two profiles in Chromium, against the production
 * build: a secretariat builds the sample case and a valid panel (the
 * composition checks update as seats change), imports a STIX bundle into a
 * second case and exports a packet; a panelist imports it (confirming the
 * secretariat's fingerprint the first time), reads the evidence with its
 * grading, markings, hashes and custody, previews a text and an image, and
 * has a replay refused. No request leaves the page's origin.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { buildSampleCase } from "../../shared/case/sample/sample-case";
import { importIdentityCard } from "../../shared/identity/identity-card";
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { axeSerious, createIdentityInPage, createVaultInPage, openSession, saveDownload, type Session } from "../support/e2e-page";
import { startStaticServer, type StaticServer } from "../support/static-server";
import { tempDir } from "../support/tools";

const PASS = "wicker lantern orbit seventy fjord";
const BIG_BYTES = 128 * 1000 * 1000;
const SAMPLE_BUNDLE = path.resolve(import.meta.dirname, "../../shared/case/sample/sample-bundle.json");

let proxy: RecordingProxy;
let browser: Browser;
let server: StaticServer;
let temp: ReturnType<typeof tempDir>;
let secretariat: Session;
let panelist: Session;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  proxy = await startRecordingProxy();
  browser = await launchChromium(proxy);
  server = await startStaticServer();
  temp = tempDir("packets-e2e");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await proxy?.close();
  temp?.remove();
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("case packets from a secretariat to a panelist", () => {
  let cardFile: string;
  let packetFile: string;
  let secretariatFingerprint: string;

  it("the panelist creates a vault and an identity, and exports the card", async () => {
    panelist = await openSession(browser, `${server.origin}/#/vault`);
    const { page } = panelist;
    await createVaultInPage(page, PASS);
    await createIdentityInPage(page, { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" });
    cardFile = await saveDownload(page, () => page.getByRole("button", { name: "Export identity card" }).click(), temp.file("ines.card.json"));
    expect(importIdentityCard(readFileSync(cardFile)).ok).toBe(true);
  });

  it("the secretariat enrols experts, builds the sample case and a valid panel, and exports the packet", async () => {
    secretariat = await openSession(browser, `${server.origin}/#/vault`);
    const { page } = secretariat;
    await createVaultInPage(page, PASS);
    await createIdentityInPage(page, { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" });
    const own = importIdentityCard(readFileSync(await saveDownload(page, () => page.getByRole("button", { name: "Export identity card" }).click(), temp.file("sec.card.json"))));
    secretariatFingerprint = own.ok ? own.value.fingerprint : "";

    await page.getByRole("link", { name: "Secretariat" }).click();
    await page.getByRole("navigation", { name: "Secretariat sections" }).getByRole("link", { name: "Expert registry" }).click();
    await page.getByRole("button", { name: /Add the sample experts/ }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 30_000 }).toBe(7);
    await page.getByLabel(/Enrol an expert from an identity card/).setInputFiles(cardFile);
    const card = importIdentityCard(readFileSync(cardFile));
    const fingerprint = card.ok ? card.value.fingerprint : "";
    await page.getByLabel(/Type the fingerprint/).fill("SHA256:not-the-one");
    await page.getByRole("button", { name: "Enrol", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/fingerprint you confirmed is not the card's/);
    await page.getByLabel(/Type the fingerprint/).fill(fingerprint.slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
    await page.getByLabel(/Declared interests/).fill("None.");
    await page.getByRole("button", { name: "Enrol", exact: true }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count()).toBe(8);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("navigation", { name: "Secretariat sections" }).getByRole("link", { name: "Cases" }).click();
    await page.getByRole("button", { name: "Load the sample case" }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("tab", { name: "Evidence" }).click();
    expect(await page.getByTestId("evidence-editor").count()).toBeGreaterThanOrEqual(10);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("tab", { name: "Panel" }).click();
    await page.getByLabel("Seat of Dr. Adaeze Okonkwo").selectOption("chair");
    for (const name of ["Prof. Haruto Sakamoto", "Dr. Katarzyna Nowak", "Dra. Luísa Fernandes", "Dr. Bogdan Veres"]) await page.getByLabel(`Seat of ${name}`).selectOption("member");
    // Live: Veres is a national of the accused state.
    await expect.poll(() => page.getByTestId("composition-violations").textContent()).toMatch(/Dr\. Bogdan Veres has a conflict of interest/);
    await page.getByLabel("Seat of Dr. Bogdan Veres").selectOption("");
    await page.getByLabel("Seat of Ines Okafor").selectOption("member");
    await expect.poll(() => page.getByTestId("composition-ok").count()).toBe(1);
    expect(await page.getByTestId("composition-summary").textContent()).toMatch(/^5 seats: 1 AG, 1 APG, 1 EEG, 1 GRULAC, 1 WEOG\.$/);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: "Save the panel" }).click();
    await expect.poll(() => page.getByText("Saved.").count()).toBeGreaterThan(0);

    await page.getByRole("tab", { name: "Send packets" }).click();
    await expect.poll(() => page.getByTestId("packet-seat").count()).toBe(5);
    expect(await axeSerious(page)).toEqual([]);
    packetFile = await saveDownload(page, () => page.getByRole("button", { name: "Export the packet for Ines Okafor" }).click(), temp.file("ines.packet.age"));
    await expect.poll(() => page.getByTestId("packet-status").allInnerTexts()).toContainEqual(expect.stringMatching(/Saved as .*Ines-Okafor.*number 1/));
    expect(readFileSync(packetFile).subarray(0, 22).toString()).toBe("age-encryption.org/v1\n");
  });

  it("the secretariat imports a STIX bundle into a new case; an invalid one changes nothing", async () => {
    const { page } = secretariat;
    await page.getByRole("link", { name: "← All cases" }).click();
    await page.getByLabel("Title of a new case").fill("STIX intake");
    await page.getByRole("button", { name: "Create the case" }).click();
    await expect.poll(() => page.getByRole("heading", { name: /STIX intake/ }).count()).toBe(1);
    await page.getByRole("tab", { name: "Evidence" }).click();
    await page.getByLabel(/Import evidence and claims from a STIX/).setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"type":"bundle","id":"bundle--6ba7b810-9dad-11d1-80b4-00c04fd430c8","objects":[{"type":"campaign"}]}') });
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/\$\.objects\[0\]/);
    expect(await page.getByTestId("evidence-editor").count()).toBe(0);
    await page.getByLabel(/Import evidence and claims from a STIX/).setInputFiles(SAMPLE_BUNDLE);
    await expect.poll(() => page.getByRole("status").allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/Imported 4 claim\(s\) and 13 evidence item\(s\) from STIX/));
    expect(await page.getByTestId("evidence-editor").count()).toBe(13);
  });

  it("the panelist confirms the secretariat's fingerprint, imports the packet and reads the evidence", async () => {
    const { page } = panelist;
    await page.getByRole("link", { name: "Panelist" }).click();
    await page.getByLabel(/Import a case packet/).setInputFiles(packetFile);
    const question = page.getByTestId("confirm-signer");
    await expect.poll(() => question.count(), { timeout: 60_000 }).toBe(1);
    expect(await question.textContent()).toContain(secretariatFingerprint);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: /The fingerprint matches/ }).click();
    await expect.poll(() => page.getByTestId("evidence-item").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
    expect(await axeSerious(page)).toEqual([]);

    // The hashes shown are those of the sample's bytes, as Node computes them.
    const sample = buildSampleCase(new Date(), () => "x".repeat(22));
    const shown = await page.getByTestId("evidence-sha256").allInnerTexts();
    for (const a of sample.attachments) expect(shown.map((s) => s.trim())).toContain(sha256(a.bytes));
    expect(await page.getByTestId("custody-event").count()).toBeGreaterThan(10);
    expect(await page.getByTestId("custody-flag").count()).toBe(0);
    const text = await page.locator("body").innerText();
    expect(text).toMatch(/TLP:AMBER\+STRICT/);
    expect(text).toMatch(/Usually reliable/);

    await page.getByRole("button", { name: "Preview eastwater-vpn-hmi-2025-09-02.log.txt" }).click();
    await expect.poll(() => page.getByTestId("preview-text").textContent()).toMatch(/Eastwater pumping station/);
    await page.getByRole("button", { name: "Preview ps-04-hmi-screenshot.png" }).click();
    const image = page.getByTestId("preview-image");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await image.getAttribute("src")).toMatch(/^blob:/);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("a replayed packet is refused with a sentence, nothing changes", async () => {
    const { page } = panelist;
    const before = await page.getByTestId("received-case").count();
    await page.getByLabel(/Import a case packet/).setInputFiles(packetFile);
    await expect.poll(() => page.getByRole("alert").first().textContent(), { timeout: 60_000 }).toMatch(/replay or an outdated copy/);
    expect(await page.getByTestId("received-case").count()).toBe(before);
  });

  it("an import cut short by closing the app leaves the vault as it was; the next unlock cleans up", async () => {
    // A second packet, with a large attachment, so the import takes a while.
    const big = temp.file("network-capture.pcap");
    writeFileSync(big, randomBytes(BIG_BYTES));
    const s = secretariat.page;
    await s.goto(`${server.origin}/#/secretariat/cases`);
    await s.getByRole("link", { name: "Operation Silent Reservoir" }).click();
    await s.getByRole("tab", { name: "Evidence" }).click();
    await s.getByLabel("Attach a file").first().setInputFiles(big);
    await expect.poll(() => s.getByRole("status").allInnerTexts(), { timeout: 120_000 }).toContainEqual(expect.stringMatching(/network-capture\.pcap attached/));
    await s.getByRole("tab", { name: "Send packets" }).click();
    const second = await saveDownload(s, () => s.getByRole("button", { name: "Export the packet for Ines Okafor" }).click(), temp.file("ines-2.packet.age"));

    let page = panelist.page;
    await page.goto(`${server.origin}/#/vault/files`);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(4);
    await page.goto(`${server.origin}/#/panelist`);
    await page.getByLabel(/Import a case packet/).setInputFiles(second);
    await expect
      .poll(async () => Number(/\((\d+)%\)/.exec((await page.getByTestId("progress-text").textContent().catch(() => "")) ?? "")?.[1] ?? 0), { timeout: 60_000, interval: 50 })
      .toBeGreaterThanOrEqual(15);
    // The window closes mid-import: the worker dies with the page.
    await page.close();
    page = await panelist.context.newPage();
    page.on("pageerror", (e) => panelist.problems.push(`pageerror: ${e.message}`));
    panelist.page = page;
    await page.goto(`${server.origin}/#/vault/files`);
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByText(/interrupted import\(s\) were cleaned up/).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(4);
    await page.goto(`${server.origin}/#/panelist`);
    await expect.poll(() => page.getByTestId("received-case").count()).toBe(1);
    expect(await page.getByTestId("received-case").locator("td").last().textContent()).toBe("1");

    // The whole packet then imports (its number is higher than the last one that landed).
    await page.getByLabel(/Import a case packet/).setInputFiles(second);
    await expect.poll(() => page.getByTestId("import-status").textContent(), { timeout: 120_000 }).toMatch(/packet number 2/);
    await page.goto(`${server.origin}/#/vault/files`);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(5);
  });

  it("no request left the origin, and no page error", () => {
    for (const s of [secretariat, panelist]) {
      expect(s.problems).toEqual([]);
      for (const url of s.requests) expect(new URL(url).origin).toBe(server.origin);
    }
    expect(proxy.hits).toEqual([]);
  });
});

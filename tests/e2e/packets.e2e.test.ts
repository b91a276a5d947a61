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
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { buildSampleCase } from "../../shared/case/sample/sample-case";
import { importIdentityCard } from "../../shared/identity/identity-card";
import { axeSerious, createIdentityInPage, createVaultInPage, openSession, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";

const PASS = "wicker lantern orbit seventy fjord";
const BIG_BYTES = 128 * 1000 * 1000;
const SAMPLE_BUNDLE = path.resolve(import.meta.dirname, "../../shared/case/sample/sample-bundle.json");

const world = e2eWorld("packets-e2e");
let secretariat: Session;
let panelist: Session;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("case packets from a secretariat to a panelist", () => {
  let cardFile: string;
  let packetFile: string;
  let secretariatFingerprint: string;

  it("the panelist creates a vault and an identity, and exports the card", async () => {
    panelist = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = panelist;
    await createVaultInPage(page, PASS);
    await createIdentityInPage(page, { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" });
    cardFile = await saveDownload(page, () => page.getByRole("button", { name: "Export identity card" }).click(), world.temp.file("ines.card.json"));
    expect(importIdentityCard(readFileSync(cardFile)).ok).toBe(true);
  });

  it("the secretariat enrols experts, builds the sample case and a valid panel, and exports the packet", async () => {
    secretariat = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = secretariat;
    await createVaultInPage(page, PASS);
    await createIdentityInPage(page, { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" });
    const own = importIdentityCard(readFileSync(await saveDownload(page, () => page.getByRole("button", { name: "Export identity card" }).click(), world.temp.file("sec.card.json"))));
    secretariatFingerprint = own.ok ? own.value.fingerprint : "";

    await page.getByRole("link", { name: "Secretariat" }).click();
    await page.getByRole("navigation", { name: "Secretariat sections" }).getByRole("link", { name: "Expert registry" }).click();
    await page.getByRole("button", { name: /Add the sample experts/ }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 30_000 }).toBe(7);
    await page.getByLabel(/Enrol an expert from an identity card/).setInputFiles(cardFile);
    const card = importIdentityCard(readFileSync(cardFile));
    const fingerprint = card.ok ? card.value.fingerprint : "";
    // The card's fingerprint stays hidden, and Enrol disabled, until the typed one matches.
    const enrolForm = page.getByTestId("enrol-form");
    await page.getByLabel(/Type the fingerprint/).fill("SHA256:not-the-one");
    await expect.poll(() => enrolForm.getByTestId("fingerprint-progress").textContent()).toBe("0 of 11 groups match. Group 1 differs: ask for it again.");
    expect(await page.getByRole("button", { name: "Enrol", exact: true }).isDisabled()).toBe(true);
    expect(await enrolForm.textContent()).not.toContain(fingerprint.slice(7, 11));
    await page.getByLabel(/Type the fingerprint/).fill(fingerprint.slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
    await expect.poll(() => enrolForm.getByTestId("fingerprint-progress").textContent()).toBe("All 11 groups match.");
    expect(await enrolForm.locator("figure.fingerprint").textContent()).toContain(fingerprint);
    // The states the affiliation is tied to, chosen by name; the registry shows names with codes.
    await page.getByLabel(/States the expert's affiliations are tied to/).fill("Irel");
    await page.getByRole("listbox", { name: "Countries" }).getByRole("option", { name: "Ireland (IE)" }).click();
    await page.getByLabel(/Declared interests/).fill("None.");
    await page.getByRole("button", { name: "Enrol", exact: true }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count()).toBe(8);
    expect(await page.getByTestId("registry-entry").filter({ hasText: "Ines Okafor" }).textContent()).toMatch(/Ireland \(IE\)[\s\S]*Tied to Ireland \(IE\)/);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("navigation", { name: "Secretariat sections" }).getByRole("link", { name: "Cases" }).click();
    await page.getByRole("button", { name: "Load the sample case" }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("tab", { name: "Evidence" }).click();
    // An index of the items, one open at a time.
    expect(await page.getByTestId("evidence-index-item").count()).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId("evidence-editor").count()).toBe(1);
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
    packetFile = await saveDownload(page, () => page.getByRole("button", { name: "Export the packet for Ines Okafor" }).click(), world.temp.file("ines.packet.age"));
    // The outbox: number, date, file name and the SHA-256 of exactly the file downloaded.
    const seat = page.getByTestId("packet-seat").filter({ hasText: "Ines Okafor" });
    await expect.poll(() => seat.getByTestId("packet-status").innerText()).toMatch(/Sent packet 1 on .* as Operation-Silent-Reservoir--Ines-Okafor--1\.packet\.age/);
    expect((await seat.getByTestId("packet-sha256").innerText()).trim()).toBe(sha256(readFileSync(packetFile)));
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
    expect(await page.getByTestId("evidence-index-item").count()).toBe(0);
    await page.getByLabel(/Import evidence and claims from a STIX/).setInputFiles(SAMPLE_BUNDLE);
    await expect.poll(() => page.getByRole("status").allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/Imported 4 claim\(s\) and 13 evidence item\(s\) from STIX/));
    expect(await page.getByTestId("evidence-index-item").count()).toBe(13);
  });

  it("the panelist confirms the secretariat's fingerprint, imports the packet and reads the evidence", async () => {
    const { page } = panelist;
    await page.getByRole("link", { name: "Panelist" }).click();
    await page.getByLabel(/Import a case packet/).setInputFiles(packetFile);
    const question = page.getByTestId("confirm-signer");
    await expect.poll(() => question.count(), { timeout: 60_000 }).toBe(1);
    // The fingerprint is not shown, and import stays disabled, until the one typed (as the secretariat reads it) matches.
    const typeBox = question.getByLabel(/Type the secretariat's fingerprint/);
    const confirm = question.getByRole("button", { name: /The fingerprint matches/ });
    expect(await question.textContent()).not.toContain(secretariatFingerprint.slice(7, 11));
    expect(await question.getByTestId("fingerprint-hidden").count()).toBe(1);
    expect(await confirm.isDisabled()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    const groups = secretariatFingerprint.slice(7).match(/.{1,4}/g) ?? [];
    await typeBox.fill(`${groups.slice(0, 3).join(" ")} zzzz`);
    await expect.poll(() => question.getByTestId("fingerprint-progress").textContent()).toBe(`3 of ${groups.length} groups match. Group 4 differs: ask for it again.`);
    expect(await confirm.isDisabled()).toBe(true);
    // Pasting is refused: the text must be typed from what is heard.
    await typeBox.fill("");
    await typeBox.focus();
    await typeBox.evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, secretariatFingerprint);
    await expect.poll(() => question.getByTestId("paste-refused").count()).toBe(1);
    expect(await typeBox.inputValue()).toBe("");
    expect(await confirm.isDisabled()).toBe(true);
    await typeBox.pressSequentially(groups.join(" "));
    await expect.poll(() => question.getByTestId("fingerprint-progress").textContent()).toBe(`All ${groups.length} groups match.`);
    expect(await question.locator("figure.fingerprint").textContent()).toContain(secretariatFingerprint);
    expect(await axeSerious(page)).toEqual([]);
    await confirm.click();
    // The evidence is an index, one item open at a time (the first, to begin with).
    const rows = page.getByTestId("evidence-index-item");
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId("evidence-item").count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    const text = await page.locator("body").innerText();
    expect(text).toMatch(/TLP:AMBER\+STRICT/);
    expect(text).toMatch(/Usually reliable/);
    // States are shown by name and code (the sample's fictional states by their user-assigned codes, said as such).
    await expect.poll(() => page.getByTestId("roster-seat").filter({ hasText: "Ines Okafor" }).innerText()).toMatch(/Ireland \(IE\)/);
    expect(await page.getByTestId("roster-seat").filter({ hasText: "Okonkwo" }).innerText()).toMatch(/Nigeria \(NG\)/);
    expect(await page.getByTestId("parties-accused").innerText()).toBe("XB (user-assigned code)");
    expect(await page.getByTestId("claim").first().innerText()).toMatch(/\(attributed to XB \(user-assigned code\)\)/);

    // The hashes shown are those of the sample's bytes, as Node computes them: each item opened in turn.
    const sample = buildSampleCase(new Date(), () => "x".repeat(22));
    const shown: string[] = [];
    let custody = 0;
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      await rows.nth(i).click();
      await expect.poll(() => rows.nth(i).getAttribute("aria-current")).toBe("true");
      shown.push(...(await page.getByTestId("evidence-sha256").allInnerTexts()));
      custody += await page.getByTestId("custody-event").count();
      expect(await page.getByTestId("custody-flag").count()).toBe(0);
    }
    for (const a of sample.attachments) expect(shown.map((s) => s.trim())).toContain(sha256(a.bytes));
    expect(custody).toBeGreaterThan(10);

    await rows.filter({ hasText: /VPN gateway/ }).click();
    await page.getByRole("button", { name: "Preview eastwater-vpn-hmi-2025-09-02.log.txt" }).click();
    await expect.poll(() => page.getByTestId("preview-text").textContent()).toMatch(/Eastwater pumping station/);
    await rows.filter({ hasText: /PS-04/ }).click();
    await page.getByRole("button", { name: "Preview ps-04-hmi-screenshot.png" }).click();
    const image = page.getByTestId("preview-image");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await image.getAttribute("src")).toMatch(/^blob:/);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("the same packet again is 'already imported'; a random file is 'not a case packet'; nothing changes", async () => {
    const { page } = panelist;
    const before = await page.getByTestId("received-case").count();
    await page.getByLabel(/Import a case packet/).setInputFiles(packetFile);
    await expect.poll(() => page.getByTestId("import-problem").textContent(), { timeout: 60_000 }).toMatch(/^You already imported this packet \(number 1, on .*\)\. Nothing changed\.$/);
    await page.getByLabel(/Import a case packet/).setInputFiles({ name: "holiday.packet.age", mimeType: "application/octet-stream", buffer: randomBytes(20_000) });
    await expect.poll(() => page.getByTestId("import-problem").textContent(), { timeout: 60_000 }).toMatch(/^This file is not a case packet: it is not an encrypted \(age\) file at all\./);
    expect(await page.getByTestId("import-problem").textContent()).not.toMatch(/newer version/);
    expect(await page.getByTestId("received-case").count()).toBe(before);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("an import cut short by closing the app leaves the vault as it was; the next unlock cleans up", async () => {
    // A second packet, with a large attachment, so the import takes a while.
    const big = world.temp.file("network-capture.pcap");
    writeFileSync(big, randomBytes(BIG_BYTES));
    const s = secretariat.page;
    await s.goto(`${world.server.origin}/#/secretariat/cases`);
    await s.getByRole("link", { name: "Operation Silent Reservoir" }).click();
    await s.getByRole("tab", { name: "Evidence" }).click();
    await s.getByLabel("Attach a file").first().setInputFiles(big);
    await expect.poll(() => s.getByRole("status").allInnerTexts(), { timeout: 120_000 }).toContainEqual(expect.stringMatching(/network-capture\.pcap attached/));
    await s.getByRole("tab", { name: "Send packets" }).click();
    const second = await saveDownload(s, () => s.getByRole("button", { name: "Export the packet for Ines Okafor" }).click(), world.temp.file("ines-2.packet.age"));
    // The outbox survives a reload (a new session: the vault is unlocked again): packet 2 first, packet 1 folded away, each with its file's SHA-256.
    await s.reload();
    await s.getByLabel("Passphrase").fill(PASS);
    await s.getByRole("button", { name: "Unlock" }).click();
    await s.getByRole("tab", { name: "Send packets" }).click({ timeout: 60_000 });
    const ines = s.getByTestId("packet-seat").filter({ hasText: "Ines Okafor" });
    await expect.poll(() => ines.getByTestId("packet-status").innerText()).toMatch(/^Sent packet 2 on .* as Operation-Silent-Reservoir--Ines-Okafor--2\.packet\.age/);
    await ines.getByText("1 earlier packet").click();
    expect((await ines.getByTestId("packet-sha256").allInnerTexts()).map((x) => x.trim())).toEqual([sha256(readFileSync(second)), sha256(readFileSync(packetFile))]);
    expect(await axeSerious(s)).toEqual([]);

    let page = panelist.page;
    await page.goto(`${world.server.origin}/#/vault/files`);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(4);
    await page.goto(`${world.server.origin}/#/panelist`);
    await page.getByLabel(/Import a case packet/).setInputFiles(second);
    await expect
      .poll(async () => Number(/\((\d+)%\)/.exec((await page.getByTestId("progress-text").textContent().catch(() => "")) ?? "")?.[1] ?? 0), { timeout: 60_000, interval: 50 })
      .toBeGreaterThanOrEqual(15);
    // The window closes mid-import: the worker dies with the page.
    await page.close();
    page = await panelist.context.newPage();
    page.on("pageerror", (e) => panelist.problems.push(`pageerror: ${e.message}`));
    panelist.page = page;
    await page.goto(`${world.server.origin}/#/vault/files`);
    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByText(/interrupted import\(s\) were cleaned up/).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(4);
    await page.goto(`${world.server.origin}/#/panelist`);
    await expect.poll(() => page.getByTestId("received-case").count()).toBe(1);
    expect(await page.getByTestId("received-case").locator("td").last().textContent()).toBe("1");

    // The whole packet then imports (its number is higher than the last one that landed).
    await page.getByLabel(/Import a case packet/).setInputFiles(second);
    await expect.poll(() => page.getByTestId("import-status").textContent(), { timeout: 120_000 }).toMatch(/packet number 2\).*It replaces packet 1: 2 changes, listed under “What changed in packet 2”/);
    // What changed: the attachment added (and the custody event that came with it).
    const changes = await page.getByTestId("case-change").allInnerTexts();
    expect(changes).toContainEqual(expect.stringMatching(/^Attachment added to “.+”: network-capture\.pcap \(.+, SHA-256 [0-9a-f]{12}…\)\.$/));
    expect(changes).toContainEqual(expect.stringMatching(/^Evidence changed \(chain of custody\)/));
    expect(await page.getByRole("heading", { name: "What changed in packet 2" }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${world.server.origin}/#/vault/files`);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(5);
  });

  it("no request left the origin, and no page error", () => {
    for (const s of [secretariat, panelist]) {
      expect(s.problems).toEqual([]);
      for (const url of s.requests) expect(new URL(url).origin).toBe(world.server.origin);
    }
    expect(world.proxy.hits).toEqual([]);
  });
});

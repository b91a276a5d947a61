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
import { testIdentity } from "../../shared/identity/identity.testing";
import { parseIdentity } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { repackPacket } from "../../shared/case/packet.testing";
import { formatList, formatNumber } from "../../renderer/i18n/format";
import { axeSerious, createIdentityInPage, createVaultInPage, expectDirection, openSession, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { country, literal, T, TF, TX } from "../support/locale";

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
const tab = (name: string) => ({ name: T(name, "tab of the case editor") });
const anchored = (pattern: RegExp, end = false) => new RegExp(`^(?:${pattern.source})${end ? "$" : ""}`);
const oneOf = (...patterns: RegExp[]) => new RegExp(patterns.map((p) => `(?:${p.source})`).join("|"));
const groupsMatch = (matching: number, total: number, firstWrong: number) =>
  TF("{total, plural, one {{matching} of # group matches. Group {firstWrong} differs: ask for it again.} other {{matching} of # groups match. Group {firstWrong} differs: ask for it again.}}", { total, matching, firstWrong });
const allGroupsMatch = (total: number) => TF("{total, plural, one {The # group matches.} other {All # groups match.}}", { total });
const seatOf = (name: string) => TF("Seat of {name}", { name });
const conflictOf = (name: string) => TX("{name} has a conflict of interest ({reasons}); record a waiver with a reason, or choose someone else.", { name, reasons: /.+?/ });
const stixImported = (claims: number, evidence: number) =>
  TF("Imported {claims, plural, one {# claim} other {# claims}} and {evidence, plural, one {# evidence item} other {# evidence items}} from STIX.", { claims, evidence });
/** The outbox line of a packet sent (with or without its size). */
const sentPacket = (number: number, fileName: string) =>
  anchored(
    oneOf(
      TX("Sent packet {number} on <0/> as <1>{fileName}</1> ({size})", { number, fileName, size: /.+/ }),
      TX("Sent packet {number} on <0/> as <1>{fileName}</1>", { number, fileName }),
    ),
  );
const userAssigned = (code: string) => TF("{code} (user-assigned code)", { code });

describe("case packets from a secretariat to a panelist", () => {
  let cardFile: string;
  let packetFile: string;
  let secretariatFingerprint: string;
  /** The panelist's age key pair as exported from the app (to forge packets in Node, as another secretariat). */
  let panelistAge: { secretKey: Uint8Array; recipient: Uint8Array };

  it("the panelist creates a vault and an identity, and exports the card", async () => {
    panelist = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = panelist;
    await createVaultInPage(page, PASS);
    await expectDirection(page);
    await createIdentityInPage(page, { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" });
    cardFile = await saveDownload(page, () => page.getByRole("button", { name: T("Export identity card") }).click(), world.temp.file("ines.card.json"));
    const card = importIdentityCard(readFileSync(cardFile));
    expect(card.ok).toBe(true);
    await page.getByRole("button", { name: T("Export secret key for the age tool…") }).click();
    await page.getByLabel(T("I understand; this is an emergency.")).check();
    const keyFile = await saveDownload(page, () => page.getByRole("button", { name: T("Export secret key"), exact: true }).click(), world.temp.file("ines.age.key"));
    const secretLine = readFileSync(keyFile, "utf8").split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-")) ?? "";
    const secretKey = parseIdentity(secretLine);
    if (!secretKey.ok || !card.ok) throw new Error("the exported age key or the card does not parse");
    panelistAge = { secretKey: secretKey.value, recipient: card.value.agePublicKey };
  });

  it("the secretariat enrols experts, builds the sample case and a valid panel, and exports the packet", async () => {
    secretariat = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = secretariat;
    await createVaultInPage(page, PASS);
    await createIdentityInPage(page, { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" });
    const own = importIdentityCard(readFileSync(await saveDownload(page, () => page.getByRole("button", { name: T("Export identity card") }).click(), world.temp.file("sec.card.json"))));
    secretariatFingerprint = own.ok ? own.value.fingerprint : "";

    await page.getByRole("link", { name: T("Secretariat"), exact: true }).click();
    const sections = page.getByRole("navigation", { name: T("Secretariat sections") });
    await sections.getByRole("link", { name: T("Expert registry") }).click();
    await page.getByRole("button", { name: T("Add the sample experts (for a demonstration)") }).click();
    await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 30_000 }).toBe(7);
    await page.getByLabel(T("Enrol an expert from an identity card (.card.json)")).setInputFiles(cardFile);
    const card = importIdentityCard(readFileSync(cardFile));
    const fingerprint = card.ok ? card.value.fingerprint : "";
    // The card's fingerprint stays hidden, and Enrol disabled, until the typed one matches.
    const enrolForm = page.getByTestId("enrol-form");
    const typeBox = page.getByLabel(T("Type the fingerprint as the expert reads it to you"));
    const enrol = page.getByRole("button", { name: T("Enrol", "verb, button: enrol the expert"), exact: true });
    await typeBox.fill("SHA256:not-the-one");
    await expect.poll(() => enrolForm.getByTestId("fingerprint-progress").textContent()).toBe(groupsMatch(0, 11, 1));
    expect(await enrol.isDisabled()).toBe(true);
    expect(await enrolForm.textContent()).not.toContain(fingerprint.slice(7, 11));
    await typeBox.fill(fingerprint.slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
    await expect.poll(() => enrolForm.getByTestId("fingerprint-progress").textContent()).toBe(allGroupsMatch(11));
    expect(await enrolForm.locator("figure.fingerprint").textContent()).toContain(fingerprint);
    // The states the affiliation is tied to, chosen by name; the registry shows names with codes.
    await page.getByLabel(T("States the expert's affiliations are tied to (none if empty)")).fill("Irel");
    await page.getByRole("listbox", { name: T("Countries") }).getByRole("option", { name: country("IE") }).click();
    await page.getByLabel(T("Declared interests")).fill("None.");
    await enrol.click();
    await expect.poll(() => page.getByTestId("registry-entry").count()).toBe(8);
    const ireland = literal(country("IE")).source;
    // Country names are loaded beside the screen; wait for them.
    await expect.poll(() => page.getByTestId("registry-entry").filter({ hasText: "Ines Okafor" }).textContent()).toMatch(new RegExp(`${ireland}[\\s\\S]*${TX("Tied to {tiedTo}", { tiedTo: country("IE") }).source}`));
    expect(await axeSerious(page)).toEqual([]);

    await sections.getByRole("link", { name: T("Cases"), exact: true }).click();
    await page.getByRole("button", { name: T("Load the sample case") }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("tab", tab("Evidence")).click();
    // An index of the items, one open at a time.
    expect(await page.getByTestId("evidence-index-item").count()).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId("evidence-editor").count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);

    await page.getByRole("tab", tab("Panel")).click();
    await page.getByLabel(seatOf("Dr. Adaeze Okonkwo")).selectOption("chair");
    for (const name of ["Prof. Haruto Sakamoto", "Dr. Katarzyna Nowak", "Dra. Luísa Fernandes", "Dr. Bogdan Veres"]) await page.getByLabel(seatOf(name)).selectOption("member");
    // Live: Veres is a national of the accused state.
    await expect.poll(() => page.getByTestId("composition-violations").textContent()).toMatch(conflictOf("Dr. Bogdan Veres"));
    await page.getByLabel(seatOf("Dr. Bogdan Veres")).selectOption("");
    await page.getByLabel(seatOf("Ines Okafor")).selectOption("member");
    await expect.poll(() => page.getByTestId("composition-ok").count()).toBe(1);
    const regions = (
      [
        ["AG", "abbreviation of the UN African States group"],
        ["APG", "abbreviation of the UN Asia-Pacific States group"],
        ["EEG", "abbreviation of the UN Eastern European States group"],
        ["GRULAC", "abbreviation of the UN Latin American and Caribbean States group"],
        ["WEOG", "abbreviation of the UN Western European and other States group"],
      ] as const
    ).map(([abbreviation, context]) => TF("{count} {abbreviation}", { count: formatNumber(1), abbreviation: T(abbreviation, context) }));
    expect(await page.getByTestId("composition-summary").textContent()).toBe(TF("{seats, plural, one {# seat: {regions}.} other {# seats: {regions}.}}", { seats: 5, regions: formatList(regions, "unit") }));
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: T("Save the panel") }).click();
    await expect.poll(() => page.getByText(T("Saved.")).count()).toBeGreaterThan(0);

    await page.getByRole("tab", tab("Send packets")).click();
    await expect.poll(() => page.getByTestId("packet-seat").count()).toBe(5);
    expect(await axeSerious(page)).toEqual([]);
    const exportFor = (p: typeof page) => p.getByRole("button", { name: TF("Export the packet for {name}", { name: "Ines Okafor" }) });
    packetFile = await saveDownload(page, () => exportFor(page).click(), world.temp.file("ines.packet.age"));
    // The outbox: number, date, file name and the SHA-256 of exactly the file downloaded.
    const seat = page.getByTestId("packet-seat").filter({ hasText: "Ines Okafor" });
    await expect.poll(() => seat.getByTestId("packet-status").innerText()).toMatch(sentPacket(1, "Operation-Silent-Reservoir--Ines-Okafor--1.packet.age"));
    expect((await seat.getByTestId("packet-sha256").innerText()).trim()).toBe(sha256(readFileSync(packetFile)));
    expect(readFileSync(packetFile).subarray(0, 22).toString()).toBe("age-encryption.org/v1\n");
  });

  it("the secretariat imports a STIX bundle into a new case; an invalid one changes nothing", async () => {
    const { page } = secretariat;
    await page.getByRole("link", { name: T("All cases"), exact: true }).click();
    await page.getByLabel(T("Title of a new case")).fill("STIX intake");
    await page.getByRole("button", { name: T("Create the case") }).click();
    await expect.poll(() => page.getByRole("heading", { name: /STIX intake/ }).count()).toBe(1);
    await page.getByRole("tab", tab("Evidence")).click();
    const stixFile = page.getByLabel(T("Import evidence and claims from a STIX 2.1 bundle"));
    await stixFile.setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"type":"bundle","id":"bundle--6ba7b810-9dad-11d1-80b4-00c04fd430c8","objects":[{"type":"campaign"}]}') });
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(
        TX("{total, plural, one {The STIX bundle is not valid, so nothing was imported (# error): {list}.} other {The STIX bundle is not valid, so nothing was imported (# errors): {list}.}}", {
          total: 1,
          list: /.*\$\.objects\[0\].*/,
        }),
      );
    expect(await page.getByTestId("evidence-index-item").count()).toBe(0);
    await stixFile.setInputFiles(SAMPLE_BUNDLE);
    await expect.poll(() => page.getByRole("status").allInnerTexts(), { timeout: 30_000 }).toContainEqual(expect.stringContaining(stixImported(4, 13)));
    expect(await page.getByTestId("evidence-index-item").count()).toBe(13);
  });

  it("the panelist confirms the secretariat's fingerprint, imports the packet and reads the evidence", async () => {
    const { page } = panelist;
    await page.getByRole("link", { name: T("Panelist"), exact: true }).click();
    await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(packetFile);
    const question = page.getByTestId("confirm-signer");
    await expect.poll(() => question.count(), { timeout: 60_000 }).toBe(1);
    // The fingerprint is not shown, and import stays disabled, until the one typed (as the secretariat reads it) matches.
    const typeBox = question.getByLabel(T("Type the secretariat's fingerprint as it is read to you"));
    const confirm = question.getByRole("button", { name: T("The fingerprint matches: import") });
    expect(await question.textContent()).not.toContain(secretariatFingerprint.slice(7, 11));
    expect(await question.getByTestId("fingerprint-hidden").count()).toBe(1);
    expect(await confirm.isDisabled()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    const groups = secretariatFingerprint.slice(7).match(/.{1,4}/g) ?? [];
    await typeBox.fill(`${groups.slice(0, 3).join(" ")} zzzz`);
    await expect.poll(() => question.getByTestId("fingerprint-progress").textContent()).toBe(groupsMatch(3, groups.length, 4));
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
    await expect.poll(() => question.getByTestId("fingerprint-progress").textContent()).toBe(allGroupsMatch(groups.length));
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
    expect(text).toContain(T("Usually reliable", "Admiralty source reliability B"));
    // States are shown by name and code (the sample's fictional states by their user-assigned codes, said as such).
    await expect.poll(() => page.getByTestId("roster-seat").filter({ hasText: "Ines Okafor" }).innerText()).toContain(country("IE"));
    // Country names are loaded beside the screen; wait for them.
    await expect.poll(() => page.getByTestId("roster-seat").filter({ hasText: "Okonkwo" }).innerText()).toContain(country("NG"));
    expect(await page.getByTestId("parties-accused").innerText()).toBe(userAssigned("XB"));
    expect(await page.getByTestId("claim").first().innerText()).toContain(TF("(attributed to {country})", { country: userAssigned("XB") }));

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
    await page.getByRole("button", { name: TF("Preview {name}", { name: "eastwater-vpn-hmi-2025-09-02.log.txt" }) }).click();
    await expect.poll(() => page.getByTestId("preview-text").textContent()).toMatch(/Eastwater pumping station/);
    await rows.filter({ hasText: /PS-04/ }).click();
    await page.getByRole("button", { name: TF("Preview {name}", { name: "ps-04-hmi-screenshot.png" }) }).click();
    const image = page.getByTestId("preview-image");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await image.getAttribute("src")).toMatch(/^blob:/);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("the same packet again is 'already imported'; a random file is 'not a case packet'; nothing changes", async () => {
    const { page } = panelist;
    const before = await page.getByTestId("received-case").count();
    const importPacket = page.getByLabel(T("Import a case packet (.packet.age)"));
    await importPacket.setInputFiles(packetFile);
    await expect
      .poll(() => page.getByTestId("import-problem").textContent(), { timeout: 60_000 })
      .toMatch(anchored(TX("You already imported this packet (number {sequence}, on {importedAt}). Nothing changed.", { sequence: 1, importedAt: /.+/ }), true));
    await importPacket.setInputFiles({ name: "holiday.packet.age", mimeType: "application/octet-stream", buffer: randomBytes(20_000) });
    // That sentence alone (nothing about a newer version of age).
    await expect
      .poll(() => page.getByTestId("import-problem").textContent(), { timeout: 60_000 })
      .toBe(T("This file is not a case packet: it is not an encrypted (age) file at all. Check that you picked the .packet.age file the secretariat gave you. Nothing was imported."));
    expect(await page.getByTestId("received-case").count()).toBe(before);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("a packet for that case signed by another secretariat is refused, naming both keys; the case stays as it was", async () => {
    const { page } = panelist;
    const other = testIdentity({ displayName: "Other Secretariat", region: "eastern-european-states", nationality: "PL" });
    const forged = await repackPacket(readFileSync(packetFile), panelistAge.secretKey, {
      signer: other.signing,
      recipients: [panelistAge.recipient],
      createdAt: new Date(),
      sequence: 50,
      editCase: (c) => ({ ...c, title: "Replaced by another secretariat" }),
    });
    const forgedFile = world.temp.file("forged.packet.age");
    writeFileSync(forgedFile, forged);
    const before = await page.getByTestId("received-case").allInnerTexts();
    await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(forgedFile);
    await expect
      .poll(() => page.getByTestId("import-problem").textContent(), { timeout: 60_000 })
      .toBe(
        TF(
          "This packet is for a case you first received from another secretariat (key {owner}); it is signed by {sender}. A case stays with the secretariat that first sent it, so nothing was imported. If the case has really changed hands, ask the first secretariat.",
          { owner: secretariatFingerprint, sender: sshFingerprint(other.signing.publicKey) },
        ),
      );
    // No question about the new key first: there is nothing it could be allowed to do with this case.
    expect(await page.getByTestId("confirm-signer").count()).toBe(0);
    expect(await page.getByTestId("received-case").allInnerTexts()).toEqual(before);
    expect(before.join(" ")).not.toContain("Replaced by another secretariat");
    expect(await axeSerious(page)).toEqual([]);
  });

  it("an import cut short by closing the app leaves the vault as it was; the next unlock cleans up", async () => {
    // A second packet, with a large attachment, so the import takes a while.
    const big = world.temp.file("network-capture.pcap");
    writeFileSync(big, randomBytes(BIG_BYTES));
    const s = secretariat.page;
    await s.goto(`${world.server.origin}/#/secretariat/cases`);
    await s.getByRole("link", { name: "Operation Silent Reservoir" }).click();
    await s.getByRole("tab", tab("Evidence")).click();
    await s.getByLabel(T("Attach a file")).first().setInputFiles(big);
    await expect
      .poll(() => s.getByRole("status").allInnerTexts(), { timeout: 120_000 })
      .toContainEqual(expect.stringContaining(TF("{name} attached; its SHA-256 is recorded in the chain of custody.", { name: "network-capture.pcap" })));
    await s.getByRole("tab", tab("Send packets")).click();
    const second = await saveDownload(s, () => s.getByRole("button", { name: TF("Export the packet for {name}", { name: "Ines Okafor" }) }).click(), world.temp.file("ines-2.packet.age"));
    // The outbox survives a reload (a new session: the vault is unlocked again): packet 2 first, packet 1 folded away, each with its file's SHA-256.
    await s.reload();
    await s.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await s.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await s.getByRole("tab", tab("Send packets")).click({ timeout: 60_000 });
    const ines = s.getByTestId("packet-seat").filter({ hasText: "Ines Okafor" });
    await expect.poll(() => ines.getByTestId("packet-status").innerText()).toMatch(sentPacket(2, "Operation-Silent-Reservoir--Ines-Okafor--2.packet.age"));
    await ines.getByText(TF("{0, plural, one {# earlier packet} other {# earlier packets}}", { 0: 1 })).click();
    expect((await ines.getByTestId("packet-sha256").allInnerTexts()).map((x) => x.trim())).toEqual([sha256(readFileSync(second)), sha256(readFileSync(packetFile))]);
    expect(await axeSerious(s)).toEqual([]);

    let page = panelist.page;
    await page.goto(`${world.server.origin}/#/vault/files`);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(4);
    await page.goto(`${world.server.origin}/#/panelist`);
    await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(second);
    await expect
      // How far, from the progress bar itself (the text writes the percentage as the language does).
      // Read from the DOM without waiting for the bar, which appears only once the import has started.
      .poll(() => page.evaluate(() => (document.querySelector<HTMLProgressElement>('[data-testid="progress"] progress')?.value ?? 0) * 100), { timeout: 60_000, interval: 50 })
      .toBeGreaterThanOrEqual(15);
    // The window closes mid-import: the worker dies with the page.
    await page.close();
    page = await panelist.context.newPage();
    page.on("pageerror", (e) => panelist.problems.push(`pageerror: ${e.message}`));
    panelist.page = page;
    await page.goto(`${world.server.origin}/#/vault/files`);
    await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    const cleanedUp = oneOf(...[1, 2, 3].map((swept) => TX("{swept, plural, one {# interrupted import was cleaned up.} other {# interrupted imports were cleaned up.}}", { swept })));
    await expect.poll(() => page.getByText(cleanedUp).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(4);
    await page.goto(`${world.server.origin}/#/panelist`);
    await expect.poll(() => page.getByTestId("received-case").count()).toBe(1);
    expect(await page.getByTestId("received-case").locator("td").last().textContent()).toBe("1");

    // The whole packet then imports (its number is higher than the last one that landed).
    await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(second);
    await expect
      .poll(() => page.getByTestId("import-status").textContent(), { timeout: 120_000 })
      .toMatch(
        new RegExp(
          `${TX("Imported “{title}” (packet number {sequence}). Its signature and the SHA-256 of every file were checked.", { title: "Operation Silent Reservoir", sequence: 2 }).source}\\s*${
            TX("{changes, plural, one {It replaces packet {previous}: # change, listed under “What changed in packet {sequence}”.} other {It replaces packet {previous}: # changes, listed under “What changed in packet {sequence}”.}}", {
              changes: 2,
              previous: 1,
              sequence: 2,
            }).source
          }`,
        ),
      );
    // What changed: the attachment added (and the custody event that came with it).
    const changes = await page.getByTestId("case-change").allInnerTexts();
    expect(changes).toContainEqual(
      expect.stringMatching(
        anchored(
          TX("Attachment added to “{evidenceTitle}”: <0>{name}</0> ({size}, SHA-256 <1>{hash}</1>).", { evidenceTitle: /.+/, name: "network-capture.pcap", size: /.+/, hash: /[0-9a-f]{12}…/ }),
          true,
        ),
      ),
    );
    expect(changes).toContainEqual(
      expect.stringMatching(anchored(TX("Evidence changed ({fields}): “{title}”.", { fields: T("chain of custody", "a part of an evidence item that changed, in a list"), title: /.+/ }))),
    );
    expect(await page.getByRole("heading", { name: TF("What changed in packet {sequence}", { sequence: 2 }) }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${world.server.origin}/#/vault/files`);
    await expect.poll(() => page.getByTestId("attachment").count()).toBe(5);
  });

  it("with several identities, the signer chosen on the Send packets tab is remembered by the vault", async () => {
    const { page } = secretariat;
    await page.getByRole("navigation", { name: T("Roles") }).getByRole("link", { name: T("My vault") }).click();
    await page.getByRole("navigation", { name: T("Vault sections") }).getByRole("link", { name: T("Identity", "vault section") }).click();
    await page.getByLabel(T("Display name")).fill("Second Desk");
    await page.getByLabel(T("UN regional group")).selectOption("western-european-and-others-states");
    await page.getByLabel(T("Nationality")).fill("CH");
    await page.getByRole("listbox", { name: T("Countries") }).getByRole("option", { name: /\(CH\)$/ }).click();
    await page.getByLabel(T("Affiliation")).fill("Panel Secretariat");
    await page.getByRole("button", { name: T("Create identity") }).click();
    await expect.poll(() => page.getByTestId("identity").count(), { timeout: 60_000 }).toBe(2);

    await page.getByRole("navigation", { name: T("Roles") }).getByRole("link", { name: T("Secretariat"), exact: true }).click();
    await page.getByRole("navigation", { name: T("Secretariat sections") }).getByRole("link", { name: T("Cases"), exact: true }).click();
    await page.getByRole("link", { name: /Operation Silent Reservoir/ }).first().click();
    await page.getByRole("tab", tab("Send packets")).click();
    const signer = page.getByLabel(T("Sign the packets with"));
    const exportFor = page.getByRole("button", { name: TF("Export the packet for {name}", { name: "Ines Okafor" }) });
    // The first time, no identity is preselected, and nothing can be exported.
    await expect.poll(() => signer.count()).toBe(1);
    expect(await signer.inputValue()).toBe("");
    expect(await exportFor.isDisabled()).toBe(true);
    await signer.selectOption(secretariatFingerprint);
    await expect.poll(() => page.getByTestId("packet-signer-remembered").count()).toBe(1);
    expect(await exportFor.isDisabled()).toBe(false);
    expect(await axeSerious(page)).toEqual([]);

    // Reopened (the vault locked, unlocked again): the same identity is chosen.
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect.poll(() => page.getByRole("heading", { name: T("Unlock your vault") }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect.poll(() => page.getByTestId("packet-seat").count(), { timeout: 60_000 }).toBe(5);
    await expect.poll(() => signer.inputValue()).toBe(secretariatFingerprint);
    expect(await page.getByTestId("packet-signer").innerText()).toContain(secretariatFingerprint);
    expect(await page.getByTestId("packet-signer-remembered").count()).toBe(1);
    expect(await exportFor.isDisabled()).toBe(false);
  });

  it("no request left the origin, and no page error", () => {
    for (const s of [secretariat, panelist]) {
      expect(s.problems).toEqual([]);
      for (const url of s.requests) expect(new URL(url).origin).toBe(world.server.origin);
    }
    expect(world.proxy.hits).toEqual([]);
  });
});

/**
 * The vault in real Chromium, against the production build: real IndexedDB,
 * real files, libsodium in the crypto worker. One person's whole session:
 * create → add data → lock → wrong passphrase → unlock → data intact; a
 * 200 MB evidence file (40 MB in the other languages' run) imported with progress and read back with the same
 * SHA-256; a row tampered with directly in IndexedDB is reported; the idle
 * lock fires; a backup restores into an empty profile with the same content
 * digest; and no request leaves the page's origin at any point.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { exportIdentityCard, importIdentityCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import { formatBytes } from "../../renderer/i18n/format";
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { startStaticServer, type StaticServer } from "../support/static-server";
import { axeSerious, createIdentityInPage, expectDirection, openSession as openPage, saveDownload as saveTo, type Session } from "../support/e2e-page";
import { ANY, CHROMIUM_LANG, LOCALE, T, TF, TX, useLocale } from "../support/locale";
import { tempDir } from "../support/tools";

const PASS = "wicker lantern orbit seventy fjord";
/**
 * 200 MB in the English run, which proves the streams at size; the runs in
 * other languages check the same screens' words and direction with 40 MB
 * (still long enough for the progress to change several times), which saves
 * CI about two minutes of encrypting the same bytes again.
 */
const FILE_MB = LOCALE === "en" ? 200 : 40;
const FILE_BYTES = FILE_MB * 1000 * 1000;

let proxy: RecordingProxy;
let browser: Browser;
let server: StaticServer;
let temp: ReturnType<typeof tempDir>;
let dir: string;
let bigFile: string;
let bigSha: string;

async function writeBigFile(file: string, bytes: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  const block = randomBytes(1 << 20);
  for (let written = 0; written < bytes; ) {
    const n = Math.min(block.length, bytes - written);
    // Vary each block so no two rows of the file are alike.
    block.writeUInt32BE(written, 0);
    const chunk = block.subarray(0, n);
    hash.update(chunk);
    if (!out.write(Buffer.from(chunk))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    written += n;
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return hash.digest("hex");
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const openSession = () => openPage(browser, `${server.origin}/#/vault`);
const saveDownload = (page: Page, click: () => Promise<void>, name: string) => saveTo(page, click, path.join(dir, name));

/** Acts as someone with the disk: flips bits of byte `offset` of the first stored row of `table`, directly in IndexedDB. */
async function flipStoredByte(page: Page, table: string, offset: number, mask: number): Promise<void> {
  await page.evaluate(
    async ({ table, offset, mask }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open("attribution-panel-vault");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction("rows", "readwrite");
        const cursor = tx.objectStore("rows").openCursor(IDBKeyRange.bound([table, ""], [table, "\uffff"]));
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          const row = c.value as { ciphertext: Uint8Array };
          row.ciphertext[offset] = (row.ciphertext[offset] as number) ^ mask;
          c.update(row);
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { table, offset, mask },
  );
}

const section = (page: Page, name: string) => page.getByRole("navigation", { name: T("Vault sections") }).getByRole("link", { name: T(name, name === "Backup" ? "vault section, noun" : "vault section") }).click();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A contact's name followed by its trust state, as the contact row shows them. */
const nameAndState = (name: string, state: string) => new RegExp(`${escape(name)}\\s*${escape(T(state, "contact trust state"))}`);
const oneOf = (...patterns: RegExp[]) => new RegExp(patterns.map((p) => `(?:${p.source})`).join("|"));

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  await useLocale();
  proxy = await startRecordingProxy();
  browser = await launchChromium(proxy, { lang: CHROMIUM_LANG });
  server = await startStaticServer();
  temp = tempDir("vault-e2e");
  dir = temp.dir;
  bigFile = path.join(dir, "disk-image.dd");
  bigSha = await writeBigFile(bigFile, FILE_BYTES);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await proxy?.close();
  temp?.remove();
});

describe("the vault in Chromium", () => {
  let session: Session;

  it("creates a vault with strength feedback, refusing a weak passphrase", async () => {
    const proxyBefore = proxy.hits.length;
    session = await openSession();
    const { page } = session;
    await expect.poll(() => page.getByRole("heading", { name: T("Create your vault") }).count()).toBe(1);
    await expectDirection(page);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel(T("New passphrase")).fill("password123");
    await expect.poll(() => page.getByTestId("strength").textContent()).toMatch(TX("<0>{strength}</0> — not accepted.", { strength: /.+/ }));
    await page.getByLabel(T("Repeat the passphrase")).fill("password123");
    await page.getByRole("button", { name: T("Create vault") }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(TX("That passphrase is too short: {reason}", { reason: /.+/ }));

    await page.getByLabel(T("New passphrase")).fill(PASS);
    await expect.poll(() => page.getByTestId("strength").textContent()).toMatch(TX("<0>{strength}</0> — accepted.", { strength: T("Strong", "passphrase strength") }));
    await page.getByLabel(T("Repeat the passphrase")).fill(PASS);
    await page.getByRole("button", { name: T("Create vault") }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
    expect(proxy.hits.slice(proxyBefore)).toEqual([]);
  });

  it(`adds an identity, then imports a ${FILE_MB} MB file with progress and reads it back with the same SHA-256`, async () => {
    const { page } = session;
    await createIdentityInPage(page, { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    expect(await axeSerious(page)).toEqual([]);

    await section(page, "Evidence files");
    await page.getByLabel(T("Import a file")).setInputFiles(bigFile);
    // Progress appears, with amounts and, once under way, an estimate.
    const seen = new Set<string>();
    const progressOfBigFile = TX("{doneText} of {totalText} ({percent})", { doneText: /.+/, totalText: formatBytes(FILE_BYTES), percent: /.+/ });
    await expect
      .poll(
        async () => {
          const text = await page.getByTestId("progress-text").textContent().catch(() => null);
          if (text) seen.add(text);
          // Sizes in binary units, as the language writes them: 200,000,000 bytes are "190.7 MB".
          return [...seen].some((t) => progressOfBigFile.test(t));
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe(true);
    // Progress keeps being sampled until the import ends, so that it is seen to move (the poll above stops at the first match).
    await expect
      .poll(
        async () => {
          // allTextContents does not wait: none once the progress is gone.
          for (const text of await page.getByTestId("progress-text").allTextContents()) seen.add(text);
          return page.getByTestId("attachment").count();
        },
        { timeout: 600_000, interval: 100 },
      )
      .toBe(1);
    expect(await page.getByTestId("attachment-sha256").textContent()).toBe(bigSha);
    expect([...seen].length).toBeGreaterThan(1);

    await page.getByRole("button", { name: TF("Verify {name}", { name: "disk-image.dd" }) }).click();
    await expect.poll(() => page.getByTestId("attachment-verified").textContent(), { timeout: 600_000 }).toBe(T("Read back and verified: every chunk authentic, SHA-256 matches."));
    const copy = await saveDownload(page, () => page.getByRole("button", { name: TF("Save a copy of {name}", { name: "disk-image.dd" }) }).click(), "copy.dd");
    expect(await sha256File(copy)).toBe(bigSha);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("exports its own card, imports a colleague's, confirms the fingerprint and revokes, all logged", async () => {
    const { page } = session;
    await section(page, "Identity");
    const cardPath = await saveDownload(page, () => page.getByRole("button", { name: T("Export identity card") }).click(), "own.card.json");
    const own = importIdentityCard(readFileSync(cardPath));
    expect(own.ok && own.value.card.displayName).toBe("Ines Okafor");

    const colleague = testIdentity({ displayName: "Jonas Berg", region: "western-european-and-others-states", nationality: "NO" });
    const colleagueCard = path.join(dir, "jonas.card.json");
    writeFileSync(colleagueCard, exportIdentityCard(colleague));
    const fingerprint = sshFingerprint(colleague.signing.publicKey);
    await section(page, "Contacts");
    await page.getByLabel(T("Import an identity card (.card.json)")).setInputFiles(colleagueCard);
    const contact = page.getByTestId("contact");
    await expect.poll(() => contact.textContent()).toMatch(nameAndState("Jonas Berg", "Unverified"));
    expect(await axeSerious(page)).toEqual([]);
    // Until the typed fingerprint matches, the card's stays hidden and Confirm is disabled.
    const typeBox = page.getByLabel(T("Type the fingerprint as its owner reads it to you"));
    await typeBox.fill("SHA256:AAAA");
    await expect
      .poll(() => contact.getByTestId("fingerprint-progress").textContent())
      .toBe(
        TF("{total, plural, one {{matching} of # group matches. Group {firstWrong} differs: ask for it again.} other {{matching} of # groups match. Group {firstWrong} differs: ask for it again.}}", {
          total: 11,
          matching: 0,
          firstWrong: 1,
        }),
      );
    expect(await page.getByRole("button", { name: T("Confirm and trust") }).isDisabled()).toBe(true);
    expect(await contact.textContent()).not.toContain(fingerprint.slice(7, 11));
    // Read aloud in groups of four, typed back with spaces.
    await typeBox.fill(fingerprint.slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe(TF("{total, plural, one {The # group matches.} other {All # groups match.}}", { total: 11 }));
    await page.getByRole("button", { name: T("Confirm and trust") }).click();
    await expect.poll(() => contact.textContent()).toMatch(nameAndState("Jonas Berg", "Trusted"));
    await page.getByLabel(T("Reason for revoking")).fill("Laptop reported stolen");
    await page.getByRole("button", { name: T("Revoke", "verb, button: revoke a contact's card") }).click();
    await expect.poll(() => contact.textContent()).toContain(TF("Revoked: {reason}", { reason: "Laptop reported stolen" }));
    await section(page, "Audit log");
    const named = { who: "named", name: "Jonas Berg" };
    await expect
      .poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n"))
      .toMatch(
        new RegExp(
          [
            TF("{who, select, named {The card of {name} was revoked.} key {The card of the key {key} was revoked.} other {The card of a contact was revoked.}}", named),
            TF("{who, select, named {{name} was trusted after the fingerprint was compared.} key {The key {key} was trusted after the fingerprint was compared.} other {A contact was trusted after the fingerprint was compared.}}", named),
            TF("{who, select, named {The identity card of {name} was imported into your contacts.} key {The identity card of the key {key} was imported into your contacts.} other {The identity card of a contact was imported into your contacts.}}", named),
          ]
            .map(escape)
            .join("[\\s\\S]*"),
        ),
      );
  });

  it("locks, refuses a wrong passphrase, unlocks with everything intact", async () => {
    const { page } = session;
    await page.getByRole("button", { name: T("Lock") }).click();
    await expect.poll(() => page.getByRole("heading", { name: T("Unlock your vault") }).count()).toBe(1);
    // Nothing confidential remains on screen.
    const locked = await page.locator("body").innerText();
    expect(locked).not.toContain("Ines Okafor");
    expect(locked).not.toContain(bigSha);

    await page.getByLabel(T("Passphrase"), { exact: true }).fill("wicker lantern orbit seventy fjords");
    await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect
      .poll(() => page.getByTestId("unlock-error").textContent())
      .toMatch(
        oneOf(
          TX("The passphrase is wrong (or the vault header was altered); check the keyboard layout and Caps Lock, and try again."),
          TX("The passphrase is wrong (or the vault header was altered); after several failed attempts, wait {wait} before trying again.", { wait: ANY }),
          TX(
            "{0, plural, one {The passphrase is wrong (or the vault header was altered); after # failed attempt, wait {wait} before trying again.} other {The passphrase is wrong (or the vault header was altered); after # failed attempts, wait {wait} before trying again.}}",
            { 0: 1, wait: ANY },
          ),
        ),
      );
    expect(await page.getByTestId("vault-state").textContent()).toBe(T("Vault locked"));
    expect(await axeSerious(page)).toEqual([]);

    await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
    await section(page, "Identity");
    await expect.poll(() => page.getByTestId("identity").textContent()).toContain("Ines Okafor");
    await section(page, "Evidence files");
    await expect.poll(() => page.getByTestId("attachment-sha256").textContent()).toBe(bigSha);
    await section(page, "Audit log");
    await expect.poll(() => page.getByTestId("audit-entry").count()).toBeGreaterThan(1);
    const entries = await page.getByTestId("audit-entry").count();
    await expect.poll(() => page.getByTestId("audit-status").textContent()).toBe(TF("{entries, plural, one {Chain intact: # entry.} other {Chain intact: # entries, each linked to the one before.}}", { entries }));
    const events = await page.getByTestId("audit-entry").allInnerTexts();
    expect(events.join("\n")).toMatch(
      oneOf(
        TX("{attempts, plural, one {# failed unlock attempt before this unlock, the last at {last}.} other {# failed unlock attempts before this unlock, the last at {last}.}}", { attempts: 1, last: ANY }),
        TX("{attempts, plural, one {# failed unlock attempt before this unlock.} other {# failed unlock attempts before this unlock.}}", { attempts: 1 }),
      ),
    );
    expect(await axeSerious(page)).toEqual([]);
  });

  it("makes a backup that restores into an empty profile with the same content digest", async () => {
    const { page } = session;
    await section(page, "Backup");
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: T("Compute the content digest") }).click();
    await expect.poll(() => page.getByTestId("content-digest").textContent(), { timeout: 600_000 }).toMatch(/^[0-9a-f]{64}$/);
    const digest = await page.getByTestId("content-digest").textContent();
    await page.getByLabel(T("Your vault passphrase")).fill(PASS);
    const backup = await saveDownload(page, () => page.getByRole("button", { name: T("Make a backup") }).click(), "vault-backup.age");
    expect(readFileSync(backup).subarray(0, 40).toString()).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);

    const fresh = await openSession();
    try {
      const p = fresh.page;
      await expect.poll(() => p.getByRole("heading", { name: T("Or restore a backup") }).count()).toBe(1);
      await p.getByLabel(T("Backup file (.age)")).setInputFiles(backup);
      await p.getByLabel(T("The vault's passphrase")).fill(PASS);
      await p.getByRole("button", { name: T("Restore", "verb, button"), exact: true }).click();
      await expect.poll(() => p.getByTestId("vault-state").textContent(), { timeout: 600_000 }).toBe(T("Vault unlocked"));
      await section(p, "Backup");
      await p.getByRole("button", { name: T("Compute the content digest") }).click();
      await expect.poll(() => p.getByTestId("content-digest").textContent(), { timeout: 600_000 }).toBe(digest);
      expect(fresh.problems).toEqual([]);
      for (const url of fresh.requests) expect(new URL(url).origin).toBe(server.origin);
    } finally {
      await fresh.context.close();
    }
  });

  it("reports a row tampered with directly in IndexedDB, and logs it", async () => {
    const { page } = session;
    await flipStoredByte(page, "identities", 5, 0x01);
    await section(page, "Audit log");
    await section(page, "Identity");
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(TX('A stored record (table "{table}", id {id}) was modified, truncated or swapped outside the app and was refused; restore from a backup.', { table: "identities", id: /\S+/ }));
    await section(page, "Audit log");
    await expect.poll(() => page.locator('[data-testid="audit-entry"][data-event="tamper-detected"]').count()).toBeGreaterThanOrEqual(1);
  });

  it("refuses to hand over a copy of an evidence file whose stored chunk was altered", async () => {
    const { page } = session;
    await flipStoredByte(page, "attachment-chunks", 1000, 0x80);
    await section(page, "Evidence files");
    let downloaded = false;
    page.once("download", () => (downloaded = true));
    await page.getByRole("button", { name: TF("Save a copy of {name}", { name: "disk-image.dd" }) }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent(), { timeout: 120_000 })
      .toMatch(TX("The stored attachment {id} is damaged: {detail}. It was modified outside the app; restore it from a backup or the original medium.", {
          id: /\S+/,
          detail: TX("unit {unit} does not decrypt (modified, moved, or truncated)", { unit: /\d+/ }),
        }),
      );
    expect(downloaded).toBe(false);
    await section(page, "Audit log");
    await expect.poll(() => page.locator('[data-testid="audit-entry"][data-event="tamper-detected"]').count()).toBeGreaterThanOrEqual(2);
  });

  it("locks by itself after the configured idle time", async () => {
    const { page } = session;
    await section(page, "Settings");
    expect(await axeSerious(page)).toEqual([]);
    await page.clock.install();
    await page.getByLabel(TX("Lock the vault after this many minutes without keyboard or pointer activity ({min}–{max})", { min: /.+/, max: /.+/ })).fill("1");
    await page.getByRole("button", { name: T("Save", "verb, button"), exact: true }).click();
    await expect.poll(() => page.getByText(T("Saved."), { exact: true }).count()).toBe(1);
    await page.clock.fastForward("00:30");
    expect(await page.getByTestId("vault-state").textContent()).toBe(T("Vault unlocked"));
    await page.clock.fastForward("00:31");
    await expect.poll(() => page.getByTestId("vault-state").textContent()).toBe(T("Vault locked"));
    await expect.poll(() => page.getByText(TF("{minutes, plural, one {Locked after # minute without activity.} other {Locked after # minutes without activity.}}", { minutes: 1 }), { exact: true }).count()).toBe(1);
  });

  it("sent no request outside the page's origin, and logged no error", async () => {
    const { requests, problems, context } = session;
    for (const url of requests) expect(new URL(url).origin).toBe(server.origin);
    expect(proxy.hits).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

/**
 * The vault in real Chromium, against the production build: real IndexedDB,
 * real files, libsodium in the crypto worker. One person's whole session:
 * create → add data → lock → wrong passphrase → unlock → data intact; a
 * 200 MB evidence file imported with progress and read back with the same
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
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { startStaticServer, type StaticServer } from "../support/static-server";
import { axeSerious, createIdentityInPage, openSession as openPage, saveDownload as saveTo, type Session } from "../support/e2e-page";
import { tempDir } from "../support/tools";

const PASS = "wicker lantern orbit seventy fjord";
const FILE_BYTES = 200 * 1000 * 1000;

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

const section = (page: Page, name: string) => page.getByRole("navigation", { name: "Vault sections" }).getByRole("link", { name }).click();

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  proxy = await startRecordingProxy();
  browser = await launchChromium(proxy);
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
    await expect.poll(() => page.getByRole("heading", { name: "Create your vault" }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel("New passphrase").fill("password123");
    await expect.poll(() => page.getByTestId("strength").textContent()).toMatch(/not accepted/);
    await page.getByLabel("Repeat the passphrase").fill("password123");
    await page.getByRole("button", { name: "Create vault" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/too easy to guess/);

    await page.getByLabel("New passphrase").fill(PASS);
    await expect.poll(() => page.getByTestId("strength").textContent()).toMatch(/Strong — accepted/);
    await page.getByLabel("Repeat the passphrase").fill(PASS);
    await page.getByRole("button", { name: "Create vault" }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe("Vault unlocked");
    expect(proxy.hits.slice(proxyBefore)).toEqual([]);
  });

  it("adds an identity, then imports a 200 MB file with progress and reads it back with the same SHA-256", async () => {
    const { page } = session;
    await createIdentityInPage(page, { displayName: "Ines Okafor", region: "african-states", nationality: "NG", affiliation: "University of Lagos" });
    expect(await axeSerious(page)).toEqual([]);

    await section(page, "Evidence files");
    await page.getByLabel("Import a file").setInputFiles(bigFile);
    // Progress appears, with amounts and, once under way, an estimate.
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = await page.getByTestId("progress-text").textContent().catch(() => null);
          if (text) seen.add(text);
          return [...seen].some((t) => /MB of 200 MB \(\d+%\)/.test(t));
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe(true);
    await expect.poll(() => page.getByTestId("attachment").count(), { timeout: 600_000 }).toBe(1);
    expect(await page.getByTestId("attachment-sha256").textContent()).toBe(bigSha);
    expect([...seen].length).toBeGreaterThan(1);

    await page.getByRole("button", { name: "Verify disk-image.dd" }).click();
    await expect.poll(() => page.getByTestId("attachment-verified").textContent(), { timeout: 600_000 }).toMatch(/Read back and verified/);
    const copy = await saveDownload(page, () => page.getByRole("button", { name: "Save a copy of disk-image.dd" }).click(), "copy.dd");
    expect(await sha256File(copy)).toBe(bigSha);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("exports its own card, imports a colleague's, confirms the fingerprint and revokes, all logged", async () => {
    const { page } = session;
    await section(page, "Identity");
    const cardPath = await saveDownload(page, () => page.getByRole("button", { name: "Export identity card" }).click(), "own.card.json");
    const own = importIdentityCard(readFileSync(cardPath));
    expect(own.ok && own.value.card.displayName).toBe("Ines Okafor");

    const colleague = testIdentity({ displayName: "Jonas Berg", region: "western-european-and-others-states", nationality: "NO" });
    const colleagueCard = path.join(dir, "jonas.card.json");
    writeFileSync(colleagueCard, exportIdentityCard(colleague));
    const fingerprint = sshFingerprint(colleague.signing.publicKey);
    await section(page, "Contacts");
    await page.getByLabel(/Import an identity card/).setInputFiles(colleagueCard);
    const contact = page.getByTestId("contact");
    await expect.poll(() => contact.textContent()).toMatch(/Jonas Berg\s*Unverified/);
    expect(await axeSerious(page)).toEqual([]);
    // Until the typed fingerprint matches, the card's stays hidden and Confirm is disabled.
    await page.getByLabel(/Type the fingerprint/).fill("SHA256:AAAA");
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe("0 of 11 groups match. Group 1 differs: ask for it again.");
    expect(await page.getByRole("button", { name: "Confirm and trust" }).isDisabled()).toBe(true);
    expect(await contact.textContent()).not.toContain(fingerprint.slice(7, 11));
    // Read aloud in groups of four, typed back with spaces.
    await page.getByLabel(/Type the fingerprint/).fill(fingerprint.slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
    await expect.poll(() => contact.getByTestId("fingerprint-progress").textContent()).toBe("All 11 groups match.");
    await page.getByRole("button", { name: "Confirm and trust" }).click();
    await expect.poll(() => contact.textContent()).toMatch(/Jonas Berg\s*Trusted/);
    await page.getByLabel("Reason for revoking").fill("Laptop reported stolen");
    await page.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => contact.textContent()).toMatch(/Revoked: Laptop reported stolen/);
    await section(page, "Audit log");
    await expect.poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n")).toMatch(/The card of Jonas Berg was revoked\.[\s\S]*Jonas Berg was trusted[\s\S]*The identity card of Jonas Berg was imported/);
  });

  it("locks, refuses a wrong passphrase, unlocks with everything intact", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Lock" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Unlock your vault" }).count()).toBe(1);
    // Nothing confidential remains on screen.
    const locked = await page.locator("body").innerText();
    expect(locked).not.toContain("Ines Okafor");
    expect(locked).not.toContain(bigSha);

    await page.getByLabel("Passphrase").fill("wicker lantern orbit seventy fjords");
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByTestId("unlock-error").textContent()).toMatch(/passphrase is wrong/);
    expect(await page.getByTestId("vault-state").textContent()).toBe("Vault locked");
    expect(await axeSerious(page)).toEqual([]);

    await page.getByLabel("Passphrase").fill(PASS);
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe("Vault unlocked");
    await section(page, "Identity");
    await expect.poll(() => page.getByTestId("identity").textContent()).toContain("Ines Okafor");
    await section(page, "Evidence files");
    await expect.poll(() => page.getByTestId("attachment-sha256").textContent()).toBe(bigSha);
    await section(page, "Audit log");
    await expect.poll(() => page.getByTestId("audit-status").textContent()).toMatch(/^Chain intact: \d+ entries/);
    const events = await page.getByTestId("audit-entry").allInnerTexts();
    expect(events.join("\n")).toMatch(/1 failed unlock attempt before this unlock/);
    expect(await axeSerious(page)).toEqual([]);
  });

  it("makes a backup that restores into an empty profile with the same content digest", async () => {
    const { page } = session;
    await section(page, "Backup");
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole("button", { name: "Compute the content digest" }).click();
    await expect.poll(() => page.getByTestId("content-digest").textContent(), { timeout: 600_000 }).toMatch(/^[0-9a-f]{64}$/);
    const digest = await page.getByTestId("content-digest").textContent();
    await page.getByLabel("Your vault passphrase").fill(PASS);
    const backup = await saveDownload(page, () => page.getByRole("button", { name: "Make a backup" }).click(), "vault-backup.age");
    expect(readFileSync(backup).subarray(0, 40).toString()).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);

    const fresh = await openSession();
    try {
      const p = fresh.page;
      await expect.poll(() => p.getByRole("heading", { name: "Or restore a backup" }).count()).toBe(1);
      await p.getByLabel("Backup file (.age)").setInputFiles(backup);
      await p.getByLabel("The vault's passphrase").fill(PASS);
      await p.getByRole("button", { name: "Restore" }).click();
      await expect.poll(() => p.getByTestId("vault-state").textContent(), { timeout: 600_000 }).toBe("Vault unlocked");
      await section(p, "Backup");
      await p.getByRole("button", { name: "Compute the content digest" }).click();
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
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/modified, truncated or swapped outside the app/);
    await section(page, "Audit log");
    await expect.poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n")).toMatch(/Tampering detected/);
  });

  it("refuses to hand over a copy of an evidence file whose stored chunk was altered", async () => {
    const { page } = session;
    await flipStoredByte(page, "attachment-chunks", 1000, 0x80);
    await section(page, "Evidence files");
    let downloaded = false;
    page.once("download", () => (downloaded = true));
    await page.getByRole("button", { name: "Save a copy of disk-image.dd" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent(), { timeout: 120_000 }).toMatch(/is damaged: unit \d+ does not decrypt/);
    expect(downloaded).toBe(false);
    await section(page, "Audit log");
    await expect.poll(async () => (await page.getByTestId("audit-entry").allInnerTexts()).filter((t) => /Tampering detected/.test(t)).length).toBeGreaterThanOrEqual(2);
  });

  it("locks by itself after the configured idle time", async () => {
    const { page } = session;
    await section(page, "Settings");
    expect(await axeSerious(page)).toEqual([]);
    await page.clock.install();
    await page.getByLabel(/Lock the vault after this many minutes/).fill("1");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText("Saved.").count()).toBe(1);
    await page.clock.fastForward("00:30");
    expect(await page.getByTestId("vault-state").textContent()).toBe("Vault unlocked");
    await page.clock.fastForward("00:31");
    await expect.poll(() => page.getByTestId("vault-state").textContent()).toBe("Vault locked");
    await expect.poll(() => page.getByText("Locked after 1 minute without activity.").count()).toBe(1);
  });

  it("sent no request outside the page's origin, and logged no error", async () => {
    const { requests, problems, context } = session;
    for (const url of requests) expect(new URL(url).origin).toBe(server.origin);
    expect(proxy.hits).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

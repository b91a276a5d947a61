/**
 * Rollback of single rows in real Chromium against the production build,
 * with real IndexedDB (issue 12, points 1 and 2). Someone with the profile,
 * while the vault is locked, copies an older ciphertext of a row back into
 * its own slot: the contact trusted before it was revoked, or the audit
 * log's head from before an export, with the entries after it deleted. Each
 * row authenticates; the record index, which names every record's version
 * and the log's head, gives it away at unlock.
 *
 * AP_SCREENSHOT_DIR, when set, receives a PNG of each unlock report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { exportIdentityCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import { axeSerious, createIdentityInPage, createVaultInPage, expectDirection, openSession, saveDownload } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { T, TF, TX } from "../support/locale";

const PASS = "quarry lantern mosaic teal orchard";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("rollback-e2e");

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

/** A stored row as page.evaluate can hand it over (bytes as plain arrays). */
type RawRow = { table: string; id: string; nonce: number[]; ciphertext: number[] };

/** The rows of `table` as stored in the app's IndexedDB database, read beside the app. */
async function readRows(page: Page, table: string): Promise<RawRow[]> {
  return page.evaluate(async (table) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("attribution-panel-vault");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<{ table: string; id: string; nonce: Uint8Array; ciphertext: Uint8Array }[]>((resolve, reject) => {
      const request = db.transaction("rows").objectStore("rows").getAll(IDBKeyRange.bound([table, ""], [table, "\uffff"]));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows.map((r) => ({ table: r.table, id: r.id, nonce: [...r.nonce], ciphertext: [...r.ciphertext] }));
  }, table);
}

/** Writes `put` rows as given and deletes `remove` slots, in one IndexedDB transaction: what someone editing the profile does. */
async function editRows(page: Page, put: readonly RawRow[], remove: readonly { table: string; id: string }[] = []): Promise<void> {
  await page.evaluate(
    async ({ put, remove }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open("attribution-panel-vault");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction("rows", "readwrite");
        const store = tx.objectStore("rows");
        for (const r of put) store.put({ table: r.table, id: r.id, nonce: new Uint8Array(r.nonce), ciphertext: new Uint8Array(r.ciphertext) });
        for (const r of remove) store.delete([r.table, r.id]);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { put, remove },
  );
}

const section = (page: Page, name: string) => page.getByRole("navigation", { name: T("Vault sections") }).getByRole("link", { name: T(name, "vault section") }).click();

async function lock(page: Page): Promise<void> {
  await page.getByRole("button", { name: T("Lock") }).click();
  await expect.poll(() => page.getByRole("heading", { name: T("Unlock your vault") }).count()).toBe(1);
}

async function unlock(page: Page): Promise<void> {
  await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
  await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
  await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SHOTS) writeFileSync(path.join(SHOTS, name), await page.screenshot({ fullPage: true }));
}

const rolledBack = (table: string, id: string) =>
  TF("A stored record (table \"{table}\", id {id}) is not the version this app last wrote (an older copy was put back, or it was deleted, outside the app) and was refused; restore from a backup.", { table, id });

describe("a single row put back from an older copy while the vault is locked", () => {
  it("a revoked contact put back as trusted is reported at unlock and never shown as trusted", async () => {
    const session = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = session;
    try {
      await createVaultInPage(page, PASS);
      await expectDirection(page);
      const colleague = testIdentity({ displayName: "Jonas Berg", region: "western-european-and-others-states", nationality: "NO" });
      const file = world.temp.file("jonas.card.json");
      writeFileSync(file, exportIdentityCard(colleague));
      const groups = sshFingerprint(colleague.signing.publicKey).slice(7).match(/.{1,4}/g) ?? [];
      await section(page, "Contacts");
      await page.getByLabel(T("Import an identity card (.card.json)")).setInputFiles(file);
      const contact = page.getByTestId("contact");
      await contact.getByLabel(T("Type the fingerprint as its owner reads it to you")).pressSequentially(groups.join(" "));
      await contact.getByRole("button", { name: T("Confirm and trust") }).click();
      await expect.poll(() => contact.textContent()).toContain(T("Trusted", "contact trust state"));
      const [trusted, ...others] = await readRows(page, "contacts");
      expect(others).toEqual([]);
      if (!trusted) throw new Error("no contact row");

      await contact.getByLabel(T("Reason for revoking")).fill("Key reported lost");
      await contact.getByRole("button", { name: T("Revoke", "verb, button: revoke a contact's card") }).click();
      await expect.poll(() => contact.textContent()).toContain(T("Revoked", "contact trust state"));
      expect((await readRows(page, "contacts"))[0]?.ciphertext).not.toEqual(trusted.ciphertext);

      await lock(page);
      await editRows(page, [trusted]);
      await unlock(page);

      // Said at unlock, naming the record, beside when the vault last changed and where its log ended.
      await expect.poll(() => page.getByTestId("records-broken").textContent()).toContain(rolledBack("contacts", trusted.id));
      await expect.poll(() => page.getByTestId("unlock-report").count()).toBe(1);
      await expect.poll(() => page.getByTestId("unlock-report").textContent()).toMatch(TX("This vault last changed on {when}.", { when: /.+/ }));
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, "rollback-contact-unlock.png");

      // The contact list refuses the older copy instead of showing it: nobody appears as trusted.
      await section(page, "Contacts");
      await expect.poll(async () => (await page.getByRole("alert").allTextContents()).join("\n")).toContain(rolledBack("contacts", trusted.id));
      expect(await page.getByTestId("contact").count()).toBe(0);
      expect(await page.locator("main").innerText()).not.toContain(T("Trusted", "contact trust state"));
      await section(page, "Audit log");
      await expect.poll(() => page.locator('[data-testid="audit-entry"][data-event="tamper-detected"]').count()).toBeGreaterThanOrEqual(1);
      expect(session.problems).toEqual([]);
    } finally {
      await session.context.close();
    }
  });

  it("an audit log cut back to before a secret-key export is reported at unlock as truncated", async () => {
    const session = await openSession(world.browser, `${world.server.origin}/#/vault`);
    const { page } = session;
    try {
      await createVaultInPage(page, PASS);
      await createIdentityInPage(page, { displayName: "Lena Baumann", region: "western-european-and-others-states", nationality: "CH", affiliation: "University of Geneva" });
      // The attacker's older copy: the log's head, and which entries there were.
      const [head] = await readRows(page, "vault-meta");
      if (!head) throw new Error("no audit head row");
      const before = new Set((await readRows(page, "audit")).map((r) => r.id));

      // The export someone would want gone from the log: the identity's secret key, written out for the age tool.
      await page.getByRole("button", { name: T("Export secret key for the age tool…") }).click();
      await page.getByLabel(T("I understand; this is an emergency.")).check();
      await saveDownload(page, () => page.getByRole("button", { name: T("Export secret key"), exact: true }).click(), world.temp.file("lena.age.key"));
      await section(page, "Audit log");
      await expect.poll(() => page.locator('[data-testid="audit-entry"][data-event="identity-exported"]').count()).toBe(1);
      await lock(page);
      const later = (await readRows(page, "audit")).filter((r) => !before.has(r.id));
      expect(later.length).toBeGreaterThanOrEqual(2); // the export, the lock
      await editRows(page, [head], later);
      await unlock(page);

      await expect
        .poll(() => page.getByTestId("audit-broken").textContent())
        .toMatch(TX("The audit log is broken: entry {seq} and every entry after it were removed and an older end of the log put back; the log or the vault was altered outside the app.", { seq: /\d+/ }));
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, "rollback-audit-unlock.png");
      await section(page, "Audit log");
      await expect.poll(() => page.locator('[data-testid="audit-entry"][data-event="tamper-detected"]').count()).toBe(1);
      expect(await page.locator('[data-testid="audit-entry"][data-event="identity-exported"]').count()).toBe(0);
      expect(session.problems).toEqual([]);
    } finally {
      await session.context.close();
    }
  });
});

/**
 * A refused restore in real Chromium against the production build, with
 * real IndexedDB: a backup with one row altered after it was made (by
 * someone holding the passphrase, so the file itself still opens) is refused
 * with a sentence naming the row, and so is a backup whose header is below
 * the KDF floor; neither leaves anything behind, so the page offers to
 * create or restore again, and a sound backup then restores into the same
 * profile (no "a vault already exists").
 *
 * The backups are made in Node with the same vault code the app runs.
 * AP_SCREENSHOT_DIR, when set, receives a PNG of each refusal.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { readAllBytes } from "../../shared/encoding/bytes";
import { decryptBytes, encryptStreamWithPassphrase } from "../../shared/formats/age/age";
import { canonicalJson } from "../../shared/formats/jcs";
import { KDF_FLOOR } from "../../shared/vault/kdf";
import { MemoryVaultStorage } from "../../shared/vault/memory-storage";
import { newRecordId } from "../../shared/vault/record-slot";
import { createVault } from "../../shared/vault/vault";
import { axeSerious, openSession } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { T, TX } from "../support/locale";

const PASS = "harbour quillon tamarind vesper glacier";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];

const world = e2eWorld("restore-e2e");
let sound: string;
let damaged: string;
let belowFloor: string;
let damagedNote: string;

const canonical = (value: unknown): string => {
  const json = canonicalJson(value);
  if (!json.ok) throw new Error("not serialisable");
  return Buffer.from(json.value).toString();
};

/** The backup's lines, edited, encrypted again to the passphrase (as someone holding it could), with the counts agreeing. */
async function forge(file: Uint8Array, edit: (lines: string[]) => string[]): Promise<Uint8Array> {
  const inner = await decryptBytes(file, [{ kind: "passphrase", passphrase: PASS }]);
  if (!inner.ok) throw new Error("backup does not decrypt");
  const lines = edit(Buffer.from(inner.value).toString().trimEnd().split("\n"));
  const rows = lines.length - 2;
  const start = JSON.parse(lines[0] as string) as Record<string, unknown>;
  const fixed = [canonical({ ...start, rows }), ...lines.slice(1, -1), canonical({ end: true, rows })];
  return readAllBytes(new Blob([`${fixed.join("\n")}\n`]).stream().pipeThrough(encryptStreamWithPassphrase(PASS, { workFactor: 12 })));
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  const created = await createVault(new MemoryVaultStorage(), PASS, { kdf: KDF_FLOOR });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  for (let i = 0; i < 3; i++) expect((await created.value.put("notes", newRecordId(), { title: `note ${i}` })).ok).toBe(true);
  const stream = await created.value.backup(PASS, { workFactor: 12 });
  if (!stream.ok) throw new Error(JSON.stringify(stream.error));
  const file = await readAllBytes(stream.value);

  const altered = await forge(file, (lines) => {
    const at = lines.findIndex((l) => l.includes('"table":"notes"'));
    const row = JSON.parse(lines[at] as string) as { id: string; ciphertext: string };
    damagedNote = row.id;
    const bytes = Buffer.from(row.ciphertext, "base64");
    bytes[3] = (bytes[3] as number) ^ 0x01;
    return lines.map((l, i) => (i === at ? canonical({ ...row, ciphertext: bytes.toString("base64") }) : l));
  });
  const weak = await forge(file, (lines) => {
    const start = JSON.parse(lines[0] as string) as { header: { kdf: Record<string, unknown> } };
    return [canonical({ ...start, header: { ...start.header, kdf: { ...start.header.kdf, opsLimit: 1 } } }), ...lines.slice(1)];
  });
  sound = path.join(world.temp.dir, "sound.age");
  damaged = path.join(world.temp.dir, "damaged.age");
  belowFloor = path.join(world.temp.dir, "below-floor.age");
  writeFileSync(sound, file);
  writeFileSync(damaged, altered);
  writeFileSync(belowFloor, weak);
}, 120_000);

async function restore(page: Page, file: string): Promise<void> {
  await expect.poll(() => page.getByRole("heading", { name: T("Or restore a backup") }).count()).toBe(1);
  await page.getByLabel(T("Backup file (.age)")).setInputFiles(file);
  await page.getByLabel(T("The vault's passphrase")).fill(PASS);
  await page.getByRole("button", { name: T("Restore", "verb, button"), exact: true }).click();
}

describe("a refused restore in Chromium", () => {
  it("refuses a backup with one altered row or a header below the KDF floor, keeps nothing, and then restores a sound one", async () => {
    const session = await openSession(world.browser, `${world.server.origin}/#/vault`);
    try {
      const { page } = session;
      await restore(page, damaged);
      const sentence = TX(
        "The backup file is damaged: the record in table \"{table}\" with id {id} does not open with the vault's key (it was altered after the backup was made). Nothing was restored.",
        { table: "notes", id: damagedNote },
      );
      await expect.poll(() => page.getByRole("alert").allTextContents(), { timeout: 120_000 }).toEqual(expect.arrayContaining([expect.stringMatching(sentence)]));
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "restore-damaged-row.png"), fullPage: true });
      expect(await axeSerious(page)).toEqual([]);
      // The profile is empty again: the page offers to create a vault or restore one.
      await expect.poll(() => page.getByTestId("vault-state").textContent()).toBe(T("No vault yet"));
      await expect.poll(() => page.getByRole("button", { name: T("Create vault") }).count()).toBe(1);

      await restore(page, belowFloor);
      const floor = TX(
        "The vault header asks for a weaker key derivation ({passes} passes, {mib} MiB) than the minimum allowed, so it was probably tampered with; the vault was not opened, restore it from a backup.",
        { passes: "1", mib: "64" },
      );
      await expect.poll(() => page.getByRole("alert").allTextContents(), { timeout: 120_000 }).toEqual(expect.arrayContaining([expect.stringMatching(floor)]));
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "restore-below-floor.png"), fullPage: true });
      await expect.poll(() => page.getByTestId("vault-state").textContent()).toBe(T("No vault yet"));

      await restore(page, sound);
      await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 120_000 }).toBe(T("Vault unlocked"));
      expect(await page.getByText(T("A vault already exists in this profile; unlock it, or restore into an empty profile.")).count()).toBe(0);
      expect(session.problems).toEqual([]);
      for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    } finally {
      await session.context.close();
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { readAllBytes } from "../encoding/bytes";
import { loadCrypto } from "../crypto/sodium";
import { decryptBytes, encryptStreamWithPassphrase } from "../formats/age/age";
import { canonicalJson } from "../formats/jcs";
import { KDF_FLOOR } from "./kdf";
import { MemoryVaultStorage } from "./memory-storage";
import { newRecordId } from "./record-slot";
import { createVault, restoreVault, unlockVault } from "./vault";
import { VaultErrorSchema } from "../worker/problem";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
// Fast scrypt for tests; the app uses age's default (18).
const WF = 10;

const canonical = (value: unknown): string => {
  const json = canonicalJson(value);
  if (!json.ok) throw new Error("not serialisable");
  return Buffer.from(json.value).toString();
};

const bytesStream = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();

async function populatedVault() {
  const storage = new MemoryVaultStorage();
  const created = await createVault(storage, PASS, { kdf: KDF_FLOOR });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const vault = created.value;
  for (let i = 0; i < 5; i++) expect((await vault.put("notes", newRecordId(), { title: `note ${i}`, body: "x".repeat(i * 100) })).ok).toBe(true);
  const big = new Uint8Array(1_300_000).map((_, i) => (i * 31) & 0xff);
  const imported = await vault.attachments.import({ name: "image.dd", mediaType: "application/octet-stream", size: big.length, stream: bytesStream(big) });
  expect(imported.ok).toBe(true);
  return { storage, vault };
}

async function makeBackup(vault: Awaited<ReturnType<typeof populatedVault>>["vault"]): Promise<Uint8Array> {
  const progress: number[] = [];
  const stream = await vault.backup(PASS, { workFactor: WF, onProgress: (done) => progress.push(done) });
  if (!stream.ok) throw new Error(JSON.stringify(stream.error));
  const file = await readAllBytes(stream.value);
  expect(progress.length).toBeGreaterThan(0);
  return file;
}

describe("backup and restore", () => {
  it("restores into an empty profile with the same content digest, and logs both ends", async () => {
    const { storage, vault } = await populatedVault();
    const file = await makeBackup(vault);
    const digest = await vault.contentDigest();
    if (!digest.ok) throw new Error(JSON.stringify(digest.error));
    expect(digest.value).toMatch(/^[0-9a-f]{64}$/);

    const empty = new MemoryVaultStorage();
    const restored = await restoreVault(empty, bytesStream(file), PASS);
    if (!restored.ok) throw new Error(JSON.stringify(restored.error));
    expect(restored.value.vaultId).toBe(vault.vaultId);
    expect(restored.value.auditAtUnlock.ok).toBe(true);
    expect(await restored.value.contentDigest()).toEqual({ ok: true, value: digest.value });
    const events = await restored.value.verifyAudit();
    expect(events.ok && events.value.entries.map((e) => e.event).slice(-3)).toEqual(["backup-made", "unlocked", "backup-restored"]);
    // Everything but the audit rows and the record index (which names the audit head) is byte-identical to the source.
    const rows = (s: MemoryVaultStorage) => s.raw.rows().filter((r) => r.table !== "audit" && r.table !== "vault-meta" && r.table !== "vault-index").map((r) => `${r.table}/${r.id}/${Buffer.from(r.ciphertext).toString("base64")}`).sort();
    expect(rows(empty)).toEqual(rows(storage));
  });

  it("the content digest changes when content changes", async () => {
    const { vault } = await populatedVault();
    const before = await vault.contentDigest();
    expect((await vault.put("notes", newRecordId(), { title: "one more" })).ok).toBe(true);
    const after = await vault.contentDigest();
    expect(before.ok && after.ok && before.value !== after.value).toBe(true);
  });

  it("is an age file to the passphrase, with the stored rows inside, never the plaintext", async () => {
    const { vault } = await populatedVault();
    const file = await makeBackup(vault);
    expect(Buffer.from(file.subarray(0, 40)).toString()).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);
    const inner = await decryptBytes(file, [{ kind: "passphrase", passphrase: PASS }]);
    if (!inner.ok) throw new Error("backup does not decrypt");
    const lines = Buffer.from(inner.value).toString().split("\n");
    expect(JSON.parse(lines[0] as string)).toMatchObject({ format: "attribution-panel/vault-backup", version: 1, vaultId: vault.vaultId });
    expect(lines.at(-1)).toBe("");
    expect(JSON.parse(lines.at(-2) as string)).toMatchObject({ end: true });
    expect(Buffer.from(inner.value).includes(Buffer.from("note 3"))).toBe(false);
  });

  it("asks for the vault passphrase and refuses another one", async () => {
    const { vault } = await populatedVault();
    expect(await vault.backup("a different but long passphrase", { workFactor: WF })).toEqual({ ok: false, error: { kind: "wrong-passphrase" } });
  });

  it("refuses a wrong passphrase, a truncated or modified file, and a profile that is not empty, keeping nothing", async () => {
    const { storage, vault } = await populatedVault();
    const file = await makeBackup(vault);
    const cases: [string, Uint8Array, string][] = [
      ["wrong passphrase", file, "wrong-passphrase"],
      ["truncated", file.subarray(0, file.length - 1000), "backup-unreadable"],
      ["flipped", file.map((b, i) => (i === file.length - 500 ? b ^ 1 : b)), "backup-unreadable"],
      ["not age", new TextEncoder().encode("hello\n"), "backup-unreadable"],
    ];
    for (const [name, bytes, kind] of cases) {
      const empty = new MemoryVaultStorage();
      const result = await restoreVault(empty, bytesStream(bytes), name === "wrong passphrase" ? "not the passphrase at all" : PASS);
      expect(result, name).toMatchObject({ ok: false, error: { kind } });
      if (!result.ok) expect(VaultErrorSchema.safeParse(result.error).success, name).toBe(true);
      expect(empty.raw.rows(), name).toEqual([]);
      expect(empty.raw.header(), name).toBeUndefined();
    }
    expect(await restoreVault(storage, bytesStream(file), PASS)).toEqual({ ok: false, error: { kind: "vault-exists" } });
  });

  it("clears what an interrupted restore left behind before the next one", async () => {
    const { vault } = await populatedVault();
    const file = await makeBackup(vault);
    const empty = new MemoryVaultStorage();
    // A restore cut short: rows written, no header.
    const controller = new AbortController();
    const cut = await restoreVault(empty, bytesStream(file), PASS, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(cut).toMatchObject({ ok: false, error: { kind: "backup-cancelled" } });
    expect(empty.raw.rows()).toEqual([]);
    empty.raw.write("notes", "leftover-row-0000", { table: "notes", id: "leftover-row-0000", nonce: new Uint8Array(24), ciphertext: new Uint8Array(40) });
    const restored = await restoreVault(empty, bytesStream(file), PASS);
    expect(restored.ok).toBe(true);
    expect(empty.raw.rows().some((r) => r.id === "leftover-row-0000")).toBe(false);
    const unlocked = await unlockVault(empty, PASS);
    expect(unlocked.ok).toBe(true);
  });
});

describe("backups that do not hold together", () => {
  it("a backup during which the vault changed fails instead of producing an inconsistent file", async () => {
    const { vault } = await populatedVault();
    const stream = await vault.backup(PASS, { workFactor: WF });
    if (!stream.ok) throw new Error("backup refused");
    const reader = stream.value.getReader();
    await reader.read();
    expect((await vault.put("notes", newRecordId(), { late: true })).ok).toBe(true);
    const drain = async () => {
      for (;;) if ((await reader.read()).done) return;
    };
    await expect(drain()).rejects.toMatchObject({ error: { kind: "backup-changed-during" } });
  });

  it("a backup whose rows do not match its record index is refused on restore, leaving the profile empty", async () => {
    const { vault } = await populatedVault();
    const file = await makeBackup(vault);
    const inner = await decryptBytes(file, [{ kind: "passphrase", passphrase: PASS }]);
    if (!inner.ok) throw new Error("backup does not decrypt");
    // Someone with the passphrase drops one note and fixes the counts: age is satisfied, the vault is not.
    const lines = Buffer.from(inner.value).toString().trimEnd().split("\n");
    const start = JSON.parse(lines[0] as string) as { rows: number };
    const dropAt = lines.findIndex((l) => l.startsWith('{"ciphertext"') && l.includes('"table":"notes"'));
    expect(dropAt).toBeGreaterThan(0);
    lines.splice(dropAt, 1);
    lines[0] = canonical({ ...start, rows: start.rows - 1 });
    lines[lines.length - 1] = canonical({ end: true, rows: start.rows - 1 });
    const forged = await readAllBytes(new Blob([`${lines.join("\n")}\n`]).stream().pipeThrough(encryptStreamWithPassphrase(PASS, { workFactor: WF })));
    const empty = new MemoryVaultStorage();
    const restored = await restoreVault(empty, bytesStream(forged), PASS);
    expect(restored).toMatchObject({ ok: false, error: { kind: "backup-invalid", reason: "vault-check-failed", error: { kind: "missing", table: "notes" } } });
    expect(empty.raw.rows()).toEqual([]);
    expect(empty.raw.header()).toBeUndefined();
  });
});

describe("write: several records and an audit entry in one transaction", () => {
  it("lands all of it or none of it", async () => {
    const storage = new MemoryVaultStorage();
    const created = await createVault(storage, PASS, { kdf: KDF_FLOOR });
    if (!created.ok) throw new Error("create failed");
    const vault = created.value;
    const a = newRecordId();
    const b = newRecordId();
    expect(await vault.write({ put: [{ table: "notes", id: a, value: { n: 1 } }, { table: "cases", id: b, value: { n: 2 } }] }, { event: "contact-imported" })).toEqual({ ok: true, value: undefined });
    expect(await vault.get("cases", b, z.object({ n: z.number() }))).toEqual({ ok: true, value: { n: 2 } });
    const count = storage.raw.rows().length;
    storage.failNextCommit = new Error("disk full");
    const failed = await vault.write({ put: [{ table: "notes", id: newRecordId(), value: { n: 3 } }], delete: [{ table: "notes", id: a }] }, { event: "contact-imported" });
    expect(failed).toMatchObject({ ok: false, error: { kind: "storage-failed" } });
    expect(storage.raw.rows().length).toBe(count);
    expect((await vault.get("notes", a, z.object({ n: z.number() }))).ok).toBe(true);
    expect(() => vault.write({ put: [{ table: "audit", id: a, value: {} }] })).toThrow(RangeError);
  });

  it("logs several entries in order with one write (an import of many files is one transaction), and none when it fails", async () => {
    const storage = new MemoryVaultStorage();
    const created = await createVault(storage, PASS, { kdf: KDF_FLOOR });
    if (!created.ok) throw new Error("create failed");
    const vault = created.value;
    const before = await vault.verifyAudit();
    if (!before.ok) throw new Error("audit unreadable");
    const entries = [{ event: "scoresheet-imported", detail: { revision: 1 } }, { event: "scoresheet-imported", detail: { revision: 2 } }] as const;
    expect(await vault.write({ put: [{ table: "notes", id: newRecordId(), value: { n: 1 } }] }, entries)).toEqual({ ok: true, value: undefined });
    storage.failNextCommit = new Error("disk full");
    expect((await vault.write({ put: [{ table: "notes", id: newRecordId(), value: { n: 2 } }] }, entries)).ok).toBe(false);
    const after = await vault.verifyAudit();
    if (!after.ok) throw new Error("audit unreadable");
    expect(after.value.entries.slice(before.value.count).map((e) => [e.event, e.detail?.["revision"]])).toEqual([
      ["scoresheet-imported", 1],
      ["scoresheet-imported", 2],
    ]);
  });
});

describe("restore verifies every row before it reports success (issue 12, points 7 and 8)", () => {
  type Row = { table: string; id: string; nonce: string; ciphertext: string };

  /** The lines of a backup, decrypted: start, rows, end. */
  async function backupLines(file: Uint8Array): Promise<string[]> {
    const inner = await decryptBytes(file, [{ kind: "passphrase", passphrase: PASS }]);
    if (!inner.ok) throw new Error("backup does not decrypt");
    return Buffer.from(inner.value).toString().trimEnd().split("\n");
  }

  /** Re-encrypts edited lines to the passphrase, as someone holding it could; the row counts are made to agree. */
  async function forge(lines: readonly string[]): Promise<Uint8Array> {
    const start = JSON.parse(lines[0] as string) as Record<string, unknown>;
    const rows = lines.length - 2;
    const fixed = [canonical({ ...start, rows }), ...lines.slice(1, -1), canonical({ end: true, rows })];
    return readAllBytes(new Blob([`${fixed.join("\n")}\n`]).stream().pipeThrough(encryptStreamWithPassphrase(PASS, { workFactor: WF })));
  }

  const flipped = (base64: string): string => {
    const bytes = Buffer.from(base64, "base64");
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    return bytes.toString("base64");
  };

  async function expectRefusedAndEmpty(file: Uint8Array, name: string) {
    const empty = new MemoryVaultStorage();
    const progress: [number, number][] = [];
    const result = await restoreVault(empty, bytesStream(file), PASS, { onProgress: (done, total) => progress.push([done, total]) });
    expect(result.ok, name).toBe(false);
    if (!result.ok) expect(VaultErrorSchema.safeParse(result.error).success, name).toBe(true);
    expect(empty.raw.rows(), name).toEqual([]);
    expect(empty.raw.header(), name).toBeUndefined();
    return result.ok ? undefined : result.error;
  }

  it("refuses a backup with any one row's ciphertext altered, names it, and leaves the profile empty", async () => {
    const { vault } = await populatedVault();
    const lines = await backupLines(await makeBackup(vault));
    const rows = lines.slice(1, -1).map((l) => JSON.parse(l) as Row);
    expect(rows.some((r) => r.table === "attachment-chunks")).toBe(true);
    expect(rows.some((r) => r.table === "notes")).toBe(true);
    let refused = 0;
    for (const [i, row] of rows.entries()) {
      const name = `row ${i + 1} (${row.table})`;
      const edited = [...lines];
      edited[i + 1] = canonical({ ...row, ciphertext: flipped(row.ciphertext) });
      const error = await expectRefusedAndEmpty(await forge(edited), name);
      if (row.table === "attachment-chunks") {
        expect(error, name).toMatchObject({ kind: "backup-invalid", reason: "attachment-damaged", damage: { reason: "unit-does-not-decrypt" } });
      } else if (row.table === "notes" || row.table === "attachments" || row.table === "vault-index") {
        expect(error, name).toMatchObject({ kind: "backup-invalid", reason: "record-damaged", table: row.table, id: row.id });
      } else {
        // The audit chain and its head are checked at unlock: a broken chain is named by its entry.
        expect(error, name).toMatchObject({ kind: "backup-invalid", reason: "vault-check-failed", error: { kind: "audit-chain-broken" } });
      }
      refused++;
    }
    expect(refused).toBe(rows.length);
    // One restore attempt per row (a dozen, each through the KDF): about 5 s on a quiet machine, 41 s once at a load
    // average of 10 on 2 cores, past the 30 s default. The timeout fits the loop, not a single restore.
  }, 120_000);

  it("refuses a backup with any one attachment chunk row deleted, and leaves the profile empty", async () => {
    const { vault } = await populatedVault();
    const lines = await backupLines(await makeBackup(vault));
    const chunkLines = lines.flatMap((l, i) => (l.includes('"table":"attachment-chunks"') ? [i] : []));
    expect(chunkLines.length).toBe(2);
    for (const at of chunkLines) {
      const error = await expectRefusedAndEmpty(await forge(lines.filter((_, i) => i !== at)), `chunk line ${at}`);
      expect(error).toMatchObject({ kind: "backup-invalid", reason: "attachment-damaged", damage: { reason: "row-missing" } });
    }
  });

  it("shows the verification as part of the restore's progress", async () => {
    const { vault } = await populatedVault();
    const file = await makeBackup(vault);
    const progress: [number, number][] = [];
    const restored = await restoreVault(new MemoryVaultStorage(), bytesStream(file), PASS, { onProgress: (done, total) => progress.push([done, total]) });
    expect(restored.ok).toBe(true);
    const total = (progress[0] as [number, number])[1];
    expect(progress.every(([, t]) => t === total)).toBe(true);
    expect(progress.at(-1)).toEqual([total, total]);
    // Past the rows written (half the steps): the rows verified.
    expect(progress.filter(([done]) => done > total / 2).length).toBeGreaterThan(1);
  });

  it("refuses a header below the KDF floor without writing anything; a restore and a creation then succeed", async () => {
    const { vault } = await populatedVault();
    const file = await makeBackup(vault);
    const lines = await backupLines(file);
    const start = JSON.parse(lines[0] as string) as { header: { kdf: Record<string, unknown> } };
    const weak = [canonical({ ...start, header: { ...start.header, kdf: { ...start.header.kdf, opsLimit: 1 } } }), ...lines.slice(1)];
    const storage = new MemoryVaultStorage();
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await restoreVault(storage, bytesStream(await forge(weak)), PASS);
      expect(refused).toMatchObject({ ok: false, error: { kind: "kdf-below-floor", opsLimit: 1 } });
      expect(storage.raw.rows()).toEqual([]);
      expect(storage.raw.header()).toBeUndefined();
    }
    const restored = await restoreVault(storage, bytesStream(file), PASS);
    if (!restored.ok) throw new Error(JSON.stringify(restored.error));
    expect(restored.value.vaultId).toBe(vault.vaultId);

    const other = new MemoryVaultStorage();
    expect(await restoreVault(other, bytesStream(await forge(weak)), PASS)).toMatchObject({ ok: false, error: { kind: "kdf-below-floor" } });
    const created = await createVault(other, PASS, { kdf: KDF_FLOOR });
    expect(created.ok).toBe(true);
  });

  it("a header from another vault, whether it unwraps with the passphrase or not, is refused and leaves the profile empty", async () => {
    const { vault } = await populatedVault();
    const lines = await backupLines(await makeBackup(vault));
    const { vault: other } = await populatedVault();
    const otherStart = JSON.parse((await backupLines(await makeBackup(other)))[0] as string) as { header: unknown };
    const start = JSON.parse(lines[0] as string) as Record<string, unknown>;
    // Same passphrase, another vault's wrapped key: the file opens, the rows do not.
    const swapped = [canonical({ ...start, header: otherStart.header }), ...lines.slice(1)];
    const error = await expectRefusedAndEmpty(await forge(swapped), "header swapped");
    expect(error).toMatchObject({ kind: "backup-invalid" });

    // A header wrapped under another passphrase: the unlock counts a failure in the header it wrote; nothing may stay.
    const elsewhere = new MemoryVaultStorage();
    expect((await createVault(elsewhere, "another long passphrase, never this one", { kdf: KDF_FLOOR })).ok).toBe(true);
    const foreign = [canonical({ ...start, header: elsewhere.raw.header() }), ...lines.slice(1)];
    expect(await expectRefusedAndEmpty(await forge(foreign), "header under another passphrase")).toMatchObject({ kind: "wrong-passphrase" });
  });
});

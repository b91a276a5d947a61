import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { chacha20Poly1305Open, fromBase64, loadCrypto, randomBytes } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import { ATTACHMENT_CHUNKS_TABLE, ATTACHMENT_IMPORTS_TABLE, chunkRowId, importAttachment, readAttachmentMeta, SEALED_UNIT_BYTES, UNIT_BYTES, UNITS_PER_ROW, unitNonce } from "./attachments";
import { KDF_FLOOR } from "./kdf";
import { emptyIndex, writeIndex } from "./record-index";
import { MemoryVaultStorage } from "./memory-storage";
import { createVault, unlockVault } from "./vault";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function pseudoRandom(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A source that hands over `bytes` in pieces of `piece` bytes, like File.stream() does. */
function source(bytes: Uint8Array, piece = 50_000, name = "capture.pcap") {
  let at = 0;
  return {
    name,
    mediaType: "application/vnd.tcpdump.pcap",
    size: bytes.length,
    stream: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + piece));
        at += piece;
      },
    }),
  };
}

async function newVault() {
  const storage = new MemoryVaultStorage();
  const created = await createVault(storage, PASS, { kdf: KDF_FLOOR });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return { storage, vault: created.value };
}

describe("unit nonces", () => {
  it("follow age's STREAM: 11-byte big-endian counter, then the last flag", () => {
    expect(Buffer.from(unitNonce(0, false)).toString("hex")).toBe("000000000000000000000000");
    expect(Buffer.from(unitNonce(0, true)).toString("hex")).toBe("000000000000000000000001");
    expect(Buffer.from(unitNonce(1, false)).toString("hex")).toBe("000000000000000000000100");
    expect(Buffer.from(unitNonce(0x0102030405, true)).toString("hex")).toBe("000000000000010203040501");
  });
});

describe("attachments", () => {
  it("round-trips sizes around unit and row boundaries, with the SHA-256 of the original", async () => {
    const { vault } = await newVault();
    const rowBytes = UNIT_BYTES * UNITS_PER_ROW;
    for (const size of [0, 1, UNIT_BYTES - 1, UNIT_BYTES, UNIT_BYTES + 1, rowBytes, rowBytes + 1, 2 * rowBytes + 5]) {
      const bytes = pseudoRandom(size, size + 7);
      const progress: number[] = [];
      const imported = await vault.attachments.import(source(bytes), { onProgress: (done) => progress.push(done) });
      if (!imported.ok) throw new Error(JSON.stringify(imported.error));
      expect(imported.value).toMatchObject({ size, sha256: sha256Hex(bytes), name: "capture.pcap", mediaType: "application/vnd.tcpdump.pcap" });
      expect(progress.at(-1)).toBe(size);
      const opened = await vault.attachments.open(imported.value.id);
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      expect(sha256Hex(await readAllBytes(opened.value.stream))).toBe(sha256Hex(bytes));
      expect(await vault.attachments.verify(imported.value.id)).toMatchObject({ ok: true, value: { sha256: sha256Hex(bytes) } });
    }
  });

  it("stores units exactly as specified: ChaCha20-Poly1305, 64 KiB, STREAM nonces, 16 per row, nothing in clear", async () => {
    const storage = new MemoryVaultStorage();
    const vaultKey = randomBytes(32);
    const ctx = { storage, vaultKey, now: () => new Date("2026-11-22T10:00:00Z"), isLocked: () => false };
    await writeIndex(storage, vaultKey, emptyIndex(new Date("2026-11-22T10:00:00Z")));
    const bytes = pseudoRandom(UNIT_BYTES * UNITS_PER_ROW + 10, 3);
    const imported = await importAttachment(ctx, source(bytes));
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const meta = await readAttachmentMeta(ctx, imported.value.id);
    if (!meta.ok) throw new Error(JSON.stringify(meta.error));
    expect(meta.value).toMatchObject({ rows: 2, unitBytes: UNIT_BYTES, unitsPerRow: UNITS_PER_ROW, size: bytes.length, sha256: sha256Hex(bytes) });
    // Decrypt every unit independently, with only the documented construction.
    const key = fromBase64(meta.value.key) as Uint8Array;
    const plain: Uint8Array[] = [];
    let counter = 0;
    for (let row = 0; row < 2; row++) {
      const stored = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkRowId(key, row));
      if (!stored) throw new Error(`row ${row} missing`);
      for (let at = 0; at < stored.ciphertext.length; at += SEALED_UNIT_BYTES) {
        const last = row === 1 && at + SEALED_UNIT_BYTES >= stored.ciphertext.length;
        const unit = chacha20Poly1305Open(stored.ciphertext.subarray(at, at + SEALED_UNIT_BYTES), unitNonce(counter++, last), key);
        if (!unit) throw new Error(`unit ${counter} does not open`);
        plain.push(unit);
      }
    }
    expect(counter).toBe(UNITS_PER_ROW + 1);
    expect(sha256Hex(Buffer.concat(plain))).toBe(sha256Hex(bytes));
    // No stored byte run equals a run of the plaintext, and no row id says what it is.
    const needle = Buffer.from(bytes.subarray(1000, 1032));
    for (const row of storage.raw.rows()) {
      expect(Buffer.from(row.ciphertext).includes(needle)).toBe(false);
      expect(Buffer.from(row.ciphertext).includes(Buffer.from("capture.pcap"))).toBe(false);
      expect(row.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    }
  });

  it("reports a modified, swapped, truncated or deleted chunk row, and never releases damaged bytes", async () => {
    const { storage, vault } = await newVault();
    const a = pseudoRandom(3 * UNIT_BYTES * UNITS_PER_ROW, 11);
    const b = pseudoRandom(3 * UNIT_BYTES * UNITS_PER_ROW, 12);
    const first = await vault.attachments.import(source(a));
    const second = await vault.attachments.import(source(b, 65_536, "other.bin"));
    if (!first.ok || !second.ok) throw new Error("import failed");
    const snapshot = storage.raw.rows().filter((r) => r.table === ATTACHMENT_CHUNKS_TABLE);
    // Puts the chunk rows back as they were; the audit log keeps what it recorded.
    const restore = () => {
      for (const row of snapshot) storage.raw.write(row.table, row.id, row);
    };
    const chunkIds = snapshot.map((r) => r.id);
    expect(chunkIds).toHaveLength(6);

    const attacks: [string, () => void][] = [
      ["flip", () => {
        const row = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkIds[0] as string) as NonNullable<ReturnType<typeof storage.raw.row>>;
        row.ciphertext[77] = (row.ciphertext[77] as number) ^ 1;
        storage.raw.write(row.table, row.id, row);
      }],
      ["truncate", () => {
        const row = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkIds[1] as string) as NonNullable<ReturnType<typeof storage.raw.row>>;
        storage.raw.write(row.table, row.id, { ...row, ciphertext: row.ciphertext.slice(0, row.ciphertext.length - 100) });
      }],
      ["swap within", () => {
        const x = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkIds[0] as string);
        const y = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkIds[1] as string);
        if (!x || !y) throw new Error("rows missing");
        storage.raw.write(x.table, x.id, { ...x, ciphertext: y.ciphertext });
        storage.raw.write(y.table, y.id, { ...y, ciphertext: x.ciphertext });
      }],
      ["copy across", () => {
        for (let i = 0; i < 3; i++) {
          const x = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkIds[i] as string);
          const y = storage.raw.row(ATTACHMENT_CHUNKS_TABLE, chunkIds[i + 3] as string);
          if (!x || !y) throw new Error("rows missing");
          storage.raw.write(x.table, x.id, { ...x, ciphertext: y.ciphertext });
        }
      }],
      ["delete", () => storage.raw.remove(ATTACHMENT_CHUNKS_TABLE, chunkIds[2] as string)],
    ];
    /** How each attack shows (a truncated row may be the short last one, whose unit then does not decrypt). */
    const reasons: Record<string, string[]> = {
      flip: ["unit-does-not-decrypt"],
      truncate: ["row-wrong-length", "unit-does-not-decrypt"],
      "swap within": ["unit-does-not-decrypt"],
      "copy across": ["unit-does-not-decrypt"],
      delete: ["row-missing"],
    };
    for (const [name, attack] of attacks) {
      attack();
      const results = [await vault.attachments.verify(first.value.id), await vault.attachments.verify(second.value.id)];
      const failed = results.filter((r) => !r.ok);
      expect(failed.length, name).toBeGreaterThanOrEqual(1);
      for (const f of failed) {
        expect(f).toMatchObject({ ok: false, error: { kind: "attachment-corrupt" } });
        if (!f.ok && f.error.kind === "attachment-corrupt") {
          expect(f.error.id).toEqual(expect.any(String));
          expect(reasons[name], name).toContain(f.error.reason);
          if (f.error.reason === "row-missing") expect(f.error).toMatchObject({ row: 3, rows: 3 });
        }
      }
      // A reader that consumes the stream gets an error before any damaged byte.
      const opened = await vault.attachments.open(failed[0] === results[0] ? first.value.id : second.value.id);
      if (!opened.ok) throw new Error("open failed");
      await expect(readAllBytes(opened.value.stream)).rejects.toMatchObject({ error: { kind: "attachment-corrupt" } });
      restore();
    }
    expect(await vault.attachments.verify(first.value.id)).toMatchObject({ ok: true });
    const log = await vault.verifyAudit();
    expect(log.ok && log.value.entries.filter((e) => e.event === "tamper-detected").length).toBeGreaterThanOrEqual(attacks.length);
  });

  it("a cancelled import leaves nothing behind", async () => {
    const { storage, vault } = await newVault();
    const before = storage.raw.rows().length;
    const controller = new AbortController();
    const result = await vault.attachments.import(source(pseudoRandom(5 * UNIT_BYTES * UNITS_PER_ROW, 5)), {
      signal: controller.signal,
      onProgress: (done) => {
        if (done > UNIT_BYTES * UNITS_PER_ROW) controller.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { kind: "attachment-cancelled" } });
    expect(storage.raw.rows().length).toBe(before);
    expect(await vault.attachments.list()).toEqual({ ok: true, value: [] });
  });

  it("an import cut short (window closed, lock) is swept at the next unlock", async () => {
    const { storage, vault } = await newVault();
    const before = storage.raw.rows().length;
    let lockedMidway = false;
    const result = await vault.attachments.import(source(pseudoRandom(4 * UNIT_BYTES * UNITS_PER_ROW, 6)), {
      onProgress: (done) => {
        if (!lockedMidway && done >= 2 * UNIT_BYTES * UNITS_PER_ROW) {
          lockedMidway = true;
          // The lock wipes the key: the import stops and cannot clean up without it.
          void vault.lock();
        }
      },
    });
    expect(result.ok).toBe(false);
    expect(storage.raw.rows().filter((r) => r.table === ATTACHMENT_CHUNKS_TABLE).length).toBeGreaterThan(0);
    expect(storage.raw.rows().filter((r) => r.table === ATTACHMENT_IMPORTS_TABLE)).toHaveLength(1);
    const again = await unlockVault(storage, PASS);
    expect(again.ok).toBe(true);
    const left = storage.raw.rows().filter((r) => r.table.startsWith("attachment"));
    expect(left).toEqual([]);
    // Only the audit entries of lock and unlock were added.
    expect(storage.raw.rows().length).toBe(before + 2);
  });

  it("refuses a source whose length differs from the announced size, and bad names", async () => {
    const { storage, vault } = await newVault();
    const before = storage.raw.rows().length;
    const bytes = pseudoRandom(100_000);
    expect(await vault.attachments.import({ ...source(bytes), size: 99_999 })).toEqual({ ok: false, error: { kind: "attachment-source-changed", expected: 99_999, actual: 100_000 } });
    expect(await vault.attachments.import({ ...source(bytes), name: "  " })).toMatchObject({ ok: false, error: { kind: "attachment-invalid" } });
    expect(storage.raw.rows().length).toBe(before);
  });

  it("deletes every row of an attachment", async () => {
    const { storage, vault } = await newVault();
    const before = storage.raw.rows().length;
    const imported = await vault.attachments.import(source(pseudoRandom(2 * UNIT_BYTES * UNITS_PER_ROW + 1)));
    if (!imported.ok) throw new Error("import failed");
    expect(await vault.attachments.delete(imported.value.id)).toEqual({ ok: true, value: undefined });
    // Only the two audit entries remain: imported, deleted.
    expect(storage.raw.rows().length).toBe(before + 2);
    expect(storage.raw.rows().filter((r) => r.table.startsWith("attachment"))).toEqual([]);
    const log = await vault.verifyAudit();
    expect(log.ok && log.value.entries.slice(-2).map((e) => e.event)).toEqual(["attachment-imported", "attachment-deleted"]);
  });

  it("a deletion cut short after the attachment was unlisted is finished at the next unlock", async () => {
    const { storage, vault } = await newVault();
    const imported = await vault.attachments.import(source(pseudoRandom(3 * UNIT_BYTES * UNITS_PER_ROW)));
    if (!imported.ok) throw new Error("import failed");
    // The disk fails after the unlisting transaction: chunk deletions throw.
    const realDelete = storage.deleteRow;
    storage.deleteRow = async (table, id) => {
      if (table === ATTACHMENT_CHUNKS_TABLE) throw new Error("I/O error");
      return realDelete(table, id);
    };
    await expect(vault.attachments.delete(imported.value.id)).resolves.toMatchObject({ ok: false, error: { kind: "storage-failed" } });
    storage.deleteRow = realDelete;
    expect(storage.raw.rows().filter((r) => r.table === ATTACHMENT_CHUNKS_TABLE).length).toBe(3);
    await vault.lock();
    expect((await unlockVault(storage, PASS)).ok).toBe(true);
    expect(storage.raw.rows().filter((r) => r.table.startsWith("attachment"))).toEqual([]);
  });

  it("a deletion interrupted after some chunks were removed still leaves rows the sweep finds", async () => {
    const { storage, vault } = await newVault();
    const imported = await vault.attachments.import(source(pseudoRandom(3 * UNIT_BYTES * UNITS_PER_ROW)));
    if (!imported.ok) throw new Error("import failed");
    const realDelete = storage.deleteRow;
    let chunkDeletes = 0;
    storage.deleteRow = async (table, id) => {
      if (table === ATTACHMENT_CHUNKS_TABLE && ++chunkDeletes === 2) throw new Error("I/O error");
      return realDelete(table, id);
    };
    await expect(vault.attachments.delete(imported.value.id)).resolves.toMatchObject({ ok: false, error: { kind: "storage-failed" } });
    storage.deleteRow = realDelete;
    expect(storage.raw.rows().filter((r) => r.table === ATTACHMENT_CHUNKS_TABLE).length).toBe(2);
    await vault.lock();
    expect((await unlockVault(storage, PASS)).ok).toBe(true);
    expect(storage.raw.rows().filter((r) => r.table.startsWith("attachment"))).toEqual([]);
  });

  it("property: any source split, any size up to a few units, round-trips", async () => {
    const { vault } = await newVault();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 * UNIT_BYTES + 3 }), fc.integer({ min: 1, max: 200_000 }), async (size, piece) => {
        const bytes = pseudoRandom(size, size ^ piece);
        const imported = await vault.attachments.import(source(bytes, piece));
        if (!imported.ok) return false;
        const opened = await vault.attachments.open(imported.value.id);
        if (!opened.ok) return false;
        const back = await readAllBytes(opened.value.stream);
        await vault.attachments.delete(imported.value.id);
        return Buffer.compare(Buffer.from(back), Buffer.from(bytes)) === 0;
      }),
      { numRuns: 25 },
    );
  });
});

/**
 * The Dexie implementation of the vault storage port, on fake-indexeddb, held
 * to the same contract as the in-memory one: reads, ordered listing, and
 * all-or-nothing transactions.
 */
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { MemoryVaultStorage } from "../../shared/vault/memory-storage";
import type { VaultStorage } from "../../shared/vault/storage-port";
import { DexieVaultStorage } from "./dexie-storage";

const row = (table: string, id: string, byte: number) => ({ table, id, nonce: new Uint8Array(24).fill(byte), ciphertext: new Uint8Array([byte, byte + 1]) });

const implementations: [string, () => VaultStorage][] = [
  ["dexie", () => new DexieVaultStorage(`test-${Math.random()}`, new IDBFactory(), IDBKeyRange)],
  ["memory", () => new MemoryVaultStorage()],
];

describe.each(implementations)("VaultStorage contract: %s", (_name, make) => {
  it("stores, reads back, lists in order and deletes rows per table", async () => {
    const s = make();
    expect(await s.getHeader()).toBeUndefined();
    await s.putHeader({ formatVersion: 1, note: "x" });
    expect(await s.getHeader()).toEqual({ formatVersion: 1, note: "x" });
    await s.putRow(row("contacts", "b", 2));
    await s.putRow(row("contacts", "a", 1));
    await s.putRow(row("audit", "a", 9));
    expect(await s.listIds("contacts")).toEqual(["a", "b"]);
    expect(await s.listIds("audit")).toEqual(["a"]);
    expect(await s.listIds("nothing")).toEqual([]);
    expect(await s.getRow("contacts", "a")).toEqual(row("contacts", "a", 1));
    await s.deleteRow("contacts", "a");
    expect(await s.getRow("contacts", "a")).toBeUndefined();
    expect(await s.listIds("contacts")).toEqual(["b"]);
  });

  it("applies a transaction's writes together, or none of them", async () => {
    const s = make();
    await s.transaction(["t"], async (tx) => {
      await tx.putRow(row("t", "1", 1));
      await tx.putHeader({ v: 1 });
    });
    expect(await s.listIds("t")).toEqual(["1"]);
    await expect(
      s.transaction(["t"], async (tx) => {
        await tx.putRow(row("t", "2", 2));
        await tx.putHeader({ v: 2 });
        await tx.deleteRow("t", "1");
        throw new Error("interrupted");
      }),
    ).rejects.toThrow("interrupted");
    expect(await s.listIds("t")).toEqual(["1"]);
    expect(await s.getHeader()).toEqual({ v: 1 });
  });
});

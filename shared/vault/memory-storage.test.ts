import { describe, expect, it } from "vitest";
import { MemoryVaultStorage } from "./memory-storage";

const row = (id: string, byte: number) => ({ table: "t", id, nonce: new Uint8Array(24).fill(byte), ciphertext: new Uint8Array([byte]) });

describe("MemoryVaultStorage", () => {
  it("applies all writes of a transaction, or none when it throws", async () => {
    const storage = new MemoryVaultStorage();
    await storage.putRow(row("a", 1));
    await storage.transaction(["t"], async (tx) => {
      await tx.putRow(row("b", 2));
      await tx.deleteRow("t", "a");
      await tx.putHeader({ v: 1 });
    });
    expect(await storage.listIds("t")).toEqual(["b"]);
    await expect(
      storage.transaction(["t"], async (tx) => {
        await tx.putRow(row("c", 3));
        await tx.putHeader({ v: 2 });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await storage.listIds("t")).toEqual(["b"]);
    expect(await storage.getHeader()).toEqual({ v: 1 });
  });

  it("hides a transaction's writes until it commits, and drops them when the commit fails", async () => {
    const storage = new MemoryVaultStorage();
    storage.failNextCommit = new Error("disk full");
    await expect(
      storage.transaction(["t"], async (tx) => {
        await tx.putRow(row("a", 1));
        expect(await tx.getRow("t", "a")).toEqual(row("a", 1));
        expect(await storage.getRow("t", "a")).toBeUndefined();
      }),
    ).rejects.toThrow("disk full");
    expect(await storage.getRow("t", "a")).toBeUndefined();
  });

  it("copies bytes in and out, so callers cannot alias stored rows", async () => {
    const storage = new MemoryVaultStorage();
    const r = row("a", 1);
    await storage.putRow(r);
    r.ciphertext[0] = 9;
    expect(await storage.getRow("t", "a")).toEqual(row("a", 1));
  });
});

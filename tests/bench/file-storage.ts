/**
 * A VaultStorage on disk, for the benchmarks only: MemoryVaultStorage keeps
 * every row in the JavaScript heap, which would make a peak-memory figure
 * for gigabytes of attachments meaningless.
 *
 * Layout: `header.json`, and one file per row at `t-<hex table>/<hex id>`
 * holding a 4-byte big-endian nonce length, the nonce, then the ciphertext.
 * Names are the hex of the UTF-8, so any table or id is a safe file name.
 *
 * Transactions run one at a time (single writes queue behind them, as in
 * MemoryVaultStorage) and stage their writes in memory: reads inside see
 * them, a throw discards them, and they are applied only when `fn` returns.
 * Applying is NOT atomic on disk (each row is written to a temporary file
 * and renamed, but a crash half-way through a commit leaves part of it):
 * good enough to measure, never to keep data in.
 */
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StoredHeader, StoredRow, VaultStorage, VaultStore } from "../../shared/vault/storage-port";

const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");
const unhex = (h: string) => Buffer.from(h, "hex").toString("utf8");
const ROW_FILE = /^(?:[0-9a-f]{2})+$/;
const TABLE_DIR = /^t-((?:[0-9a-f]{2})+)$/;
const isMissing = (e: unknown) => (e as { code?: string } | null)?.code === "ENOENT";
/** Ascending by UTF-16 code unit, as the port asks (the default sort). */
const byCodeUnit = (ids: Iterable<string>) => [...ids].sort();

/** The store straight on disk. */
function diskStore(root: string): VaultStore {
  const headerFile = path.join(root, "header.json");
  const tableDir = (table: string) => path.join(root, `t-${hex(table)}`);
  const rowFile = (table: string, id: string) => path.join(tableDir(table), hex(id));
  let temp = 0;
  const writeAtomically = async (file: string, data: string | Uint8Array) => {
    const scratch = path.join(root, "tmp", `${process.pid}-${temp++}`);
    await writeFile(scratch, data);
    await rename(scratch, file);
  };
  const ids = async (table: string): Promise<string[]> => {
    try {
      return (await readdir(tableDir(table))).filter((n) => ROW_FILE.test(n)).map(unhex);
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  };
  return {
    async getHeader() {
      try {
        return JSON.parse(await readFile(headerFile, "utf8")) as unknown;
      } catch (e) {
        if (isMissing(e)) return undefined;
        throw e;
      }
    },
    putHeader: (header) => writeAtomically(headerFile, JSON.stringify(header)),
    deleteHeader: () => rm(headerFile, { force: true }),
    async getRow(table, id) {
      let handle;
      try {
        handle = await open(rowFile(table, id), "r");
      } catch (e) {
        if (isMissing(e)) return undefined;
        throw e;
      }
      try {
        const { size } = await handle.stat();
        const length = new Uint8Array(4);
        await handle.read(length, 0, 4, 0);
        const nonceBytes = new DataView(length.buffer).getUint32(0);
        // Fresh, exactly-sized arrays (no Buffer pool, no shared backing store).
        const nonce = new Uint8Array(nonceBytes);
        const ciphertext = new Uint8Array(size - 4 - nonceBytes);
        if (nonceBytes > 0) await handle.read(nonce, 0, nonceBytes, 4);
        for (let at = 0; at < ciphertext.length; ) {
          const { bytesRead } = await handle.read(ciphertext, at, ciphertext.length - at, 4 + nonceBytes + at);
          if (bytesRead === 0) throw new Error(`row file ${table}/${id} is shorter than its size`);
          at += bytesRead;
        }
        return { table, id, nonce, ciphertext } satisfies StoredRow;
      } finally {
        await handle.close();
      }
    },
    async putRow(row) {
      await mkdir(tableDir(row.table), { recursive: true });
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, row.nonce.length);
      await writeAtomically(rowFile(row.table, row.id), Buffer.concat([length, row.nonce, row.ciphertext]));
    },
    deleteRow: (table, id) => rm(rowFile(table, id), { force: true }),
    listIds: async (table) => byCodeUnit(await ids(table)),
    async listSlots() {
      const slots: { table: string; id: string }[] = [];
      for (const name of await readdir(root)) {
        const table = TABLE_DIR.exec(name)?.[1];
        if (table === undefined) continue;
        for (const id of await ids(unhex(table))) slots.push({ table: unhex(table), id });
      }
      return slots;
    },
  };
}

type Staged = { header?: { value: StoredHeader | undefined }; rows: Map<string, Map<string, StoredRow | undefined>> };

/** A transaction's view: its own writes over the disk. */
function stagedStore(disk: VaultStore, staged: Staged): VaultStore {
  const table = (name: string) => {
    let rows = staged.rows.get(name);
    if (!rows) staged.rows.set(name, (rows = new Map()));
    return rows;
  };
  const copy = (row: StoredRow): StoredRow => ({ table: row.table, id: row.id, nonce: row.nonce.slice(), ciphertext: row.ciphertext.slice() });
  return {
    getHeader: async () => (staged.header ? structuredClone(staged.header.value) : disk.getHeader()),
    putHeader: async (header) => void (staged.header = { value: structuredClone(header) }),
    deleteHeader: async () => void (staged.header = { value: undefined }),
    async getRow(name, id) {
      const rows = staged.rows.get(name);
      if (rows?.has(id)) {
        const row = rows.get(id);
        return row && copy(row);
      }
      return disk.getRow(name, id);
    },
    putRow: async (row) => void table(row.table).set(row.id, copy(row)),
    deleteRow: async (name, id) => void table(name).set(id, undefined),
    async listIds(name) {
      const ids = new Set(await disk.listIds(name));
      for (const [id, row] of staged.rows.get(name) ?? []) {
        if (row) ids.add(id);
        else ids.delete(id);
      }
      return byCodeUnit(ids);
    },
    async listSlots() {
      const slots = new Map((await disk.listSlots()).map((s) => [`${hex(s.table)}/${hex(s.id)}`, s]));
      for (const [name, rows] of staged.rows) {
        for (const [id, row] of rows) {
          if (row) slots.set(`${hex(name)}/${hex(id)}`, { table: name, id });
          else slots.delete(`${hex(name)}/${hex(id)}`);
        }
      }
      return [...slots.values()];
    },
  };
}

export class FileVaultStorage implements VaultStorage {
  private readonly disk: VaultStore;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly root: string) {
    this.disk = diskStore(root);
  }

  /** Storage in `root` (created if need be; an existing vault there is kept). */
  static async open(root: string): Promise<FileVaultStorage> {
    await mkdir(path.join(root, "tmp"), { recursive: true });
    return new FileVaultStorage(root);
  }

  getHeader = () => this.disk.getHeader();
  putHeader = (header: StoredHeader) => this.transaction([], (tx) => tx.putHeader(header));
  deleteHeader = () => this.transaction([], (tx) => tx.deleteHeader());
  getRow = (table: string, id: string) => this.disk.getRow(table, id);
  putRow = (row: StoredRow) => this.transaction([row.table], (tx) => tx.putRow(row));
  deleteRow = (table: string, id: string) => this.transaction([table], (tx) => tx.deleteRow(table, id));
  listIds = (table: string) => this.disk.listIds(table);
  listSlots = () => this.disk.listSlots();

  transaction<T>(_tables: readonly string[], fn: (tx: VaultStore) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const staged: Staged = { rows: new Map() };
      const result = await fn(stagedStore(this.disk, staged));
      // Not atomic from here on (see the top of this file).
      for (const [table, rows] of staged.rows) {
        for (const [id, row] of rows) await (row ? this.disk.putRow(row) : this.disk.deleteRow(table, id));
      }
      if (staged.header) await (staged.header.value === undefined ? this.disk.deleteHeader() : this.disk.putHeader(staged.header.value));
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

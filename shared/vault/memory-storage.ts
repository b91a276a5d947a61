/**
 * An in-memory VaultStorage for tests. Transactions are real: writes are
 * staged and applied only when the function returns, and transactions run
 * one at a time, as read-write IndexedDB transactions over the same stores do.
 * The `raw` methods let tests act as an attacker with the disk: tamper with,
 * copy, swap and delete rows, or rewrite the header.
 */
import type { StoredHeader, StoredRow, VaultStorage, VaultStore } from "./storage-port";

type Tables = Map<string, Map<string, StoredRow>>;

const cloneRow = (row: StoredRow): StoredRow => ({ table: row.table, id: row.id, nonce: row.nonce.slice(), ciphertext: row.ciphertext.slice() });

function cloneTables(tables: Tables): Tables {
  return new Map([...tables].map(([name, rows]) => [name, new Map(rows)]));
}

/** A store over given maps; used for committed state and for a transaction's staging copy. */
function storeOver(state: { header: StoredHeader | undefined; tables: Tables }): VaultStore {
  const table = (name: string): Map<string, StoredRow> => {
    let rows = state.tables.get(name);
    if (!rows) state.tables.set(name, (rows = new Map()));
    return rows;
  };
  return {
    getHeader: async () => (state.header === undefined ? undefined : structuredClone(state.header)),
    putHeader: async (header) => {
      state.header = structuredClone(header);
    },
    deleteHeader: async () => {
      state.header = undefined;
    },
    getRow: async (name, id) => {
      const row = state.tables.get(name)?.get(id);
      return row && cloneRow(row);
    },
    putRow: async (row) => {
      table(row.table).set(row.id, cloneRow(row));
    },
    deleteRow: async (name, id) => {
      state.tables.get(name)?.delete(id);
    },
    listIds: async (name) => [...(state.tables.get(name)?.keys() ?? [])].sort(),
    listSlots: async () => [...state.tables].flatMap(([table, rows]) => [...rows.keys()].map((id) => ({ table, id }))),
  };
}

export class MemoryVaultStorage implements VaultStorage {
  private readonly state: { header: StoredHeader | undefined; tables: Tables } = { header: undefined, tables: new Map() };
  private readonly store = storeOver(this.state);
  private queue: Promise<unknown> = Promise.resolve();
  /** When set, the next transaction throws this after `fn` ran, before committing. */
  failNextCommit: Error | undefined;

  getHeader = () => this.store.getHeader();
  // Single writes queue behind open transactions, as IndexedDB orders them.
  putHeader = (header: StoredHeader) => this.transaction([], (tx) => tx.putHeader(header));
  deleteHeader = () => this.transaction([], (tx) => tx.deleteHeader());
  getRow = (table: string, id: string) => this.store.getRow(table, id);
  putRow = (row: StoredRow) => this.transaction([row.table], (tx) => tx.putRow(row));
  deleteRow = (table: string, id: string) => this.transaction([table], (tx) => tx.deleteRow(table, id));
  listIds = (table: string) => this.store.listIds(table);
  listSlots = () => this.store.listSlots();

  transaction<T>(_tables: readonly string[], fn: (tx: VaultStore) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const staged = { header: this.state.header, tables: cloneTables(this.state.tables) };
      const result = await fn(storeOver(staged));
      const failure = this.failNextCommit;
      this.failNextCommit = undefined;
      if (failure) throw failure;
      this.state.header = staged.header;
      this.state.tables = staged.tables;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Direct access to the bytes, as someone editing IndexedDB would have. */
  readonly raw = {
    rows: (): StoredRow[] => [...this.state.tables.values()].flatMap((rows) => [...rows.values()].map(cloneRow)),
    row: (table: string, id: string): StoredRow | undefined => {
      const row = this.state.tables.get(table)?.get(id);
      return row && cloneRow(row);
    },
    /** Writes a row as given, even under a key that does not match its own table and id. */
    write: (table: string, id: string, row: StoredRow): void => {
      const rows = this.state.tables.get(table) ?? new Map<string, StoredRow>();
      rows.set(id, cloneRow(row));
      this.state.tables.set(table, rows);
    },
    remove: (table: string, id: string): void => {
      this.state.tables.get(table)?.delete(id);
    },
    header: (): StoredHeader | undefined => (this.state.header === undefined ? undefined : structuredClone(this.state.header)),
    setHeader: (header: StoredHeader): void => {
      this.state.header = structuredClone(header);
    },
  };
}

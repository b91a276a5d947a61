/**
 * The vault's storage port on IndexedDB, through Dexie. Rows are stored as
 * the vault hands them over (nonce and ciphertext); what comes back is
 * returned unparsed, for the vault core to validate, because anyone with the
 * disk can edit IndexedDB.
 */
import Dexie, { type Table } from "dexie";
import type { StoredHeader, StoredRow, VaultStorage, VaultStore } from "../../shared/vault/storage-port";
import { MIGRATIONS } from "./migrations";

const HEADER_KEY = "vault";

class VaultDatabase extends Dexie {
  declare header: Table<StoredHeader, string>;
  declare rows: Table<StoredRow, [string, string]>;

  constructor(name: string, indexedDB?: IDBFactory, keyRange?: typeof IDBKeyRange) {
    super(name, indexedDB && keyRange ? { indexedDB, IDBKeyRange: keyRange } : undefined);
    for (const m of MIGRATIONS) this.version(m.version).stores(m.stores);
  }
}

type Tables = { readonly header: Table<StoredHeader, string>; readonly rows: Table<StoredRow, [string, string]> };

function storeOver({ header, rows }: Tables): VaultStore {
  return {
    getHeader: () => header.get(HEADER_KEY),
    putHeader: async (value) => {
      await header.put(value, HEADER_KEY);
    },
    deleteHeader: () => header.delete(HEADER_KEY),
    getRow: (table, id) => rows.get([table, id]),
    putRow: async (row) => {
      await rows.put({ table: row.table, id: row.id, nonce: row.nonce, ciphertext: row.ciphertext });
    },
    deleteRow: (table, id) => rows.delete([table, id]),
    listIds: async (table) => (await rows.where("[table+id]").between([table, Dexie.minKey], [table, Dexie.maxKey]).primaryKeys()).map(([, id]) => id),
    listSlots: async () => (await rows.toCollection().primaryKeys()).map(([table, id]) => ({ table, id })),
  };
}

export class DexieVaultStorage implements VaultStorage {
  readonly #db: VaultDatabase;
  readonly #store: VaultStore;

  /** `indexedDB` and `keyRange` are for tests on fake-indexeddb; the app uses the browser's. */
  constructor(name = "attribution-panel-vault", indexedDB?: IDBFactory, keyRange?: typeof IDBKeyRange) {
    this.#db = new VaultDatabase(name, indexedDB, keyRange);
    this.#store = storeOver(this.#db);
  }

  getHeader = () => this.#store.getHeader();
  putHeader = (header: StoredHeader) => this.#store.putHeader(header);
  deleteHeader = () => this.#store.deleteHeader();
  getRow = (table: string, id: string) => this.#store.getRow(table, id);
  putRow = (row: StoredRow) => this.#store.putRow(row);
  deleteRow = (table: string, id: string) => this.#store.deleteRow(table, id);
  listIds = (table: string) => this.#store.listIds(table);
  listSlots = () => this.#store.listSlots();

  transaction<T>(_tables: readonly string[], fn: (tx: VaultStore) => Promise<T>): Promise<T> {
    // One store holds every table's rows, so the transaction always spans it and the header.
    // Its operations go through the transaction object itself, not Dexie's
    // implicit zone: the zone follows native async functions only for a few
    // ticks, after which operations would silently run outside the
    // transaction (and Dexie reports it committed too early).
    return this.#db.transaction("rw", this.#db.header, this.#db.rows, (tx) =>
      fn(storeOver({ header: tx.table("header") as Table<StoredHeader, string>, rows: tx.table("rows") as Table<StoredRow, [string, string]> })),
    );
  }

  close(): void {
    this.#db.close();
  }

  /** Deletes the whole database (restore into an empty profile, tests). */
  async destroy(): Promise<void> {
    await this.#db.delete();
  }
}

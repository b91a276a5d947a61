/**
 * The storage port of the vault. The vault core never sees IndexedDB: the
 * renderer implements this with Dexie (one object store per table, plus one
 * for the header), the tests with `MemoryVaultStorage`.
 *
 * Rows are opaque. A row's key is (table, id) and its only content is a nonce
 * and a ciphertext, so nothing an implementation can index (titles, names,
 * dates, markings) is ever in clear. Ids are random or keyed (see
 * record-slot.ts), never derived from content.
 */
import { z } from "../validation/zod";

export type StoredRow = {
  readonly table: string;
  readonly id: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
};

/** The header as stored: a plain JSON object, parsed with its schema on every read. */
export type StoredHeader = { readonly [key: string]: unknown };

/** Reads and writes; everything a transaction may do. */
export interface VaultStore {
  getHeader(): Promise<unknown>;
  putHeader(header: StoredHeader): Promise<void>;
  /** Only to undo a restore that proved unusable: the profile becomes empty again. */
  deleteHeader(): Promise<void>;
  /** The row stored under (table, id), or undefined. */
  getRow(table: string, id: string): Promise<unknown>;
  putRow(row: StoredRow): Promise<void>;
  deleteRow(table: string, id: string): Promise<void>;
  /** Every id stored in `table`, in ascending code-unit order. */
  listIds(table: string): Promise<string[]>;
  /** Every (table, id) stored, for backups and content digests. */
  listSlots(): Promise<{ table: string; id: string }[]>;
}

export interface VaultStorage extends VaultStore {
  /**
   * Runs `fn` in one read-write transaction over `tables` and the header:
   * every write in it lands, or none does (the transaction aborts when `fn`
   * throws). As with IndexedDB, `fn` must await only the transaction's own
   * operations: an unrelated await would let IndexedDB commit early.
   */
  transaction<T>(tables: readonly string[], fn: (tx: VaultStore) => Promise<T>): Promise<T>;
}

/**
 * What comes back from storage crosses a trust boundary (anyone with the disk
 * can edit IndexedDB), so rows are parsed before use.
 */
export const storedRowSchema = z.object({
  table: z.string(),
  id: z.string(),
  nonce: z.instanceof(Uint8Array),
  ciphertext: z.instanceof(Uint8Array),
});

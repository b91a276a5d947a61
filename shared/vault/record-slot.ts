/**
 * Where a record lives: its table and id. Both end up in clear as storage
 * keys, so both are restricted to shapes that cannot carry content: table
 * names are fixed identifiers chosen by code, ids are random, or keyed
 * (HMAC under a subkey of the vault key: audit entries, pinned senders,
 * received cases), base64url strings.
 */
import { hkdfSha256, hmacSha256, randomBytes, toBase64Url, wipe } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";

export type RecordSlot = { readonly table: string; readonly id: string };

const TABLE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const isTableName = (table: string): boolean => TABLE_NAME.test(table);
export const isRecordId = (id: string): boolean => RECORD_ID.test(id);

/** Unpadded base64url (RFC 4648 §5): the crypto module's, kept importable from here for the record ids. */
export { toBase64Url };

/** A fresh random record id: 128 bits, so ids never collide and say nothing. */
export function newRecordId(): string {
  return toBase64Url(randomBytes(16));
}

const PURPOSE = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The id of a record found by what it is about (a secretariat's fingerprint,
 * a case id) rather than by a random id: HMAC-SHA-256 of `value` under a
 * subkey derived from the vault key for `purpose` alone (HKDF-SHA-256 with a
 * fixed info string). Opaque on disk, so the disk does not tell whether a
 * given value is there, and stable, so the record is found again. The subkey
 * lives only for this call.
 */
export function keyedRecordId(vaultKey: Uint8Array, purpose: string, value: string): string {
  if (!PURPOSE.test(purpose)) throw new RangeError(`invalid keyed id purpose ${JSON.stringify(purpose)}`);
  const subkey = hkdfSha256(vaultKey, new Uint8Array(0), utf8(`attribution-panel/vault/record-id/${purpose}/v1`), 32);
  try {
    return toBase64Url(hmacSha256(subkey, utf8(value)));
  } finally {
    wipe(subkey);
  }
}

/** Tables and ids come from code, not from people, so a bad one is a bug and throws. */
export function assertSlot(table: string, id: string): void {
  if (!isTableName(table)) throw new RangeError(`invalid vault table name ${JSON.stringify(table)}`);
  if (!isRecordId(id)) throw new RangeError(`invalid vault record id ${JSON.stringify(id)}`);
}

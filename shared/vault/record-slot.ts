/**
 * Where a record lives: its table and id. Both end up in clear as storage
 * keys, so both are restricted to shapes that cannot carry content: table
 * names are fixed identifiers chosen by code, ids are random (or keyed, for
 * the audit log) base64url strings.
 */
import { randomBytes, toBase64 } from "../crypto/sodium";

export type RecordSlot = { readonly table: string; readonly id: string };

const TABLE_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const isTableName = (table: string): boolean => TABLE_NAME.test(table);
export const isRecordId = (id: string): boolean => RECORD_ID.test(id);

/** Unpadded base64url (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes, false).replace(/\+/g, "-").replace(/\//g, "_");
}

/** A fresh random record id: 128 bits, so ids never collide and say nothing. */
export function newRecordId(): string {
  return toBase64Url(randomBytes(16));
}

/** Tables and ids come from code, not from people, so a bad one is a bug and throws. */
export function assertSlot(table: string, id: string): void {
  if (!isTableName(table)) throw new RangeError(`invalid vault table name ${JSON.stringify(table)}`);
  if (!isRecordId(id)) throw new RangeError(`invalid vault record id ${JSON.stringify(id)}`);
}

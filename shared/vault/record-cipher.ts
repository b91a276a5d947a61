/**
 * Encryption of one record: canonical JSON, sealed with XChaCha20-Poly1305
 * under the vault key with a fresh random nonce. The associated data is the
 * canonical JSON of { table, id, formatVersion } of the slot the record is
 * written to, and decryption recomputes it from the slot the caller asked
 * for (never from the row itself), so a row copied or swapped into another
 * slot fails authentication like any modified byte.
 *
 * Not covered here: replaying an older ciphertext of the same slot
 * (rollback). That needs state outside the row: the record index names each
 * row's current version (record-index.ts).
 */
import type { z } from "../validation/zod";
import { randomBytes, wipe, xchacha20Poly1305Open, xchacha20Poly1305Seal, XCHACHA20POLY1305_NONCE_BYTES } from "../crypto/sodium";
import { canonicalJson, parseStrictJson } from "../formats/jcs";
import { err, ok, type Result } from "../result";
import { issuesNote, issuesOf } from "../validation/issues";
import type { RecordSlot } from "./record-slot";
import { storedRowSchema, type StoredRow } from "./storage-port";
import { VAULT_FORMAT_VERSION } from "./vault-header";

export type RecordError =
  /** Authentication failed: modified, truncated, swapped from another slot, or not a row at all. */
  | { readonly kind: "tampered"; readonly table: string; readonly id: string }
  /** Authentic, but not the shape the caller expects (a bug or an unmigrated record). */
  | { readonly kind: "malformed"; readonly table: string; readonly id: string; readonly detail: string };

export type SealError = { readonly kind: "unserialisable"; readonly table: string; readonly id: string; readonly detail: string };

function associatedData(slot: RecordSlot): Uint8Array {
  const ad = canonicalJson({ table: slot.table, id: slot.id, formatVersion: VAULT_FORMAT_VERSION });
  if (!ad.ok) throw new Error("record associated data is not serialisable");
  return ad.value;
}

export function sealRecord(key: Uint8Array, slot: RecordSlot, value: unknown): Result<StoredRow, SealError> {
  const plaintext = canonicalJson(value);
  if (!plaintext.ok) return err({ kind: "unserialisable", ...slotOf(slot), detail: plaintext.error.kind });
  const nonce = randomBytes(XCHACHA20POLY1305_NONCE_BYTES);
  const ciphertext = xchacha20Poly1305Seal(plaintext.value, nonce, key, associatedData(slot));
  wipe(plaintext.value);
  return ok({ ...slotOf(slot), nonce, ciphertext });
}

const slotOf = (slot: RecordSlot): RecordSlot => ({ table: slot.table, id: slot.id });

/** Decrypts what storage returned for `slot` and parses it with `schema`. */
export function openRecord<S extends z.ZodType>(key: Uint8Array, slot: RecordSlot, stored: unknown, schema: S): Result<z.infer<S>, RecordError> {
  const tampered = err({ kind: "tampered" as const, ...slotOf(slot) });
  const row = storedRowSchema.safeParse(stored);
  if (!row.success || row.data.nonce.length !== XCHACHA20POLY1305_NONCE_BYTES) return tampered;
  const plaintext = xchacha20Poly1305Open(row.data.ciphertext, row.data.nonce, key, associatedData(slot));
  if (!plaintext) return tampered;
  try {
    const json = parseStrictJson(plaintext);
    if (!json.ok) return err({ kind: "malformed", ...slotOf(slot), detail: json.error.kind });
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) return err({ kind: "malformed", ...slotOf(slot), detail: issuesNote(issuesOf(parsed.error)) });
    return ok(parsed.data as z.infer<S>);
  } finally {
    wipe(plaintext);
  }
}

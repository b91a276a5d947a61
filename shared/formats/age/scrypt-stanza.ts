/**
 * The scrypt (passphrase) stanza. Attribution Panel encrypts documents to
 * X25519 keys; passphrases protect only vault backups (which must open in an
 * empty profile, before any key exists). The reader accepts what another tool
 * wrote and rejects what the spec rejects.
 *   -> scrypt <base64(16-byte salt)> <work factor, decimal, no leading zero>
 * wrap key = scrypt(passphrase, "age-encryption.org/v1/scrypt" ‖ salt, N = 2^wf, r = 8, p = 1).
 */
import { chacha20Poly1305Open, chacha20Poly1305Seal, CHACHA20POLY1305_NONCE_BYTES, fromBase64, randomBytes, scrypt, toBase64, wipe } from "../../crypto/sodium";
import { concatBytes, utf8 } from "../../encoding/bytes";
import { err, ok, type Result } from "../../result";
import type { AgeError } from "./errors";
import type { Stanza } from "./header";
import { FILE_KEY_BYTES } from "./x25519-stanza";

export const SCRYPT_STANZA_TYPE = "scrypt";
/**
 * The highest work factor accepted: 2^20 × 1 KiB = 1 GiB of memory, the most
 * libsodium's WebAssembly build can allocate (21 and 22 fail inside it).
 */
export const MAX_SCRYPT_WORK_FACTOR = 20;
const LABEL = utf8("age-encryption.org/v1/scrypt");
const ZERO_NONCE = new Uint8Array(CHACHA20POLY1305_NONCE_BYTES);

/** The work factor age itself uses by default (about a second on a laptop). */
export const DEFAULT_SCRYPT_WORK_FACTOR = 18;

/** Wraps the file key under a passphrase; per the spec it must be the file's only stanza. */
export function wrapForScrypt(fileKey: Uint8Array, passphrase: string, workFactor = DEFAULT_SCRYPT_WORK_FACTOR): Stanza {
  if (!Number.isInteger(workFactor) || workFactor < 1 || workFactor > MAX_SCRYPT_WORK_FACTOR) throw new RangeError(`scrypt work factor ${workFactor} is out of range`);
  const salt = randomBytes(16);
  const secret = utf8(passphrase);
  const wrapKey = scrypt(secret, concatBytes(LABEL, salt), workFactor, 32);
  const body = chacha20Poly1305Seal(fileKey, ZERO_NONCE, wrapKey);
  wipe(secret, wrapKey);
  return { type: SCRYPT_STANZA_TYPE, args: [toBase64(salt, false), String(workFactor)], body };
}

export function unwrapScrypt(stanza: Stanza, passphrase: string): Result<Uint8Array | undefined, AgeError> {
  const [saltText, workFactorText, ...extra] = stanza.args;
  if (saltText === undefined || workFactorText === undefined || extra.length > 0) {
    return err({ kind: "malformed-header", reason: "scrypt-arguments" });
  }
  const salt = fromBase64(saltText, false);
  if (!salt || salt.length !== 16) return err({ kind: "malformed-header", reason: "scrypt-salt" });
  if (!/^[1-9][0-9]?$/.test(workFactorText)) return err({ kind: "malformed-header", reason: "scrypt-work-factor" });
  const workFactor = Number(workFactorText);
  if (workFactor > MAX_SCRYPT_WORK_FACTOR) return err({ kind: "malformed-header", reason: "scrypt-work-factor-too-high", workFactor });
  if (stanza.body.length !== FILE_KEY_BYTES + 16) return err({ kind: "malformed-header", reason: "scrypt-body-length" });
  const secret = utf8(passphrase);
  let wrapKey: Uint8Array;
  try {
    wrapKey = scrypt(secret, concatBytes(LABEL, salt), workFactor, 32);
  } catch {
    wipe(secret);
    return err({ kind: "malformed-header", reason: "scrypt-work-factor-out-of-memory", workFactor });
  }
  const fileKey = chacha20Poly1305Open(stanza.body, ZERO_NONCE, wrapKey);
  wipe(secret, wrapKey);
  return ok(fileKey);
}

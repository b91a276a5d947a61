/**
 * The X25519 recipient stanza (C2SP age §"The X25519 recipient type"):
 *   -> X25519 <base64(ephemeral share)>
 *   <base64(ChaCha20-Poly1305(wrap key, zero nonce, file key))>
 * wrap key = HKDF-SHA-256(ikm = X25519(e, R), salt = share ‖ R, info = "age-encryption.org/v1/X25519").
 */
import {
  chacha20Poly1305Open,
  chacha20Poly1305Seal,
  CHACHA20POLY1305_NONCE_BYTES,
  fromBase64,
  hkdfSha256,
  randomBytes,
  toBase64,
  wipe,
  x25519,
  x25519Base,
  X25519_KEY_BYTES,
} from "../../crypto/sodium";
import { concatBytes, utf8 } from "../../encoding/bytes";
import { err, ok, type Result } from "../../result";
import type { AgeError } from "./errors";
import type { Stanza } from "./header";

export const X25519_STANZA_TYPE = "X25519";
export const FILE_KEY_BYTES = 16;
const INFO = utf8("age-encryption.org/v1/X25519");
const ZERO_NONCE = new Uint8Array(CHACHA20POLY1305_NONCE_BYTES);

export function wrapForX25519(fileKey: Uint8Array, recipient: Uint8Array): Stanza {
  const ephemeral = randomBytes(X25519_KEY_BYTES);
  const share = x25519Base(ephemeral);
  const shared = x25519(ephemeral, recipient);
  wipe(ephemeral);
  // An all-zero shared secret means a low-order recipient key: refuse to encrypt to it.
  if (!shared) throw new Error("refusing to encrypt to a low-order X25519 recipient");
  const wrapKey = hkdfSha256(shared, concatBytes(share, recipient), INFO, 32);
  const body = chacha20Poly1305Seal(fileKey, ZERO_NONCE, wrapKey);
  wipe(shared, wrapKey);
  return { type: X25519_STANZA_TYPE, args: [toBase64(share, false)], body };
}

/**
 * Tries one identity against one X25519 stanza: the file key, `undefined` if
 * the stanza is for someone else, or an error if the stanza is malformed.
 */
export function unwrapX25519(stanza: Stanza, identity: Uint8Array, publicKey: Uint8Array): Result<Uint8Array | undefined, AgeError> {
  const [shareText, ...extra] = stanza.args;
  if (shareText === undefined || extra.length > 0) return err({ kind: "malformed-header", reason: "x25519-arguments" });
  const share = fromBase64(shareText, false);
  if (!share || share.length !== X25519_KEY_BYTES) return err({ kind: "malformed-header", reason: "x25519-share" });
  if (stanza.body.length !== FILE_KEY_BYTES + 16) return err({ kind: "malformed-header", reason: "x25519-body-length" });
  const shared = x25519(identity, share);
  if (!shared) return err({ kind: "malformed-header", reason: "x25519-low-order-share" });
  const wrapKey = hkdfSha256(shared, concatBytes(share, publicKey), INFO, 32);
  const fileKey = chacha20Poly1305Open(stanza.body, ZERO_NONCE, wrapKey);
  wipe(shared, wrapKey);
  return ok(fileKey);
}

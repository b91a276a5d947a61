/**
 * age's payload (C2SP age §"Payload"): a 16-byte nonce, then the STREAM
 * construction — 64 KiB plaintext chunks sealed with ChaCha20-Poly1305 under
 * HKDF-SHA-256(file key, salt = nonce, info = "payload"), each chunk's nonce
 * being an 11-byte big-endian counter and a last-chunk flag byte.
 */
import { chacha20Poly1305Open, chacha20Poly1305Seal, CHACHA20POLY1305_NONCE_BYTES, hkdfSha256, POLY1305_TAG_BYTES, wipe } from "../../crypto/sodium";
import { utf8 } from "../../encoding/bytes";

export const CHUNK_BYTES = 64 * 1024;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + POLY1305_TAG_BYTES;
export const PAYLOAD_NONCE_BYTES = 16;
const PAYLOAD_INFO = utf8("payload");

export function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Uint8Array {
  return hkdfSha256(fileKey, nonce, PAYLOAD_INFO, 32);
}

/** The nonce of chunk `counter`: 11-byte big-endian counter, then 1 for the last chunk, else 0 (written into `into` when given). */
export function streamNonce(counter: number, last: boolean, into: Uint8Array = new Uint8Array(CHACHA20POLY1305_NONCE_BYTES)): Uint8Array {
  // JavaScript numbers are exact far past any real file.
  let c = counter;
  for (let i = 10; i >= 0; i--) {
    into[i] = c % 256;
    c = Math.floor(c / 256);
  }
  into[11] = last ? 1 : 0;
  return into;
}

/** Seals or opens successive chunks, tracking the counter. */
export class StreamCipher {
  #key: Uint8Array;
  #counter = 0;
  #nonce = new Uint8Array(CHACHA20POLY1305_NONCE_BYTES);

  constructor(key: Uint8Array) {
    this.#key = key;
  }

  get chunks(): number {
    return this.#counter;
  }

  #next(last: boolean): Uint8Array {
    return streamNonce(this.#counter, last, this.#nonce);
  }

  seal(plaintext: Uint8Array, last: boolean): Uint8Array {
    const sealed = chacha20Poly1305Seal(plaintext, this.#next(last), this.#key);
    this.#counter++;
    return sealed;
  }

  /** The plaintext, or undefined if the chunk does not authenticate at this position. */
  open(sealed: Uint8Array, last: boolean): Uint8Array | undefined {
    const plaintext = chacha20Poly1305Open(sealed, this.#next(last), this.#key);
    if (plaintext) this.#counter++;
    return plaintext;
  }

  dispose(): void {
    wipe(this.#key);
  }
}

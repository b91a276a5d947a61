/** Encryption, incremental: push plaintext, get ciphertext. */
import { hkdfSha256, hmacSha256, randomBytes, wipe } from "../../crypto/sodium";
import { ByteQueue } from "../../encoding/byte-queue";
import { utf8 } from "../../encoding/bytes";
import { encodeHeader, encodeHeaderWithoutMac, type Stanza } from "./header";
import { wrapForScrypt } from "./scrypt-stanza";
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, payloadKey, StreamCipher } from "./stream";
import { FILE_KEY_BYTES, wrapForX25519 } from "./x25519-stanza";

const HEADER_INFO = utf8("header");

export class AgeWriter {
  #pending = new ByteQueue();
  #cipher: StreamCipher;
  #preamble: Uint8Array | undefined;

  /** To X25519 public keys (see parseRecipient). */
  static toRecipients(recipients: readonly Uint8Array[]): AgeWriter {
    if (recipients.length === 0) throw new RangeError("an age file needs at least one recipient");
    return new AgeWriter((fileKey) => recipients.map((r) => wrapForX25519(fileKey, r)));
  }

  /** To a passphrase (scrypt); the only stanza, as the spec requires. */
  static toPassphrase(passphrase: string, workFactor?: number): AgeWriter {
    return new AgeWriter((fileKey) => [wrapForScrypt(fileKey, passphrase, workFactor)]);
  }

  private constructor(wrap: (fileKey: Uint8Array) => Stanza[]) {
    const fileKey = randomBytes(FILE_KEY_BYTES);
    let stanzas;
    try {
      stanzas = wrap(fileKey);
    } catch (e) {
      wipe(fileKey);
      throw e;
    }
    const macKey = hkdfSha256(fileKey, new Uint8Array(0), HEADER_INFO, 32);
    const header = encodeHeader(stanzas, hmacSha256(macKey, encodeHeaderWithoutMac(stanzas)));
    const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
    this.#cipher = new StreamCipher(payloadKey(fileKey, nonce));
    wipe(fileKey, macKey);
    this.#preamble = new Uint8Array(header.length + nonce.length);
    this.#preamble.set(header);
    this.#preamble.set(nonce, header.length);
  }

  #start(emit: (chunk: Uint8Array) => void): void {
    if (this.#preamble) {
      emit(this.#preamble);
      this.#preamble = undefined;
    }
  }

  push(plaintext: Uint8Array, emit: (chunk: Uint8Array) => void): void {
    this.#start(emit);
    this.#pending.push(plaintext);
    // Only a chunk known not to be the last is sealed now: more data must follow it.
    while (this.#pending.length > CHUNK_BYTES) emit(this.#cipher.seal(this.#pending.take(CHUNK_BYTES), false));
  }

  finish(emit: (chunk: Uint8Array) => void): void {
    this.#start(emit);
    emit(this.#cipher.seal(this.#pending.takeAll(), true));
    this.#cipher.dispose();
  }
}

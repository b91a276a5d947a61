/**
 * Decryption, incremental: push ciphertext, get plaintext chunk by chunk,
 * each released only once it has authenticated. Every refusal is thrown as
 * an AgeStreamError carrying a typed AgeError.
 */
import { constantTimeEqual, hkdfSha256, hmacSha256, POLY1305_TAG_BYTES, wipe, x25519Base } from "../../crypto/sodium";
import { ByteQueue } from "../../encoding/byte-queue";
import { utf8 } from "../../encoding/bytes";
import { AgeStreamError, type AgeError } from "./errors";
import { MAX_HEADER_BYTES, parseHeader, VERSION_LINE, type ParsedHeader } from "./header";
import { SCRYPT_STANZA_TYPE, unwrapScrypt } from "./scrypt-stanza";
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, payloadKey, SEALED_CHUNK_BYTES, StreamCipher } from "./stream";
import { unwrapX25519, X25519_STANZA_TYPE } from "./x25519-stanza";
import type { Result } from "../../result";

/** What can open an age file: an X25519 identity, or a passphrase for files made with `age -p`. */
export type AgeDecryptionKey = { readonly kind: "x25519"; readonly secretKey: Uint8Array } | { readonly kind: "passphrase"; readonly passphrase: string };

const HEADER_INFO = utf8("header");

/** Where the first line beginning "---" (the MAC line) starts, searching from `from`. */
function macLineStart(bytes: Uint8Array, from: number): number | undefined {
  for (let i = bytes.indexOf(0x0a, from); i >= 0 && i + 3 < bytes.length; i = bytes.indexOf(0x0a, i + 1)) {
    if (bytes[i + 1] === 0x2d && bytes[i + 2] === 0x2d && bytes[i + 3] === 0x2d) return i + 1;
  }
  return undefined;
}

function fail(error: AgeError, plaintextCapacity?: number): never {
  throw new AgeStreamError(error, plaintextCapacity);
}

function unwrap<T>(result: Result<T, AgeError>): T {
  if (!result.ok) fail(result.error);
  return result.value;
}

/** Finds the file key: every stanza of a type we know is checked, so a malformed one is never ignored. */
function findFileKey(header: ParsedHeader, keys: readonly AgeDecryptionKey[]): Uint8Array {
  const scryptStanzas = header.stanzas.filter((s) => s.type === SCRYPT_STANZA_TYPE);
  if (scryptStanzas.length > 0 && header.stanzas.length > 1) {
    fail({ kind: "malformed-header", reason: "passphrase-stanza-not-alone" });
  }
  let fileKey: Uint8Array | undefined;
  const publicKeys = keys.map((k) => (k.kind === "x25519" ? x25519Base(k.secretKey) : undefined));
  try {
    for (const stanza of header.stanzas) {
      keys.forEach((key, i) => {
        let candidate: Uint8Array | undefined;
        if (stanza.type === X25519_STANZA_TYPE && key.kind === "x25519") candidate = unwrap(unwrapX25519(stanza, key.secretKey, publicKeys[i] as Uint8Array));
        else if (stanza.type === SCRYPT_STANZA_TYPE && key.kind === "passphrase") candidate = unwrap(unwrapScrypt(stanza, key.passphrase));
        else return;
        if (candidate && !fileKey) fileKey = candidate;
        else wipe(candidate);
      });
    }
  } catch (e) {
    wipe(fileKey);
    throw e;
  }
  if (!fileKey) fail({ kind: "not-a-recipient" });
  return fileKey;
}

type State = "header" | "nonce" | "payload" | "done";

export class AgeReader {
  readonly #keys: readonly AgeDecryptionKey[];
  #state: State = "header";
  #headerBytes = new Uint8Array(0);
  #headerLength = 0;
  #macLineStart: number | undefined;

  /** Appends to the header buffer, doubling its capacity as needed (amortised linear). */
  #appendHeaderBytes(data: Uint8Array): void {
    const needed = this.#headerLength + data.length;
    if (needed > this.#headerBytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#headerBytes.length * 2, 1024));
      grown.set(this.#headerBytes.subarray(0, this.#headerLength));
      this.#headerBytes = grown;
    }
    this.#headerBytes.set(data, this.#headerLength);
    this.#headerLength = needed;
  }
  #queue = new ByteQueue();
  #fileKey: Uint8Array | undefined;
  #cipher: StreamCipher | undefined;

  constructor(keys: readonly AgeDecryptionKey[]) {
    this.#keys = keys;
  }

  push(data: Uint8Array, emit: (chunk: Uint8Array) => void): void {
    if (this.#state === "header") {
      const start = this.#headerLength;
      this.#appendHeaderBytes(data);
      const bytes = this.#headerBytes.subarray(0, this.#headerLength);
      // Parse only when it can succeed or fail for good: once the version line
      // is complete, and whenever a new "\n---" (the MAC line) has arrived.
      // Re-parsing on every push would be quadratic on a long header.
      const versionLineDone = start <= VERSION_LINE.length && this.#headerLength > VERSION_LINE.length;
      this.#macLineStart ??= macLineStart(bytes, Math.max(0, start - 3));
      const macLineDone = this.#macLineStart !== undefined && bytes.indexOf(0x0a, Math.max(this.#macLineStart, start)) >= 0;
      if (!versionLineDone && !macLineDone) {
        if (this.#headerLength > MAX_HEADER_BYTES) fail({ kind: "malformed-header", reason: "too-long" });
        return;
      }
      const parsed = parseHeader(bytes);
      if (parsed === undefined) {
        if (this.#headerLength > MAX_HEADER_BYTES) fail({ kind: "malformed-header", reason: "too-long" });
        return;
      }
      const header = unwrap(parsed);
      this.#acceptHeader(header);
      this.#queue.push(bytes.slice(header.length));
      this.#headerBytes = new Uint8Array(0);
      this.#headerLength = 0;
      this.#state = "nonce";
    } else {
      this.#queue.push(data);
    }
    this.#drain(emit);
  }

  #acceptHeader(header: ParsedHeader): void {
    const fileKey = findFileKey(header, this.#keys);
    const macKey = hkdfSha256(fileKey, new Uint8Array(0), HEADER_INFO, 32);
    const mac = hmacSha256(macKey, header.macInput);
    wipe(macKey);
    if (!constantTimeEqual(mac, header.mac)) {
      wipe(fileKey);
      fail({ kind: "header-tampered" });
    }
    this.#fileKey = fileKey;
  }

  #drain(emit: (chunk: Uint8Array) => void): void {
    if (this.#state === "nonce" && this.#queue.length >= PAYLOAD_NONCE_BYTES) {
      const nonce = this.#queue.take(PAYLOAD_NONCE_BYTES);
      this.#cipher = new StreamCipher(payloadKey(this.#fileKey as Uint8Array, nonce));
      wipe(this.#fileKey);
      this.#fileKey = undefined;
      this.#state = "payload";
    }
    if (this.#state !== "payload") return;
    const cipher = this.#cipher as StreamCipher;
    // A full chunk with more bytes after it cannot be the last one.
    while (this.#queue.length > SEALED_CHUNK_BYTES) {
      const sealed = this.#queue.take(SEALED_CHUNK_BYTES);
      const plaintext = cipher.open(sealed, false);
      if (plaintext) {
        emit(plaintext);
        continue;
      }
      // A genuine final chunk followed by more data: release it, then refuse the rest (as age does).
      const final = cipher.open(sealed, true);
      if (!final) this.#abort({ kind: "tampered", chunk: cipher.chunks + 1 });
      emit(final as Uint8Array);
      this.#abort({ kind: "trailing-data" });
    }
  }

  finish(emit: (chunk: Uint8Array) => void): void {
    if (this.#state === "header") {
      if (this.#headerLength > 0) {
        const parsed = parseHeader(this.#headerBytes.subarray(0, this.#headerLength));
        if (parsed && !parsed.ok) fail(parsed.error);
      }
      fail({ kind: "truncated", part: "header", reason: this.#headerLength === 0 ? "empty" : "header-ends-early" });
    }
    if (this.#state === "nonce") this.#abort({ kind: "truncated", part: "header", reason: "nonce-missing" });
    if (this.#state !== "payload") return;
    const cipher = this.#cipher as StreamCipher;
    const rest = this.#queue.takeAll();
    if (rest.length === 0) {
      this.#abort({ kind: "truncated", part: "payload", reason: cipher.chunks === 0 ? "no-chunks" : "final-chunk-missing" });
    }
    if (rest.length < POLY1305_TAG_BYTES) this.#abort({ kind: "truncated", part: "payload", reason: "final-chunk-short" });
    const plaintext = cipher.open(rest, true);
    if (!plaintext) {
      // A chunk that authenticates as non-final means the end is missing. Only a
      // full chunk can legitimately be non-final, so only that one is released (as age does).
      const notFinal = cipher.open(rest, false);
      if (notFinal && rest.length === SEALED_CHUNK_BYTES) emit(notFinal);
      if (notFinal) this.#abort({ kind: "truncated", part: "payload", reason: "final-chunk-missing" });
      // Only a file's first chunk may be empty: a bare tag after full chunks is what is left of a longer chunk.
      if (rest.length === POLY1305_TAG_BYTES && cipher.chunks > 0) this.#abort({ kind: "truncated", part: "payload", reason: "final-chunk-short" });
      // A cut inside a chunk and an altered chunk look alike here; what the file can still hold lets a reader that knows the length tell them apart.
      // Every chunk opened before this one was a full, non-final chunk.
      this.#abort({ kind: "tampered", chunk: cipher.chunks + 1 }, cipher.chunks * CHUNK_BYTES + rest.length - POLY1305_TAG_BYTES);
    }
    if ((plaintext as Uint8Array).length === 0 && cipher.chunks > 1) this.#abort({ kind: "malformed-payload", reason: "final-chunk-empty" });
    this.#state = "done";
    cipher.dispose();
    emit(plaintext as Uint8Array);
  }

  #abort(error: AgeError, plaintextCapacity?: number): never {
    this.#cipher?.dispose();
    wipe(this.#fileKey);
    this.#state = "done";
    fail(error, plaintextCapacity);
  }
}

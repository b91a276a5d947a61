/**
 * age v1 (https://age-encryption.org/v1, C2SP) with X25519 recipients, on
 * libsodium. Streams in both directions with bounded memory (Web Streams, so
 * the renderer and Node share this code); byte-array helpers for small files.
 *
 * A decrypting stream releases each 64 KiB chunk once it has authenticated,
 * and errors with an AgeStreamError on any refusal, so a consumer must treat
 * what it received before an error as void (decryptBytes does this for you).
 */
import { concatBytes, readAllBytes } from "../../encoding/bytes";
import { err, ok, type Result } from "../../result";
import { ArmorReader, ArmorWriter, looksArmored } from "./armor";
import { ageErrorOf, type AgeError } from "./errors";
import { AgeReader, type AgeDecryptionKey } from "./reader";
import { AgeWriter } from "./writer";

export type { AgeDecryptionKey } from "./reader";
export { ageErrorOf, AgeStreamError, truncationByLength, type AgeError } from "./errors";
export { encodeIdentity, encodeRecipient, parseIdentity, parseRecipient, recipientOf, type AgeIdentity, type AgeRecipient } from "./keys";

type Emit = (chunk: Uint8Array) => void;
type Incremental = { push(data: Uint8Array, emit: Emit): void; finish(emit: Emit): void };

function transform(stage: Incremental): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream<Uint8Array, Uint8Array>({
    transform: (chunk, controller) => stage.push(chunk, (c) => controller.enqueue(c)),
    flush: (controller) => stage.finish((c) => controller.enqueue(c)),
  });
}

/** Chains two stages: what the first emits is pushed into the second. */
function chain(first: Incremental, second: Incremental): Incremental {
  return {
    push: (data, emit) => first.push(data, (c) => second.push(c, emit)),
    finish: (emit) => {
      first.finish((c) => second.push(c, emit));
      second.finish(emit);
    },
  };
}

/** Decides between armored and binary input from the first bytes, then hands over. */
class AutoDetect implements Incremental {
  #head: Uint8Array[] = [];
  #stage: Incremental | undefined;
  constructor(private readonly make: () => Incremental) {}

  push(data: Uint8Array, emit: Emit): void {
    if (this.#stage) return this.#stage.push(data, emit);
    this.#head.push(data);
    const joined = concatBytes(...this.#head);
    const armored = looksArmored(joined);
    if (armored === undefined) return;
    this.#stage = armored ? chain(new ArmorReader(), this.make()) : this.make();
    this.#head = [];
    this.#stage.push(joined, emit);
  }

  finish(emit: Emit): void {
    if (!this.#stage) {
      this.#stage = this.make();
      this.#stage.push(concatBytes(...this.#head), emit);
    }
    this.#stage.finish(emit);
  }
}

/** Encrypts to X25519 public keys (see parseRecipient). Chunks written become the stream's: do not modify them afterwards. */
export function encryptStream(recipients: readonly Uint8Array[], options: { armor?: boolean } = {}): TransformStream<Uint8Array, Uint8Array> {
  const writer = AgeWriter.toRecipients(recipients);
  return transform(options.armor ? chain(writer, new ArmorWriter()) : writer);
}

/**
 * Encrypts to a passphrase (an scrypt stanza, work factor 18 by default, as
 * `age -p`). Used only for vault backups; documents go to X25519 keys.
 */
export function encryptStreamWithPassphrase(passphrase: string, options: { armor?: boolean; workFactor?: number } = {}): TransformStream<Uint8Array, Uint8Array> {
  const writer = AgeWriter.toPassphrase(passphrase, options.workFactor);
  return transform(options.armor ? chain(writer, new ArmorWriter()) : writer);
}

/**
 * Decrypts an age file with any of `keys`. `armor`: true or false when the
 * caller knows; by default it is detected from the first bytes.
 */
export function decryptStream(keys: readonly AgeDecryptionKey[], options: { armor?: boolean } = {}): TransformStream<Uint8Array, Uint8Array> {
  const reader = () => new AgeReader(keys);
  if (options.armor === undefined) return transform(new AutoDetect(reader));
  return transform(options.armor ? chain(new ArmorReader(), reader()) : reader());
}

function once(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function encryptBytes(plaintext: Uint8Array, recipients: readonly Uint8Array[], options: { armor?: boolean } = {}): Promise<Uint8Array> {
  return readAllBytes(once(plaintext).pipeThrough(encryptStream(recipients, options)));
}

/** All of the plaintext, or a typed error and nothing else. */
export async function decryptBytes(ciphertext: Uint8Array, keys: readonly AgeDecryptionKey[], options: { armor?: boolean } = {}): Promise<Result<Uint8Array, AgeError>> {
  try {
    return ok(await readAllBytes(once(ciphertext).pipeThrough(decryptStream(keys, options))));
  } catch (thrown) {
    const error = ageErrorOf(thrown);
    if (error) return err(error);
    throw thrown;
  }
}

/**
 * A file that ends early is "truncated", an altered one "tampered" (issue
 * 12, point 12). age's STREAM marks the last chunk in its nonce, so a file
 * that ends after a full chunk not marked last, or with less than a tag, is
 * cut short whatever it held. A cut inside a chunk and an altered chunk look
 * alike to age alone: the reader then says "tampered" and tells how much
 * plaintext the file could still hold, so that a caller who knows (from
 * authenticated content) how much it must hold can say "truncated" instead.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, POLY1305_TAG_BYTES, randomBytes, x25519Base } from "../../crypto/sodium";
import { readAllBytes } from "../../encoding/bytes";
import { decryptBytes, decryptStream, encryptBytes, truncationByLength, type AgeError } from "./age";
import { AgeStreamError } from "./errors";
import { parseHeader } from "./header";
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES } from "./stream";

let secretKey: Uint8Array;
let keys: { kind: "x25519"; secretKey: Uint8Array }[];
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretKey = randomBytes(32);
  keys = [{ kind: "x25519", secretKey }];
});

/** 3.5 chunks of plaintext: three full chunks and a short last one. */
const plaintext = new Uint8Array(3 * CHUNK_BYTES + CHUNK_BYTES / 2).map((_, i) => (i * 13 + 5) & 0xff);

async function sealed(): Promise<{ file: Uint8Array; payload: number }> {
  const file = await encryptBytes(plaintext, [x25519Base(secretKey)]);
  const header = parseHeader(file);
  if (!header?.ok) throw new Error("our own header does not parse");
  return { file, payload: header.value.length + PAYLOAD_NONCE_BYTES };
}

/** The refusal, as thrown by the stream (with what it tells beyond the AgeError). */
async function refusal(bytes: Uint8Array): Promise<AgeStreamError> {
  try {
    await readAllBytes(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(decryptStream(keys, { armor: false })));
  } catch (e) {
    if (e instanceof AgeStreamError) return e;
    throw e;
  }
  throw new Error("accepted");
}

const truncated = (reason: string): Partial<AgeError> => ({ kind: "truncated", part: "payload", reason } as Partial<AgeError>);

describe("age: truncated or tampered", () => {
  it("a file cut at a chunk boundary, or with less than a tag left, is truncated", async () => {
    const { file, payload } = await sealed();
    expect(await decryptBytes(file, keys)).toEqual({ ok: true, value: plaintext });
    expect((await refusal(file.subarray(0, payload))).error).toEqual(truncated("no-chunks"));
    for (let k = 1; k <= 3; k++) {
      const boundary = payload + k * SEALED_CHUNK_BYTES;
      expect((await refusal(file.subarray(0, boundary))).error, `boundary ${k}`).toEqual(truncated("final-chunk-missing"));
      for (const extra of [1, 15]) expect((await refusal(file.subarray(0, boundary + extra))).error, `boundary ${k} + ${extra}`).toEqual(truncated("final-chunk-short"));
      // A bare tag after full chunks: only a file's first chunk may be empty, so this is what is left of a longer one.
      expect((await refusal(file.subarray(0, boundary + POLY1305_TAG_BYTES))).error, `boundary ${k} + tag`).toEqual(truncated("final-chunk-short"));
    }
  });

  it("a cut inside a chunk is tampered to age alone, and truncated to a reader that knows the length", async () => {
    const { file, payload } = await sealed();
    const cuts = [payload + 17, payload + 1000, payload + SEALED_CHUNK_BYTES - 1, payload + SEALED_CHUNK_BYTES + 17, payload + 2 * SEALED_CHUNK_BYTES + 30_000, file.length - 1, file.length - 100];
    for (const cut of cuts) {
      const thrown = await refusal(file.subarray(0, cut));
      expect(thrown.error, `cut at ${cut}`).toMatchObject({ kind: "tampered" });
      // Every byte of plaintext the cut file could hold: the full chunks before, and the last piece less its tag.
      const before = Math.floor((cut - payload) / SEALED_CHUNK_BYTES);
      expect(thrown.plaintextCapacity, `cut at ${cut}`).toBe(before * CHUNK_BYTES + (cut - payload - before * SEALED_CHUNK_BYTES) - POLY1305_TAG_BYTES);
      expect(truncationByLength(thrown, plaintext.length), `cut at ${cut}`).toEqual(truncated("ends-inside-chunk"));
    }
  });

  it("a flipped byte is tampered, even to a reader that knows the length", async () => {
    const { file, payload } = await sealed();
    for (const at of [payload, payload + 100, payload + SEALED_CHUNK_BYTES - 1, payload + 2 * SEALED_CHUNK_BYTES + 5, file.length - 100, file.length - 1]) {
      const flipped = file.slice();
      flipped[at] = (flipped[at] as number) ^ 0x01;
      const thrown = await refusal(flipped);
      expect(thrown.error, `flip at ${at}`).toMatchObject({ kind: "tampered" });
      expect(truncationByLength(thrown, plaintext.length), `flip at ${at}`).toBeUndefined();
    }
    expect(truncationByLength(new Error("not age"), 1)).toBeUndefined();
  });
});

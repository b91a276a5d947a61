/**
 * For known-answer tests: every random byte fixed. randomBytes
 * (shared/crypto/sodium.ts) draws from crypto.getRandomValues, so replacing
 * it for the duration of `make` fixes an age file's file key, ephemeral
 * X25519 key and payload nonce: the same inputs give the same bytes.
 */
export async function withFixedRandom<T>(make: () => Promise<T>): Promise<T> {
  const random = globalThis.crypto;
  const hadOwn = Object.prototype.hasOwnProperty.call(random, "getRandomValues");
  const original = random.getRandomValues;
  let counter = 0;
  random.getRandomValues = (<A extends ArrayBufferView | null>(array: A): A => {
    const view = array as unknown as ArrayBufferView;
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (counter++ * 167 + 13) & 0xff;
    return array;
  }) as Crypto["getRandomValues"];
  try {
    return await make();
  } finally {
    if (hadOwn) random.getRandomValues = original;
    else delete (random as { getRandomValues?: unknown }).getRandomValues;
  }
}

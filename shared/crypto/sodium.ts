/**
 * The only module that imports libsodium (STYLE.md, DESIGN.md). Everything
 * else uses the primitives exported here, after `loadCrypto()` has resolved.
 *
 * libsodium must run on WebAssembly: a Content-Security-Policy that blocks
 * WebAssembly would otherwise leave the app unusably slow or broken, so
 * `loadCrypto` proves that the code running is a WebAssembly module and
 * reports a typed error instead of carrying on.
 */
import sodium from "libsodium-wrappers-sumo";
import { err, ok, type Result } from "../result";

export type CryptoBackend = {
  readonly library: "libsodium";
  readonly version: string;
  readonly webAssembly: true;
};

/**
 * Why cryptography cannot start, as values. `detail`: the runtime's own text
 * for an exception (technical, not ours; shown inside the interface's sentence).
 */
export type CryptoLoadError =
  /** "missing": the runtime has no WebAssembly; "not-native": libsodium runs, but not as a WebAssembly module. */
  | { readonly kind: "webassembly-unavailable"; readonly reason: "missing" | "not-native" }
  /** Compiling WebAssembly is refused (a Content-Security-Policy without 'wasm-unsafe-eval'). */
  | { readonly kind: "webassembly-unavailable"; readonly reason: "blocked"; readonly detail: string }
  | { readonly kind: "load-failed"; readonly detail: string }
  /** SHA-256 of "abc" did not give its known answer. */
  | { readonly kind: "self-test-failed" };

// The smallest valid WebAssembly module: magic number and version.
const EMPTY_WASM_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
// SHA-256("abc"), FIPS 180-2 appendix B.1.
const SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

let loaded: Promise<Result<CryptoBackend, CryptoLoadError>> | undefined;

/** Loads libsodium once and checks that it runs on WebAssembly. */
export function loadCrypto(): Promise<Result<CryptoBackend, CryptoLoadError>> {
  loaded ??= load();
  return loaded;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function load(): Promise<Result<CryptoBackend, CryptoLoadError>> {
  if (typeof WebAssembly !== "object") {
    return err({ kind: "webassembly-unavailable", reason: "missing" });
  }
  try {
    // Synchronous compilation is what a CSP without 'wasm-unsafe-eval' forbids.
    new WebAssembly.Module(EMPTY_WASM_MODULE);
  } catch (e) {
    return err({ kind: "webassembly-unavailable", reason: "blocked", detail: describe(e) });
  }
  try {
    await sodium.ready;
  } catch (e) {
    return err({ kind: "load-failed", detail: describe(e) });
  }
  // Functions exported by a WebAssembly instance are native functions; a
  // JavaScript fallback build would show its source here instead.
  const module = (sodium as unknown as { libsodium?: Record<string, unknown> }).libsodium;
  const init = module?.["_sodium_init"];
  if (typeof init !== "function" || !/\[native code\]/.test(Function.prototype.toString.call(init))) {
    return err({ kind: "webassembly-unavailable", reason: "not-native" });
  }
  const digest = sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string("abc")));
  if (digest !== SHA256_ABC) {
    return err({ kind: "self-test-failed" });
  }
  ready = true;
  return ok({ library: "libsodium", version: sodium.sodium_version_string(), webAssembly: true });
}

// ---------------------------------------------------------------------------
// Primitives. Synchronous, usable once loadCrypto() has resolved; calling them
// earlier is a programming error and throws. Failures a person can cause
// (a wrong key, a forged tag) come back as `undefined` or `false`, never as
// libsodium's exceptions.
// ---------------------------------------------------------------------------

// Set by load() once libsodium is proven to run on WebAssembly.
let ready = false;

function lib(): typeof sodium {
  if (!ready) throw new Error("libsodium used before loadCrypto() resolved");
  return sodium;
}

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SECRET_KEY_BYTES = 64;
export const ED25519_SEED_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
export const X25519_KEY_BYTES = 32;
export const CHACHA20POLY1305_NONCE_BYTES = 12;
export const XCHACHA20POLY1305_NONCE_BYTES = 24;
export const POLY1305_TAG_BYTES = 16;
export const SHA256_BYTES = 32;
export const SHA512_BYTES = 64;

/**
 * Random bytes from the platform CSPRNG. libsodium.js draws its randomness
 * from exactly this source (crypto.getRandomValues), but through a callback
 * per 4 bytes, which takes seconds per megabyte; calling it directly is the
 * same generator without that cost. getRandomValues fills 64 KiB per call.
 */
export function randomBytes(length: number): Uint8Array {
  lib();
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

/** A uniformly random integer in [0, bound) (randombytes_uniform: no modulo bias). */
export function randomBelow(bound: number): number {
  if (!Number.isSafeInteger(bound) || bound < 1 || bound > 0xffffffff) throw new RangeError("randomBelow: bound must be an integer in [1, 2^32)");
  return lib().randombytes_uniform(bound);
}

/** A copy of `items` in a uniformly random order (Fisher–Yates with randomBelow). */
export function randomShuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Overwrites a key buffer with zeros (sodium_memzero). */
export function wipe(...buffers: (Uint8Array | undefined)[]): void {
  for (const b of buffers) if (b && b.length > 0) lib().memzero(b);
}

/** Constant-time comparison of two byte strings of equal length. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && lib().memcmp(a, b);
}

// --- hashes -----------------------------------------------------------------

export function sha256(data: Uint8Array): Uint8Array {
  return lib().crypto_hash_sha256(data);
}

export function sha512(data: Uint8Array): Uint8Array {
  return lib().crypto_hash_sha512(data);
}

export type IncrementalHash = { update(chunk: Uint8Array): void; digest(): Uint8Array };

export function createSha256(): IncrementalHash {
  const s = lib();
  const state = s.crypto_hash_sha256_init();
  return {
    update: (chunk) => s.crypto_hash_sha256_update(state, chunk),
    digest: () => s.crypto_hash_sha256_final(state),
  };
}

export function createSha512(): IncrementalHash {
  const s = lib();
  const state = s.crypto_hash_sha512_init();
  return {
    update: (chunk) => s.crypto_hash_sha512_update(state, chunk),
    digest: () => s.crypto_hash_sha512_final(state),
  };
}

// --- HMAC and HKDF (RFC 2104, RFC 5869) on libsodium's HMAC-SHA-256 ---------

export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const s = lib();
  const state = s.crypto_auth_hmacsha256_init(key);
  for (const p of parts) s.crypto_auth_hmacsha256_update(state, p);
  return s.crypto_auth_hmacsha256_final(state);
}

/**
 * HKDF-SHA-256 (RFC 5869). libsodium.js does not wrap libsodium's
 * crypto_kdf_hkdf_sha256_*, so the two-step construction is written here on
 * its HMAC; the RFC's test vectors pin it.
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length < 0 || length > 255 * SHA256_BYTES) throw new RangeError("HKDF-SHA-256 output length out of range");
  const prk = hmacSha256(salt.length > 0 ? salt : new Uint8Array(SHA256_BYTES), ikm);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    const block = hmacSha256(prk, previous, info, Uint8Array.of(i));
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
    wipe(previous);
    previous = block;
  }
  wipe(prk, previous);
  return out;
}

// --- Ed25519 (RFC 8032) -----------------------------------------------------

export type Ed25519KeyPair = { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };

export function ed25519KeyPair(seed?: Uint8Array): Ed25519KeyPair {
  const s = lib();
  const kp = seed ? s.crypto_sign_seed_keypair(seed) : s.crypto_sign_keypair();
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return lib().crypto_sign_detached(message, secretKey);
}

export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  try {
    return lib().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

// --- X25519 (RFC 7748) ------------------------------------------------------

export function x25519Base(secret: Uint8Array): Uint8Array {
  return lib().crypto_scalarmult_base(secret);
}

/** The shared secret, or undefined when it is all zeros (a low-order point). */
export function x25519(secret: Uint8Array, publicPoint: Uint8Array): Uint8Array | undefined {
  if (secret.length !== X25519_KEY_BYTES || publicPoint.length !== X25519_KEY_BYTES) return undefined;
  try {
    return lib().crypto_scalarmult(secret, publicPoint);
  } catch {
    return undefined;
  }
}

// --- AEADs ------------------------------------------------------------------

export function chacha20Poly1305Seal(plaintext: Uint8Array, nonce: Uint8Array, key: Uint8Array, ad: Uint8Array | null = null): Uint8Array {
  return lib().crypto_aead_chacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

/** The plaintext, or undefined when the tag does not verify. */
export function chacha20Poly1305Open(ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array, ad: Uint8Array | null = null): Uint8Array | undefined {
  if (ciphertext.length < POLY1305_TAG_BYTES) return undefined;
  try {
    return lib().crypto_aead_chacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch {
    return undefined;
  }
}

export function xchacha20Poly1305Seal(plaintext: Uint8Array, nonce: Uint8Array, key: Uint8Array, ad: Uint8Array | null = null): Uint8Array {
  return lib().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

export function xchacha20Poly1305Open(ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array, ad: Uint8Array | null = null): Uint8Array | undefined {
  if (ciphertext.length < POLY1305_TAG_BYTES) return undefined;
  try {
    return lib().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch {
    return undefined;
  }
}

// --- Encodings libsodium implements strictly --------------------------------

/** Standard base64 (RFC 4648 §4), padded or not. */
export function toBase64(data: Uint8Array, padded = true): string {
  const v = lib().base64_variants;
  return lib().to_base64(data, padded ? v.ORIGINAL : v.ORIGINAL_NO_PADDING);
}

/** Strict, canonical standard base64: no whitespace, no stray bits; undefined if malformed. */
export function fromBase64(text: string, padded = true): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const v = lib().base64_variants;
  try {
    return lib().from_base64(text, padded ? v.ORIGINAL : v.ORIGINAL_NO_PADDING);
  } catch {
    return undefined;
  }
}

/** Unpadded base64url (RFC 4648 §5), as JOSE and RFC 9901 use it. */
export function toBase64Url(data: Uint8Array): string {
  return lib().to_base64(data, lib().base64_variants.URLSAFE_NO_PADDING);
}

/** Strict, canonical unpadded base64url: no padding, no whitespace, no stray bits; undefined if malformed. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return lib().from_base64(text, lib().base64_variants.URLSAFE_NO_PADDING);
  } catch {
    return undefined;
  }
}

export function toHex(data: Uint8Array): string {
  return lib().to_hex(data);
}

export function fromHex(hex: string): Uint8Array {
  return lib().from_hex(hex);
}

// --- scrypt (RFC 7914), for age's passphrase stanzas only --------------------

/** scrypt with r = 8, p = 1, as age specifies; `logN` is the work factor. */
export function scrypt(passphrase: Uint8Array, salt: Uint8Array, logN: number, length: number): Uint8Array {
  return lib().crypto_pwhash_scryptsalsa208sha256_ll(passphrase, salt, 2 ** logN, 8, 1, length);
}

// --- Argon2id (RFC 9106), for the vault's passphrase ------------------------

export const ARGON2ID_SALT_BYTES = 16;

/** Argon2id with libsodium's crypto_pwhash; `memLimitBytes` is a multiple of 1 KiB. */
export function argon2id(passphrase: Uint8Array, salt: Uint8Array, opsLimit: number, memLimitBytes: number, length: number): Uint8Array {
  const s = lib();
  return s.crypto_pwhash(length, passphrase, salt, opsLimit, memLimitBytes, s.crypto_pwhash_ALG_ARGON2ID13);
}

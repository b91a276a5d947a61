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

export type CryptoLoadError =
  | { readonly kind: "webassembly-unavailable"; readonly detail: string }
  | { readonly kind: "load-failed"; readonly detail: string }
  | { readonly kind: "self-test-failed"; readonly detail: string };

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
    return err({ kind: "webassembly-unavailable", detail: "this runtime has no WebAssembly" });
  }
  try {
    // Synchronous compilation is what a CSP without 'wasm-unsafe-eval' forbids.
    new WebAssembly.Module(EMPTY_WASM_MODULE);
  } catch (e) {
    return err({ kind: "webassembly-unavailable", detail: describe(e) });
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
    return err({ kind: "webassembly-unavailable", detail: "libsodium is not running as a WebAssembly module" });
  }
  const digest = sodium.to_hex(sodium.crypto_hash_sha256(sodium.from_string("abc")));
  if (digest !== SHA256_ABC) {
    return err({ kind: "self-test-failed", detail: "SHA-256 known answer did not match" });
  }
  return ok({ library: "libsodium", version: sodium.sodium_version_string(), webAssembly: true });
}

/** A sentence for the person in front of the screen. */
export function describeCryptoLoadError(error: CryptoLoadError): string {
  switch (error.kind) {
    case "webassembly-unavailable":
      return `Cryptography cannot start: WebAssembly is blocked or missing (${error.detail}). The app refuses to run its cryptography without it.`;
    case "load-failed":
      return `Cryptography cannot start: libsodium failed to load (${error.detail}).`;
    case "self-test-failed":
      return `Cryptography failed its self-test (${error.detail}); the app will not use it.`;
  }
}

/** Sentences for cryptography that cannot start (shared/crypto/sodium.ts CryptoLoadError). */
import { t } from "@lingui/core/macro";
import type { CryptoLoadError } from "../../../shared/crypto/sodium";

function webAssemblyUnavailable(error: Extract<CryptoLoadError, { kind: "webassembly-unavailable" }>): string {
  switch (error.reason) {
    case "missing":
      return t`Cryptography cannot start: this runtime has no WebAssembly. The app refuses to run its cryptography without it.`;
    case "not-native":
      return t`Cryptography cannot start: libsodium is not running as a WebAssembly module. The app refuses to run its cryptography without it.`;
    case "blocked": {
      // The runtime's own text for the refusal (technical, not ours).
      const detail = error.detail;
      return t`Cryptography cannot start: WebAssembly is blocked or missing (${detail}). The app refuses to run its cryptography without it.`;
    }
  }
}

export function describeCryptoLoadError(error: CryptoLoadError): string {
  switch (error.kind) {
    case "webassembly-unavailable":
      return webAssemblyUnavailable(error);
    case "load-failed": {
      const detail = error.detail;
      return t`Cryptography cannot start: libsodium failed to load (${detail}).`;
    }
    case "self-test-failed":
      return t`Cryptography failed its self-test (SHA-256 did not give its known answer); the app will not use it.`;
  }
}

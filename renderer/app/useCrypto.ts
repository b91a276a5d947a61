import { useEffect, useState } from "react";
import { describeCryptoLoadError, loadCrypto, type CryptoBackend } from "../../shared/crypto/sodium";

export type CryptoState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly backend: CryptoBackend }
  | { readonly status: "failed"; readonly message: string };

/** Loads libsodium once at start and proves it runs on WebAssembly. */
export function useCrypto(): CryptoState {
  const [state, setState] = useState<CryptoState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    void loadCrypto().then((result) => {
      if (!live) return;
      setState(result.ok ? { status: "ready", backend: result.value } : { status: "failed", message: describeCryptoLoadError(result.error) });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

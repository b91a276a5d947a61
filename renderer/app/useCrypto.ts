import { useEffect, useState } from "react";
import type { CryptoBackend } from "../../shared/crypto/sodium";
import { describeWorkerError } from "../../shared/worker/contract";
import { cryptoWorker } from "../crypto/worker-client";

export type CryptoState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly backend: CryptoBackend }
  | { readonly status: "failed"; readonly message: string };

/** Starts the crypto worker at launch; it loads libsodium and proves it runs on WebAssembly. */
export function useCrypto(): CryptoState {
  const [state, setState] = useState<CryptoState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    void cryptoWorker.call("crypto:status", {}).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: "ready", backend: result.value } : { status: "failed", message: describeWorkerError(result.error) });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

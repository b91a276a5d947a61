import { useEffect, useState } from "react";
import type { CryptoBackend } from "../../shared/crypto/sodium";
import type { WorkerError } from "../../shared/worker/contract";
import { cryptoWorker } from "../crypto/worker-client";

export type CryptoState =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly backend: CryptoBackend }
  | { readonly status: "failed"; readonly error: WorkerError };

let starting: Promise<CryptoState> | undefined;

/**
 * Starts the crypto worker, which loads libsodium and proves it runs on
 * WebAssembly. Called by main.tsx before the first render, so the worker's
 * script loads while React renders the shell; later calls share the start.
 */
export function startCrypto(): Promise<CryptoState> {
  starting ??= cryptoWorker
    .call("crypto:status", {})
    .then((result): CryptoState => (result.ok ? { status: "ready", backend: result.value } : { status: "failed", error: result.error }));
  return starting;
}

export function useCrypto(): CryptoState {
  const [state, setState] = useState<CryptoState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    void startCrypto().then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

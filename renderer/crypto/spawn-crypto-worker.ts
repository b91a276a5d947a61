/**
 * Where the crypto worker is started: the one `new Worker` for it, so the
 * bundler emits one worker script. The boot script starts it before the
 * interface's own script is even parsed, so libsodium loads in parallel with
 * the interface; the worker client then adopts that worker (and starts a new
 * one after a lock ended it).
 */
export type SpawnedWorker = { readonly worker: Worker; readonly failure: () => string | undefined };

let early: SpawnedWorker | undefined;

export function spawnCryptoWorker(): SpawnedWorker {
  const worker = new Worker(new URL("./crypto.worker.ts", import.meta.url), { type: "module", name: "crypto" });
  // An error before the client attaches its handlers (the script failed to load) must not be lost.
  let failed: string | undefined;
  worker.addEventListener("error", (event) => (failed ??= event.message || "the worker could not start"));
  return { worker, failure: () => failed };
}

/** Starts the worker at boot, once. */
export function spawnEarly(): void {
  early ??= spawnCryptoWorker();
}

/** The worker started at boot, handed over once; later calls start a new one. */
export function takeCryptoWorker(): SpawnedWorker {
  const taken = early ?? spawnCryptoWorker();
  early = undefined;
  return taken;
}

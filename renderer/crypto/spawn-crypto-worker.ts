/**
 * Where the crypto worker is started: the one `new Worker` for it, so the
 * bundler emits one worker script. The boot script starts it before the
 * interface's own script is even parsed, so libsodium loads in parallel with
 * the interface; the worker client adopts it, and after a lock ended it, a
 * fresh one (holding nothing) starts at once so the next unlock does not wait
 * for libsodium to load.
 */
import { EarlyWorker } from "./early-worker";

export const cryptoWorkers = new EarlyWorker(() => new Worker(new URL("./crypto.worker.ts", import.meta.url), { type: "module", name: "crypto" }));

/**
 * The crypto Web Worker: every libsodium operation of the renderer runs here,
 * and so does the unlocked vault (its key and every secret key never reach
 * the interface thread). The interface stays responsive during key
 * derivation and large imports, and locking discards libsodium's WebAssembly
 * heap by terminating this worker.
 *
 * This entry is small on purpose: libsodium starts loading first. The
 * interface's first two questions (is the cryptography ready; is there a
 * vault, and is it locked) are answered by a small chunk (start-answers.ts)
 * as soon as libsodium is ready; the services (the schemas of every method,
 * the vault, identities, cases) load once those are answered, or as soon as
 * any other call arrives (start-router.ts).
 */
import { loadCrypto } from "../../shared/crypto/sodium";
import { startRouter } from "./start-router";

type WorkerScope = { onmessage: ((event: MessageEvent<unknown>) => void) | null; postMessage(message: unknown): void };
const scope = self as unknown as WorkerScope;

void loadCrypto();
const route = startRouter({ start: import("./start-answers"), loadServices: () => import("./crypto-host"), post: (reply) => scope.postMessage(reply) });
scope.onmessage = (event) => route(event.data);

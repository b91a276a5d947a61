/**
 * The crypto Web Worker: every libsodium operation of the renderer runs here,
 * and so does the unlocked vault (its key and every secret key never reach
 * the interface thread). The interface stays responsive during key
 * derivation and large imports, and locking discards libsodium's WebAssembly
 * heap by terminating this worker.
 *
 * This entry is small on purpose: libsodium starts loading first, and the
 * services (schemas, storage, vault) load beside it as a chunk of their own.
 * Calls that arrive meanwhile wait, in order, for the services.
 */
import { loadCrypto } from "../../shared/crypto/sodium";

type WorkerScope = { onmessage: ((event: MessageEvent<unknown>) => void) | null };
const scope = self as unknown as WorkerScope;

void loadCrypto();
const host = import("./crypto-host");
scope.onmessage = (event) => void host.then((h) => h.receive(event.data));

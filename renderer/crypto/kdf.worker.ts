/**
 * A short-lived worker for one key derivation (or the calibration at vault
 * creation): started by the crypto worker, terminated as soon as it answers,
 * so the hundreds of MiB Argon2id takes in WebAssembly memory go with it.
 */
import { runKdfJob, type KdfReply } from "../../shared/worker/kdf-job";

type WorkerScope = { postMessage(message: KdfReply, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<unknown>) => void) | null };
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  void runKdfJob(event.data, () => performance.now()).then((reply) => scope.postMessage(reply, reply.type === "key" ? [reply.key.buffer] : []));
};

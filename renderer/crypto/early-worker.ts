/**
 * A worker started ahead of need: its script (libsodium, mostly) loads while
 * nothing waits for it, and the first caller adopts it. An error before the
 * adopter attaches its handlers (the script failed to load) is kept, not lost.
 */
/** `failure`: undefined while the worker is fine; else the browser's own text for the error (technical, may be empty). */
export type SpawnedWorker = { readonly worker: Worker; readonly failure: () => string | undefined };

export class EarlyWorker {
  readonly #start: () => Worker;
  #spare: SpawnedWorker | undefined;

  /** `start` holds the `new Worker(new URL(…, import.meta.url))` expression, so the bundler finds the worker's script. */
  constructor(start: () => Worker) {
    this.#start = start;
  }

  #spawn(): SpawnedWorker {
    const worker = this.#start();
    let failed: string | undefined;
    worker.addEventListener("error", (event) => (failed ??= event.message ?? ""));
    return { worker, failure: () => failed };
  }

  /** Starts one worker now, unless one is already waiting; returns the waiting worker. */
  prewarm(): SpawnedWorker {
    this.#spare ??= this.#spawn();
    return this.#spare;
  }

  /** The waiting worker, handed over once; a new one if none waits. */
  take(): SpawnedWorker {
    const taken = this.#spare ?? this.#spawn();
    this.#spare = undefined;
    return taken;
  }
}

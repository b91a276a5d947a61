/**
 * The reference for the cold-start benchmark: a bare page that does only
 * what the app's start-up cannot avoid — start a module worker that loads
 * libsodium-wrappers-sumo (WebAssembly) — and marks when it is ready, under
 * the app's own Content-Security-Policy.
 */
const status = document.getElementById("status") as HTMLElement;
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = (event: MessageEvent<string>) => {
  status.textContent = event.data;
  performance.mark("attribution-panel:ready");
};

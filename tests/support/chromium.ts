/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core. A
 * missing browser fails the run loudly: CI installs it, nothing is skipped.
 *
 * Every launch routes all traffic that is not loopback through a recording
 * proxy, so a request that leaves the machine is counted even if it never
 * surfaces as a page event.
 */
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // Chromium's own services (sign-in, updaters, network time, safe browsing)
  // talk to Google from the browser process even with the flags above. Point
  // them at a closed loopback port, so that any hit on the recording proxy
  // below can only have come from the page under test.
  "--gaia-url=http://127.0.0.1:9",
  "--google-apis-url=http://127.0.0.1:9",
  "--lso-url=http://127.0.0.1:9",
  "--component-updater=url-source=http://127.0.0.1:9/",
  "--disable-extensions",
  "--disable-default-apps",
  "--disable-client-side-phishing-detection",
  "--safebrowsing-disable-auto-update",
  "--disable-domain-reliability",
  "--no-pings",
  "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
];

export type RecordingProxy = { readonly port: number; readonly hits: string[]; readonly close: () => Promise<void> };

/** Answers 502 to everything and remembers what was asked. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on("connect", (req, socket) => {
    hits.push(`CONNECT ${req.url}`);
    socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `lang`: the system language Chromium reports. `--lang` is the interface
 * language a person's system gives Chromium; headless Chromium on Linux takes
 * `navigator.languages` from `--accept-lang` only, so both are passed.
 */
export async function launchChromium(proxy: RecordingProxy, options: { lang?: string } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium package (bash .ci/run does).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS, `--proxy-server=http://127.0.0.1:${proxy.port}`, ...(options.lang ? [`--lang=${options.lang}`, `--accept-lang=${options.lang}`] : [])],
  });
}

/**
 * A browser with a profile on disk (IndexedDB included), as the app's own
 * profile is; `newContext()` profiles are incognito and keep IndexedDB in
 * memory, which would flatter a storage benchmark.
 */
export async function launchPersistentChromium(proxy: RecordingProxy, userDataDir: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium package (bash .ci/run does).`);
  }
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS, `--proxy-server=http://127.0.0.1:${proxy.port}`],
  });
}

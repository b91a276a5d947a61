/**
 * The shell in real Chromium, against the production build, under the app's
 * own Content-Security-Policy: it renders and navigates without console
 * errors, libsodium runs on WebAssembly, nothing leaves the origin, and axe
 * finds no serious or critical accessibility violation.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "../../shared/security/csp";
import { launchChromium, startRecordingProxy, type RecordingProxy } from "../support/chromium";
import { axeSerious, createVaultInPage } from "../support/e2e-page";
import { startStaticServer, type StaticServer } from "../support/static-server";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const ROLES = ["Overview", "My vault", "Panelist", "Chair", "Secretariat", "Verify", "About"] as const;

let proxy: RecordingProxy;
let browser: Browser;
let server: StaticServer;

type Session = { context: BrowserContext; page: Page; requests: string[]; problems: string[]; cspHeaders: (string | undefined)[] };

async function openSession(origin: string): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const session: Session = { context, page, requests: [], problems: [], cspHeaders: [] };
  context.on("request", (r) => session.requests.push(r.url()));
  context.on("response", (r) => session.cspHeaders.push(r.headers()["content-security-policy"]));
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error" || m.type() === "warning") session.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => session.problems.push(`pageerror: ${e.message}`));
  await page.goto(`${origin}/`);
  return session;
}

beforeAll(async () => {
  proxy = await startRecordingProxy();
  browser = await launchChromium(proxy);
  server = await startStaticServer();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await proxy?.close();
});

describe("the shell in Chromium", () => {
  it("renders, navigates every role by mouse and keyboard, with no console error", async () => {
    const { page, problems, context } = await openSession(server.origin);
    await expect.poll(() => page.getByTestId("crypto-status").textContent()).toBe("Offline · libsodium on WebAssembly");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Attribution Panel");

    const nav = page.getByRole("navigation", { name: "Roles" });
    for (const label of ROLES) {
      await nav.getByRole("link", { name: label }).click();
      await expect.poll(() => nav.locator('[aria-current="page"]').textContent()).toBe(label);
      expect(await page.locator("h1").isVisible()).toBe(true);
    }

    // Keyboard only, on a fresh load: the skip link comes first, then the vault's state, the language, then the role links in order.
    await page.goto("about:blank");
    await page.goto(`${server.origin}/#/home`);
    await page.getByRole("navigation", { name: "Roles" }).waitFor();
    await expect.poll(() => page.getByTestId("vault-state").textContent()).toBe("No vault yet");
    const focused: (string | null | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate(() => (document.activeElement?.tagName === "SELECT" ? `select:${document.activeElement.getAttribute("data-testid")}` : document.activeElement?.textContent)));
    }
    expect(focused).toEqual(["Skip to content", "No vault yet", "select:language", "Overview", "My vault", "Panelist"]);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/panelist");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the version and the crypto backend on the About page", async () => {
    const { page, context } = await openSession(server.origin);
    await page.goto(`${server.origin}/#/about`);
    await expect.poll(() => page.getByTestId("app-version").textContent()).toBe(pkg.version);
    await expect.poll(() => page.getByTestId("crypto-backend").textContent()).toMatch(/^libsodium \d+\.\d+\.\d+ on WebAssembly$/);
    // The cryptography runs in a dedicated worker, not on the UI thread.
    // (With, once the vault's state is known, one key-derivation worker started ahead of the first derivation.)
    const workers = page.workers().map((w) => new URL(w.url()).pathname);
    expect(workers).toContainEqual(expect.stringMatching(/^\/assets\/crypto\.worker-[\w-]+\.js$/));
    for (const w of workers) expect(w).toMatch(/^\/assets\/(crypto|kdf)\.worker-[\w-]+\.js$/);
    await expect.poll(() => page.getByTestId("shell-info").textContent()).toMatch(/^Web browser \(no desktop shell\)/);
    await context.close();
  });
});

describe("Content-Security-Policy", () => {
  it("is sent on every response and enforced: no inline script, no eval, no foreign fetch", async () => {
    const { page, context, cspHeaders } = await openSession(server.origin);
    await expect.poll(() => page.getByTestId("crypto-status").textContent()).toContain("WebAssembly");
    expect(cspHeaders.length).toBeGreaterThanOrEqual(3);
    for (const h of cspHeaders) expect(h).toBe(CONTENT_SECURITY_POLICY);

    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
      const script = document.createElement("script");
      script.textContent = "window.__inline = true";
      document.body.append(script);
      // DevTools evaluation is exempt from the CSP's eval rule, so try eval in a later task of the page's own.
      const evalOutcome = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)("1 + 1");
            resolve("ran");
          } catch (e) {
            resolve((e as Error).name);
          }
        }, 0),
      );
      let fetchOutcome = "fetched";
      try {
        await fetch("https://example.org/exfiltrate");
      } catch (e) {
        fetchOutcome = (e as Error).name;
      }
      // Wait for the image's own violation event, not for a fixed time.
      const imgRefused = new Promise<void>((resolve) => document.addEventListener("securitypolicyviolation", (e) => e.violatedDirective === "img-src" && resolve()));
      const img = new Image();
      img.src = "https://example.org/pixel.png";
      await imgRefused;
      return { inline: (window as unknown as { __inline?: boolean }).__inline ?? false, evalOutcome, fetchOutcome, violations };
    });
    expect(outcome.inline).toBe(false);
    expect(outcome.evalOutcome).toBe("EvalError");
    expect(outcome.fetchOutcome).toBe("TypeError");
    expect(outcome.violations).toEqual(expect.arrayContaining(["script-src-elem", "script-src", "connect-src", "img-src"]));
    await context.close();
  });
});

describe("no Content-Security-Policy violation in any thread", () => {
  it("while the app starts, every screen opens and a vault is created (a deliberate violation is reported, as a control)", async () => {
    const reports: unknown[] = [];
    const reporting = await startStaticServer({ cspReports: reports });
    try {
      const { page, context, problems } = await openSession(reporting.origin);
      await expect.poll(() => page.getByTestId("crypto-status").textContent()).toBe("Offline · libsodium on WebAssembly");
      for (const label of ROLES) {
        await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: label }).click();
        await expect.poll(() => page.getByRole("navigation", { name: "Roles" }).locator('[aria-current="page"]').textContent()).toBe(label);
      }
      // Creating a vault runs every thread: the strength check (interface and crypto worker), the schemas, storage, the KDF worker.
      await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "My vault" }).click();
      await createVaultInPage(page, "marble tundra velvet oxygen lantern");
      await page.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "void 0";
        document.body.append(script);
      });
      // Reports arrive in order; once the control's has come, any earlier one has too.
      await expect.poll(() => reports.length).toBeGreaterThanOrEqual(1);
      const directives = reports.map((r) => (r as { "csp-report"?: { "violated-directive"?: string; "source-file"?: string } })["csp-report"]);
      expect(directives).toEqual([expect.objectContaining({ "violated-directive": expect.stringMatching(/^script-src/) })]);
      // The console's only complaint is the control's.
      expect(problems).toEqual([expect.stringMatching(/Executing inline script violates/)]);
      await context.close();
    } finally {
      await reporting.close();
    }
  });
});

describe("start-up", () => {
  it("marks the first screen ready once cryptography runs and the vault's state is known, and loads no screen it does not show", async () => {
    const { page, context, requests } = await openSession(server.origin);
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName("attribution-panel:ready").length)).toBe(1);
    expect(await page.getByTestId("crypto-status").textContent()).toBe("Offline · libsodium on WebAssembly");
    expect(await page.getByTestId("vault-state").textContent()).toBe("No vault yet");
    // The overview needs neither another role's screens nor the passphrase-strength dictionaries.
    const scripts = requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith(".js"));
    expect(scripts.filter((p) => /VaultPage|PanelistPage|SecretariatPage/.test(p))).toEqual([]);
    const sizes = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => ({ name: new URL(r.name).pathname, bytes: (r as PerformanceResourceTiming).decodedBodySize })));
    expect(sizes.filter((r) => r.bytes > 1_000_000)).toEqual([]);
    await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "My vault" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Create your vault" }).count()).toBe(1);
    await context.close();
  });
});

describe("WebAssembly", () => {
  it("is what libsodium runs on under the app's CSP", async () => {
    const { page, context } = await openSession(server.origin);
    await expect.poll(() => page.getByTestId("crypto-status").textContent()).toBe("Offline · libsodium on WebAssembly");
    expect(await page.getByTestId("crypto-error").count()).toBe(0);
    await context.close();
  });

  it("missing from the CSP makes the app say so instead of carrying on", async () => {
    const withoutWasm = CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", "");
    expect(withoutWasm).not.toBe(CONTENT_SECURITY_POLICY);
    const strict = await startStaticServer({ headers: { ...SECURITY_HEADERS, "Content-Security-Policy": withoutWasm } });
    try {
      const { page, context } = await openSession(strict.origin);
      await expect.poll(() => page.getByTestId("crypto-error").textContent()).toMatch(/WebAssembly is blocked/);
      expect(await page.getByTestId("crypto-status").textContent()).toBe("Cryptography unavailable");
      await context.close();
    } finally {
      await strict.close();
    }
  });
});

describe("zero network", () => {
  it("no request leaves the page's own origin while every screen is used", async () => {
    const before = proxy.hits.length;
    const { page, context, requests } = await openSession(server.origin);
    for (const label of ROLES) await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: label }).click();
    await page.waitForLoadState("networkidle");
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const url of requests) expect(new URL(url).origin).toBe(server.origin);
    expect(proxy.hits.slice(before)).toEqual([]);
    await context.close();
  });

  it("the recording proxy does see traffic that leaves loopback (control)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("http://control.invalid/").catch(() => undefined);
    expect(proxy.hits.some((h) => h.includes("control.invalid"))).toBe(true);
    await context.close();
  });
});

describe("accessibility", () => {
  it("axe finds no serious or critical violation on any screen", async () => {
    const { page, context } = await openSession(server.origin);
    await expect.poll(() => page.getByTestId("crypto-status").textContent()).toContain("WebAssembly");
    for (const label of ROLES) {
      await page.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: label }).click();
      expect({ screen: label, serious: await axeSerious(page) }).toEqual({ screen: label, serious: [] });
    }
    await context.close();
  });
});

describe("the preload bridge, seen from the renderer", () => {
  // Electron cannot run here, so the bridge object the preload would expose is
  // injected before the page loads; the page must validate whatever it answers.
  async function aboutWithBridge(answer: unknown): Promise<string | null> {
    const context = await browser.newContext();
    await context.addInitScript((value) => {
      Object.defineProperty(window, "attributionPanel", { value: Object.freeze({ appInfo: async () => value }) });
    }, answer);
    const page = await context.newPage();
    await page.goto(`${server.origin}/#/about`);
    await expect.poll(() => page.getByTestId("shell-info").textContent()).not.toBe("Asking…");
    const text = await page.getByTestId("shell-info").textContent();
    await context.close();
    return text;
  }

  it("shows the shell's answer when it matches the contract", async () => {
    const info = { appName: "Attribution Panel", appVersion: pkg.version, platform: "linux", arch: "x64", versions: { electron: "45.4.1", chrome: "142.0.7444.0", node: "22.20.0", v8: "14.2" } };
    expect(await aboutWithBridge({ ok: true, value: info })).toBe("Electron 45.4.1, Chromium 142.0.7444.0, linux/x64");
  });

  it("refuses a malformed answer and explains a typed error", async () => {
    expect(await aboutWithBridge({ ok: true, value: { appVersion: 7 } })).toBe("The application shell answered with malformed data.");
    expect(await aboutWithBridge({ ok: false, error: { kind: "untrusted-sender", origin: "https://x.example" } })).toMatch(/was refused/);
  });
});

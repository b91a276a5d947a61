/**
 * Serves the production renderer build the way the Electron `app://`
 * protocol does: same path resolution, same security headers (so the CSP
 * proven in Chromium is the app's). Loopback only.
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { resolveAppRequest } from "../../electron/policy/app-protocol";
import { SECURITY_HEADERS } from "../../shared/security/csp";

/** The production build; AP_RENDERER_DIST points the tests at another build (a private copy built elsewhere). */
export const RENDERER_DIST = process.env["AP_RENDERER_DIST"] ?? path.resolve(import.meta.dirname, "..", "..", "dist", "renderer");

export type StaticServer = { readonly origin: string; readonly close: () => Promise<void> };

/** Where Content-Security-Policy violation reports are sent when a test asks for them (`cspReports`). */
export const CSP_REPORT_PATH = "/__csp-report";

/**
 * `root` defaults to the production build, RENDERER_DIST; another build (a
 * private copy) can be served instead. With `cspReports`, the policy also
 * names a report endpoint on this server (`report-uri`), and every violation
 * report, from the page or any of its workers, is appended to that array.
 */
export async function startStaticServer(options: { headers?: Readonly<Record<string, string>>; root?: string; cspReports?: unknown[] } = {}): Promise<StaticServer> {
  const reports = options.cspReports;
  const base = options.headers ?? SECURITY_HEADERS;
  const headers: Readonly<Record<string, string>> =
    reports && base["Content-Security-Policy"] ? { ...base, "Content-Security-Policy": `${base["Content-Security-Policy"]}; report-uri ${CSP_REPORT_PATH}` } : base;
  const root = options.root ?? RENDERER_DIST;
  let origin = "";
  const server = http.createServer((req, res) => {
    void (async () => {
      if (reports && req.method === "POST" && req.url === CSP_REPORT_PATH) {
        let body = "";
        for await (const chunk of req) body += String(chunk);
        reports.push(JSON.parse(body) as unknown);
        res.writeHead(204).end();
        return;
      }
      const resolved = resolveAppRequest(root, `${origin}${req.url ?? "/"}`, origin);
      if (!resolved.ok || req.method !== "GET") {
        res.writeHead(resolved.ok ? 405 : 404, headers).end();
        return;
      }
      try {
        const body = await readFile(resolved.value.filePath);
        res.writeHead(200, { ...headers, "Content-Type": resolved.value.contentType, "Cache-Control": "no-store" }).end(body);
      } catch {
        res.writeHead(404, headers).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

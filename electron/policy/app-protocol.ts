/**
 * How an `app://attribution-panel/...` request maps to a file of the built
 * renderer. Pure: no Electron, no file system access, so it is unit-tested and
 * shared with the end-to-end test server.
 */
import path from "node:path";
import { APP_HOST, APP_SCHEME } from "../../shared/security/csp";
import { err, ok, type Result } from "../../shared/result";

export type AppFile = { readonly filePath: string; readonly contentType: string };
export type AppRequestRefusal =
  | { readonly kind: "foreign-origin"; readonly url: string }
  | { readonly kind: "traversal"; readonly url: string }
  | { readonly kind: "unsupported-type"; readonly url: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Resolves the URL path of a request under `rootDir`. `expectedOrigin` is
 * `app://attribution-panel` in Electron and the test server's own origin in
 * tests; anything outside it, any path escaping the root (including encoded
 * `..`, backslashes and NUL bytes) and any unknown file type is refused.
 */
export function resolveAppRequest(
  rootDir: string,
  rawUrl: string,
  expectedOrigin = `${APP_SCHEME}://${APP_HOST}`,
): Result<AppFile, AppRequestRefusal> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return err({ kind: "foreign-origin", url: rawUrl });
  }
  const origin = `${url.protocol}//${url.host}`;
  if (origin !== expectedOrigin) return err({ kind: "foreign-origin", url: rawUrl });

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return err({ kind: "traversal", url: rawUrl });
  }
  if (decoded.includes("\0") || decoded.includes("\\") || decoded.split("/").some((s) => s === "..")) {
    return err({ kind: "traversal", url: rawUrl });
  }
  const relative = decoded === "/" || decoded === "" ? "index.html" : decoded.replace(/^\/+/, "");
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...relative.split("/"));
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    return err({ kind: "traversal", url: rawUrl });
  }
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()];
  if (contentType === undefined) return err({ kind: "unsupported-type", url: rawUrl });
  return ok({ filePath, contentType });
}

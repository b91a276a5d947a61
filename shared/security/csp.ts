/**
 * The one Content-Security-Policy of the app. The Electron `app://` protocol
 * handler and the end-to-end test server both send exactly this header, so
 * what the tests prove in Chromium is what the app enforces.
 *
 * - no inline script, no eval; WebAssembly compilation only ('wasm-unsafe-eval'),
 *   which libsodium needs to run at full speed;
 * - connect-src 'self': the page can reach nothing but its own origin (and the
 *   Electron shell cancels every request that leaves the app:// origin);
 * - workers only from our own origin (crypto runs in a Web Worker).
 */
export const CSP_DIRECTIVES = [
  ["default-src", "'none'"],
  ["script-src", "'self'", "'wasm-unsafe-eval'"],
  ["worker-src", "'self'"],
  ["style-src", "'self'"],
  ["img-src", "'self'", "blob:", "data:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
  ["frame-ancestors", "'none'"],
  ["frame-src", "'none'"],
  ["manifest-src", "'none'"],
  ["media-src", "'self'", "blob:"],
] as const;

export const CONTENT_SECURITY_POLICY: string = CSP_DIRECTIVES.map((d) => d.join(" ")).join("; ");

/** Headers sent with every response of the app's own origin. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()",
};

/** The origin the renderer is served from inside Electron. */
export const APP_SCHEME = "app";
export const APP_HOST = "attribution-panel";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

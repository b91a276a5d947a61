import { describe, expect, it } from "vitest";
import { allowNavigation, allowPermission, isTrustedSender, secureWebPreferences, shouldCancelRequest, windowOpenDecision } from "./shell-policy";

describe("network policy", () => {
  it.each([
    "https://example.org/",
    "http://127.0.0.1:8080/",
    "http://localhost/",
    "ws://localhost:9222/",
    "wss://example.org/socket",
    "file:///etc/passwd",
    "ftp://example.org/",
    "https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic",
    "app://other-host/index.html",
    "blob:https://example.org/6d1a",
    "devtools://devtools/bundled/inspector.html",
    "chrome-extension://abc/x.js",
    "::not a url",
  ])("cancels %s", (url) => expect(shouldCancelRequest(url)).toBe(true));

  it.each(["app://attribution-panel/", "app://attribution-panel/assets/x.js", "blob:app://attribution-panel/6d1a", "data:image/png;base64,AAAA"])(
    "lets the app's own %s through",
    (url) => expect(shouldCancelRequest(url)).toBe(false),
  );
});

describe("navigation, windows, permissions", () => {
  it("denies every one", () => {
    expect(allowNavigation("https://example.org")).toBe(false);
    expect(allowNavigation("app://attribution-panel/index.html")).toBe(false);
    expect(windowOpenDecision("https://example.org")).toEqual({ action: "deny" });
    for (const p of ["media", "geolocation", "notifications", "clipboard-read", "hid", "serial", "usb", "openExternal", "fullscreen"]) {
      expect(allowPermission(p)).toBe(false);
    }
  });
});

describe("IPC sender check", () => {
  it("trusts only the app's own top-level frame", () => {
    expect(isTrustedSender({ url: "app://attribution-panel/index.html#/about", isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: "app://attribution-panel/index.html", isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: "https://attribution-panel/", isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: "app://attribution-panel.evil/", isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe("webPreferences", () => {
  it("follows Electron's security checklist", () => {
    expect(secureWebPreferences("/p.cjs", false).devTools).toBe(true);
    expect(secureWebPreferences("/p.cjs", true)).toMatchObject({
      devTools: false,
      preload: "/p.cjs",
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

/**
 * Every security decision of the Electron shell as a pure function, so the
 * main process only wires them to Electron's hooks and the decisions are
 * unit-tested without the Electron runtime.
 */
import { APP_ORIGIN } from "../../shared/security/csp";

/** The app is offline by design: only its own origin and in-memory URLs load. */
export function shouldCancelRequest(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return true;
  }
  if (url.protocol === "blob:") return !rawUrl.startsWith(`blob:${APP_ORIGIN}/`);
  if (url.protocol === "data:") return false;
  return `${url.protocol}//${url.host}` !== APP_ORIGIN;
}

/** Navigation away from the loaded page: never (in-page hash routing does not navigate). */
export function allowNavigation(_targetUrl: string): false {
  return false;
}

/** New windows and popups: never. */
export function windowOpenDecision(_targetUrl: string): { action: "deny" } {
  return { action: "deny" };
}

/** The WebRTC IP handling policy set on every web contents (no direct UDP, so no ICE traffic). */
export const WEBRTC_IP_POLICY = "disable_non_proxied_udp" as const;

/** Camera, microphone, notifications, clipboard, HID, serial, …: never. */
export function allowPermission(_permission: string): false {
  return false;
}

/** IPC is answered only for the app's own top-level page. */
export function isTrustedSender(frame: { url: string | undefined; isMainFrame: boolean } | null | undefined): boolean {
  if (!frame || !frame.isMainFrame || frame.url === undefined) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The window's webPreferences: Electron's security checklist, item by item.
 * DevTools only in development: in a packaged app they would give anyone at
 * the keyboard script access to decrypted material and to the bridge.
 */
export function secureWebPreferences(preloadPath: string, packaged: boolean) {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    enableWebSQL: false,
    safeDialogs: true,
    devTools: !packaged,
  } as const;
}

/** Chromium switches that keep the shell from talking to anyone by itself. */
export const OFFLINE_SWITCHES: readonly (readonly [string, string?])[] = [
  ["disable-background-networking"],
  ["disable-component-update"],
  ["disable-domain-reliability"],
  ["disable-breakpad"],
  ["no-pings"],
  // WebRTC's ICE gathering is neither covered by the CSP nor by the request filter.
  ["force-webrtc-ip-handling-policy", "disable_non_proxied_udp"],
  ["disable-features", "AutofillServerCommunication,MediaRouter,OptimizationHints,Translate"],
];

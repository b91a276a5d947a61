/**
 * The Electron main process: thin wiring of the pure policies in ./policy to
 * Electron's hooks. Nothing here decides anything by itself.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { app, BrowserWindow, ipcMain, protocol, session } from "electron";
import { CHANNELS } from "../shared/ipc/contract";
import { APP_ORIGIN, APP_SCHEME, SECURITY_HEADERS } from "../shared/security/csp";
import { dispatch } from "./ipc/dispatch";
import { createHandlers } from "./ipc/handlers";
import { resolveAppRequest } from "./policy/app-protocol";
import { closeRequested, OPEN, unloadHeld, type CloseState } from "./policy/close-policy";
import {
  allowNavigation,
  allowPermission,
  OFFLINE_SWITCHES,
  secureWebPreferences,
  shouldCancelRequest,
  WEBRTC_IP_POLICY,
  windowOpenDecision,
} from "./policy/shell-policy";

const rendererDir = path.join(__dirname, "..", "renderer");
const preloadPath = path.join(__dirname, "preload.cjs");

for (const [name, value] of OFFLINE_SWITCHES) app.commandLine.appendSwitch(name, value);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

// A second instance would write to the same IndexedDB: it hands over and exits before doing anything.
const primary = app.requestSingleInstanceLock();
if (!primary) app.exit(0);
app.on("second-instance", () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on("web-contents-created", (_event, contents) => {
  contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_POLICY);
  contents.on("will-navigate", (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on("will-redirect", (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
});

async function serveAppFile(request: Request): Promise<Response> {
  const resolved = resolveAppRequest(rendererDir, request.url);
  if (!resolved.ok) return new Response(null, { status: resolved.error.kind === "foreign-origin" ? 403 : 404, headers: SECURITY_HEADERS });
  try {
    const body = await readFile(resolved.value.filePath);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, "Content-Type": resolved.value.contentType } });
  } catch {
    return new Response(null, { status: 404, headers: SECURITY_HEADERS });
  }
}

function hardenSession(): void {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: shouldCancelRequest(details.url) }));
  s.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  s.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  s.setDevicePermissionHandler(() => false);
  s.setSpellCheckerEnabled(false);
  s.setSpellCheckerDictionaryDownloadURL("app://attribution-panel/no-dictionaries/");
  s.protocol.handle(APP_SCHEME, serveAppFile);
}

function registerIpc(): void {
  const handlers = createHandlers({
    appName: app.getName(),
    appVersion: app.getVersion(),
    platform: process.platform,
    arch: process.arch,
    versions: process.versions,
  });
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(handlers, channel, event.senderFrame ? { url: event.senderFrame.url, isMainFrame: event.senderFrame.parent === null } : null, payload),
    );
  }
}

/** A close while the page saves a draft waits for the save (./policy/close-policy.ts). */
function holdCloseWhileSaving(window: BrowserWindow): void {
  let state: CloseState = OPEN;
  let retrying = false;
  window.on("close", () => {
    state = closeRequested(state, Date.now(), retrying);
    retrying = false;
  });
  window.webContents.on("will-prevent-unload", (event) => {
    const next = unloadHeld(state, Date.now());
    state = next.state;
    if (next.action.kind === "unload") event.preventDefault();
    if (next.action.kind === "retry")
      setTimeout(() => {
        if (window.isDestroyed()) return;
        retrying = true;
        window.close();
      }, next.action.afterMs);
  });
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: "Attribution Panel",
    show: false,
    webPreferences: secureWebPreferences(preloadPath, app.isPackaged),
  });
  window.once("ready-to-show", () => window.show());
  holdCloseWhileSaving(window);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

if (primary) void app.whenReady().then(() => {
  hardenSession();
  registerIpc();
  createWindow();
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});


/**
 * The preload bridge: one function per IPC channel, exposed with
 * contextBridge, and nothing else (never ipcRenderer itself). `satisfies
 * Bridge` makes the compiler refuse a bridge that drifts from the contract.
 */
import { contextBridge, ipcRenderer } from "electron";
import { BRIDGE_GLOBAL, type Bridge } from "../shared/ipc/bridge";

const bridge = {
  appInfo: (request) => ipcRenderer.invoke("app:info", request),
} satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

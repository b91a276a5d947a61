/**
 * The name and shape of the preload bridge, kept apart from the zod schemas
 * so the preload bundle stays small (it only needs types and this name).
 */
import type { Channel, IpcResult, RequestOf } from "./contract";

/** `app:info` → `appInfo`: the bridge function that serves a channel. */
export type BridgeName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;

/** What the preload puts on `window[BRIDGE_GLOBAL]`: one function per channel. */
export type Bridge = {
  readonly [C in Channel as BridgeName<C>]: (request: RequestOf<C>) => Promise<IpcResult<C>>;
};

export const BRIDGE_GLOBAL = "attributionPanel";

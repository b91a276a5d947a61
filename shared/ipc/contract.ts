/**
 * The one contract of the renderer ↔ main boundary (STYLE.md: one contract
 * per boundary). Each channel `domain:verb` names a zod request and response
 * schema. The preload exposes one function per channel (`domainVerb`), the
 * main process validates every request and the sender frame, and every
 * answer is an IpcResult: failures travel as values, never as exceptions.
 */
import { z } from "../validation/zod";
import type { Result } from "../result";
import { IssueSchema } from "../validation/issues";
import type { BridgeName } from "./bridge";

export const AppInfoSchema = z.strictObject({
    appName: z.string().min(1),
    appVersion: z.string().min(1),
    platform: z.enum(["aix", "android", "darwin", "freebsd", "haiku", "linux", "openbsd", "sunos", "win32", "cygwin", "netbsd"]),
    arch: z.string().min(1),
    versions: z.strictObject({
      electron: z.string().min(1),
      chrome: z.string().min(1),
      node: z.string().min(1),
      v8: z.string().min(1),
    }),
  });
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const IPC_CONTRACT = {
  "app:info": {
    request: z.strictObject({}),
    response: AppInfoSchema,
  },
} as const;

export type Channel = keyof typeof IPC_CONTRACT;
export type RequestOf<C extends Channel> = z.infer<(typeof IPC_CONTRACT)[C]["request"]>;
export type ResponseOf<C extends Channel> = z.infer<(typeof IPC_CONTRACT)[C]["response"]>;

export const IpcErrorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("unknown-channel"), channel: z.string() }),
  z.strictObject({ kind: z.literal("untrusted-sender"), origin: z.string() }),
  z.strictObject({ kind: z.literal("invalid-request"), issues: z.array(IssueSchema) }),
  z.strictObject({ kind: z.literal("invalid-response"), issues: z.array(IssueSchema) }),
  /** `detail`: the main process's own text for the failure (technical, shown inside the interface's sentence). */
  z.strictObject({ kind: z.literal("handler-failed"), detail: z.string() }),
]);
export type IpcError = z.infer<typeof IpcErrorSchema>;
export type IpcResult<C extends Channel> = Result<ResponseOf<C>, IpcError>;

/** Schema for what crosses back over the bridge, so the renderer validates it too. */
export function ipcResultSchema<C extends Channel>(channel: C) {
  return z.discriminatedUnion("ok", [
    z.strictObject({ ok: z.literal(true), value: IPC_CONTRACT[channel].response }),
    z.strictObject({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}

/** `app:info` → `appInfo`: the bridge function that serves a channel. */
export function bridgeName<C extends Channel>(channel: C): BridgeName<C> {
  const [domain, verb = ""] = channel.split(":");
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as BridgeName<C>;
}

export const CHANNELS = Object.keys(IPC_CONTRACT) as Channel[];

/**
 * The renderer's view of the preload bridge. In the Electron shell the bridge
 * exists; in a plain browser (end-to-end tests, `npm run dev`) it does not,
 * and the UI says so. Answers are validated against the contract here too:
 * the renderer trusts nothing that crosses a boundary.
 */
import { t } from "@lingui/core/macro";
import { BRIDGE_GLOBAL, type Bridge } from "../../shared/ipc/bridge";
import { ipcResultSchema, type AppInfo } from "../../shared/ipc/contract";
import { describeIpcError } from "../i18n/problems";
import { err, ok, type Result } from "../../shared/result";

function bridge(): Bridge | undefined {
  return (window as unknown as Record<string, Bridge | undefined>)[BRIDGE_GLOBAL];
}

export type ShellInfo = { readonly kind: "electron"; readonly info: AppInfo } | { readonly kind: "browser" };

export async function fetchShellInfo(): Promise<Result<ShellInfo, string>> {
  const api = bridge();
  if (!api) return ok({ kind: "browser" });
  let raw: unknown;
  try {
    raw = await api.appInfo({});
  } catch {
    return err(t`The application shell did not answer.`);
  }
  const parsed = ipcResultSchema("app:info").safeParse(raw);
  if (!parsed.success) return err(t`The application shell answered with malformed data.`);
  const result = parsed.data;
  return result.ok ? ok({ kind: "electron", info: result.value }) : err(describeIpcError(result.error));
}

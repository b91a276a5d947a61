/**
 * The main-process side of the IPC contract, free of Electron so it is
 * unit-tested: check the sender, parse the request, run the handler, check
 * the response, and always answer with an IpcResult (never a rejection).
 */
import { IPC_CONTRACT, type Channel, type IpcError, type IpcResult, type RequestOf, type ResponseOf } from "../../shared/ipc/contract";
import { err, ok } from "../../shared/result";
import { issuesOf } from "../../shared/validation/issues";
import { isTrustedSender } from "../policy/shell-policy";

export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };
export type SenderFrame = { url: string | undefined; isMainFrame: boolean } | null | undefined;

const isChannel = (name: string): name is Channel => Object.hasOwn(IPC_CONTRACT, name);

export async function dispatch(
  handlers: Handlers,
  channel: string,
  sender: SenderFrame,
  payload: unknown,
): Promise<IpcResult<Channel> | { ok: false; error: IpcError }> {
  if (!isChannel(channel)) return err({ kind: "unknown-channel", channel });
  if (!isTrustedSender(sender)) return err({ kind: "untrusted-sender", origin: sender?.url ?? "(none)" });
  const spec = IPC_CONTRACT[channel];
  const request = spec.request.safeParse(payload);
  if (!request.success) return err({ kind: "invalid-request", issues: issuesOf(request.error) });
  let response: unknown;
  try {
    response = await handlers[channel](request.data);
  } catch (e) {
    // A bug in a handler: report it as a value, and keep the detail short.
    return err({ kind: "handler-failed", detail: e instanceof Error ? e.message : String(e) });
  }
  const checked = spec.response.safeParse(response);
  if (!checked.success) return err({ kind: "invalid-response", issues: issuesOf(checked.error) });
  return ok(checked.data);
}

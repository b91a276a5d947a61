/** The implementations behind each IPC channel, given what they need as plain data. */
import type { AppInfo } from "../../shared/ipc/contract";
import type { Handlers } from "./dispatch";

export type ShellFacts = {
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly arch: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
};

export function createHandlers(facts: ShellFacts): Handlers {
  return {
    "app:info": () =>
      ({
        appName: facts.appName,
        appVersion: facts.appVersion,
        platform: facts.platform,
        arch: facts.arch,
        versions: {
          electron: facts.versions["electron"] ?? "",
          chrome: facts.versions["chrome"] ?? "",
          node: facts.versions["node"] ?? "",
          v8: facts.versions["v8"] ?? "",
        },
      }) as AppInfo,
  };
}

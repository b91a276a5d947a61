/** Sentences for a failed call to the application shell (shared/ipc/contract.ts IpcError); the renderer shows them. */
import { t } from "@lingui/core/macro";
import type { IpcError } from "../../../shared/ipc/contract";
import { describeIssues } from "./issues";

export function describeIpcError(error: IpcError): string {
  switch (error.kind) {
    case "unknown-channel": {
      const channel = error.channel;
      return t`The application shell does not offer "${channel}". The app may be out of date; reinstall it.`;
    }
    case "untrusted-sender":
      return t`The request did not come from the application's own page and was refused.`;
    case "invalid-request": {
      const issues = describeIssues(error.issues);
      return t`The request was malformed and was refused (${issues}).`;
    }
    case "invalid-response": {
      const issues = describeIssues(error.issues);
      return t`The application shell answered with malformed data (${issues}).`;
    }
    case "handler-failed": {
      const detail = error.detail;
      return t`The application shell could not complete the request: ${detail}`;
    }
  }
}

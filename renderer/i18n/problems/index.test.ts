import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { IpcError } from "../../../shared/ipc/contract";
import type { Issue } from "../../../shared/validation/issues";
import type { WorkerError } from "../../../shared/worker/contract";
import type { Problem } from "../../../shared/worker/problem";
import { describeIpcError, describeIssue, describeProblem, describeWorkerError } from "./index";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

const issue: Issue = { code: "invalid_type", path: ["x"], expected: "string" };

const workerErrors: [WorkerError, string][] = [
  [{ kind: "crypto-unavailable", error: { kind: "load-failed", detail: "x" } }, "Cryptography cannot start: libsodium failed to load (x)."],
  [{ kind: "unknown-method", method: "vault:fly" }, 'The cryptography worker does not offer "vault:fly"; reload the app.'],
  [{ kind: "invalid-request", issues: [issue] }, "The request to the cryptography worker was malformed (x: expected string)."],
  [{ kind: "invalid-response", issues: [issue] }, "The cryptography worker answered with malformed data (x: expected string)."],
  [{ kind: "cancelled" }, "The operation was cancelled; nothing was changed."],
  [{ kind: "worker-failed", reason: "exception", detail: "TypeError: x is undefined" }, "The cryptography worker stopped unexpectedly (TypeError: x is undefined); lock and unlock the vault to restart it."],
  [{ kind: "worker-failed", reason: "could-not-start", detail: "" }, "The cryptography worker could not start; reload the app."],
  [{ kind: "worker-failed", reason: "could-not-start", detail: "SyntaxError" }, "The cryptography worker could not start (SyntaxError); reload the app."],
  [{ kind: "worker-failed", reason: "vault-locked" }, "The vault was locked while this operation ran, which stopped it; unlock the vault and try again."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "crypto-unavailable", error: { kind: "self-test-failed" } } }, "The key could not be derived: Cryptography failed its self-test (SHA-256 did not give its known answer); the app will not use it."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "malformed-request" } }, "The key-derivation worker refused a malformed request; please report this as a bug."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "params-out-of-range" } }, "The key-derivation worker refused parameters outside the allowed range; the vault header may have been altered, restore the vault from a backup."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "malformed-answer" } }, "The key-derivation worker answered with malformed data; reload the app and try again."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "unexpected-answer" } }, "The key-derivation worker gave an unexpected answer; reload the app and try again."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "worker-error", detail: "" } }, "The key-derivation worker failed to start or stopped (it may have run out of memory); close other programs, reload the app and try again."],
  [{ kind: "worker-failed", reason: "key-derivation", failure: { reason: "worker-error", detail: "RangeError: out of memory" } }, "The key-derivation worker failed to start or stopped (RangeError: out of memory); close other programs, reload the app and try again."],
  [{ kind: "refused", problem: { kind: "vault", error: { kind: "locked" } } }, "The vault is locked; unlock it with your passphrase to continue."],
];

const problems: [Problem, string][] = [
  [{ kind: "vault", error: { kind: "no-vault" } }, "There is no vault in this profile yet; create one or restore a backup."],
  [{ kind: "identity", error: { kind: "invalid-region" } }, "Choose one of the five UN regional groups."],
  [{ kind: "card", error: { kind: "not-canonical", offset: 1 } }, "This identity card was changed after it was exported (it differs from its exact form at byte 1, as when an editor reformats it); ask its owner for the original file."],
  [{ kind: "contact", error: { kind: "no-update" } }, "That card brings no change to a known contact."],
  [{ kind: "case", error: { kind: "no-panel" } }, "Compose the panel of this case before sending packets."],
  [{ kind: "packet", problem: { kind: "replayed", sequence: 1, lastSeen: 2 } }, "This packet (number 1) is older than the one you already have for this case (number 2): it is a replay or an outdated copy. Nothing was imported."],
  [{ kind: "file-too-large", file: "identity-card" }, "That file is too large to be an identity card."],
  [{ kind: "file-too-large", file: "contact-card" }, "That file is far too large to be an identity card; choose the .card.json file you received."],
  [{ kind: "file-too-large", file: "stix-bundle" }, "That file is too large to be a STIX bundle this app reads."],
];

const ipcErrors: [IpcError, string][] = [
  [{ kind: "unknown-channel", channel: "app:fly" }, 'The application shell does not offer "app:fly". The app may be out of date; reinstall it.'],
  [{ kind: "untrusted-sender", origin: "https://evil.example" }, "The request did not come from the application's own page and was refused."],
  [{ kind: "invalid-request", issues: [issue] }, "The request was malformed and was refused (x: expected string)."],
  [{ kind: "invalid-response", issues: [issue] }, "The application shell answered with malformed data (x: expected string)."],
  [{ kind: "handler-failed", detail: "EACCES" }, "The application shell could not complete the request: EACCES"],
];

const issues: [Issue, string][] = [
  [{ code: "too_big", path: ["claims", 2, "statement"], origin: "string", maximum: 500 }, "claims.2.statement: The claim is longer than 500 characters"],
  [{ code: "too_big", path: ["id"], origin: "string", maximum: 1 }, "id: longer than 1 character"],
  [{ code: "too_small", path: ["displayName"], origin: "string", minimum: 1 }, "The display name is empty"],
  [{ code: "too_small", path: ["objects", 0, "object_refs"], origin: "array", minimum: 1 }, "objects.0.object_refs: must list at least one item"],
  [{ code: "invalid_type", path: ["x"], expected: "number" }, "x: expected number"],
  [{ code: "invalid_value", path: ["spec_version"], values: ["2.1"] }, 'spec_version: expected "2.1"'],
  [{ code: "invalid_format", path: ["time"], format: "datetime" }, "time: is not a valid date and time"],
  [{ code: "invalid_format", path: ["id"], format: "regex" }, "id: is not in the expected form"],
  [{ code: "unrecognized_keys", path: [], keys: ["a", "b"] }, '(root): unexpected fields "a" and "b"'],
  [{ code: "invalid_union", path: ["x"] }, "x: is not valid"],
  [{ code: "custom", path: ["affiliations", 0], reason: "surrounding-spaces" }, "affiliations.0: An affiliation starts or ends with spaces"],
  [
    { code: "custom", path: ["displayName"], reason: "invisible-characters" },
    "The display name contains invisible characters (such as a zero-width space), which could make it pass for another name; remove them",
  ],
  [{ code: "custom", path: ["x"], reason: "invisible-characters" }, "x: contains invisible characters (such as a zero-width space), which could make it pass for another name; remove them"],
  [{ code: "custom", path: ["kdf", "salt"], reason: "not-a-kdf-salt" }, "kdf.salt: the key-derivation salt is not 16 bytes in standard base64"],
  [{ code: "custom", path: ["claims"], reason: "catch-all-count" }, 'claims: A case keeps exactly one "another or unknown actor" claim'],
  [{ code: "custom", path: ["id"], reason: "not-a-stix-id", subject: "report" }, "id: must be an id of the form report--<UUID>"],
];

describe("sentences for every worker error, problem, IPC error and validation issue", () => {
  it.each(workerErrors)("worker error %j", (e, s) => expect(describeWorkerError(e)).toBe(s));
  it.each(problems)("problem %j", (p, s) => expect(describeProblem(p)).toBe(s));
  it.each(ipcErrors)("IPC error %j", (e, s) => expect(describeIpcError(e)).toBe(s));
  it.each(issues)("issue %j", (i, s) => expect(describeIssue(i)).toBe(s));
});

/**
 * Every failure's sentence, in the interface's language: `describeProblem`
 * for a worker refusal, `describeWorkerError` for any worker failure. Each
 * domain's sentences live in their own file here; every mapping is an
 * exhaustive switch, so a new kind that has no sentence does not compile.
 */
import { t } from "@lingui/core/macro";
import type { Problem } from "../../../shared/worker/problem";
import type { KdfFailure } from "../../../shared/vault/kdf";
import type { WorkerError, WorkerFailure } from "../../../shared/worker/contract";
import { describeCaseError } from "./case";
import { describeCryptoLoadError } from "./crypto";
import { describeCardError, describeContactProblem, describeIdentityProblem } from "./identity";
import { describeIssues } from "./issues";
import { describePacketProblem } from "./packet";
import { describeRubricError } from "./rubric";
import { describeScoringError } from "./scoring";
import { describeVaultError } from "./vault";

export { describeCaseError, describeConflictReason, describeCustodyFlag, describeStixErrors, describeViolation } from "./case";
export { describeCryptoLoadError } from "./crypto";
export { describeAgeError, describeJsonError, describeOpenSshKeyError, describeSignatureError } from "./formats";
export { describeCardError, describeContactProblem, describeIdentityProblem } from "./identity";
export { describeIpcError } from "./ipc";
export { describeIssue, describeIssues } from "./issues";
export { describePacketProblem } from "./packet";
export { describeFeedbackRefusal } from "./feedback";
export { describeIncomingRefusal, describeMergeError } from "./merge";
export { describeRubricError } from "./rubric";
export { describeScoringError } from "./scoring";
export { describeAuditBreak, describeAuditStatus, describeVaultError } from "./vault";

export function describeProblem(problem: Problem): string {
  switch (problem.kind) {
    case "vault":
      return describeVaultError(problem.error);
    case "identity":
      return describeIdentityProblem(problem.error);
    case "card":
      return describeCardError(problem.error);
    case "contact":
      return describeContactProblem(problem.error);
    case "case":
      return describeCaseError(problem.error);
    case "packet":
      return describePacketProblem(problem.problem);
    case "scoring":
      return describeScoringError(problem.error);
    case "rubric":
      return describeRubricError(problem.error);
    case "file-too-large":
      switch (problem.file) {
        case "identity-card":
          return t`That file is too large to be an identity card.`;
        case "contact-card":
          return t`That file is far too large to be an identity card; choose the .card.json file you received.`;
        case "stix-bundle":
          return t`That file is too large to be a STIX bundle this app reads.`;
      }
  }
}

/** Why the key-derivation worker gave no key (shared/vault/kdf.ts KdfFailure). */
export function describeKdfFailure(failure: KdfFailure): string {
  switch (failure.reason) {
    case "crypto-unavailable": {
      const cause = describeCryptoLoadError(failure.error);
      return t`The key could not be derived: ${cause}`;
    }
    case "malformed-request":
      return t`The key-derivation worker refused a malformed request; please report this as a bug.`;
    case "params-out-of-range":
      return t`The key-derivation worker refused parameters outside the allowed range; the vault header may have been altered, restore the vault from a backup.`;
    case "malformed-answer":
      return t`The key-derivation worker answered with malformed data; reload the app and try again.`;
    case "unexpected-answer":
      return t`The key-derivation worker gave an unexpected answer; reload the app and try again.`;
    case "worker-error": {
      // The browser's own text (technical, not ours), when it gave one.
      const detail = failure.detail;
      return detail === ""
        ? t`The key-derivation worker failed to start or stopped (it may have run out of memory); close other programs, reload the app and try again.`
        : t`The key-derivation worker failed to start or stopped (${detail}); close other programs, reload the app and try again.`;
    }
  }
}

function describeWorkerFailure(failure: WorkerFailure): string {
  switch (failure.reason) {
    case "exception": {
      // The exception's own text (technical: a bug, not ours to translate).
      const detail = failure.detail;
      return t`The cryptography worker stopped unexpectedly (${detail}); lock and unlock the vault to restart it.`;
    }
    case "could-not-start": {
      // The browser's own text, when it gave one.
      const detail = failure.detail;
      return detail === "" ? t`The cryptography worker could not start; reload the app.` : t`The cryptography worker could not start (${detail}); reload the app.`;
    }
    case "vault-locked":
      return t`The vault was locked while this operation ran, which stopped it; unlock the vault and try again.`;
    case "key-derivation":
      return describeKdfFailure(failure.failure);
  }
}

export function describeWorkerError(error: WorkerError): string {
  switch (error.kind) {
    case "crypto-unavailable":
      return describeCryptoLoadError(error.error);
    case "unknown-method": {
      const method = error.method;
      return t`The cryptography worker does not offer "${method}"; reload the app.`;
    }
    case "invalid-request": {
      const issues = describeIssues(error.issues);
      return t`The request to the cryptography worker was malformed (${issues}).`;
    }
    case "invalid-response": {
      const issues = describeIssues(error.issues);
      return t`The cryptography worker answered with malformed data (${issues}).`;
    }
    case "cancelled":
      return t`The operation was cancelled; nothing was changed.`;
    case "worker-failed":
      return describeWorkerFailure(error);
    case "refused":
      return describeProblem(error.problem);
  }
}

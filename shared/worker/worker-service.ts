/**
 * The crypto worker's handlers, assembled: the vault session and every
 * domain's handlers (each in its own module, behind its own contract),
 * together answering the whole worker contract. The handlers of case work
 * (registry, cases, packets: STIX, the sample case…) load on the first call
 * to any of them, not at start-up (case-work.ts).
 *
 * Free of the worker global and of IndexedDB (the storage is injected), so
 * it runs in unit tests against MemoryVaultStorage.
 */
import { loadCrypto } from "../crypto/sodium";
import { err } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { caseMethods } from "./contracts/case";
import { methodsOf, type WorkerContext } from "./contracts/common";
import { packetMethods } from "./contracts/packet";
import { registryMethods } from "./contracts/registry";
import { rubricMethods } from "./contracts/rubric";
import { scoringMethods } from "./contracts/scoring";
import { mergeMethods } from "./contracts/chair";
import { opinionMethods } from "./contracts/opinion";
import { commentMethods } from "./contracts/comment";
import { opinionExchangeMethods } from "./contracts/opinion-exchange";
import { cosignMethods } from "./contracts/cosign";
import { secretariatOpinionMethods } from "./contracts/secretariat-opinion";
import { publicationMethods } from "./contracts/publication";
import { lazyHandlers, type WorkerHandlers } from "./dispatch";
import { createFilesHandlers } from "./files-handlers";
import { createIdentityHandlers } from "./identity-handlers";
import type { R } from "./refusal";
import { createVaultHandlers, type VaultHandlerOptions } from "./vault-handlers";
import { createVaultSession, type VaultSessionOptions } from "./vault-session";

export type WorkerServiceOptions = VaultSessionOptions & VaultHandlerOptions;

/** The methods case-work.ts answers, routed before it has loaded. */
const CASE_WORK_METHODS = [...methodsOf(registryMethods), ...methodsOf(caseMethods), ...methodsOf(packetMethods)];

export function createWorkerService(options: WorkerServiceOptions): WorkerHandlers & { readonly current: () => UnlockedVault | undefined } {
  const session = createVaultSession(options);
  const handlers: WorkerHandlers = {
    ...session.handlers,
    ...createVaultHandlers(session, options),
    ...createFilesHandlers(session),
    ...createIdentityHandlers(session),
    ...lazyHandlers(CASE_WORK_METHODS, () => import("./case-work").then((m) => m.createCaseWorkHandlers(session))),
    ...lazyHandlers(methodsOf(scoringMethods), () => import("./scoring-handlers").then((m) => m.createScoringHandlers(session))),
    ...lazyHandlers(methodsOf(rubricMethods), () => import("./rubric-handlers").then((m) => m.createRubricHandlers(session))),
    ...lazyHandlers(methodsOf(mergeMethods), () => import("./merge-handlers").then((m) => m.createMergeHandlers(session))),
    ...lazyHandlers(methodsOf(opinionMethods), () => import("./opinion-handlers").then((m) => m.createOpinionHandlers(session))),
    ...lazyHandlers(methodsOf(commentMethods), () => import("./comment-handlers").then((m) => m.createCommentHandlers(session))),
    ...lazyHandlers(methodsOf(opinionExchangeMethods), () => import("./opinion-exchange-handlers").then((m) => m.createOpinionExchangeHandlers(session))),
    ...lazyHandlers(methodsOf(cosignMethods), () => import("./cosign-handlers").then((m) => m.createCosignHandlers(session))),
    ...lazyHandlers(methodsOf(secretariatOpinionMethods), () => import("./secretariat-opinion-handlers").then((m) => m.createSecretariatOpinionHandlers(session))),
    ...lazyHandlers(methodsOf(publicationMethods), () => import("./publication-handlers").then((m) => m.createPublicationHandlers(session))),
  };

  // A fresh worker (after a lock) starts without libsodium: every call first makes sure it is loaded.
  const ready = {} as Record<string, unknown>;
  for (const [method, handler] of Object.entries(handlers) as [string, (request: unknown, context: WorkerContext) => R<unknown>][]) {
    ready[method] = async (request: unknown, context: WorkerContext) => {
      const loaded = await loadCrypto();
      if (!loaded.ok) return err({ kind: "crypto-unavailable", error: loaded.error });
      return handler(request, context);
    };
  }
  return { ...(ready as WorkerHandlers), current: session.current };
}

/**
 * The contract between the UI thread and the crypto Web Worker: one per
 * domain, merged here into the single contract the client
 * (renderer/crypto/worker-client.ts) and the dispatcher (dispatch.ts) use.
 * Each method names zod request and response schemas; messages are
 * validated on both sides; failures are values (contracts/envelope.ts).
 *
 * Adding a domain (say "scoring"): declare its methods beside their schemas
 * in contracts/scoring.ts, `export const scoringMethods = { "scoring:verb":
 * { request, response }, … } as const`, with `export type ScoringHandlers =
 * HandlersOf<typeof scoringMethods>` (schemas several domains use go to
 * contracts/common.ts). Add `scoringMethods` to the `mergeContracts(…)`
 * call below and `export *` the file here; a method name another domain
 * already declares does not compile. Write its handlers in
 * shared/worker/scoring-handlers.ts, `createScoringHandlers(session:
 * VaultAccess): ScoringHandlers` (vault-session.ts gives `withVault` and the
 * clock), and spread them into worker-service.ts: directly when small, or
 * through the lazily loaded case-work.ts (adding the table to
 * CASE_WORK_METHODS) when they need the case code, so nothing of theirs
 * loads at start-up.
 */
import type { z } from "../validation/zod";
import { caseMethods } from "./contracts/case";
import { mergeMethods } from "./contracts/chair";
import { filesMethods } from "./contracts/files";
import { identityMethods } from "./contracts/identity";
import { mergeContracts } from "./contracts/merge";
import { opinionMethods } from "./contracts/opinion";
import { commentMethods } from "./contracts/comment";
import { opinionExchangeMethods } from "./contracts/opinion-exchange";
import { cosignMethods } from "./contracts/cosign";
import { secretariatOpinionMethods } from "./contracts/secretariat-opinion";
import { publicationMethods } from "./contracts/publication";
import { packetMethods } from "./contracts/packet";
import { registryMethods } from "./contracts/registry";
import { rubricMethods } from "./contracts/rubric";
import { scoringMethods } from "./contracts/scoring";
import { vaultMethods } from "./contracts/vault";

export * from "./contracts/common";
export * from "./contracts/envelope";
export * from "./contracts/vault";
export * from "./contracts/files";
export * from "./contracts/identity";
export * from "./contracts/registry";
export * from "./contracts/case";
export * from "./contracts/packet";
export * from "./contracts/scoring";
export * from "./contracts/rubric";
export * from "./contracts/chair";
export * from "./contracts/opinion";
export * from "./contracts/comment";
export * from "./contracts/opinion-exchange";
export * from "./contracts/cosign";
export * from "./contracts/secretariat-opinion";
export * from "./contracts/publication";
export { PacketProblemSchema, type PacketProblem, type Problem } from "./problem";

export const WORKER_CONTRACT = mergeContracts(vaultMethods, filesMethods, identityMethods, registryMethods, caseMethods, packetMethods, scoringMethods, rubricMethods, mergeMethods, opinionMethods, commentMethods, opinionExchangeMethods, cosignMethods, secretariatOpinionMethods, publicationMethods);

export type WorkerContract = typeof WORKER_CONTRACT;
export type WorkerMethod = keyof WorkerContract;
export type WorkerRequestOf<M extends WorkerMethod> = z.infer<WorkerContract[M]["request"]>;
export type WorkerResponseOf<M extends WorkerMethod> = z.infer<WorkerContract[M]["response"]>;

export const isWorkerMethod = (name: string): name is WorkerMethod => Object.hasOwn(WORKER_CONTRACT, name);

import { describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { WORKER_CONTRACT, type WorkerMethod } from "./contract";
import { caseMethods } from "./contracts/case";
import { mergeMethods } from "./contracts/chair";
import { filesMethods } from "./contracts/files";
import { identityMethods } from "./contracts/identity";
import { mergeContracts, type DuplicateMethods } from "./contracts/merge";
import { opinionMethods } from "./contracts/opinion";
import { commentMethods } from "./contracts/comment";
import { opinionExchangeMethods } from "./contracts/opinion-exchange";
import { cosignMethods } from "./contracts/cosign";
import { secretariatOpinionMethods } from "./contracts/secretariat-opinion";
import { publicationMethods } from "./contracts/publication";
import { packetMethods } from "./contracts/packet";
import { rubricMethods } from "./contracts/rubric";
import { scoringMethods } from "./contracts/scoring";
import { registryMethods } from "./contracts/registry";
import { vaultMethods } from "./contracts/vault";
import { MemoryVaultStorage } from "../vault/memory-storage";
import { createWorkerService } from "./worker-service";

const DOMAINS = { vault: vaultMethods, files: filesMethods, identity: identityMethods, registry: registryMethods, case: caseMethods, packet: packetMethods, scoring: scoringMethods, rubric: rubricMethods, merge: mergeMethods, opinion: opinionMethods, comment: commentMethods, opinionExchange: opinionExchangeMethods, cosign: cosignMethods, secretariatOpinion: secretariatOpinionMethods, publication: publicationMethods };
const spec = { request: z.strictObject({}), response: z.strictObject({}) };

describe("the worker contract, merged from one contract per domain", () => {
  it("holds every domain's methods, each under the same schemas, and nothing else", () => {
    const declared = Object.values(DOMAINS).flatMap((table) => Object.entries(table));
    expect(Object.keys(WORKER_CONTRACT).sort()).toEqual(declared.map(([method]) => method).sort());
    for (const [method, methodSpec] of declared) expect(WORKER_CONTRACT[method as WorkerMethod]).toBe(methodSpec);
    // Every name is `domain:verb`.
    for (const method of Object.keys(WORKER_CONTRACT)) expect(method).toMatch(/^[a-z]+:[a-z-]+$/);
  });

  it("refuses a method declared by two domains: at compile time, and by throwing if the types were bypassed", () => {
    const a = { "x:one": spec, "x:two": spec } as const;
    const b = { "y:one": spec, "x:two": spec } as const;
    // @ts-expect-error "x:two" is declared by both tables.
    expect(() => mergeContracts(a, b)).toThrow("worker method declared twice: x:two");
    expect(Object.keys(mergeContracts(a, { "y:one": spec } as const))).toEqual(["x:one", "x:two", "y:one"]);
    // The type names the duplicate, and finds none among the real domains.
    const duplicate: DuplicateMethods<[typeof a, typeof b]> = "x:two";
    expect(duplicate).toBe("x:two");
    const none: [DuplicateMethods<[typeof vaultMethods, typeof filesMethods, typeof identityMethods, typeof registryMethods, typeof caseMethods, typeof packetMethods, typeof scoringMethods, typeof rubricMethods]>] extends [never] ? true : false = true;
    expect(none).toBe(true);
  });

  it("is answered in full by the assembled service: the session, each domain's handlers, and case work loaded on demand", () => {
    const { current, ...handlers } = createWorkerService({ storage: new MemoryVaultStorage() });
    expect(current()).toBeUndefined();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(WORKER_CONTRACT).sort());
  });
});

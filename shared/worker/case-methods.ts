/**
 * The worker methods the case service answers (registry, cases, panels,
 * packets, inbox). Listed apart from the service so the vault service can
 * route them without loading it: the case service, with STIX, packets and the
 * sample case, loads on the first case call, not at start-up.
 */
import type { WorkerMethod } from "./contract";

export const CASE_METHODS = [
  "attachment:preview",
  "registry:list",
  "registry:examine",
  "registry:enrol",
  "registry:remove",
  "registry:load-sample",
  "case:list",
  "case:create",
  "case:get",
  "case:save",
  "case:delete",
  "case:load-sample",
  "case:attach",
  "case:import-stix",
  "panel:get",
  "panel:save",
  "case:draft-get",
  "case:draft-keep",
  "case:draft-discard",
  "packet:export",
  "packet:outbox",
  "inbox:import",
  "inbox:list",
  "inbox:get",
] as const satisfies readonly WorkerMethod[];

export type CaseMethod = (typeof CASE_METHODS)[number];

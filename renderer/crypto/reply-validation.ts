/**
 * What the worker client checks replies with: the envelope and every
 * method's response schema. A chunk of its own (zod and the schemas of every
 * domain), loaded beside the first screen rather than before it.
 */
export { WORKER_CONTRACT, WorkerReplySchema } from "../../shared/worker/contract";
export { issuesOf } from "../../shared/validation/issues";

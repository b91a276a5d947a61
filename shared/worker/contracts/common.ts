/**
 * What every domain contract shares: the small request schemas, the file a
 * person saves, and how a domain's method table becomes the type of its
 * handlers (`HandlersOf`), the way each domain declares its own.
 */
import { z } from "../../validation/zod";
import type { Result } from "../../result";
import type { WorkerError } from "./envelope";

export const Empty = z.strictObject({});
export const Passphrase = z.string().max(1024);
export const Id = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
export const FileInput = z.instanceof(Blob);

/** A file for the person to save: the UI offers it as a download. */
export const ExportFileSchema = z.strictObject({ fileName: z.string(), mediaType: z.string(), blob: z.instanceof(Blob) });
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** One method of the contract: the schema its request is parsed with, and the schema of its answer. */
export type MethodSpec = { readonly request: z.ZodType; readonly response: z.ZodType };
/** A domain's methods, by name (`domain:verb`). */
export type MethodTable = { readonly [method: string]: MethodSpec };

/** What a handler gets besides its request: the caller's cancellation, and where to report progress on long work. */
export type WorkerContext = { readonly signal: AbortSignal; readonly progress: (done: number, total?: number) => void };

/** The handlers a method table asks for: each takes its parsed request and answers its response or a worker error. */
export type HandlersOf<T extends MethodTable> = {
  readonly [M in keyof T]: (request: z.infer<T[M]["request"]>, context: WorkerContext) => Promise<Result<z.infer<T[M]["response"]>, WorkerError>>;
};

/** The method names of a domain's table (what `lazyHandlers` routes before the domain's code has loaded). */
export const methodsOf = <T extends MethodTable>(table: T): (keyof T & string)[] => Object.keys(table);

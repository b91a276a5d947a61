/**
 * The contract of the vault's files (attachments): import, list, verify,
 * export, delete, and a safe preview. Answered by files-handlers.ts.
 */
import { z } from "../../validation/zod";
import { Empty, ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

export const AttachmentInfoSchema = z.strictObject({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), importedAt: z.string() });
export type AttachmentInfoView = z.infer<typeof AttachmentInfoSchema>;

export const PreviewSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("text"), text: z.string(), truncated: z.boolean() }),
  z.strictObject({ kind: z.literal("image"), blob: z.instanceof(Blob), mediaType: z.string() }),
  /** No preview: the file is too large for one, or of a kind the app never renders. */
  z.strictObject({ kind: z.literal("none"), reason: z.enum(["too-large", "unsupported-type"]), mediaType: z.string() }),
]);
export type Preview = z.infer<typeof PreviewSchema>;

export const filesMethods = {
  "attachment:import": { request: z.strictObject({ file: FileInput }), response: AttachmentInfoSchema },
  "attachment:list": { request: Empty, response: z.array(AttachmentInfoSchema) },
  "attachment:verify": { request: z.strictObject({ id: Id }), response: AttachmentInfoSchema },
  "attachment:export": { request: z.strictObject({ id: Id }), response: ExportFileSchema },
  "attachment:delete": { request: z.strictObject({ id: Id }), response: Empty },
  "attachment:preview": { request: z.strictObject({ id: Id }), response: PreviewSchema },
} as const;

export type FilesHandlers = HandlersOf<typeof filesMethods>;

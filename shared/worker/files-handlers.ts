/**
 * The crypto worker's handlers for the vault's files (attachments): import,
 * list, verify, export, delete, and a safe preview (plain text, or a raster
 * image recognised by its bytes, never interpreted).
 */
import { concatBytes } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { AttachmentReadError } from "../vault/attachments";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { FilesHandlers, Preview } from "./contracts/files";
import type { WorkerError } from "./contracts/envelope";
import { refused } from "./refusal";
import { collectBlob, countedStream, fileSource, progressOptions } from "./service-kit";
import type { VaultAccess } from "./vault-session";

/** Text shown in a preview: enough to read a log extract or a report, never the whole of a huge file. */
export const TEXT_PREVIEW_BYTES = 256 * 1024;
export const IMAGE_PREVIEW_BYTES = 32 * 1024 * 1024;
const TEXT_TYPES = /^(text\/[a-z0-9.+-]+|application\/(json|xml|csv|stix\+json|x-yaml))$/;
const TEXT_NAMES = /\.(txt|log|csv|json|yar|yara|md|xml|yaml|yml|ioc)$/i;

/** The raster image type the bytes really are (magic numbers), whatever the label says; SVG is never previewed (it can carry script). */
export function sniffImage(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return "image/webp";
  return undefined;
}

async function preview(v: UnlockedVault, id: string, signal: AbortSignal): Promise<Result<Preview, WorkerError>> {
  const opened = await v.attachments.open(id);
  if (!opened.ok) return refused(opened.error);
  const { info, stream } = opened.value;
  const reader = stream.getReader();
  const wantsText = TEXT_TYPES.test(info.mediaType) || TEXT_NAMES.test(info.name);
  const limit = wantsText ? TEXT_PREVIEW_BYTES : IMAGE_PREVIEW_BYTES;
  const parts: Uint8Array[] = [];
  let read = 0;
  try {
    // An image is previewed only whole (so every byte was authenticated); a text may be cut.
    if (!wantsText && info.size > IMAGE_PREVIEW_BYTES) {
      await reader.cancel();
      return ok({ kind: "none", reason: "too-large", mediaType: info.mediaType });
    }
    while (read < limit) {
      if (signal.aborted) {
        await reader.cancel();
        return err({ kind: "cancelled" });
      }
      const next = await reader.read();
      if (next.done) break;
      parts.push(next.value);
      read += next.value.length;
    }
    await reader.cancel().catch(() => undefined);
  } catch (e) {
    if (e instanceof AttachmentReadError) return refused(e.error);
    throw e;
  }
  const bytes = concatBytes(...parts);
  if (wantsText) {
    const shown = bytes.subarray(0, Math.min(bytes.length, TEXT_PREVIEW_BYTES));
    // Shown as plain text in the page, never interpreted: invalid UTF-8 becomes U+FFFD.
    return ok({ kind: "text", text: new TextDecoder("utf-8", { fatal: false }).decode(shown), truncated: info.size > shown.length });
  }
  const image = sniffImage(bytes);
  if (image) return ok({ kind: "image", blob: new Blob([bytes], { type: image }), mediaType: image });
  return ok({ kind: "none", reason: "unsupported-type", mediaType: info.mediaType });
}

export function createFilesHandlers({ withVault }: VaultAccess): FilesHandlers {
  return {
    "attachment:import": ({ file }, context) =>
      withVault(async (v) => {
        const imported = await v.attachments.import(fileSource(file), progressOptions(context));
        return imported.ok ? ok(imported.value) : refused(imported.error);
      }),

    "attachment:list": () =>
      withVault(async (v) => {
        const list = await v.attachments.list();
        return list.ok ? ok(list.value.sort((a, b) => a.importedAt.localeCompare(b.importedAt))) : refused(list.error);
      }),

    "attachment:verify": ({ id }, context) =>
      withVault(async (v) => {
        const verified = await v.attachments.verify(id, progressOptions(context));
        return verified.ok ? ok(verified.value) : refused(verified.error);
      }),

    "attachment:export": ({ id }, context) =>
      withVault(async (v) => {
        const opened = await v.attachments.open(id);
        if (!opened.ok) return refused(opened.error);
        try {
          const blob = await collectBlob(countedStream(opened.value.stream, opened.value.info.size, context), opened.value.info.mediaType, context.signal);
          return ok({ fileName: opened.value.info.name, mediaType: opened.value.info.mediaType, blob });
        } catch (e) {
          if (e instanceof AttachmentReadError) {
            if (e.error.kind === "attachment-corrupt") await v.audit("tamper-detected", { table: "attachments", id });
            return refused(e.error);
          }
          throw e;
        }
      }),

    "attachment:delete": ({ id }) =>
      withVault(async (v) => {
        const deleted = await v.attachments.delete(id);
        return deleted.ok ? ok({}) : refused(deleted.error);
      }),

    "attachment:preview": ({ id }, context) => withVault((v) => preview(v, id, context.signal)),
  };
}

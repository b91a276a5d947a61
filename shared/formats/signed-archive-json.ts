/**
 * Small signed archives held in memory (a scoresheet, a feedback packet, a
 * draft for comment, a person's signed copy of one): packed in one call,
 * opened in one call with every check of the streaming reader
 * (signed-archive.ts). unpackArchiveBytes hands each file back as the exact
 * bytes the manifest hashed (for files that must stay byte-exact, a signed
 * statement beside its armored `.sig`); unpackJsonArchive parses each as
 * strict JSON.
 */
import { concatBytes, readAllBytes } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { parseStrictJson } from "./jcs";
import {
  archiveJsonFile,
  openPlainSignedArchive,
  openSignedArchive,
  writePlainSignedArchive,
  writeSignedArchive,
  type ArchiveBuild,
  type ArchiveCheck,
  type ArchiveSink,
  type CommonManifest,
  type ManifestOf,
  type SignedArchiveError,
  type SignedArchiveFormat,
} from "./signed-archive";

/** One JSON file of an archive: its path and any value with a canonical form. */
export type JsonArchiveFile = { readonly path: string; readonly value: unknown };

/** A file of an authentic archive larger than the reader accepts (`path`: the file). */
export type ArchiveFileTooLarge = { readonly kind: "invalid-content"; readonly reason: "file-too-large"; readonly path: string };
/** How a JSON file of an authentic archive does not read (`path`: the file). */
export type JsonArchiveError = ArchiveFileTooLarge | { readonly kind: "invalid-content"; readonly reason: "not-json"; readonly path: string };

/** How an archive is sealed: encrypted to its recipients, or a plain signed copy. */
export type JsonArchiveMode = "encrypted" | "plain";
/** How it is opened: with an X25519 secret key (and, to refuse one not addressed to it, its own age recipient), or as a plain archive. */
export type JsonArchiveKey = { readonly kind: "age"; readonly identity: Uint8Array; readonly myRecipient?: string } | { readonly kind: "plain" };

const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** The archive as bytes: encrypted to `build.recipients`, or a plain signed copy. */
export function packArchive<F extends SignedArchiveFormat>(format: F, build: ArchiveBuild<F>, mode: JsonArchiveMode): Promise<Uint8Array> {
  return readAllBytes(mode === "encrypted" ? writeSignedArchive(format, build) : writePlainSignedArchive(format, build));
}

/** An archive whose files are all JSON, as bytes. */
export function packJsonArchive<F extends SignedArchiveFormat>(
  format: F,
  build: Omit<ArchiveBuild<F>, "files"> & { readonly files: readonly JsonArchiveFile[] },
  mode: JsonArchiveMode,
): Promise<Uint8Array> {
  return packArchive(format, { ...build, files: build.files.map((f) => archiveJsonFile(f.path, f.value)) }, mode);
}

/**
 * Opens an archive held in memory with every check of the streaming readers
 * and resolves to the manifest and each listed file's exact bytes (each at
 * most `maxFileBytes`), only if everything checked out.
 */
export async function unpackArchiveBytes<F extends SignedArchiveFormat, E>(
  format: F,
  bytes: Uint8Array,
  key: JsonArchiveKey,
  check: ArchiveCheck<ManifestOf<F>, E>,
  options: { readonly maxFileBytes?: number } = {},
): Promise<Result<{ readonly manifest: ManifestOf<F>; readonly files: ReadonlyMap<string, Uint8Array> }, SignedArchiveError | ArchiveFileTooLarge | E>> {
  const max = options.maxFileBytes ?? MAX_FILE_BYTES;
  const parts = new Map<string, Uint8Array[]>();
  let current = "";
  class TooLarge extends Error {
    constructor(readonly path: string) {
      super("file too large");
    }
  }
  const sink: ArchiveSink = {
    begin(path, size) {
      if (size > max) throw new TooLarge(path);
      current = path;
      parts.set(path, []);
    },
    data(chunk) {
      parts.get(current)?.push(chunk.slice());
    },
    end: () => undefined,
  };
  // The bytes as one chunk, not `new Blob([bytes]).stream()`: in Chromium a Blob's bytes are handed to the browser's
  // blob store and read back through a data pipe, which made opening 15 scoresheets in the worker about 3 times
  // slower than this (merge bench, decrypt stage). The readers never write to a chunk they are given.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  let opened: Result<ManifestOf<F>, SignedArchiveError | E>;
  try {
    opened =
      key.kind === "age"
        ? await openSignedArchive(format, stream, key.identity, check, sink, key.myRecipient === undefined ? {} : { myRecipient: key.myRecipient })
        : await openPlainSignedArchive(format, stream, check, sink);
  } catch (e) {
    if (e instanceof TooLarge) return err({ kind: "invalid-content", reason: "file-too-large", path: e.path });
    throw e;
  }
  if (!opened.ok) return opened;
  const files = new Map<string, Uint8Array>();
  for (const { path } of (opened.value as CommonManifest).files) files.set(path, concatBytes(...(parts.get(path) ?? [])));
  return ok({ manifest: opened.value, files });
}

/**
 * Opens an archive whose files are all JSON, held in memory: every check of
 * the streaming readers, then each file parsed as strict JSON (each at most
 * `maxFileBytes`). Resolves to the manifest and the values by path.
 */
export async function unpackJsonArchive<F extends SignedArchiveFormat, E>(
  format: F,
  bytes: Uint8Array,
  key: JsonArchiveKey,
  check: ArchiveCheck<ManifestOf<F>, E>,
  options: { readonly maxFileBytes?: number } = {},
): Promise<Result<{ readonly manifest: ManifestOf<F>; readonly files: ReadonlyMap<string, unknown> }, SignedArchiveError | JsonArchiveError | E>> {
  const opened = await unpackArchiveBytes(format, bytes, key, check, options);
  if (!opened.ok) return opened;
  const values = new Map<string, unknown>();
  for (const [path, file] of opened.value.files) {
    const value = parseStrictJson(file);
    if (!value.ok) return err({ kind: "invalid-content", reason: "not-json", path });
    values.set(path, value.value);
  }
  return ok({ manifest: opened.value.manifest, files: values });
}

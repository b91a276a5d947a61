/**
 * Small signed archives whose files are all JSON, held in memory (a
 * scoresheet, a person's signed copy of one): packed in one call, opened in
 * one call with every check of the streaming reader (signed-archive.ts),
 * each file then parsed as strict JSON.
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

/** How a JSON file of an authentic archive does not read (`path`: the file). */
export type JsonArchiveError = { readonly kind: "invalid-content"; readonly reason: "not-json" | "file-too-large"; readonly path: string };

/** How an archive of JSON files is sealed: encrypted to its recipients, or a plain signed copy. */
export type JsonArchiveMode = "encrypted" | "plain";
/** How it is opened: with an X25519 secret key (and, to refuse one not addressed to it, its own age recipient), or as a plain archive. */
export type JsonArchiveKey = { readonly kind: "age"; readonly identity: Uint8Array; readonly myRecipient?: string } | { readonly kind: "plain" };

const MAX_JSON_FILE_BYTES = 16 * 1024 * 1024;

/** An archive whose files are all JSON, as bytes. */
export async function packJsonArchive<F extends SignedArchiveFormat>(
  format: F,
  build: Omit<ArchiveBuild<F>, "files"> & { readonly files: readonly JsonArchiveFile[] },
  mode: JsonArchiveMode,
): Promise<Uint8Array> {
  const full: ArchiveBuild<F> = { ...build, files: build.files.map((f) => archiveJsonFile(f.path, f.value)) };
  return readAllBytes(mode === "encrypted" ? writeSignedArchive(format, full) : writePlainSignedArchive(format, full));
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
  const max = options.maxFileBytes ?? MAX_JSON_FILE_BYTES;
  const parts = new Map<string, Uint8Array[]>();
  const values = new Map<string, unknown>();
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
  for (const { path } of (opened.value as CommonManifest).files) {
    const value = parseStrictJson(concatBytes(...(parts.get(path) ?? [])));
    if (!value.ok) return err({ kind: "invalid-content", reason: "not-json", path });
    values.set(path, value.value);
  }
  return ok({ manifest: opened.value, files: values });
}

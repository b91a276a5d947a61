/**
 * The publication as one `.zip` (issue 16): the same files under one folder
 * named for the case, stored with a fixed time so the same publication
 * always gives the same bytes. fflate writes and reads it (maintained, no
 * native code, no eval). Reading is bounded: at most MAX_FILES entries and
 * MAX_ZIP_CONTENT bytes as the archive declares them, each name a plain
 * relative path (no "..", no absolute path, no backslash), so a hostile zip
 * cannot exhaust memory or name a file outside the publication.
 */
import { unzipSync, zipSync, type Zippable } from "fflate";
import { err, ok, type Result } from "../result";
import { MAX_FILES, PublishedPathSchema } from "./publication";

/** The most a publication's files may add up to once unzipped. */
export const MAX_ZIP_CONTENT = 512 * 1024 * 1024;
/** Every entry's time: the zip format's earliest (1980-01-01, local time as the format stores it). */
const FIXED_TIME = new Date(1980, 0, 1, 12, 0, 0);

export const publicationFolderName = (caseId: string): string => `opinion-${caseId.slice(0, 16)}`;

export function zipPublication(files: ReadonlyMap<string, Uint8Array>, folder: string): Uint8Array {
  const entries: Zippable = {};
  for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) entries[`${folder}/${path}`] = [bytes, { level: 6, mtime: FIXED_TIME }];
  return zipSync(entries);
}

export type ZipProblem =
  | { readonly kind: "not-a-zip" }
  | { readonly kind: "too-large" }
  | { readonly kind: "too-many-files" }
  /** An entry whose name is not a plain relative path (zip slip), or appears twice. */
  | { readonly kind: "bad-path"; readonly path: string };

/** Whether bytes begin as a zip archive does (a local file header). */
export const looksLikeZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The files of a zipped publication, by path inside the publication: the one
 * folder every entry sits in (as zipPublication writes) is taken off.
 */
export function unzipPublication(bytes: Uint8Array): Result<Map<string, Uint8Array>, ZipProblem> {
  if (!looksLikeZip(bytes)) return err({ kind: "not-a-zip" });
  let count = 0;
  let total = 0;
  let problem: ZipProblem | undefined;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith("/")) return false;
        count += 1;
        total += file.originalSize;
        if (count > MAX_FILES) problem ??= { kind: "too-many-files" };
        else if (total > MAX_ZIP_CONTENT) problem ??= { kind: "too-large" };
        else if (file.name.includes("\\") || !PublishedPathSchema.safeParse(file.name).success) problem ??= { kind: "bad-path", path: file.name };
        return problem === undefined;
      },
    });
  } catch {
    return err({ kind: "not-a-zip" });
  }
  if (problem !== undefined) return err(problem);
  const names = Object.keys(entries);
  const tops = new Set(names.map((n) => n.split("/")[0]));
  const strip = tops.size === 1 && names.every((n) => n.includes("/"));
  const files = new Map<string, Uint8Array>();
  for (const name of names) {
    const path = strip ? name.slice(name.indexOf("/") + 1) : name;
    if (files.has(path)) return err({ kind: "bad-path", path: name });
    files.set(path, entries[name] as Uint8Array);
  }
  return ok(files);
}

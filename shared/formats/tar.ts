/**
 * POSIX ustar (IEEE 1003.1-1988), the container inside a case packet, so that
 * `age -d … | tar -x` unpacks one with stock tools. Written here rather than
 * taken from a package because the case packet needs Web Streams with bounded
 * memory in a worker and a strict reader for hostile input; the available
 * packages are Node-stream based or buffer whole archives.
 *
 * Only what packets use: regular files with short relative paths (≤ 100
 * bytes, letters, digits, '.', '-', '_', '/'), sizes below 8 GiB (11 octal
 * digits), fixed metadata (mode 0644, uid/gid 0, mtime given). The reader
 * accepts exactly the headers `tarHeader` writes, byte for byte, except the
 * mtime (any 11-digit octal number) and devmajor/devminor, which may also
 * hold the octal zero that GNU tar and Python's tarfile write. It refuses
 * anything else: links, devices, pax or GNU archives (named as such, so the
 * sender can be told to use ustar), absolute or '..' paths, bad checksums,
 * other owners, modes or names in the fixed fields, trailing garbage.
 */
import { ByteQueue } from "../encoding/byte-queue";
import { fromUtf8, utf8 } from "../encoding/bytes";

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;
const PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** The tar formats stock tools write instead of ustar (`tar --format=pax`, GNU tar's default `--format=gnu`). */
export const TAR_FORMATS = ["pax", "gnu"] as const;
export type TarFormat = (typeof TAR_FORMATS)[number];

/** The header fields (POSIX names) that hold the same bytes in every packet entry; "reserved": the 12 unnamed bytes at the end. */
export const TAR_FIXED_FIELDS = ["name", "mode", "uid", "gid", "typeflag", "linkname", "uname", "gname", "devmajor", "devminor", "prefix", "reserved"] as const;
export type TarFixedField = (typeof TAR_FIXED_FIELDS)[number];

/** What is wrong with an archive, as a value (the interface words it); `path`: the entry's own path. */
export type TarProblem =
  | { readonly reason: "header-not-utf8" | "checksum-mismatch" | "not-ustar" | "not-a-regular-file" | "prefixed-path" | "no-end-marker" | "end-marker-truncated" | "end-marker-malformed" | "data-after-end" }
  | { readonly reason: "field-not-octal"; readonly field: "checksum" | "size" | "mtime" }
  /** A fixed field holds something `tarHeader` never writes there ("name": bytes after the path's terminating NUL). */
  | { readonly reason: "unexpected-field"; readonly field: TarFixedField }
  /** A pax or GNU archive: a stock tool's default or `--format=pax`, not the ustar packets use. */
  | { readonly reason: "unsupported-format"; readonly format: TarFormat }
  | { readonly reason: "path-not-allowed" | "entry-truncated" | "padding-not-zero"; readonly path: string };

export class TarError extends Error {
  constructor(readonly problem: TarProblem) {
    super(`not a valid packet archive: ${problem.reason}`);
    this.name = "TarError";
  }
}

export const isTarPath = (path: string): boolean => path.length <= 100 && PATH.test(path);

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/** The 512-byte header of a regular file. */
export function tarHeader(path: string, size: number, mtimeSeconds: number): Uint8Array {
  if (!isTarPath(path)) throw new RangeError(`unsupported tar path ${JSON.stringify(path)}`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_SIZE) throw new RangeError("unsupported tar entry size");
  const header = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => header.set(utf8(text), offset);
  put(0, path);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(size, 12));
  put(136, octal(Math.max(0, Math.floor(mtimeSeconds)), 12));
  put(148, "        ");
  put(156, "0");
  put(257, "ustar\u000000");
  let sum = 0;
  for (const b of header) sum += b;
  put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
  return header;
}

export const tarPadding = (size: number): Uint8Array => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);
/** How many archive bytes an entry of `size` bytes takes: its header, its data and the padding after it. */
export const tarEntryBytes = (size: number): number => BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
export const TAR_END = new Uint8Array(2 * BLOCK);

export type TarEntryHead = { readonly path: string; readonly size: number };

function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  const text = fromUtf8(end >= 0 ? bytes.subarray(0, end) : bytes);
  if (text === undefined) throw new TarError({ reason: "header-not-utf8" });
  return text;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const zeros = (length: number): Uint8Array => new Uint8Array(length);

/** Whether `header` holds exactly `expected` at `offset`. */
function holds(header: Uint8Array, offset: number, expected: Uint8Array): boolean {
  return expected.every((b, i) => header[offset + i] === b);
}

/** An octal number as tarHeader writes it: `digits` octal digits, then NUL. */
function parseOctal(header: Uint8Array, offset: number, digits: number, trailer: string, name: "checksum" | "size" | "mtime"): number {
  const bytes = header.subarray(offset, offset + digits);
  if (!bytes.every((b) => b >= 0x30 && b <= 0x37) || !holds(header, offset + digits, ascii(trailer))) throw new TarError({ reason: "field-not-octal", field: name });
  return parseInt(String.fromCharCode(...bytes), 8);
}

const GNU_MAGIC = ascii("ustar  \0");
const USTAR_MAGIC = ascii("ustar\u000000");
const TYPE_REGULAR = 0x30;
/** Typeflags of pax extended headers (per file, global) and of GNU long names and link names. */
const PAX_TYPES = new Set([0x78, 0x67]);
const GNU_TYPES = new Set([0x4c, 0x4b]);

/** Every fixed field but the name and typeflag, with the bytes tarHeader writes there (and what else is accepted). */
const FIXED: readonly { field: TarFixedField; offset: number; accepted: readonly Uint8Array[] }[] = [
  { field: "mode", offset: 100, accepted: [ascii("0000644\0")] },
  { field: "uid", offset: 108, accepted: [ascii("0000000\0")] },
  { field: "gid", offset: 116, accepted: [ascii("0000000\0")] },
  { field: "linkname", offset: 157, accepted: [zeros(100)] },
  { field: "uname", offset: 265, accepted: [zeros(32)] },
  { field: "gname", offset: 297, accepted: [zeros(32)] },
  // Empty, as tarHeader writes them, or zero, as GNU tar and Python's tarfile do in ustar.
  { field: "devmajor", offset: 329, accepted: [zeros(8), ascii("0000000\0")] },
  { field: "devminor", offset: 337, accepted: [zeros(8), ascii("0000000\0")] },
];

function parseHeader(header: Uint8Array): TarEntryHead {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  if (parseOctal(header, 148, 6, "\0 ", "checksum") !== sum) throw new TarError({ reason: "checksum-mismatch" });
  const type = header[156] as number;
  if (holds(header, 257, GNU_MAGIC)) throw new TarError({ reason: "unsupported-format", format: "gnu" });
  if (!holds(header, 257, USTAR_MAGIC)) throw new TarError({ reason: "not-ustar" });
  if (PAX_TYPES.has(type)) throw new TarError({ reason: "unsupported-format", format: "pax" });
  if (GNU_TYPES.has(type)) throw new TarError({ reason: "unsupported-format", format: "gnu" });
  // NUL is a regular file in pre-POSIX archives, but tarHeader always writes '0'.
  if (type === 0) throw new TarError({ reason: "unexpected-field", field: "typeflag" });
  if (type !== TYPE_REGULAR) throw new TarError({ reason: "not-a-regular-file" });
  const path = field(header, 0, 100);
  const pathEnd = header.indexOf(0);
  if (pathEnd >= 0 && pathEnd < 100 && !header.subarray(pathEnd, 100).every((b) => b === 0)) throw new TarError({ reason: "unexpected-field", field: "name" });
  for (const { field: name, offset, accepted } of FIXED) {
    if (!accepted.some((bytes) => holds(header, offset, bytes))) throw new TarError({ reason: "unexpected-field", field: name });
  }
  const size = parseOctal(header, 124, 11, "\0", "size");
  parseOctal(header, 136, 11, "\0", "mtime");
  if (header[345] !== 0) throw new TarError({ reason: "prefixed-path" });
  if (!holds(header, 345, zeros(155))) throw new TarError({ reason: "unexpected-field", field: "prefix" });
  if (!holds(header, 500, zeros(12))) throw new TarError({ reason: "unexpected-field", field: "reserved" });
  if (!isTarPath(path)) throw new TarError({ reason: "path-not-allowed", path });
  return { path, size };
}

export type TarSink = {
  /** A new entry starts; return false to refuse it (the reader then throws). */
  begin(entry: TarEntryHead): void | Promise<void>;
  data(chunk: Uint8Array): void | Promise<void>;
  end(entry: TarEntryHead): void | Promise<void>;
};

/**
 * Reads an archive from a stream, handing each entry's bytes to `sink` as
 * they come (memory holds one incoming chunk). Throws TarError on anything
 * malformed, truncated, or followed by data after the end marker.
 */
export async function readTar(stream: ReadableStream<Uint8Array>, sink: TarSink): Promise<void> {
  const reader = stream.getReader();
  const queue = new ByteQueue();
  let eof = false;
  const fill = async (n: number): Promise<boolean> => {
    while (queue.length < n && !eof) {
      const next = await reader.read();
      if (next.done) eof = true;
      else queue.push(next.value);
    }
    return queue.length >= n;
  };
  try {
    for (;;) {
      if (!(await fill(BLOCK))) throw new TarError({ reason: "no-end-marker" });
      const header = queue.take(BLOCK).slice();
      if (header.every((b) => b === 0)) {
        if (!(await fill(BLOCK))) throw new TarError({ reason: "end-marker-truncated" });
        if (!queue.take(BLOCK).every((b) => b === 0)) throw new TarError({ reason: "end-marker-malformed" });
        // Writers may pad to a record size with more zero blocks; anything else is extra data.
        while (await fill(1)) {
          if (queue.take(Math.min(queue.length, BLOCK)).some((b) => b !== 0)) throw new TarError({ reason: "data-after-end" });
        }
        return;
      }
      const entry = parseHeader(header);
      await sink.begin(entry);
      let left = entry.size;
      while (left > 0) {
        if (!(await fill(1))) throw new TarError({ reason: "entry-truncated", path: entry.path });
        const chunk = queue.take(Math.min(left, queue.length));
        await sink.data(chunk);
        left -= chunk.length;
      }
      const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
      if (pad > 0) {
        if (!(await fill(pad))) throw new TarError({ reason: "entry-truncated", path: entry.path });
        if (queue.take(pad).some((b) => b !== 0)) throw new TarError({ reason: "padding-not-zero", path: entry.path });
      }
      await sink.end(entry);
    }
  } finally {
    reader.releaseLock();
  }
}

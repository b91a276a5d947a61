/**
 * The SSH wire encoding (RFC 4251 §5) that OpenSSH keys and SSHSIG
 * signatures are built from: big-endian uint32, and "string" = uint32 length
 * followed by that many bytes.
 *
 * The reader is for outside input, so it never throws: every read returns
 * undefined when the data is too short, and the caller turns that into its
 * own typed error.
 */
import { concatBytes, fromUtf8, utf8 } from "../encoding/bytes";

const UINT32_MAX = 0xffff_ffff;

export function sshUint32(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) throw new RangeError(`not a uint32: ${value}`);
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/** An SSH string; text is encoded as UTF-8. */
export function sshString(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === "string" ? utf8(data) : data;
  return concatBytes(sshUint32(bytes.length), bytes);
}

export type SshReader = {
  /** Bytes not read yet. */
  readonly remaining: () => number;
  /** The next `length` bytes, or undefined if fewer remain. */
  readonly bytes: (length: number) => Uint8Array | undefined;
  readonly uint32: () => number | undefined;
  readonly string: () => Uint8Array | undefined;
  /**
   * A string holding UTF-8 text without NUL bytes (OpenSSH reads such fields
   * as C strings, so an embedded NUL would make the two readers disagree);
   * undefined if truncated or not such text.
   */
  readonly text: () => string | undefined;
  /** True when every byte has been read: formats here allow no trailing data. */
  readonly atEnd: () => boolean;
};

/** A bounds-checked cursor over `data`; reads return views into it, not copies. */
export function sshReader(data: Uint8Array): SshReader {
  let offset = 0;
  const remaining = (): number => data.length - offset;
  const bytes = (length: number): Uint8Array | undefined => {
    if (!Number.isInteger(length) || length < 0 || length > remaining()) return undefined;
    const out = data.subarray(offset, offset + length);
    offset += length;
    return out;
  };
  const uint32 = (): number | undefined => {
    const b = bytes(4);
    // `>>> 0` keeps values with the top bit set positive.
    return b && ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  };
  const string = (): Uint8Array | undefined => {
    const start = offset;
    const length = uint32();
    if (length === undefined) return undefined;
    const out = bytes(length);
    // A failed read consumes nothing, so callers may report where it stopped.
    if (out === undefined) offset = start;
    return out;
  };
  const text = (): string | undefined => {
    const start = offset;
    const raw = string();
    const decoded = raw && !raw.includes(0) ? fromUtf8(raw) : undefined;
    if (decoded === undefined) offset = start;
    return decoded;
  };
  return { remaining, bytes, uint32, string, text, atEnd: () => remaining() === 0 };
}

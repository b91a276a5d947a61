/**
 * The age v1 header (C2SP age §"Header"): the version line, one stanza per
 * recipient, and the MAC line.
 *
 *   age-encryption.org/v1
 *   -> X25519 <arg>
 *   <base64 body, 64 columns, ending with a line shorter than 64>
 *   --- <base64 HMAC-SHA-256 of everything up to and including "---">
 *
 * Parsing is strict: every rule the spec states is a refusal here.
 */
import { fromBase64, toBase64 } from "../../crypto/sodium";
import { concatBytes, fromUtf8, utf8 } from "../../encoding/bytes";
import { err, ok, type Result } from "../../result";
import type { AgeError, AgeHeaderProblem } from "./errors";

export const VERSION_LINE = "age-encryption.org/v1";
export const MAC_BYTES = 32;
const COLUMNS = 64;
/** A header larger than this is refused: real ones are a few hundred bytes per recipient. */
export const MAX_HEADER_BYTES = 1 << 20;
/** More stanzas than this is refused: each costs an X25519 operation per key tried. */
export const MAX_STANZAS = 1024;

export type Stanza = { readonly type: string; readonly args: readonly string[]; readonly body: Uint8Array };

export type ParsedHeader = {
  readonly stanzas: readonly Stanza[];
  /** The header bytes the MAC covers: from the start through "---". */
  readonly macInput: Uint8Array;
  readonly mac: Uint8Array;
  /** Bytes of input the header occupied, including the MAC line's newline. */
  readonly length: number;
};

const ARGUMENT = /^[\x21-\x7e]+$/;
const malformed = (reason: AgeHeaderProblem) => err<AgeError>({ kind: "malformed-header", reason });

function wrapBody(body: Uint8Array): string {
  const text = toBase64(body, false);
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += COLUMNS) lines.push(text.slice(i, i + COLUMNS));
  // The body always ends with a line shorter than 64 columns, possibly empty.
  if (text.length % COLUMNS === 0) lines.push("");
  return lines.join("\n");
}

/** The header without its MAC: version line, stanzas, and "---". */
export function encodeHeaderWithoutMac(stanzas: readonly Stanza[]): Uint8Array {
  const parts = [VERSION_LINE];
  for (const s of stanzas) parts.push(`-> ${[s.type, ...s.args].join(" ")}`, wrapBody(s.body));
  parts.push("---");
  return utf8(parts.join("\n"));
}

export function encodeHeader(stanzas: readonly Stanza[], mac: Uint8Array): Uint8Array {
  return concatBytes(encodeHeaderWithoutMac(stanzas), utf8(` ${toBase64(mac, false)}\n`));
}

/**
 * Parses a complete header at the start of `bytes`. Returns `undefined` when
 * `bytes` ends before the header does (the caller reads more and retries).
 */
export function parseHeader(bytes: Uint8Array): Result<ParsedHeader, AgeError> | undefined {
  let offset = 0;
  const nextLine = (): string | undefined | null => {
    const end = bytes.indexOf(0x0a, offset);
    if (end < 0) return undefined; // need more input
    const line = fromUtf8(bytes.subarray(offset, end));
    offset = end + 1;
    return line ?? null;
  };

  const version = nextLine();
  if (version === undefined) {
    // Fail fast on something that can never become a version line.
    const prefix = fromUtf8(bytes.subarray(0, Math.min(bytes.length, VERSION_LINE.length)));
    if (prefix !== undefined && VERSION_LINE.startsWith(prefix)) return bytes.length > MAX_HEADER_BYTES ? malformed("too-long") : undefined;
    return err({ kind: "unsupported-version" });
  }
  if (version !== VERSION_LINE) {
    return version !== null && version.startsWith("age-encryption.org/")
      ? err({ kind: "unsupported-version", versionLine: version.slice(0, 40) })
      : err({ kind: "unsupported-version" });
  }

  const stanzas: Stanza[] = [];
  for (;;) {
    const lineStart = offset;
    const line = nextLine();
    if (line === undefined) return bytes.length > MAX_HEADER_BYTES ? malformed("too-long") : undefined;
    if (line === null) return malformed("line-not-text");
    if (line.startsWith("--- ") || line === "---") {
      if (offset > MAX_HEADER_BYTES) return malformed("too-long");
      const macInput = bytes.subarray(0, lineStart + 3);
      const encoded = line.slice(4);
      const mac = line.startsWith("--- ") ? fromBase64(encoded, false) : undefined;
      if (!mac || mac.length !== MAC_BYTES) return malformed("mac-line-malformed");
      return ok({ stanzas, macInput, mac, length: offset });
    }
    if (!line.startsWith("-> ")) return malformed("expected-stanza-or-mac");
    const words = line.slice(3).split(" ");
    if (words.some((w) => !ARGUMENT.test(w))) return malformed("stanza-argument-invalid");
    if (stanzas.length >= MAX_STANZAS) return err<AgeError>({ kind: "malformed-header", reason: "too-many-stanzas", limit: MAX_STANZAS });
    const [type, ...args] = words as [string, ...string[]];

    const bodyParts: Uint8Array[] = [];
    for (;;) {
      const bodyLine = nextLine();
      if (bodyLine === undefined) return bytes.length > MAX_HEADER_BYTES ? malformed("too-long") : undefined;
      if (bodyLine === null || bodyLine.length > COLUMNS) return malformed("stanza-body-line-malformed");
      const decoded = fromBase64(bodyLine, false);
      if (!decoded) return malformed("stanza-body-not-base64");
      bodyParts.push(decoded);
      if (bodyLine.length < COLUMNS) break;
    }
    stanzas.push({ type, args, body: concatBytes(...bodyParts) });
  }
}

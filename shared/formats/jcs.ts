/**
 * Canonical JSON (RFC 8785, JCS) for everything that is signed or hashed, and
 * the strict parser that reads such documents back.
 *
 * A signature is checked over the exact bytes received, never over a
 * re-serialisation, so `parseCanonicalJson` refuses any input that is not
 * already byte-for-byte canonical. The parser is stricter than JSON.parse
 * where JSON.parse would let two readers see different documents: duplicate
 * keys, lone surrogates, numbers that overflow to Infinity (RFC 7493, I-JSON).
 */
import { parse as parseJsonAst, type ValueNode } from "@humanwhocodes/momoa";
import canonicalize from "canonicalize";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { childPointer, pointerOf, type JsonPointer } from "./json-pointer";

/** Deepest nesting of arrays and objects accepted or produced. */
export const MAX_JSON_DEPTH = 64;

/** An RFC 6901 JSON Pointer (json-pointer.ts); "" points at the entire JSON text. */
export type { JsonPointer };

export type JsonError =
  | { readonly kind: "invalid-utf8" }
  | { readonly kind: "byte-order-mark" }
  | { readonly kind: "syntax"; readonly line: number; readonly column: number; readonly detail: string }
  | { readonly kind: "duplicate-key"; readonly path: JsonPointer }
  | { readonly kind: "lone-surrogate"; readonly path: JsonPointer }
  | { readonly kind: "number-out-of-range"; readonly path: JsonPointer; readonly text: string }
  | { readonly kind: "too-deep"; readonly limit: number }
  | { readonly kind: "not-canonical"; readonly offset: number }
  | { readonly kind: "unsupported-value"; readonly path: JsonPointer; readonly value: string };

/**
 * Whether `text` holds a lone surrogate. String.prototype.isWellFormed
 * (ES2024: Node 20, Chromium 111; the lib this code compiles against is
 * ES2023) is native and several times faster than a regular expression over
 * the thousands of strings of a scoresheet; canonicalize relies on it too.
 */
const hasLoneSurrogate = (text: string): boolean => !(text as string & { isWellFormed(): boolean }).isWellFormed();

// --- serialising -------------------------------------------------------------

/** The UTF-8 bytes of the RFC 8785 canonical form of `value`. */
export function canonicalJson(value: unknown): Result<Uint8Array, JsonError> {
  // `canonicalize` quietly drops or converts what JSON.stringify drops or
  // converts (undefined, functions, Date via toJSON, Map as {}), so anything
  // without one exact JSON reading is refused here first.
  const problem = unsupported(value, [], 0, new Set());
  if (problem) return err(problem);
  const text = canonicalize(value);
  if (text === undefined) throw new Error("canonicalize returned nothing for a checked value");
  return ok(utf8OfJson(text));
}

/**
 * The UTF-8 bytes of `text`: ASCII text (most canonical JSON, whose escapes
 * are ASCII) copied byte for byte, anything else through TextEncoder. The
 * same bytes either way; the copy because Chromium's TextEncoder is slow on
 * large text (measured on the 750 KB record of 15 held scoresheets: about
 * 15 ms, the copy under 2 ms; in Node the two are about even).
 */
function utf8OfJson(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return utf8(text);
    bytes[i] = c;
  }
  return bytes;
}

/** The canonical bytes of a value this app built itself, where failing is a bug: it throws, naming `what`. */
export function mustCanonicalJson(value: unknown, what: string): Uint8Array {
  const json = canonicalJson(value);
  if (!json.ok) throw new Error(`${what} has no canonical JSON form: ${json.error.kind}`);
  return json.value;
}

/**
 * The first thing in `value` without one exact JSON reading, at the path
 * `tokens` (a stack this walk pushes and pops: the pointer is spelt out only
 * for a problem, not for every value of a large document).
 */
function unsupported(value: unknown, tokens: (string | number)[], depth: number, ancestors: Set<object>): JsonError | undefined {
  switch (typeof value) {
    case "boolean":
      return undefined;
    case "string":
      return hasLoneSurrogate(value) ? { kind: "lone-surrogate", path: pointerOf(tokens) } : undefined;
    case "number":
      return Number.isFinite(value) ? undefined : { kind: "unsupported-value", path: pointerOf(tokens), value: String(value) };
    case "object":
      break;
    default:
      return { kind: "unsupported-value", path: pointerOf(tokens), value: typeof value };
  }
  if (value === null) return undefined;
  if (ancestors.has(value)) return { kind: "unsupported-value", path: pointerOf(tokens), value: "a circular reference" };
  if (depth >= MAX_JSON_DEPTH) return { kind: "too-deep", limit: MAX_JSON_DEPTH };
  const prototype = Object.getPrototypeOf(value) as unknown;
  const isArray = Array.isArray(value);
  if (isArray ? prototype !== Array.prototype : prototype !== Object.prototype && prototype !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return { kind: "unsupported-value", path: pointerOf(tokens), value: `a ${typeof name === "string" && name ? name : "non-plain"} object` };
  }
  if (Object.getOwnPropertySymbols(value).length > 0) return { kind: "unsupported-value", path: pointerOf(tokens), value: "a symbol-keyed property" };
  ancestors.add(value);
  try {
    if (isArray) {
      for (let i = 0; i < value.length; i++) {
        tokens.push(i);
        if (!(i in value)) return { kind: "unsupported-value", path: pointerOf(tokens), value: "an empty array slot" };
        const problem = unsupported(value[i], tokens, depth + 1, ancestors);
        if (problem) return problem;
        tokens.pop();
      }
    } else {
      for (const [key, child] of Object.entries(value)) {
        tokens.push(key);
        if (hasLoneSurrogate(key)) return { kind: "lone-surrogate", path: pointerOf(tokens) };
        const problem = unsupported(child, tokens, depth + 1, ancestors);
        if (problem) return problem;
        tokens.pop();
      }
    }
  } finally {
    ancestors.delete(value);
  }
  return undefined;
}

// --- parsing -----------------------------------------------------------------

/**
 * Parses UTF-8 (or already decoded) JSON text, refusing what JSON.parse would
 * accept ambiguously. Objects come back as plain objects whose keys are own
 * properties, so a "__proto__" key is data, never a prototype.
 */
export function parseStrictJson(input: Uint8Array | string): Result<unknown, JsonError> {
  return readStrictJson(input, true);
}

/**
 * The reference reading of `parseStrictJson`: always by momoa's syntax tree,
 * evaluated with every check, which names the first problem (the line and
 * column of a syntax error, the JSON Pointer of a duplicate key…).
 * `parseStrictJson` gives the same result for every input, taking
 * JSON.parse's reading where it is certainly the same (the tests hold the two
 * to agree); this one is for those tests.
 */
export function parseStrictJsonByAst(input: Uint8Array | string): Result<unknown, JsonError> {
  return readStrictJson(input, false);
}

function readStrictJson(input: Uint8Array | string, native: boolean): Result<unknown, JsonError> {
  const text = typeof input === "string" ? input : fromUtf8(input);
  if (text === undefined) return err({ kind: "invalid-utf8" });
  if (text.startsWith("\uFEFF")) return err({ kind: "byte-order-mark" });
  const scanned = prescan(text);
  if (typeof scanned !== "number") return err(scanned);
  const fast = native ? nativeReading(text, scanned) : NOT_PLAIN;
  if (fast !== NOT_PLAIN) return ok(fast);
  let body: ValueNode;
  try {
    body = parseJsonAst(text, { mode: "json" }).body;
  } catch (e) {
    return err(syntaxError(text, e));
  }
  return evaluate(body, "", text);
}

const NOT_PLAIN: unique symbol = Symbol("not plain");

/**
 * JSON.parse's reading of `text` (which prescan passed, with `members`
 * object members) when it is certainly the one the syntax tree gives, else
 * NOT_PLAIN. JSON.parse reads the same grammar (ECMA-404) and makes the same
 * values (own data properties, so "__proto__" is data; numbers rounded the
 * same), but keeps the last of two equal keys and lets lone surrogates and
 * out-of-range numbers through: so a key lost to a duplicate (fewer keys than
 * members), a lone surrogate or a non-finite number sends the text to the
 * syntax tree, which finds and names the problem, as does anything
 * JSON.parse refuses (the error is always the syntax tree's).
 */
function nativeReading(text: string, members: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return NOT_PLAIN;
  }
  let keys = 0;
  // Depth is bounded by prescan (MAX_JSON_DEPTH), so the recursion is too.
  const plain = (v: unknown): boolean => {
    switch (typeof v) {
      case "string":
        return !hasLoneSurrogate(v);
      case "number":
        return Number.isFinite(v);
      case "object": {
        if (v === null) return true;
        if (Array.isArray(v)) {
          for (const element of v as unknown[]) if (!plain(element)) return false;
          return true;
        }
        for (const [key, member] of Object.entries(v)) {
          keys++;
          if (hasLoneSurrogate(key) || !plain(member)) return false;
        }
        return true;
      }
      default:
        return true;
    }
  };
  return plain(value) && keys === members ? value : NOT_PLAIN;
}

/**
 * Checks nesting depth before the recursive parser runs (so hostile input
 * cannot exhaust the stack) and rejects raw control characters inside
 * strings, which RFC 8259 forbids but the parser lets through. Otherwise
 * counts the colons outside strings: in JSON text that parses, one per
 * object member (so a duplicate key shows as a member JSON.parse dropped).
 */
function prescan(text: string): JsonError | number {
  let depth = 0;
  let inString = false;
  let colons = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      else if (c < 0x20) return located(text, i, "a control character must be escaped inside a string");
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x3a) {
      colons++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return { kind: "too-deep", limit: MAX_JSON_DEPTH };
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return colons;
}

function located(text: string, offset: number, detail: string): JsonError {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { kind: "syntax", line, column: offset - before.lastIndexOf("\n"), detail };
}

function syntaxError(text: string, e: unknown): JsonError {
  const where = e as { offset?: unknown };
  // Momoa reports end of input as the character U+FFFF and appends "(line:column)".
  const message = e instanceof Error ? e.message.replace(/\.?\s*\(\d+:\d+\)$/, "").replace("'\uFFFF'", "end of input") : String(e);
  // The message quotes the offending character, which may be unprintable or a lone surrogate.
  const printable = message.replace(/\p{Cc}|[\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return located(text, typeof where.offset === "number" ? where.offset : 0, printable);
}

function evaluate(node: ValueNode, path: JsonPointer, text: string): Result<unknown, JsonError> {
  switch (node.type) {
    case "Null":
      return ok(null);
    case "Boolean":
      return ok(node.value);
    case "Number":
      return Number.isFinite(node.value)
        ? ok(node.value)
        : err({ kind: "number-out-of-range", path, text: text.slice(node.loc.start.offset, node.loc.end.offset).slice(0, 40) });
    case "String":
      return hasLoneSurrogate(node.value) ? err({ kind: "lone-surrogate", path }) : ok(node.value);
    case "Array": {
      const out: unknown[] = [];
      for (const [i, element] of node.elements.entries()) {
        const value = evaluate(element.value, childPointer(path, i), text);
        if (!value.ok) return value;
        out.push(value.value);
      }
      return ok(out);
    }
    case "Object": {
      const out: Record<string, unknown> = {};
      for (const member of node.members) {
        const key = member.name.type === "String" ? member.name.value : member.name.name;
        const memberPath = childPointer(path, key);
        if (hasLoneSurrogate(key)) return err({ kind: "lone-surrogate", path: memberPath });
        // JSON.parse keeps the last of two equal keys; another reader may keep the first.
        if (Object.hasOwn(out, key)) return err({ kind: "duplicate-key", path: memberPath });
        const value = evaluate(member.value, memberPath, text);
        if (!value.ok) return value;
        // defineProperty, not assignment: assigning "__proto__" would set the prototype.
        Object.defineProperty(out, key, { value: value.value, enumerable: true, writable: true, configurable: true });
      }
      return ok(out);
    }
    default:
      // NaN and Infinity nodes exist only in momoa's JSON5 mode.
      return err(located(text, node.loc.start.offset, `unexpected ${node.type}`));
  }
}

/**
 * Parses a document that must arrive in canonical form: strict parsing, then
 * the bytes must equal the canonical serialisation of what they parse to.
 */
export function parseCanonicalJson(bytes: Uint8Array): Result<unknown, JsonError> {
  const parsed = parseStrictJson(bytes);
  if (!parsed.ok) return parsed;
  const canonical = canonicalJson(parsed.value);
  if (!canonical.ok) return canonical;
  const expected = canonical.value;
  const length = Math.min(bytes.length, expected.length);
  let offset = 0;
  while (offset < length && bytes[offset] === expected[offset]) offset++;
  if (offset === length && bytes.length === expected.length) return parsed;
  return err({ kind: "not-canonical", offset });
}

/**
 * JSON Pointer (RFC 6901): the one definition of how a place in a JSON
 * document is written, read and followed — for where canonical JSON found a
 * problem (jcs.ts), what a selective disclosure stands for
 * (selective-disclosure.ts) and what the chair marks as withholdable
 * (shared/opinion/withholding.ts). Hand-written: it is a few lines, and the
 * packages that offer it bring a whole JSON-patch library with them.
 */

/** A JSON Pointer: "" for the whole document, otherwise "/" before each reference token, "~" written "~0" and "/" "~1". */
export type JsonPointer = string;

const escapeToken = (token: string | number): string => String(token).replace(/~/g, "~0").replace(/\//g, "~1");

/** The pointer of the member or element `token` inside the value at `parent`. */
export const childPointer = (parent: JsonPointer, token: string | number): JsonPointer => `${parent}/${escapeToken(token)}`;

/** The pointer spelt from its reference tokens (none: the whole document). */
export const pointerOf = (tokens: readonly (string | number)[]): JsonPointer => tokens.map((t) => `/${escapeToken(t)}`).join("");

/** A pointer's reference tokens, unescaped; undefined for a string that is not a JSON Pointer (no leading "/", a "~" not followed by 0 or 1). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/") || /~(?![01])/.test(pointer)) return undefined;
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** An array index as RFC 6901 writes one: no sign, no leading zero, and short enough to be an index at all. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,8})$/;

/**
 * What `pointer` (or its tokens) names in `root`, boxed so that a JSON
 * null is told apart from nothing; undefined when it names nothing there (no
 * such member, an index out of range, "-", a leading zero, an inherited
 * property).
 */
export function resolvePointer(root: unknown, pointer: JsonPointer | readonly string[]): { readonly value: unknown } | undefined {
  const tokens = typeof pointer === "string" ? parsePointer(pointer) : pointer;
  if (tokens === undefined) return undefined;
  let at: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(at)) {
      if (!ARRAY_INDEX.test(token) || Number(token) >= at.length) return undefined;
      at = at[Number(token)];
    } else if (typeof at === "object" && at !== null && Object.hasOwn(at, token)) {
      at = (at as Record<string, unknown>)[token];
    } else return undefined;
  }
  return { value: at };
}

/**
 * Selective disclosure by salted digests, following the disclosure rules of
 * RFC 9901 (SD-JWT) inside our own canonical JSON, without JWT or JWS.
 *
 * A withholdable part of a document becomes a disclosure,
 * base64url(UTF-8(JSON [salt, name, value])) for an object property or
 * base64url(UTF-8(JSON [salt, value])) for an array element; its digest,
 * base64url(SHA-256(the disclosure's ASCII)), takes the part's place: in the
 * object's sorted `_sd` array, or as an `{"...": digest}` element where the
 * array element was (§4.2). Decoy digests (§4.2.5) hide how many parts there
 * are. The payload carries `_sd_alg: "sha-256"` at the top.
 *
 * `revealPayload` follows RFC 9901 §7.1 step 3 to 5: digests without a
 * disclosure are dropped, and every inconsistency the RFC says to reject is
 * refused as a value.
 */
import { fromBase64Url, randomBelow, randomBytes, sha256, toBase64Url } from "../crypto/sodium";
import { bytesEqual, utf8 } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { canonicalJson, MAX_JSON_DEPTH, mustCanonicalJson, parseStrictJson, type JsonError } from "./jcs";
import { childPointer, parsePointer, pointerOf, resolvePointer, type JsonPointer } from "./json-pointer";

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export type JsonObject = { readonly [key: string]: JsonValue };

/** The only digest algorithm we write or accept (RFC 9901 §4.1.1, IANA "Named Information Hash Algorithm"). */
export const SD_ALG = "sha-256";
/** Salt entropy: 128 bits (RFC 9901 §9.3), written as 22 base64url characters. */
export const SALT_BYTES = 16;
/** Random bytes hashed into each decoy digest. */
export const DECOY_SOURCE_BYTES = 32;

const SD = "_sd";
const ELLIPSIS = "...";
const SD_ALG_KEY = "_sd_alg";
const RESERVED_KEYS: readonly string[] = [SD, ELLIPSIS, SD_ALG_KEY];
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A disclosure as sent (`encoded`) and the digest that stands for it in the payload. */
export type Disclosure = { readonly encoded: string; readonly digest: string };

/** What a disclosure says: a named object property, or an array element. */
export type DisclosureContent =
  | { readonly kind: "property"; readonly salt: string; readonly name: string; readonly value: JsonValue }
  | { readonly kind: "element"; readonly salt: string; readonly value: JsonValue };

/** base64url(SHA-256(ASCII of `encoded`)), RFC 9901 §4.2.3. `encoded` is taken as given, never re-encoded. */
export function disclosureDigest(encoded: string): string {
  if (!BASE64URL.test(encoded)) throw new RangeError("a disclosure digest is taken over base64url text only");
  return toBase64Url(sha256(utf8(encoded)));
}

/**
 * The disclosure of `value` under `name` (an object property) or without a
 * name (an array element). The array is serialised as canonical JSON
 * (RFC 8785); the value must be JSON this app built, so anything else throws.
 */
export function disclosureOf(salt: string, name: string | undefined, value: JsonValue): Disclosure {
  const array = name === undefined ? [salt, value] : [salt, name, value];
  const encoded = toBase64Url(mustCanonicalJson(array, "a disclosure"));
  return { encoded, digest: disclosureDigest(encoded) };
}

export type DisclosureError =
  | { readonly kind: "disclosure-not-base64url" }
  /** The decoded bytes are not UTF-8 JSON (`error` says where and why). */
  | { readonly kind: "disclosure-not-json"; readonly error: JsonError }
  /** JSON, but not an array of two or three elements. */
  | { readonly kind: "disclosure-not-array" }
  | { readonly kind: "salt-not-string" }
  | { readonly kind: "name-not-string" };

/** Reads a disclosure in any valid JSON spelling (RFC 9901 §4.2.1 allows whitespace and escapes); JSON is read strictly. */
export function parseDisclosure(encoded: string): Result<DisclosureContent, DisclosureError> {
  const bytes = BASE64URL.test(encoded) ? fromBase64Url(encoded) : undefined;
  if (bytes === undefined) return err({ kind: "disclosure-not-base64url" });
  const parsed = parseStrictJson(bytes);
  if (!parsed.ok) return err({ kind: "disclosure-not-json", error: parsed.error });
  const array = parsed.value;
  if (!Array.isArray(array) || (array.length !== 2 && array.length !== 3)) return err({ kind: "disclosure-not-array" });
  const [salt, second, third] = array as JsonValue[];
  if (typeof salt !== "string") return err({ kind: "salt-not-string" });
  if (array.length === 2) return ok({ kind: "element", salt, value: second as JsonValue });
  if (typeof second !== "string") return err({ kind: "name-not-string" });
  return ok({ kind: "property", salt, name: second, value: third as JsonValue });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own property, so that a "__proto__" key stays data (as the strict parser keeps it). */
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// --- concealing ----------------------------------------------------------------

/** Where random salts, decoys and decoy positions come from. */
export type RandomSource = {
  /** `length` uniformly random bytes. */
  readonly bytes: (length: number) => Uint8Array;
  /** A uniformly random integer in [0, bound). */
  readonly below: (bound: number) => number;
};

/** The platform CSPRNG through libsodium (after loadCrypto()). */
export const cryptoRandom: RandomSource = { bytes: randomBytes, below: randomBelow };

/** `count` decoy digests in the `_sd` of the object at `pointer`, or as `{"...": digest}` elements of the array there. */
export type DecoySpec = { readonly pointer: JsonPointer; readonly count: number };

export type ConcealOptions = {
  readonly random: RandomSource;
  readonly decoys?: readonly DecoySpec[];
};

/** A disclosure made by concealPayload, with the pointer (into the original document) of the part it discloses. */
export type ConcealedPart = Disclosure & { readonly pointer: JsonPointer };

export type Concealed = {
  /** The document with every marked part replaced by its digest, `_sd` arrays sorted, `_sd_alg` at the top. */
  readonly payload: JsonObject;
  /** One per mark, in document order, each after the parts inside it (whose digests its value may hold). */
  readonly disclosures: readonly ConcealedPart[];
  /** The decoy digests, in the order made: whoever is shown every part can also be shown these, to tell that nothing else is hidden. */
  readonly decoys: readonly string[];
};

export type ConcealError =
  /** The document has no single JSON reading (see jcs.ts). */
  | { readonly kind: "not-json"; readonly error: JsonError }
  | { readonly kind: "not-object" }
  /** The document already uses `_sd`, `...` or `_sd_alg` as a key, at `path`. */
  | { readonly kind: "reserved-key"; readonly path: JsonPointer }
  | { readonly kind: "invalid-pointer"; readonly pointer: string }
  | { readonly kind: "mark-at-root" }
  | { readonly kind: "mark-not-found"; readonly pointer: JsonPointer }
  | { readonly kind: "duplicate-mark"; readonly pointer: JsonPointer }
  | { readonly kind: "decoy-target-not-found"; readonly pointer: JsonPointer }
  | { readonly kind: "decoy-target-not-container"; readonly pointer: JsonPointer }
  | { readonly kind: "invalid-decoy-count"; readonly pointer: JsonPointer; readonly count: number }
  /** The payload would nest deeper than canonical JSON allows (an array element's `{"...": d}` adds a level). */
  | { readonly kind: "too-deep"; readonly limit: number };

/**
 * Replaces each part of `document` that `marks` point at (object properties
 * or array elements, RFC 6901 pointers into the document as given) by the
 * digest of a fresh disclosure; a mark inside a marked part is concealed
 * first, so its digest travels inside the outer disclosure (RFC 9901 §4.2.6).
 * Salts are 128 random bits each; decoys are digests of random bytes, placed
 * in sorted `_sd` arrays or at random positions in arrays.
 */
export function concealPayload(input: unknown, marks: readonly JsonPointer[], options: ConcealOptions): Result<Concealed, ConcealError> {
  const json = canonicalJson(input);
  if (!json.ok) return err({ kind: "not-json", error: json.error });
  if (!isObject(input)) return err({ kind: "not-object" });
  const root = input;
  const reserved = findReservedKey(root, "");
  if (reserved !== undefined) return err({ kind: "reserved-key", path: reserved });

  const marked = new Set<JsonPointer>();
  for (const mark of marks) {
    const tokens = parsePointer(mark);
    if (tokens === undefined) return err({ kind: "invalid-pointer", pointer: mark });
    if (tokens.length === 0) return err({ kind: "mark-at-root" });
    if (resolvePointer(root, tokens) === undefined) return err({ kind: "mark-not-found", pointer: mark });
    const normal = pointerOf(tokens);
    if (marked.has(normal)) return err({ kind: "duplicate-mark", pointer: mark });
    marked.add(normal);
  }

  const decoys = new Map<JsonPointer, number>();
  for (const { pointer, count } of options.decoys ?? []) {
    const tokens = parsePointer(pointer);
    if (tokens === undefined) return err({ kind: "invalid-pointer", pointer });
    const target = resolvePointer(root, tokens)?.value;
    if (target === undefined) return err({ kind: "decoy-target-not-found", pointer });
    if (typeof target !== "object" || target === null) return err({ kind: "decoy-target-not-container", pointer });
    if (!Number.isSafeInteger(count) || count < 0) return err({ kind: "invalid-decoy-count", pointer, count });
    const normal = pointerOf(tokens);
    decoys.set(normal, (decoys.get(normal) ?? 0) + count);
  }

  const { random } = options;
  const disclosures: ConcealedPart[] = [];
  const salt = (): string => {
    const bytes = random.bytes(SALT_BYTES);
    if (bytes.length !== SALT_BYTES) throw new Error("the random source returned the wrong number of bytes");
    return toBase64Url(bytes);
  };
  const decoyDigests: string[] = [];
  const decoy = (): string => {
    const digest = toBase64Url(sha256(random.bytes(DECOY_SOURCE_BYTES)));
    decoyDigests.push(digest);
    return digest;
  };
  const conceal = (name: string | undefined, value: JsonValue, pointer: JsonPointer): string => {
    const disclosure = disclosureOf(salt(), name, value);
    disclosures.push({ ...disclosure, pointer });
    return disclosure.digest;
  };

  const walk = (value: JsonValue, path: JsonPointer): JsonValue => {
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      (value as readonly JsonValue[]).forEach((element, index) => {
        const at = childPointer(path, index);
        const inner = walk(element, at);
        out.push(marked.has(at) ? { [ELLIPSIS]: conceal(undefined, inner, at) } : inner);
      });
      for (let i = decoys.get(path) ?? 0; i > 0; i--) out.splice(random.below(out.length + 1), 0, { [ELLIPSIS]: decoy() });
      return out;
    }
    if (isObject(value)) {
      const out: Record<string, JsonValue> = {};
      const digests: string[] = [];
      for (const [key, element] of Object.entries(value)) {
        const at = childPointer(path, key);
        const inner = walk(element, at);
        if (marked.has(at)) digests.push(conceal(key, inner, at));
        else setOwn(out, key, inner);
      }
      for (let i = decoys.get(path) ?? 0; i > 0; i--) digests.push(decoy());
      if (digests.length > 0) out[SD] = digests.sort(compareCodeUnits);
      return out;
    }
    return value;
  };

  const payload = walk(root, "") as Record<string, JsonValue>;
  payload[SD_ALG_KEY] = SD_ALG;
  const check = canonicalJson(payload);
  if (!check.ok) {
    if (check.error.kind === "too-deep") return err({ kind: "too-deep", limit: check.error.limit });
    throw new Error(`a concealed payload has no canonical JSON form: ${check.error.kind}`);
  }
  return ok({ payload, disclosures, decoys: decoyDigests });
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function findReservedKey(value: JsonValue, path: JsonPointer): JsonPointer | undefined {
  if (Array.isArray(value)) {
    const list = value as readonly JsonValue[];
    for (let i = 0; i < list.length; i++) {
      const found = findReservedKey(list[i] as JsonValue, childPointer(path, i));
      if (found !== undefined) return found;
    }
  } else if (isObject(value)) {
    for (const [key, element] of Object.entries(value)) {
      if (RESERVED_KEYS.includes(key)) return childPointer(path, key);
      const found = findReservedKey(element, childPointer(path, key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

// --- revealing -----------------------------------------------------------------

/**
 * Why a payload and its disclosures are refused (RFC 9901 §7.1). `index` is
 * the position of the disclosure in the list given; `path` points into the
 * payload as it is being processed, disclosed values included.
 */
export type RevealError =
  | { readonly kind: "payload-not-object" }
  /** `_sd_alg` is present and not "sha-256" (`alg`: its JSON text, shortened). */
  | { readonly kind: "unsupported-sd-alg"; readonly alg: string }
  | (DisclosureError & { readonly index: number })
  /** A property disclosure ([salt, name, value]) referenced from an array, or an element disclosure ([salt, value]) from an `_sd`. */
  | { readonly kind: "wrong-disclosure-shape"; readonly index: number; readonly path: JsonPointer; readonly expected: "property" | "element" }
  | { readonly kind: "reserved-name"; readonly index: number; readonly path: JsonPointer; readonly name: string }
  | { readonly kind: "name-exists"; readonly index: number; readonly path: JsonPointer; readonly name: string }
  | { readonly kind: "duplicate-digest"; readonly digest: string; readonly path: JsonPointer }
  /** The same disclosure given twice (at `index` and `first`). */
  | { readonly kind: "duplicate-disclosure"; readonly index: number; readonly first: number }
  | { readonly kind: "unreferenced-disclosure"; readonly index: number }
  /** An `_sd` that is not an array of strings. */
  | { readonly kind: "malformed-sd"; readonly path: JsonPointer }
  /** An array element with a `...` key that is not exactly `{"...": "<digest>"}`. */
  | { readonly kind: "malformed-array-digest"; readonly path: JsonPointer }
  | { readonly kind: "too-deep"; readonly limit: number };

class Refused extends Error {
  constructor(readonly refusal: RevealError) {
    super(refusal.kind);
  }
}

/**
 * The processed payload (RFC 9901 §7.1, step 3 to 5): each digest with a
 * disclosure is replaced by what it discloses, recursively; digests without
 * one (withheld parts, decoys) are removed, as are `_sd` and `_sd_alg`. The
 * payload's signature is the caller's to check, over its exact bytes.
 */
export function revealPayload(payload: unknown, disclosures: readonly string[]): Result<JsonObject, RevealError> {
  const revealed = revealPayloadWithRest(payload, disclosures);
  return revealed.ok ? ok(revealed.value.document) : revealed;
}

/**
 * As revealPayload, also giving every digest of the payload (and of the
 * disclosed values) that no disclosure answers, in the order met: the
 * withheld parts and the decoys. Given every disclosure and the list of
 * decoys, a reader can tell that nothing else is hidden.
 */
export function revealPayloadWithRest(payload: unknown, disclosures: readonly string[]): Result<{ readonly document: JsonObject; readonly undisclosed: readonly string[] }, RevealError> {
  if (!isObject(payload)) return err({ kind: "payload-not-object" });
  if (Object.hasOwn(payload, SD_ALG_KEY) && payload[SD_ALG_KEY] !== SD_ALG) {
    return err({ kind: "unsupported-sd-alg", alg: (JSON.stringify(payload[SD_ALG_KEY]) ?? "").slice(0, 40) });
  }

  const byDigest = new Map<string, { index: number; content: DisclosureContent }>();
  for (const [index, encoded] of disclosures.entries()) {
    const content = parseDisclosure(encoded);
    if (!content.ok) return err({ ...content.error, index });
    const digest = disclosureDigest(encoded);
    const earlier = byDigest.get(digest);
    if (earlier) return err({ kind: "duplicate-disclosure", index, first: earlier.index });
    byDigest.set(digest, { index, content: content.value });
  }

  const seen = new Set<string>();
  const used = new Set<number>();
  const refuse = (refusal: RevealError): never => {
    throw new Refused(refusal);
  };
  /** The disclosure for `digest`, after checking the digest is met only once. */
  const take = (digest: string, path: JsonPointer): { index: number; content: DisclosureContent } | undefined => {
    if (seen.has(digest)) refuse({ kind: "duplicate-digest", digest, path });
    seen.add(digest);
    const found = byDigest.get(digest);
    if (found) used.add(found.index);
    return found;
  };

  const walk = (value: JsonValue, path: JsonPointer, depth: number): JsonValue => {
    if (typeof value !== "object" || value === null) return value;
    if (depth >= MAX_JSON_DEPTH) refuse({ kind: "too-deep", limit: MAX_JSON_DEPTH });
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      for (const element of value as readonly JsonValue[]) {
        const at = childPointer(path, out.length);
        if (isObject(element) && Object.hasOwn(element, ELLIPSIS)) {
          const digest = element[ELLIPSIS];
          if (Object.keys(element).length !== 1 || typeof digest !== "string") refuse({ kind: "malformed-array-digest", path: at });
          const found = take(digest as string, at);
          if (!found) continue;
          if (found.content.kind !== "element") refuse({ kind: "wrong-disclosure-shape", index: found.index, path: at, expected: "element" });
          out.push(walk(found.content.value, at, depth + 1));
        } else {
          out.push(walk(element, at, depth + 1));
        }
      }
      return out;
    }
    const object = value as JsonObject;
    const out: Record<string, JsonValue> = {};
    for (const [key, element] of Object.entries(object)) {
      if (key === SD || (depth === 0 && key === SD_ALG_KEY)) continue;
      setOwn(out, key, walk(element, childPointer(path, key), depth + 1));
    }
    if (Object.hasOwn(object, SD)) {
      const digests = object[SD];
      if (!Array.isArray(digests) || !digests.every((d) => typeof d === "string")) refuse({ kind: "malformed-sd", path: childPointer(path, SD) });
      for (const digest of digests as readonly string[]) {
        const found = take(digest, childPointer(path, SD));
        if (!found) continue;
        const { index, content } = found;
        if (content.kind !== "property") refuse({ kind: "wrong-disclosure-shape", index, path: childPointer(path, SD), expected: "property" });
        const { name } = content as Extract<DisclosureContent, { kind: "property" }>;
        if (name === SD || name === ELLIPSIS) refuse({ kind: "reserved-name", index, path, name });
        if (Object.hasOwn(object, name) || Object.hasOwn(out, name)) refuse({ kind: "name-exists", index, path, name });
        setOwn(out, name, walk(content.value, childPointer(path, name), depth + 1));
      }
    }
    return out;
  };

  let revealed: JsonObject;
  try {
    revealed = walk(payload, "", 0) as JsonObject;
  } catch (e) {
    if (e instanceof Refused) return err(e.refusal);
    throw e;
  }
  for (const { index } of byDigest.values()) if (!used.has(index)) return err({ kind: "unreferenced-disclosure", index });
  return ok({ document: revealed, undisclosed: [...seen].filter((d) => !byDigest.has(d)) });
}

/**
 * Whether each disclosure is the part at its pointer of `document` (the
 * payload revealed with every disclosure): its name is the pointer's last
 * token (an element's sits in an array), and its value, with the
 * disclosures nested in it revealed, is the value there. Returns the index
 * of the first that is not, so a reader told "this part may be withheld"
 * is told about the right part.
 */
export function firstMisplacedDisclosure(document: JsonObject, parts: readonly { readonly pointer: string; readonly encoded: string }[]): number | undefined {
  for (const [index, d] of parts.entries()) {
    const tokens = parsePointer(d.pointer);
    const content = parseDisclosure(d.encoded);
    const at = resolvePointer(document, d.pointer);
    const last = tokens?.at(-1);
    if (!content.ok || at === undefined || tokens === undefined || last === undefined) return index;
    const inArray = Array.isArray(resolvePointer(document, tokens.slice(0, -1))?.value);
    if (content.value.kind === "property" ? inArray || content.value.name !== last : !inArray) return index;
    const nested = parts.filter((n) => n.pointer.startsWith(`${d.pointer}/`)).map((n) => n.encoded);
    const revealed = revealPayload({ value: content.value.value }, nested);
    const a = revealed.ok ? canonicalJson(revealed.value["value"]) : undefined;
    const b = canonicalJson(at.value);
    if (a === undefined || !a.ok || !b.ok || !bytesEqual(a.value, b.value)) return index;
  }
  return undefined;
}

/** A disclosure's (or a decoy's) digest: base64url of a SHA-256, 43 characters. */
export const DISCLOSURE_DIGEST = /^[A-Za-z0-9_-]{43}$/;

/** How many of the digests left `undisclosed` are not among `decoys`: parts a reader given every disclosure would not be shown. */
export const hiddenParts = (undisclosed: readonly string[], decoys: readonly string[]): number => {
  const listed = new Set(decoys);
  return undisclosed.filter((d) => !listed.has(d)).length;
};

/** What is wrong with an armored (text) age file. */
export const AGE_ARMOR_PROBLEMS = ["end-line-missing", "data-after-end", "line-too-long", "not-ascii", "begin-line-wrong", "short-line-not-last", "line-not-base64", "unexpected-state"] as const;
export type AgeArmorProblem = (typeof AGE_ARMOR_PROBLEMS)[number];

/** What is wrong with an age header, when no number is needed to say it. */
export const AGE_HEADER_PROBLEMS = [
  "too-long",
  "line-not-text",
  "expected-stanza-or-mac",
  "stanza-argument-invalid",
  "stanza-body-line-malformed",
  "stanza-body-not-base64",
  "mac-line-malformed",
  "passphrase-stanza-not-alone",
  "scrypt-arguments",
  "scrypt-salt",
  "scrypt-work-factor",
  "scrypt-body-length",
  "x25519-arguments",
  "x25519-share",
  "x25519-body-length",
  "x25519-low-order-share",
] as const;
export type AgeHeaderProblem = (typeof AGE_HEADER_PROBLEMS)[number];

/**
 * Where an age file ends early. "ends-inside-chunk": the last chunk does not
 * authenticate and the file is too short to hold the plaintext that a reader
 * knows (from content that did authenticate) it must hold (see truncationByLength).
 */
export const AGE_TRUNCATIONS = ["empty", "header-ends-early", "nonce-missing", "no-chunks", "final-chunk-missing", "final-chunk-short", "ends-inside-chunk"] as const;
export type AgeTruncation = (typeof AGE_TRUNCATIONS)[number];

/** Every way reading or writing an age file can fail, keyed on `kind` (and `reason`): values, worded by the interface. */
export type AgeError =
  | { readonly kind: "malformed-armor"; readonly reason: AgeArmorProblem }
  /** `versionLine`: the file's own version line (cut short), when it names another age version. */
  | { readonly kind: "unsupported-version"; readonly versionLine?: string }
  | { readonly kind: "malformed-header"; readonly reason: AgeHeaderProblem }
  | { readonly kind: "malformed-header"; readonly reason: "too-many-stanzas"; readonly limit: number }
  | { readonly kind: "malformed-header"; readonly reason: "scrypt-work-factor-too-high" | "scrypt-work-factor-out-of-memory"; readonly workFactor: number }
  | { readonly kind: "header-tampered" }
  | { readonly kind: "not-a-recipient" }
  | { readonly kind: "malformed-payload"; readonly reason: "final-chunk-empty" }
  | { readonly kind: "truncated"; readonly part: "header" | "payload"; readonly reason: AgeTruncation }
  | { readonly kind: "trailing-data" }
  /** `chunk`: the 1-based number of the payload chunk that does not authenticate. */
  | { readonly kind: "tampered"; readonly chunk: number }
  | { readonly kind: "invalid-recipient"; readonly reason: "not-lowercase" | "bad-encoding" }
  | { readonly kind: "invalid-identity"; readonly reason: "not-uppercase" | "bad-encoding" };

/**
 * The error a failing age stream is errored with: Web Streams carry
 * exceptions, so the typed AgeError travels inside this one class and
 * `ageErrorOf` turns whatever a stream threw back into a value.
 */
export class AgeStreamError extends Error {
  /**
   * `plaintextCapacity`, when the last chunk of the file does not
   * authenticate: the most plaintext the file as it stands could hold (the
   * chunks that authenticated, plus that last piece less its tag).
   */
  constructor(
    readonly error: AgeError,
    readonly plaintextCapacity?: number,
  ) {
    super(`age: ${error.kind}`);
    this.name = "AgeStreamError";
  }
}

export function ageErrorOf(thrown: unknown): AgeError | undefined {
  return thrown instanceof AgeStreamError ? thrown.error : undefined;
}

/**
 * A last chunk that does not authenticate is, to age alone, as likely cut
 * short as altered: a flipped byte and a file that ends early look the same.
 * A reader that knows from authenticated content (a signed manifest) that
 * the plaintext holds at least `plaintextBytes` can tell them apart: if the
 * file is too short to hold that much, it ends early. Returns that
 * truncation, or undefined when the evidence does not say so (the refusal
 * then stands as it is).
 */
export function truncationByLength(thrown: unknown, plaintextBytes: number): AgeError | undefined {
  if (!(thrown instanceof AgeStreamError) || thrown.error.kind !== "tampered" || thrown.plaintextCapacity === undefined) return undefined;
  return thrown.plaintextCapacity < plaintextBytes ? { kind: "truncated", part: "payload", reason: "ends-inside-chunk" } : undefined;
}

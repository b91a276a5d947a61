/** Every way reading or writing an age file can fail, keyed on `kind`. */
export type AgeError =
  | { readonly kind: "malformed-armor"; readonly detail: string }
  | { readonly kind: "unsupported-version"; readonly detail: string }
  | { readonly kind: "malformed-header"; readonly detail: string }
  | { readonly kind: "header-tampered" }
  | { readonly kind: "not-a-recipient" }
  | { readonly kind: "malformed-payload"; readonly detail: string }
  | { readonly kind: "truncated"; readonly part: "header" | "payload"; readonly detail: string }
  | { readonly kind: "trailing-data" }
  | { readonly kind: "tampered"; readonly detail: string }
  | { readonly kind: "invalid-recipient"; readonly detail: string }
  | { readonly kind: "invalid-identity"; readonly detail: string };

export function describeAgeError(error: AgeError): string {
  switch (error.kind) {
    case "malformed-armor":
      return `The file's text armor is damaged (${error.detail}); ask the sender for a fresh copy.`;
    case "unsupported-version":
      return `This is not an age v1 encrypted file, or it was made by a newer version (${error.detail}).`;
    case "malformed-header":
      return `The encrypted file's header is malformed (${error.detail}); the file is damaged or not an age file.`;
    case "header-tampered":
      return "The encrypted file's header was modified after it was made; do not trust this file.";
    case "not-a-recipient":
      return "This file was not encrypted to any of your keys; ask the sender to encrypt it to your identity.";
    case "malformed-payload":
      return `The encrypted content is malformed (${error.detail}).`;
    case "truncated":
      return `The encrypted file is incomplete (${error.detail}); copy it again from the original media.`;
    case "trailing-data":
      return "Data follows the end of the encrypted content; the file was modified after it was made.";
    case "tampered":
      return `The encrypted content was modified or corrupted (${error.detail}); do not trust this file.`;
    case "invalid-recipient":
      return `That is not a valid age recipient (${error.detail}); it should start with "age1".`;
    case "invalid-identity":
      return `That is not a valid age identity (${error.detail}); it should start with "AGE-SECRET-KEY-1".`;
  }
}

/**
 * The error a failing age stream is errored with: Web Streams carry
 * exceptions, so the typed AgeError travels inside this one class and
 * `ageErrorOf` turns whatever a stream threw back into a value.
 */
export class AgeStreamError extends Error {
  constructor(readonly error: AgeError) {
    super(describeAgeError(error));
    this.name = "AgeStreamError";
  }
}

export function ageErrorOf(thrown: unknown): AgeError | undefined {
  return thrown instanceof AgeStreamError ? thrown.error : undefined;
}

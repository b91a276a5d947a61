/** Sentences for the file formats' errors: JSON (RFC 8785), age, SSH signatures, OpenSSH keys. */
import { t } from "@lingui/core/macro";
import type { AgeArmorProblem, AgeError, AgeTruncation } from "../../../shared/formats/age/errors";
import type { JsonError, JsonPointer } from "../../../shared/formats/jcs";
import type { OpenSshKeyError, OpenSshKeyProblem } from "../../../shared/formats/openssh-key";
import type { SignatureError } from "../../../shared/formats/sshsig";

/**
 * Escapes as "U+D800" rather than "\ud800": Lingui decodes \uXXXX and \xXX
 * sequences in a formatted message, values included, which would turn an
 * escaped lone surrogate or control character back into the raw one.
 */
export const printable = (text: string): string =>
  text.replace(/\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g, (_, u: string | undefined, x: string | undefined) => `U+${(u ?? `00${x ?? ""}`).toUpperCase()}`);

// Text read from a file is shown quoted and cut short, never as-is.
export const quote = (text: string): string => printable(JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text));

function where(path: JsonPointer): string {
  // JSON.stringify escapes lone surrogates, so the pointer prints safely.
  const pointer = printable(JSON.stringify(path));
  return path === "" ? t`the top level` : t`JSON pointer ${pointer}`;
}

export function describeJsonError(e: JsonError): string {
  switch (e.kind) {
    case "invalid-utf8":
      return t`The data is not valid UTF-8 text, so it cannot be read as JSON; it may be damaged or saved in another encoding.`;
    case "byte-order-mark":
      return t`The JSON starts with a byte-order mark, which is not allowed; save it as UTF-8 without a BOM.`;
    case "syntax": {
      const { line, column } = e;
      const detail = printable(e.detail);
      return t`The JSON is malformed at line ${line}, column ${column}: ${detail}.`;
    }
    case "duplicate-key": {
      const at = where(e.path);
      return t`The key at ${at} appears twice in the same object, so readers could disagree on its value; the document is refused.`;
    }
    case "lone-surrogate": {
      const at = where(e.path);
      return t`The text at ${at} contains a lone UTF-16 surrogate, which is not valid Unicode and cannot be signed or hashed reliably.`;
    }
    case "number-out-of-range": {
      const at = where(e.path);
      const number = e.text;
      return t`The number ${number} at ${at} is too large for a 64-bit floating-point number; such values must be written as strings.`;
    }
    case "too-deep": {
      const limit = e.limit;
      return t`The JSON nests arrays or objects more than ${limit} levels deep, which is refused.`;
    }
    case "not-canonical": {
      const offset = e.offset;
      return t`The JSON is valid but not in RFC 8785 canonical form (first difference at byte ${offset}); a signed document must be passed on exactly as signed, so this copy was probably reformatted and is refused.`;
    }
    case "unsupported-value": {
      const at = where(e.path);
      const value = e.value;
      return t`The value at ${at} (${value}) has no exact JSON form and cannot be signed or hashed; the program that built it must convert it first.`;
    }
  }
}

// The helpers below word what is wrong as a short clause, shown in parentheses inside the sentence of its kind.

function armorProblem(reason: AgeArmorProblem): string {
  switch (reason) {
    case "end-line-missing":
      return t`the END line is missing`;
    case "data-after-end":
      return t`data follows the END line`;
    case "line-too-long":
      return t`a line is longer than 64 columns`;
    case "not-ascii":
      return t`the armor is not ASCII text`;
    case "begin-line-wrong":
      return t`the BEGIN line is wrong`;
    case "short-line-not-last":
      return t`a short line is not the last one`;
    case "line-not-base64":
      return t`a line is not canonical base64`;
    case "unexpected-state":
      return t`the armor ends in an unexpected place`;
  }
}

function headerProblem(e: Extract<AgeError, { kind: "malformed-header" }>): string {
  switch (e.reason) {
    case "too-long":
      return t`the header is too long`;
    case "line-not-text":
      return t`a header line is not valid text`;
    case "expected-stanza-or-mac":
      return t`a line is neither a stanza nor the MAC line`;
    case "stanza-argument-invalid":
      return t`a stanza argument is empty or has invalid characters`;
    case "stanza-body-line-malformed":
      return t`a stanza body line is malformed`;
    case "stanza-body-not-base64":
      return t`a stanza body is not canonical base64`;
    case "mac-line-malformed":
      return t`the MAC line is malformed`;
    case "passphrase-stanza-not-alone":
      return t`a passphrase stanza must be the only stanza`;
    case "scrypt-arguments":
      return t`a scrypt stanza must have exactly two arguments`;
    case "scrypt-salt":
      return t`a scrypt stanza's salt is malformed`;
    case "scrypt-work-factor":
      return t`a scrypt stanza's work factor is malformed`;
    case "scrypt-body-length":
      return t`a scrypt stanza's body has the wrong length`;
    case "x25519-arguments":
      return t`an X25519 stanza must have exactly one argument`;
    case "x25519-share":
      return t`an X25519 stanza's share is malformed`;
    case "x25519-body-length":
      return t`an X25519 stanza's body has the wrong length`;
    case "x25519-low-order-share":
      return t`an X25519 stanza uses a low-order share`;
    case "too-many-stanzas": {
      const limit = e.limit;
      return t`more than ${limit} stanzas`;
    }
    case "scrypt-work-factor-too-high": {
      const workFactor = e.workFactor;
      return t`a scrypt work factor of ${workFactor} is too high`;
    }
    case "scrypt-work-factor-out-of-memory": {
      const workFactor = e.workFactor;
      return t`a scrypt work factor of ${workFactor} needs more memory than is available`;
    }
  }
}

/** Where an age file ends early, as a clause. */
export function ageTruncation(reason: AgeTruncation): string {
  switch (reason) {
    case "empty":
      return t`the file is empty`;
    case "header-ends-early":
      return t`the header ends early`;
    case "nonce-missing":
      return t`the payload nonce is missing`;
    case "no-chunks":
      return t`the payload has no chunks`;
    case "final-chunk-missing":
      return t`the final chunk is missing`;
    case "final-chunk-short":
      return t`the final chunk is cut short`;
    case "ends-inside-chunk":
      return t`the file ends partway through an encrypted chunk`;
  }
}

/** What is wrong with an age recipient, as a clause. */
export function recipientProblem(reason: Extract<AgeError, { kind: "invalid-recipient" }>["reason"]): string {
  return reason === "not-lowercase" ? t`it must be lowercase` : t`its encoding or checksum is wrong`;
}

export function describeAgeError(error: AgeError): string {
  switch (error.kind) {
    case "malformed-armor": {
      const detail = armorProblem(error.reason);
      return t`The file's text armor is damaged (${detail}); ask the sender for a fresh copy.`;
    }
    case "unsupported-version": {
      if (error.versionLine === undefined) return t`This is not an age v1 encrypted file: it does not begin with "age-encryption.org/v1".`;
      const line = quote(error.versionLine);
      return t`This encrypted file was made by another version of age (version line ${line}); this app reads age v1 only.`;
    }
    case "malformed-header": {
      const detail = headerProblem(error);
      return t`The encrypted file's header is malformed (${detail}); the file is damaged or not an age file.`;
    }
    case "header-tampered":
      return t`The encrypted file's header was modified after it was made; do not trust this file.`;
    case "not-a-recipient":
      return t`This file was not encrypted to any of your keys; ask the sender to encrypt it to your identity.`;
    case "malformed-payload":
      return t`The encrypted content is malformed (its final chunk is empty).`;
    case "truncated": {
      const detail = ageTruncation(error.reason);
      return t`The encrypted file is incomplete (${detail}); copy it again from the original media.`;
    }
    case "trailing-data":
      return t`Data follows the end of the encrypted content; the file was modified after it was made.`;
    case "tampered": {
      const chunk = error.chunk;
      return t`The encrypted content was modified or corrupted (chunk ${chunk} does not authenticate); do not trust this file.`;
    }
    case "invalid-recipient": {
      const detail = recipientProblem(error.reason);
      return t`That is not a valid age recipient (${detail}); it should start with "age1".`;
    }
    case "invalid-identity": {
      const detail = error.reason === "not-uppercase" ? t`it must be uppercase` : t`its encoding, checksum or key type is wrong`;
      return t`That is not a valid age identity (${detail}); it should start with "AGE-SECRET-KEY-1".`;
    }
  }
}

function signatureProblem(e: Extract<SignatureError, { kind: "malformed" }>): string {
  switch (e.reason) {
    case "not-text":
      return t`it is not text`;
    case "too-long":
      return t`it is far too long for a signature`;
    case "begin-line":
      return t`it must start with the line -----BEGIN SSH SIGNATURE-----`;
    case "end-line":
      return t`it must end with the line -----END SSH SIGNATURE----- and a line break`;
    case "uneven-lines":
      return t`the base64 lines are not of one width`;
    case "body-not-base64":
      return t`the body is not canonical base64`;
    case "no-magic":
      return t`it does not start with "SSHSIG"`;
    case "no-version":
      return t`it ends before the version`;
    case "field-truncated":
      return t`a field is truncated or not text`;
    case "trailing-data":
      return t`data follows the signature`;
    case "empty-namespace":
      return t`the namespace is empty`;
    case "reserved-not-empty":
      return t`the reserved field is not empty`;
    case "signature-type-mismatch":
      return t`the signature type does not match the Ed25519 key`;
    case "signature-length":
      return t`the signature is not 64 bytes of Ed25519`;
    case "public-key": {
      const key = keyProblem(e.key);
      return t`its public key is malformed: ${key}`;
    }
  }
}

function keyProblem(reason: OpenSshKeyProblem): string {
  switch (reason) {
    case "blob-no-key-type":
      return t`the key blob does not start with a key type`;
    case "blob-not-ed25519":
      return t`the key blob does not hold a 32-byte Ed25519 key`;
    case "blob-trailing-data":
      return t`the key blob has trailing data`;
    case "not-text":
      return t`it is not text`;
    case "too-long":
      return t`the line is far too long for an Ed25519 key`;
    case "not-one-line":
      return t`it has more than one line, or control characters`;
    case "not-a-key-line":
      return t`expected a key type, a base64 key and an optional comment`;
    case "not-base64":
      return t`the key is not canonical base64`;
  }
}

export function describeSignatureError(error: SignatureError): string {
  switch (error.kind) {
    case "malformed": {
      const detail = signatureProblem(error);
      return t`This is not a valid SSH signature (${detail}); ask the signer to send the signature again, unchanged.`;
    }
    case "unsupported-version": {
      const version = error.version;
      return t`This signature uses SSHSIG version ${version}, which this app cannot check; ask the signer to sign again with this app or ssh-keygen.`;
    }
    case "unsupported-algorithm": {
      const algorithm = quote(error.algorithm);
      return error.field === "key"
        ? t`This signature was made with a ${algorithm} key, but only Ed25519 keys are accepted; the signer needs an Ed25519 key (ssh-keygen -t ed25519).`
        : t`This signature hashes the document with ${algorithm}, but only sha512 is accepted; ask the signer to sign again without "-O hashalg".`;
    }
    case "wrong-namespace": {
      const actual = quote(error.actual);
      const expected = quote(error.expected);
      return t`This signature was made for ${actual}, not for ${expected}: it belongs to another kind of document and cannot be used here.`;
    }
    case "unknown-key": {
      const fingerprint = error.fingerprint;
      return t`The signing key ${fingerprint} is not one this panel trusts; compare the fingerprint with the signer in person before adding their key.`;
    }
    case "bad-signature":
      return t`The signature does not match this document: the document or the signature changed after signing, or they do not belong together.`;
  }
}

export function describeOpenSshKeyError(error: OpenSshKeyError): string {
  switch (error.kind) {
    case "malformed": {
      const detail = keyProblem(error.reason);
      return t`This is not a valid OpenSSH public key line (${detail}); paste the whole content of the .pub file.`;
    }
    case "unsupported-key-type": {
      const keyType = JSON.stringify(error.keyType.slice(0, 64));
      return t`Only Ed25519 keys ("ssh-ed25519") are accepted, not ${keyType}; create one with: ssh-keygen -t ed25519.`;
    }
  }
}

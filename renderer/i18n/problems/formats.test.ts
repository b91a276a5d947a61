import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { AgeError } from "../../../shared/formats/age/errors";
import { parseStrictJson, type JsonError } from "../../../shared/formats/jcs";
import type { OpenSshKeyError } from "../../../shared/formats/openssh-key";
import { SIGNATURE_NAMESPACES, type SignatureError } from "../../../shared/formats/sshsig";
import { describeCryptoLoadError } from "./crypto";
import { describeAgeError, describeJsonError, describeOpenSshKeyError, describeSignatureError } from "./formats";
import type { CryptoLoadError } from "../../../shared/crypto/sodium";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

const json: [JsonError, string][] = [
  [{ kind: "invalid-utf8" }, "The data is not valid UTF-8 text, so it cannot be read as JSON; it may be damaged or saved in another encoding."],
  [{ kind: "byte-order-mark" }, "The JSON starts with a byte-order mark, which is not allowed; save it as UTF-8 without a BOM."],
  [{ kind: "syntax", line: 2, column: 7, detail: "unexpected character 'x' found" }, "The JSON is malformed at line 2, column 7: unexpected character 'x' found."],
  [{ kind: "duplicate-key", path: "/a/0/k" }, 'The key at JSON pointer "/a/0/k" appears twice in the same object, so readers could disagree on its value; the document is refused.'],
  [{ kind: "lone-surrogate", path: "/k" }, 'The text at JSON pointer "/k" contains a lone UTF-16 surrogate, which is not valid Unicode and cannot be signed or hashed reliably.'],
  [{ kind: "number-out-of-range", path: "", text: "1e400" }, "The number 1e400 at the top level is too large for a 64-bit floating-point number; such values must be written as strings."],
  [{ kind: "too-deep", limit: 64 }, "The JSON nests arrays or objects more than 64 levels deep, which is refused."],
  [{ kind: "not-canonical", offset: 12 }, "The JSON is valid but not in RFC 8785 canonical form (first difference at byte 12); a signed document must be passed on exactly as signed, so this copy was probably reformatted and is refused."],
  [{ kind: "unsupported-value", path: "/when", value: "a Date object" }, 'The value at JSON pointer "/when" (a Date object) has no exact JSON form and cannot be signed or hashed; the program that built it must convert it first.'],
];
const age: [AgeError, string][] = [
  [{ kind: "malformed-armor", reason: "end-line-missing" }, "The file's text armor is damaged (the END line is missing); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "data-after-end" }, "The file's text armor is damaged (data follows the END line); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "line-too-long" }, "The file's text armor is damaged (a line is longer than 64 columns); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "not-ascii" }, "The file's text armor is damaged (the armor is not ASCII text); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "begin-line-wrong" }, "The file's text armor is damaged (the BEGIN line is wrong); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "short-line-not-last" }, "The file's text armor is damaged (a short line is not the last one); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "line-not-base64" }, "The file's text armor is damaged (a line is not canonical base64); ask the sender for a fresh copy."],
  [{ kind: "malformed-armor", reason: "unexpected-state" }, "The file's text armor is damaged (the armor ends in an unexpected place); ask the sender for a fresh copy."],
  [{ kind: "unsupported-version" }, 'This is not an age v1 encrypted file: it does not begin with "age-encryption.org/v1".'],
  [{ kind: "unsupported-version", versionLine: "age-encryption.org/v2" }, 'This encrypted file was made by another version of age (version line "age-encryption.org/v2"); this app reads age v1 only.'],
  [{ kind: "malformed-header", reason: "too-long" }, "The encrypted file's header is malformed (the header is too long); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "line-not-text" }, "The encrypted file's header is malformed (a header line is not valid text); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "expected-stanza-or-mac" }, "The encrypted file's header is malformed (a line is neither a stanza nor the MAC line); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "stanza-argument-invalid" }, "The encrypted file's header is malformed (a stanza argument is empty or has invalid characters); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "stanza-body-line-malformed" }, "The encrypted file's header is malformed (a stanza body line is malformed); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "stanza-body-not-base64" }, "The encrypted file's header is malformed (a stanza body is not canonical base64); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "mac-line-malformed" }, "The encrypted file's header is malformed (the MAC line is malformed); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "passphrase-stanza-not-alone" }, "The encrypted file's header is malformed (a passphrase stanza must be the only stanza); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "scrypt-arguments" }, "The encrypted file's header is malformed (a scrypt stanza must have exactly two arguments); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "scrypt-salt" }, "The encrypted file's header is malformed (a scrypt stanza's salt is malformed); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "scrypt-work-factor" }, "The encrypted file's header is malformed (a scrypt stanza's work factor is malformed); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "scrypt-body-length" }, "The encrypted file's header is malformed (a scrypt stanza's body has the wrong length); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "x25519-arguments" }, "The encrypted file's header is malformed (an X25519 stanza must have exactly one argument); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "x25519-share" }, "The encrypted file's header is malformed (an X25519 stanza's share is malformed); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "x25519-body-length" }, "The encrypted file's header is malformed (an X25519 stanza's body has the wrong length); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "x25519-low-order-share" }, "The encrypted file's header is malformed (an X25519 stanza uses a low-order share); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "too-many-stanzas", limit: 20 }, "The encrypted file's header is malformed (more than 20 stanzas); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "scrypt-work-factor-too-high", workFactor: 30 }, "The encrypted file's header is malformed (a scrypt work factor of 30 is too high); the file is damaged or not an age file."],
  [{ kind: "malformed-header", reason: "scrypt-work-factor-out-of-memory", workFactor: 22 }, "The encrypted file's header is malformed (a scrypt work factor of 22 needs more memory than is available); the file is damaged or not an age file."],
  [{ kind: "header-tampered" }, "The encrypted file's header was modified after it was made; do not trust this file."],
  [{ kind: "not-a-recipient" }, "This file was not encrypted to any of your keys; ask the sender to encrypt it to your identity."],
  [{ kind: "malformed-payload", reason: "final-chunk-empty" }, "The encrypted content is malformed (its final chunk is empty)."],
  [{ kind: "truncated", part: "payload", reason: "empty" }, "The encrypted file is incomplete (the file is empty); copy it again from the original media."],
  [{ kind: "truncated", part: "payload", reason: "header-ends-early" }, "The encrypted file is incomplete (the header ends early); copy it again from the original media."],
  [{ kind: "truncated", part: "payload", reason: "nonce-missing" }, "The encrypted file is incomplete (the payload nonce is missing); copy it again from the original media."],
  [{ kind: "truncated", part: "payload", reason: "no-chunks" }, "The encrypted file is incomplete (the payload has no chunks); copy it again from the original media."],
  [{ kind: "truncated", part: "payload", reason: "final-chunk-missing" }, "The encrypted file is incomplete (the final chunk is missing); copy it again from the original media."],
  [{ kind: "truncated", part: "payload", reason: "final-chunk-short" }, "The encrypted file is incomplete (the final chunk is cut short); copy it again from the original media."],
  [{ kind: "truncated", part: "payload", reason: "ends-inside-chunk" }, "The encrypted file is incomplete (the file ends partway through an encrypted chunk); copy it again from the original media."],
  [{ kind: "trailing-data" }, "Data follows the end of the encrypted content; the file was modified after it was made."],
  [{ kind: "tampered", chunk: 3 }, "The encrypted content was modified or corrupted (chunk 3 does not authenticate); do not trust this file."],
  [{ kind: "invalid-recipient", reason: "not-lowercase" }, 'That is not a valid age recipient (it must be lowercase); it should start with "age1".'],
  [{ kind: "invalid-recipient", reason: "bad-encoding" }, 'That is not a valid age recipient (its encoding or checksum is wrong); it should start with "age1".'],
  [{ kind: "invalid-identity", reason: "not-uppercase" }, 'That is not a valid age identity (it must be uppercase); it should start with "AGE-SECRET-KEY-1".'],
  [{ kind: "invalid-identity", reason: "bad-encoding" }, 'That is not a valid age identity (its encoding, checksum or key type is wrong); it should start with "AGE-SECRET-KEY-1".'],
];
const signature: [SignatureError, string][] = [
  [{ kind: "malformed", reason: "not-text" }, "This is not a valid SSH signature (it is not text); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "too-long" }, "This is not a valid SSH signature (it is far too long for a signature); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "begin-line" }, "This is not a valid SSH signature (it must start with the line -----BEGIN SSH SIGNATURE-----); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "end-line" }, "This is not a valid SSH signature (it must end with the line -----END SSH SIGNATURE----- and a line break); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "uneven-lines" }, "This is not a valid SSH signature (the base64 lines are not of one width); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "body-not-base64" }, "This is not a valid SSH signature (the body is not canonical base64); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "no-magic" }, "This is not a valid SSH signature (it does not start with \"SSHSIG\"); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "no-version" }, "This is not a valid SSH signature (it ends before the version); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "field-truncated" }, "This is not a valid SSH signature (a field is truncated or not text); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "trailing-data" }, "This is not a valid SSH signature (data follows the signature); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "empty-namespace" }, "This is not a valid SSH signature (the namespace is empty); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "reserved-not-empty" }, "This is not a valid SSH signature (the reserved field is not empty); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "signature-type-mismatch" }, "This is not a valid SSH signature (the signature type does not match the Ed25519 key); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "signature-length" }, "This is not a valid SSH signature (the signature is not 64 bytes of Ed25519); ask the signer to send the signature again, unchanged."],
  [{ kind: "malformed", reason: "public-key", key: "blob-trailing-data" }, "This is not a valid SSH signature (its public key is malformed: the key blob has trailing data); ask the signer to send the signature again, unchanged."],
  [{ kind: "unsupported-version", version: 2 }, "This signature uses SSHSIG version 2, which this app cannot check; ask the signer to sign again with this app or ssh-keygen."],
  [{ kind: "unsupported-algorithm", field: "key", algorithm: "ssh-rsa" }, 'This signature was made with a "ssh-rsa" key, but only Ed25519 keys are accepted; the signer needs an Ed25519 key (ssh-keygen -t ed25519).'],
  [{ kind: "unsupported-algorithm", field: "hash", algorithm: "sha256" }, 'This signature hashes the document with "sha256", but only sha512 is accepted; ask the signer to sign again without "-O hashalg".'],
  [{ kind: "wrong-namespace", expected: SIGNATURE_NAMESPACES.opinion, actual: "file" }, `This signature was made for "file", not for "${SIGNATURE_NAMESPACES.opinion}": it belongs to another kind of document and cannot be used here.`],
  [{ kind: "unknown-key", fingerprint: "SHA256:abc" as never }, "The signing key SHA256:abc is not one this panel trusts; compare the fingerprint with the signer in person before adding their key."],
  [{ kind: "bad-signature" }, "The signature does not match this document: the document or the signature changed after signing, or they do not belong together."],
];
const openssh: [OpenSshKeyError, string][] = [
  [{ kind: "malformed", reason: "blob-no-key-type" }, "This is not a valid OpenSSH public key line (the key blob does not start with a key type); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "blob-not-ed25519" }, "This is not a valid OpenSSH public key line (the key blob does not hold a 32-byte Ed25519 key); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "blob-trailing-data" }, "This is not a valid OpenSSH public key line (the key blob has trailing data); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "not-text" }, "This is not a valid OpenSSH public key line (it is not text); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "too-long" }, "This is not a valid OpenSSH public key line (the line is far too long for an Ed25519 key); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "not-one-line" }, "This is not a valid OpenSSH public key line (it has more than one line, or control characters); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "not-a-key-line" }, "This is not a valid OpenSSH public key line (expected a key type, a base64 key and an optional comment); paste the whole content of the .pub file."],
  [{ kind: "malformed", reason: "not-base64" }, "This is not a valid OpenSSH public key line (the key is not canonical base64); paste the whole content of the .pub file."],
  [{ kind: "unsupported-key-type", keyType: "ssh-rsa" }, 'Only Ed25519 keys ("ssh-ed25519") are accepted, not "ssh-rsa"; create one with: ssh-keygen -t ed25519.'],
];
const crypto: [CryptoLoadError, string][] = [
  [{ kind: "webassembly-unavailable", reason: "blocked", detail: "CompileError" }, "Cryptography cannot start: WebAssembly is blocked or missing (CompileError). The app refuses to run its cryptography without it."],
  [{ kind: "webassembly-unavailable", reason: "missing" }, "Cryptography cannot start: this runtime has no WebAssembly. The app refuses to run its cryptography without it."],
  [{ kind: "webassembly-unavailable", reason: "not-native" }, "Cryptography cannot start: libsodium is not running as a WebAssembly module. The app refuses to run its cryptography without it."],
  [{ kind: "load-failed", detail: "x" }, "Cryptography cannot start: libsodium failed to load (x)."],
  [{ kind: "self-test-failed" }, "Cryptography failed its self-test (SHA-256 did not give its known answer); the app will not use it."],
];

describe("the file formats' sentences", () => {
  it.each(json)("JSON %j", (e, s) => expect(describeJsonError(e)).toBe(s));
  it.each(age)("age %j", (e, s) => expect(describeAgeError(e)).toBe(s));
  it.each(signature)("SSH signature %j", (e, s) => expect(describeSignatureError(e)).toBe(s));
  it.each(openssh)("OpenSSH key %j", (e, s) => expect(describeOpenSshKeyError(e)).toBe(s));
  it.each(crypto)("cryptography %j", (e, s) => expect(describeCryptoLoadError(e)).toBe(s));

  it("quotes and shortens text taken from a signature", () => {
    const sentence = describeSignatureError({ kind: "wrong-namespace", expected: SIGNATURE_NAMESPACES.opinion, actual: `evil\nline${"x".repeat(500)}` });
    expect(sentence).not.toContain("\n");
    expect(sentence).toContain('"evil\\nline');
    expect(sentence.length).toBeLessThan(300);
  });

  it("quotes a syntax error's culprit printably", () => {
    const r = parseStrictJson("[\ud800]");
    expect(!r.ok && describeJsonError(r.error)).toBe("The JSON is malformed at line 1, column 2: Unexpected character 'U+D800' found.");
    expect(describeJsonError({ kind: "duplicate-key", path: "/k\u0001" })).toContain('"/kU+0001"');
  });
});

/**
 * OpenSSH's formats for Ed25519 public keys (RFC 8709 §4 key blob, the
 * one-line `.pub` form, the `SHA256:` fingerprint and a line of ssh-keygen's
 * allowed_signers file), so anyone can check our keys and signatures with
 * `ssh-keygen` alone.
 *
 * Writers take values this app made and throw on a broken invariant; the
 * parser takes outside text and returns a typed error instead.
 */
import { concatBytes } from "../encoding/bytes";
import { ED25519_PUBLIC_KEY_BYTES, fromBase64, sha256, toBase64 } from "../crypto/sodium";
import { err, ok, type Result } from "../result";
import { sshReader, sshString } from "./ssh-wire";
import type { SshFingerprint } from "./ssh-fingerprint";

export const SSH_ED25519 = "ssh-ed25519";

export { isSshFingerprint, type SshFingerprint } from "./ssh-fingerprint";
/** `ssh-ed25519 AAAA… comment`, the content of an OpenSSH `.pub` file. */
export type OpenSshPublicKeyLine = string & { readonly __brand: "OpenSshPublicKeyLine" };
/** One line of the file `ssh-keygen -Y verify -f` reads. */
export type AllowedSignersLine = string & { readonly __brand: "AllowedSignersLine" };

export type OpenSshPublicKey = { readonly publicKey: Uint8Array; readonly comment: string };

/** What is wrong with a public key line, or with the key blob inside it. */
export const OPENSSH_KEY_PROBLEMS = ["blob-no-key-type", "blob-not-ed25519", "blob-trailing-data", "not-text", "too-long", "not-one-line", "not-a-key-line", "not-base64"] as const;
export type OpenSshKeyProblem = (typeof OPENSSH_KEY_PROBLEMS)[number];

export type OpenSshKeyError =
  | { readonly kind: "malformed"; readonly reason: OpenSshKeyProblem }
  | { readonly kind: "unsupported-key-type"; readonly keyType: string };

// A .pub line for Ed25519 is about 100 characters; anything near this is not one.
const MAX_LINE_LENGTH = 8192;
// Control characters would let a comment forge extra lines in a key or allowed_signers file.
function hasControl(text: string, allowTab = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !(allowTab && c === 0x09)) || c === 0x7f) return true;
  }
  return false;
}

function requirePublicKey(publicKey: Uint8Array): void {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) throw new RangeError(`an Ed25519 public key has ${ED25519_PUBLIC_KEY_BYTES} bytes, not ${publicKey.length}`);
}

/** The SSH wire encoding of the key: string "ssh-ed25519", string key. */
export function ed25519PublicKeyBlob(publicKey: Uint8Array): Uint8Array {
  requirePublicKey(publicKey);
  return concatBytes(sshString(SSH_ED25519), sshString(publicKey));
}

/** The 32-byte key inside a key blob; the blob must hold exactly that and nothing more. */
export function parseEd25519PublicKeyBlob(blob: Uint8Array): Result<Uint8Array, OpenSshKeyError> {
  const reader = sshReader(blob);
  const keyType = reader.text();
  if (keyType === undefined) return err({ kind: "malformed", reason: "blob-no-key-type" });
  if (keyType !== SSH_ED25519) return err({ kind: "unsupported-key-type", keyType });
  const publicKey = reader.string();
  if (publicKey === undefined || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return err({ kind: "malformed", reason: "blob-not-ed25519" });
  if (!reader.atEnd()) return err({ kind: "malformed", reason: "blob-trailing-data" });
  return ok(publicKey.slice());
}

export function toOpenSshPublicKey(publicKey: Uint8Array, comment = ""): OpenSshPublicKeyLine {
  if (hasControl(comment) || comment.trim() !== comment) throw new RangeError("a key comment must not contain control characters or surrounding whitespace");
  const base = `${SSH_ED25519} ${toBase64(ed25519PublicKeyBlob(publicKey))}`;
  return (comment === "" ? base : `${base} ${comment}`) as OpenSshPublicKeyLine;
}

/**
 * Reads one `.pub` line: key type, base64 key blob, optional comment, and at
 * most one line ending. Options (as in authorized_keys) and other key types
 * are refused.
 */
export function parseOpenSshPublicKey(line: string): Result<OpenSshPublicKey, OpenSshKeyError> {
  if (typeof line !== "string") return err({ kind: "malformed", reason: "not-text" });
  if (line.length > MAX_LINE_LENGTH) return err({ kind: "malformed", reason: "too-long" });
  const body = line.endsWith("\r\n") ? line.slice(0, -2) : line.endsWith("\n") ? line.slice(0, -1) : line;
  if (hasControl(body, true)) return err({ kind: "malformed", reason: "not-one-line" });
  const match = /^([^ \t]+)[ \t]+([^ \t]+)(?:[ \t]+(.*))?$/.exec(body);
  if (!match) return err({ kind: "malformed", reason: "not-a-key-line" });
  const [, keyType = "", encoded = "", comment = ""] = match;
  if (keyType !== SSH_ED25519) return err({ kind: "unsupported-key-type", keyType });
  const blob = fromBase64(encoded);
  if (blob === undefined) return err({ kind: "malformed", reason: "not-base64" });
  const publicKey = parseEd25519PublicKeyBlob(blob);
  if (!publicKey.ok) return publicKey;
  return ok({ publicKey: publicKey.value, comment });
}

export function sshFingerprint(publicKey: Uint8Array): SshFingerprint {
  return `SHA256:${toBase64(sha256(ed25519PublicKeyBlob(publicKey)), false)}` as SshFingerprint;
}

// allowed_signers principals are comma-separated patterns (`*`, `?`, `!`),
// may be quoted, and `#` starts a comment; a principal made of these
// characters alone always means exactly itself.
const PRINCIPAL = /^[A-Za-z0-9._%+@-]{1,256}$/;
const NAMESPACE = /^[A-Za-z0-9._+@-]{1,256}$/;

export function isAllowedSignersPrincipal(principal: string): boolean {
  return PRINCIPAL.test(principal);
}

/**
 * `principal namespaces="a,b" ssh-ed25519 AAAA…`: the key may sign only in
 * the listed namespaces. At least one is required, since a line without the
 * option would accept the key in every namespace. Throws on a principal or
 * namespace that would not read back as itself (check with
 * isAllowedSignersPrincipal first when it comes from a person).
 */
export function allowedSignersLine(principal: string, publicKey: Uint8Array, namespaces: readonly string[]): AllowedSignersLine {
  if (!isAllowedSignersPrincipal(principal)) throw new RangeError(`not a plain allowed_signers principal: ${JSON.stringify(principal)}`);
  if (namespaces.length === 0) throw new RangeError("an allowed_signers line needs at least one namespace");
  for (const ns of namespaces) if (!NAMESPACE.test(ns)) throw new RangeError(`not a plain signature namespace: ${JSON.stringify(ns)}`);
  return `${principal} namespaces="${namespaces.join(",")}" ${toOpenSshPublicKey(publicKey)}` as AllowedSignersLine;
}

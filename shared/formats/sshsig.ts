/**
 * Ed25519 signatures in OpenSSH's SSHSIG format (PROTOCOL.sshsig), so that
 * anyone can check a signed document with `ssh-keygen -Y verify` and an
 * allowed_signers file, without this app.
 *
 * Choices made where the specification leaves room (and why):
 * - Only Ed25519 keys and only the SHA-512 message hash, for signing and for
 *   verifying. SHA-512 is ssh-keygen's default; SHA-256 appears only when a
 *   signer asks for it (`-O hashalg=sha256`) and is reported as
 *   "unsupported-algorithm". One hash keeps verification of a streamed digest
 *   and of an in-memory message exactly the same.
 * - The reserved field must be empty. The specification says to ignore it,
 *   but ssh-keygen leaves it out of the signed data, so its content would be
 *   unauthenticated; we refuse rather than carry it.
 * - The armor is read strictly: header, base64 lines of one width (at most 76,
 *   the specification's figure; we and ssh-keygen write 70) and a shorter last
 *   line, footer, and a final line ending. LF or CRLF, used throughout, since
 *   text transports rewrite line endings. Canonical base64 only, so one
 *   signature has one binary form.
 *
 * Parsing and verifying never throw on any signature text: each failure is a
 * typed SignatureError. Only a broken invariant of the caller throws (a key
 * pair that does not belong together, a digest of the wrong length).
 */
import { bytesEqual, concatBytes, utf8 } from "../encoding/bytes";
import { ED25519_SECRET_KEY_BYTES, ED25519_SEED_BYTES, ED25519_SIGNATURE_BYTES, SHA512_BYTES, ed25519Sign, ed25519Verify, fromBase64, sha512, toBase64, type Ed25519KeyPair } from "../crypto/sodium";
import { err, ok, type Result } from "../result";
import { SSH_ED25519, ed25519PublicKeyBlob, parseEd25519PublicKeyBlob, sshFingerprint, type SshFingerprint } from "./openssh-key";
import { sshReader, sshString, sshUint32 } from "./ssh-wire";

/** One namespace per kind of signed document, so a signature on one kind can never pass as another. */
export const SIGNATURE_NAMESPACES = {
  identityCard: "identity-card@attribution-panel",
  casePacket: "case-packet@attribution-panel",
  scoresheet: "scoresheet@attribution-panel",
  opinion: "opinion@attribution-panel",
  coSignature: "co-signature@attribution-panel",
  publication: "publication@attribution-panel",
  backup: "backup@attribution-panel",
} as const;

export type SignatureNamespace = (typeof SIGNATURE_NAMESPACES)[keyof typeof SIGNATURE_NAMESPACES];

/** The armored text ssh-keygen writes to a `.sig` file. */
export type ArmoredSshSignature = string & { readonly __brand: "ArmoredSshSignature" };

export type ParsedSshsig = {
  readonly version: 1;
  readonly publicKey: Uint8Array;
  /** As found in the signature: not yet compared with any expected namespace. */
  readonly namespace: string;
  readonly hashAlgorithm: "sha512";
  /** The raw 64-byte Ed25519 signature. */
  readonly signature: Uint8Array;
};

export type SignatureError =
  | { readonly kind: "malformed"; readonly detail: string }
  | { readonly kind: "unsupported-version"; readonly version: number }
  | { readonly kind: "unsupported-algorithm"; readonly field: "key" | "hash"; readonly algorithm: string }
  | { readonly kind: "wrong-namespace"; readonly expected: SignatureNamespace; readonly actual: string }
  | { readonly kind: "unknown-key"; readonly fingerprint: SshFingerprint }
  | { readonly kind: "bad-signature" };

export type VerifyExpectation = {
  readonly namespace: SignatureNamespace;
  /** When given, the signing key must be one of these. */
  readonly trustedKeys?: readonly Uint8Array[];
};

export type VerifiedSigner = { readonly publicKey: Uint8Array; readonly fingerprint: SshFingerprint };

const MAGIC = utf8("SSHSIG");
const VERSION = 1;
const HASH_ALGORITHM = "sha512";
const BEGIN = "-----BEGIN SSH SIGNATURE-----";
const END = "-----END SSH SIGNATURE-----";
const WRITE_WIDTH = 70;
const MAX_READ_WIDTH = 76;
// Our signatures are about 300 characters; this only bounds the work done on junk.
const MAX_ARMOR_LENGTH = 65_536;

const malformed = (detail: string) => err({ kind: "malformed", detail } as const);

// --- armor -------------------------------------------------------------------

export function armorSshsig(blob: Uint8Array): ArmoredSshSignature {
  const encoded = toBase64(blob);
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += WRITE_WIDTH) lines.push(encoded.slice(i, i + WRITE_WIDTH));
  return `${BEGIN}\n${lines.join("\n")}\n${END}\n` as ArmoredSshSignature;
}

/** The binary blob inside the armor. */
export function dearmorSshsig(armored: string): Result<Uint8Array, SignatureError> {
  if (typeof armored !== "string") return malformed("not text");
  if (armored.length > MAX_ARMOR_LENGTH) return malformed("far too long for a signature");
  const eol = armored.startsWith(`${BEGIN}\r\n`) ? "\r\n" : "\n";
  const lines = armored.split(eol);
  if (lines.length < 4 || lines[0] !== BEGIN) return malformed(`it must start with the line ${BEGIN}`);
  if (lines.at(-2) !== END || lines.at(-1) !== "") return malformed(`it must end with the line ${END} and a line break`);
  const body = lines.slice(1, -2);
  const width = body[0]!.length;
  const last = body.at(-1)!;
  if (width > MAX_READ_WIDTH || body.slice(0, -1).some((l) => l.length !== width) || last.length === 0 || last.length > width) {
    return malformed("the base64 lines are not of one width");
  }
  const blob = fromBase64(body.join(""));
  return blob === undefined ? malformed("the body is not canonical base64") : ok(blob);
}

// --- blob --------------------------------------------------------------------

export function parseSshsigBlob(blob: Uint8Array): Result<ParsedSshsig, SignatureError> {
  const reader = sshReader(blob);
  const magic = reader.bytes(MAGIC.length);
  if (magic === undefined || !bytesEqual(magic, MAGIC)) return malformed('it does not start with "SSHSIG"');
  const version = reader.uint32();
  if (version === undefined) return malformed("it ends before the version");
  // A later version may lay the rest out differently, so stop here.
  if (version !== VERSION) return err({ kind: "unsupported-version", version });
  const keyBlob = reader.string();
  const namespace = reader.text();
  const reserved = reader.string();
  const hashAlgorithm = reader.text();
  const signatureBlob = reader.string();
  if (keyBlob === undefined || namespace === undefined || reserved === undefined || hashAlgorithm === undefined || signatureBlob === undefined) {
    return malformed("a field is truncated or not text");
  }
  if (!reader.atEnd()) return malformed("trailing data after the signature");
  const publicKey = parseEd25519PublicKeyBlob(keyBlob);
  if (!publicKey.ok) {
    const e = publicKey.error;
    return e.kind === "unsupported-key-type" ? err({ kind: "unsupported-algorithm", field: "key", algorithm: e.keyType }) : malformed(e.detail);
  }
  if (namespace === "") return malformed("the namespace is empty");
  if (reserved.length !== 0) return malformed("the reserved field is not empty");
  if (hashAlgorithm !== HASH_ALGORITHM) return err({ kind: "unsupported-algorithm", field: "hash", algorithm: hashAlgorithm });
  const sigReader = sshReader(signatureBlob);
  const sigType = sigReader.text();
  const signature = sigReader.string();
  if (sigType !== SSH_ED25519) return malformed("the signature type does not match the Ed25519 key");
  if (signature === undefined || signature.length !== ED25519_SIGNATURE_BYTES || !sigReader.atEnd()) {
    return malformed(`the signature is not ${ED25519_SIGNATURE_BYTES} bytes of Ed25519`);
  }
  return ok({ version: VERSION, publicKey: publicKey.value, namespace, hashAlgorithm: HASH_ALGORITHM, signature: signature.slice() });
}

export function parseSshsig(armored: string): Result<ParsedSshsig, SignatureError> {
  const blob = dearmorSshsig(armored);
  return blob.ok ? parseSshsigBlob(blob.value) : blob;
}

// --- sign and verify ---------------------------------------------------------

/** What Ed25519 actually signs: the namespace and hash bound to the message digest. */
function signedData(namespace: string, digest: Uint8Array): Uint8Array {
  return concatBytes(MAGIC, sshString(namespace), sshString(new Uint8Array(0)), sshString(HASH_ALGORITHM), sshString(digest));
}

function requireDigest(digest: Uint8Array): void {
  if (digest.length !== SHA512_BYTES) throw new RangeError(`a SHA-512 digest has ${SHA512_BYTES} bytes, not ${digest.length}`);
}

export function signSshsig(message: Uint8Array, keyPair: Ed25519KeyPair, namespace: SignatureNamespace): ArmoredSshSignature {
  return signSshsigDigest(sha512(message), keyPair, namespace);
}

/** For large inputs: `digest` is the SHA-512 of the message, e.g. from createSha512(). */
export function signSshsigDigest(digest: Uint8Array, keyPair: Ed25519KeyPair, namespace: SignatureNamespace): ArmoredSshSignature {
  requireDigest(digest);
  const { publicKey, secretKey } = keyPair;
  // libsodium's secret key is seed || public key; a mismatch would sign under one key and name another.
  if (secretKey.length !== ED25519_SECRET_KEY_BYTES || !bytesEqual(secretKey.subarray(ED25519_SEED_BYTES), publicKey)) throw new RangeError("the Ed25519 key pair does not belong together");
  const signature = ed25519Sign(signedData(namespace, digest), secretKey);
  const blob = concatBytes(
    MAGIC,
    sshUint32(VERSION),
    sshString(ed25519PublicKeyBlob(publicKey)),
    sshString(namespace),
    sshString(new Uint8Array(0)),
    sshString(HASH_ALGORITHM),
    sshString(concatBytes(sshString(SSH_ED25519), sshString(signature))),
  );
  return armorSshsig(blob);
}

export function verifySshsig(armored: string, message: Uint8Array, expected: VerifyExpectation): Result<VerifiedSigner, SignatureError> {
  return verifySshsigDigest(armored, sha512(message), expected);
}

/** For large inputs: `digest` is the SHA-512 of the message, e.g. from createSha512(). */
export function verifySshsigDigest(armored: string, digest: Uint8Array, expected: VerifyExpectation): Result<VerifiedSigner, SignatureError> {
  requireDigest(digest);
  const parsed = parseSshsig(armored);
  if (!parsed.ok) return parsed;
  const { publicKey, namespace, signature } = parsed.value;
  if (namespace !== expected.namespace) return err({ kind: "wrong-namespace", expected: expected.namespace, actual: namespace });
  const fingerprint = sshFingerprint(publicKey);
  if (expected.trustedKeys && !expected.trustedKeys.some((k) => bytesEqual(k, publicKey))) return err({ kind: "unknown-key", fingerprint });
  // Equal to the parsed namespace here; using the expected one means the
  // signed data is built from nothing but what the caller asked for.
  if (!ed25519Verify(signature, signedData(expected.namespace, digest), publicKey)) return err({ kind: "bad-signature" });
  return ok({ publicKey, fingerprint });
}

// --- words -------------------------------------------------------------------

// Text read from a signature is shown quoted and cut short, never as-is.
const quote = (text: string): string => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);

/** One sentence a person can act on. */
export function describeSignatureError(error: SignatureError): string {
  switch (error.kind) {
    case "malformed":
      return `This is not a valid SSH signature (${error.detail}); ask the signer to send the signature again, unchanged.`;
    case "unsupported-version":
      return `This signature uses SSHSIG version ${error.version}, which this app cannot check; ask the signer to sign again with this app or ssh-keygen.`;
    case "unsupported-algorithm":
      return error.field === "key"
        ? `This signature was made with a ${quote(error.algorithm)} key, but only Ed25519 keys are accepted; the signer needs an Ed25519 key (ssh-keygen -t ed25519).`
        : `This signature hashes the document with ${quote(error.algorithm)}, but only sha512 is accepted; ask the signer to sign again without "-O hashalg".`;
    case "wrong-namespace":
      return `This signature was made for ${quote(error.actual)}, not for ${quote(error.expected)}: it belongs to another kind of document and cannot be used here.`;
    case "unknown-key":
      return `The signing key ${error.fingerprint} is not one this panel trusts; compare the fingerprint with the signer in person before adding their key.`;
    case "bad-signature":
      return "The signature does not match this document: the document or the signature changed after signing, or they do not belong together.";
  }
}

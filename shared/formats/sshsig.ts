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
import { SSH_ED25519, ed25519PublicKeyBlob, parseEd25519PublicKeyBlob, sshFingerprint, type OpenSshKeyProblem, type SshFingerprint } from "./openssh-key";
import { sshReader, sshString, sshUint32 } from "./ssh-wire";

/** One namespace per kind of signed document, so a signature on one kind can never pass as another. */
export const SIGNATURE_NAMESPACES = {
  identityCard: "identity-card@attribution-panel",
  casePacket: "case-packet@attribution-panel",
  scoresheet: "scoresheet@attribution-panel",
  feedback: "feedback@attribution-panel",
  opinion: "opinion@attribution-panel",
  coSignature: "co-signature@attribution-panel",
  separateOpinion: "separate-opinion@attribution-panel",
  opinionDraft: "opinion-draft@attribution-panel",
  opinionDraftAnswer: "opinion-draft-answer@attribution-panel",
  cosignRequest: "cosign-request@attribution-panel",
  cosignReturn: "cosign-return@attribution-panel",
  sealedOpinion: "sealed-opinion@attribution-panel",
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

/** What is wrong with an armored SSH signature (`reason`), values worded by the interface. */
export const SIGNATURE_PROBLEMS = [
  "not-text",
  "too-long",
  "begin-line",
  "end-line",
  "uneven-lines",
  "body-not-base64",
  "no-magic",
  "no-version",
  "field-truncated",
  "trailing-data",
  "empty-namespace",
  "reserved-not-empty",
  "signature-type-mismatch",
  "signature-length",
] as const;
export type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

export type SignatureError =
  | { readonly kind: "malformed"; readonly reason: SignatureProblem }
  /** The signer's public key inside the signature is malformed (`key`: how). */
  | { readonly kind: "malformed"; readonly reason: "public-key"; readonly key: OpenSshKeyProblem }
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

const malformed = (reason: SignatureProblem) => err({ kind: "malformed", reason } as const);

// --- armor -------------------------------------------------------------------

export function armorSshsig(blob: Uint8Array): ArmoredSshSignature {
  const encoded = toBase64(blob);
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += WRITE_WIDTH) lines.push(encoded.slice(i, i + WRITE_WIDTH));
  return `${BEGIN}\n${lines.join("\n")}\n${END}\n` as ArmoredSshSignature;
}

/** The binary blob inside the armor. */
export function dearmorSshsig(armored: string): Result<Uint8Array, SignatureError> {
  if (typeof armored !== "string") return malformed("not-text");
  if (armored.length > MAX_ARMOR_LENGTH) return malformed("too-long");
  const eol = armored.startsWith(`${BEGIN}\r\n`) ? "\r\n" : "\n";
  const lines = armored.split(eol);
  if (lines.length < 4 || lines[0] !== BEGIN) return malformed("begin-line");
  if (lines.at(-2) !== END || lines.at(-1) !== "") return malformed("end-line");
  const body = lines.slice(1, -2);
  const width = body[0]!.length;
  const last = body.at(-1)!;
  if (width > MAX_READ_WIDTH || body.slice(0, -1).some((l) => l.length !== width) || last.length === 0 || last.length > width) {
    return malformed("uneven-lines");
  }
  const blob = fromBase64(body.join(""));
  return blob === undefined ? malformed("body-not-base64") : ok(blob);
}

// --- blob --------------------------------------------------------------------

export function parseSshsigBlob(blob: Uint8Array): Result<ParsedSshsig, SignatureError> {
  const reader = sshReader(blob);
  const magic = reader.bytes(MAGIC.length);
  if (magic === undefined || !bytesEqual(magic, MAGIC)) return malformed("no-magic");
  const version = reader.uint32();
  if (version === undefined) return malformed("no-version");
  // A later version may lay the rest out differently, so stop here.
  if (version !== VERSION) return err({ kind: "unsupported-version", version });
  const keyBlob = reader.string();
  const namespace = reader.text();
  const reserved = reader.string();
  const hashAlgorithm = reader.text();
  const signatureBlob = reader.string();
  if (keyBlob === undefined || namespace === undefined || reserved === undefined || hashAlgorithm === undefined || signatureBlob === undefined) {
    return malformed("field-truncated");
  }
  if (!reader.atEnd()) return malformed("trailing-data");
  const publicKey = parseEd25519PublicKeyBlob(keyBlob);
  if (!publicKey.ok) {
    const e = publicKey.error;
    return e.kind === "unsupported-key-type" ? err({ kind: "unsupported-algorithm", field: "key", algorithm: e.keyType }) : err({ kind: "malformed", reason: "public-key", key: e.reason } as const);
  }
  if (namespace === "") return malformed("empty-namespace");
  if (reserved.length !== 0) return malformed("reserved-not-empty");
  if (hashAlgorithm !== HASH_ALGORITHM) return err({ kind: "unsupported-algorithm", field: "hash", algorithm: hashAlgorithm });
  const sigReader = sshReader(signatureBlob);
  const sigType = sigReader.text();
  const signature = sigReader.string();
  if (sigType !== SSH_ED25519) return malformed("signature-type-mismatch");
  if (signature === undefined || signature.length !== ED25519_SIGNATURE_BYTES || !sigReader.atEnd()) {
    return malformed("signature-length");
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

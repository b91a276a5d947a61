import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes, utf8 } from "../encoding/bytes";
import { createSha512, ed25519KeyPair, ed25519Sign, fromHex, loadCrypto, sha512 } from "../crypto/sodium";
import { ed25519PublicKeyBlob, sshFingerprint } from "./openssh-key";
import { sshString, sshUint32 } from "./ssh-wire";
import { SignatureErrorSchema } from "../worker/problem";
import {
  SIGNATURE_NAMESPACES,
  armorSshsig,
  dearmorSshsig,
  parseSshsig,
  parseSshsigBlob,
  signSshsig,
  signSshsigDigest,
  verifySshsig,
  verifySshsigDigest,
  type SignatureError,
  type SignatureNamespace,
} from "./sshsig";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

// RFC 8032 §7.1 test 1 key. KAT_SIGNATURE is what `ssh-keygen -Y sign -n
// opinion@attribution-panel` (OpenSSH 9.2p1) wrote for KAT_MESSAGE with this
// key; Ed25519 is deterministic, so ours must be the same bytes.
const kat = ed25519KeyPair(fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
const KAT_MESSAGE = utf8("Attribution Panel known-answer message\n");
const KAT_SIGNATURE = `-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv
PapiMlrwIaaPcHURoAAAAZb3BpbmlvbkBhdHRyaWJ1dGlvbi1wYW5lbAAAAAAAAAAGc2hh
NTEyAAAAUwAAAAtzc2gtZWQyNTUxOQAAAEAlIsyisjiShbbNlvMS/p50hYz6rtYH3VhcAx
a62EHuSkXJ9gFQnigNV704xL1cEzXcv939zmG/BnUnf669hPYH
-----END SSH SIGNATURE-----
`;

const other = ed25519KeyPair(fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
const message = utf8("case 2024-17: scoresheet of panelist 3");
const KINDS: readonly SignatureError["kind"][] = ["malformed", "unsupported-version", "unsupported-algorithm", "wrong-namespace", "unknown-key", "bad-signature"];

/** A signature blob assembled field by field, so single fields can be varied. */
type BlobFields = { version?: number; key?: Uint8Array; namespace?: string; reserved?: Uint8Array; hash?: string; digest?: Uint8Array; sigType?: string; sigTrailer?: Uint8Array };
function blob(fields: BlobFields = {}): Uint8Array {
  const { version = 1, key = ed25519PublicKeyBlob(kat.publicKey), namespace = SIGNATURE_NAMESPACES.opinion, reserved = new Uint8Array(0), hash = "sha512" } = fields;
  const { sigType = "ssh-ed25519", sigTrailer = new Uint8Array(0) } = fields;
  const digest = fields.digest ?? (hash === "sha512" ? sha512(message) : new Uint8Array(32));
  const signed = concatBytes(utf8("SSHSIG"), sshString(namespace), sshString(reserved), sshString(hash), sshString(digest));
  const signature = concatBytes(sshString(sigType), sshString(ed25519Sign(signed, kat.secretKey)), sigTrailer);
  return concatBytes(utf8("SSHSIG"), sshUint32(version), sshString(key), sshString(namespace), sshString(reserved), sshString(hash), sshString(signature));
}

const verifyOpinion = (armored: string) => verifySshsig(armored, message, { namespace: SIGNATURE_NAMESPACES.opinion });

describe("SSHSIG known answer from ssh-keygen", () => {
  it("signs byte for byte as ssh-keygen does", () => {
    expect(signSshsig(KAT_MESSAGE, kat, SIGNATURE_NAMESPACES.opinion)).toBe(KAT_SIGNATURE);
  });

  it("verifies ssh-keygen's signature and names its key", () => {
    expect(verifySshsig(KAT_SIGNATURE, KAT_MESSAGE, { namespace: SIGNATURE_NAMESPACES.opinion, trustedKeys: [kat.publicKey] })).toEqual({
      ok: true,
      value: { publicKey: kat.publicKey, fingerprint: "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8" },
    });
  });

  it("parses its fields", () => {
    const parsed = parseSshsig(KAT_SIGNATURE);
    expect(parsed).toMatchObject({ ok: true, value: { version: 1, publicKey: kat.publicKey, namespace: "opinion@attribution-panel", hashAlgorithm: "sha512" } });
    expect(parsed.ok && parsed.value.signature.length).toBe(64);
  });
});

describe("SSHSIG sign and verify", () => {
  it("uses a distinct namespace for each document kind", () => {
    const names = Object.values(SIGNATURE_NAMESPACES);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("feedback@attribution-panel");
    for (const ns of names) expect(ns).toMatch(/^[a-z-]+@attribution-panel$/);
  });

  it("round-trips in every namespace and refuses every other namespace", () => {
    for (const ns of Object.values(SIGNATURE_NAMESPACES)) {
      const sig = signSshsig(message, kat, ns);
      expect(verifySshsig(sig, message, { namespace: ns })).toMatchObject({ ok: true, value: { fingerprint: sshFingerprint(kat.publicKey) } });
      for (const otherNs of Object.values(SIGNATURE_NAMESPACES).filter((n) => n !== ns)) {
        expect(verifySshsig(sig, message, { namespace: otherNs })).toEqual({ ok: false, error: { kind: "wrong-namespace", expected: otherNs, actual: ns } });
      }
    }
  });

  it("signs and verifies a streamed digest the same as the whole message", () => {
    const h = createSha512();
    for (let i = 0; i < message.length; i += 7) h.update(message.subarray(i, i + 7));
    const digest = h.digest();
    const sig = signSshsigDigest(digest, kat, SIGNATURE_NAMESPACES.backup);
    expect(sig).toBe(signSshsig(message, kat, SIGNATURE_NAMESPACES.backup));
    expect(verifySshsigDigest(sig, digest, { namespace: SIGNATURE_NAMESPACES.backup }).ok).toBe(true);
    expect(verifySshsigDigest(sig, sha512(utf8("other")), { namespace: SIGNATURE_NAMESPACES.backup })).toEqual({ ok: false, error: { kind: "bad-signature" } });
  });

  it("refuses a changed message", () => {
    const sig = signSshsig(message, kat, SIGNATURE_NAMESPACES.opinion);
    expect(verifySshsig(sig, concatBytes(message, utf8(" ")), { namespace: SIGNATURE_NAMESPACES.opinion })).toEqual({ ok: false, error: { kind: "bad-signature" } });
  });

  it("refuses a key outside the trusted set, naming its fingerprint", () => {
    const sig = signSshsig(message, other, SIGNATURE_NAMESPACES.opinion);
    expect(verifySshsig(sig, message, { namespace: SIGNATURE_NAMESPACES.opinion, trustedKeys: [kat.publicKey] })).toEqual({
      ok: false,
      error: { kind: "unknown-key", fingerprint: sshFingerprint(other.publicKey) },
    });
    expect(verifySshsig(sig, message, { namespace: SIGNATURE_NAMESPACES.opinion, trustedKeys: [kat.publicKey, other.publicKey] }).ok).toBe(true);
    expect(verifySshsig(sig, message, { namespace: SIGNATURE_NAMESPACES.opinion, trustedKeys: [] })).toMatchObject({ ok: false, error: { kind: "unknown-key" } });
  });

  it("refuses a signature whose key was swapped for another", () => {
    expect(verifyOpinion(armorSshsig(blob({ key: ed25519PublicKeyBlob(other.publicKey) })))).toEqual({ ok: false, error: { kind: "bad-signature" } });
  });

  it("throws on programming errors: mismatched key pair, wrong digest length", () => {
    expect(() => signSshsig(message, { publicKey: other.publicKey, secretKey: kat.secretKey }, SIGNATURE_NAMESPACES.opinion)).toThrow(RangeError);
    expect(() => signSshsigDigest(new Uint8Array(32), kat, SIGNATURE_NAMESPACES.opinion)).toThrow(RangeError);
    expect(() => verifySshsigDigest(KAT_SIGNATURE, new Uint8Array(32), { namespace: SIGNATURE_NAMESPACES.opinion })).toThrow(RangeError);
  });
});

describe("SSHSIG blob fields", () => {
  it("accepts the assembled blob as a control", () => {
    expect(verifyOpinion(armorSshsig(blob())).ok).toBe(true);
  });

  it.each<[string, BlobFields, Partial<SignatureError>]>([
    ["a later version", { version: 2 }, { kind: "unsupported-version", version: 2 }],
    ["version 0", { version: 0 }, { kind: "unsupported-version", version: 0 }],
    ["a SHA-256 message hash", { hash: "sha256", digest: new Uint8Array(32) }, { kind: "unsupported-algorithm", field: "hash", algorithm: "sha256" }],
    ["an RSA key", { key: concatBytes(sshString("ssh-rsa"), sshString(Uint8Array.of(1, 0, 1))) }, { kind: "unsupported-algorithm", field: "key", algorithm: "ssh-rsa" }],
    ["a non-empty reserved field", { reserved: Uint8Array.of(1) }, { kind: "malformed" }],
    ["an empty namespace", { namespace: "" }, { kind: "malformed" }],
    ["a signature type other than the key's", { sigType: "rsa-sha2-512" }, { kind: "malformed" }],
    ["a namespace with a NUL", { namespace: "opinion@attribution-panel\0x" }, { kind: "malformed" }],
    ["trailing data inside the signature field", { sigTrailer: Uint8Array.of(0) }, { kind: "malformed" }],
  ])("refuses %s", (_name, fields, error) => {
    expect(verifyOpinion(armorSshsig(blob(fields)))).toMatchObject({ ok: false, error });
  });

  it("refuses trailing data after the blob", () => {
    expect(verifyOpinion(armorSshsig(concatBytes(blob(), Uint8Array.of(0))))).toMatchObject({ ok: false, error: { kind: "malformed" } });
  });
});

describe("SSHSIG armor", () => {
  const sig = signSshsig(message, kat, SIGNATURE_NAMESPACES.opinion);
  const body = sig.split("\n").slice(1, -2).join("");
  const wrap = (width: number, eol = "\n") => ["-----BEGIN SSH SIGNATURE-----", ...(body.match(new RegExp(`.{1,${width}}`, "g")) ?? []), "-----END SSH SIGNATURE-----", ""].join(eol);

  it("wraps base64 at 70 columns like ssh-keygen", () => {
    const lines = sig.split("\n");
    expect(lines.slice(1, -3).every((l) => l.length === 70)).toBe(true);
    expect(sig).toBe(wrap(70));
  });

  it("accepts other uniform widths up to 76, and CRLF line endings", () => {
    for (const width of [64, 76]) expect(verifyOpinion(wrap(width)).ok).toBe(true);
    expect(verifyOpinion(wrap(70, "\r\n")).ok).toBe(true);
  });

  it.each([
    ["lines wider than 76", () => wrap(77)],
    ["ragged lines", () => sig.split("\n").map((l, i, all) => (i === 1 ? l + all[2]!.slice(0, 4) : i === 2 ? l.slice(4) : l)).join("\n")],
    ["mixed line endings", () => wrap(70, "\r\n").replace("\r\n", "\n")],
    ["no final line ending", () => sig.slice(0, -1)],
    ["text before the header", () => `Signed:\n${sig}`],
    ["text after the footer", () => `${sig}\n`],
    ["no body", () => "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n"],
    ["a PGP armor", () => sig.replaceAll("SSH SIGNATURE", "PGP SIGNATURE")],
  ])("refuses %s", (_name, text) => {
    expect(dearmorSshsig(text())).toMatchObject({ ok: false, error: { kind: "malformed" } });
  });

  it("round-trips blobs", () => {
    const decoded = dearmorSshsig(sig);
    expect(decoded.ok && armorSshsig(decoded.value)).toBe(sig);
  });
});

describe("SSHSIG tampering is always a typed error, never an exception or a pass", () => {
  // Namespaces whose blobs need 0, 2 and 1 base64 padding characters.
  const cases = ([SIGNATURE_NAMESPACES.opinion, SIGNATURE_NAMESPACES.casePacket, SIGNATURE_NAMESPACES.backup] as const).map((ns) => ({
    ns,
    armored: signSshsig(message, kat, ns),
    binary: blob({ namespace: ns }),
  }));

  function expectRejected(armored: string, ns: SignatureNamespace): void {
    const result = verifySshsig(armored, message, { namespace: ns, trustedKeys: [kat.publicKey] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(KINDS).toContain(result.error.kind);
      expect(SignatureErrorSchema.safeParse(result.error).success).toBe(true);
    }
  }

  it("covers each padding length", () => {
    expect(cases.map((c) => c.armored.split("\n").at(-3)?.match(/=*$/)?.[0].length)).toEqual([0, 2, 1]);
    for (const c of cases) expect(verifySshsig(c.armored, message, { namespace: c.ns }).ok).toBe(true);
  });

  it("rejects every single-character change of the armored text (exhaustive)", () => {
    for (const { ns, armored } of cases) {
      for (let i = 0; i < armored.length; i++) {
        for (const replacement of ["A", "=", "\n", "\r", " ", "\0", "é"]) {
          if (armored[i] !== replacement) expectRejected(armored.slice(0, i) + replacement + armored.slice(i + 1), ns);
        }
      }
    }
  });

  it("rejects every truncation of the armored text and of the blob (exhaustive)", () => {
    for (const { ns, armored, binary } of cases) {
      for (let n = 0; n < armored.length; n++) expectRejected(armored.slice(0, n), ns);
      for (let n = 0; n < binary.length; n++) expectRejected(armorSshsig(binary.subarray(0, n)), ns);
    }
  });

  it("rejects every single-byte change of the blob (exhaustive over positions)", () => {
    for (const { ns, binary } of cases) {
      for (let i = 0; i < binary.length; i++) {
        for (const mask of [0x01, 0x80, 0xff]) {
          const changed = binary.slice();
          changed[i]! ^= mask;
          expectRejected(armorSshsig(changed), ns);
        }
      }
    }
  });

  it("rejects any single-byte change, truncation or extension (property)", () => {
    const target = fc.constantFrom(...cases);
    const textChange = fc.record({ c: target, i: fc.nat(), code: fc.integer({ min: 0, max: 255 }) });
    const byteChange = fc.record({ c: target, i: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    const extension = fc.record({ c: target, text: fc.string({ unit: "binary", minLength: 1 }), bytes: fc.uint8Array({ minLength: 1 }) });
    fc.assert(
      fc.property(textChange, ({ c, i, code }) => {
        const at = i % c.armored.length;
        fc.pre(c.armored.charCodeAt(at) !== code);
        expectRejected(c.armored.slice(0, at) + String.fromCharCode(code) + c.armored.slice(at + 1), c.ns);
      }),
    );
    fc.assert(
      fc.property(byteChange, ({ c, i, value }) => {
        const at = i % c.binary.length;
        fc.pre(c.binary[at] !== value);
        const changed = c.binary.slice();
        changed[at] = value;
        expectRejected(armorSshsig(changed), c.ns);
      }),
    );
    fc.assert(
      fc.property(extension, ({ c, text, bytes }) => {
        expectRejected(c.armored + text, c.ns);
        expectRejected(armorSshsig(concatBytes(c.binary, bytes)), c.ns);
      }),
    );
  });

  it("never throws on arbitrary text or bytes (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.uint8Array().map((b) => armorSshsig(b))), (text) => {
        expectRejected(text, SIGNATURE_NAMESPACES.opinion);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(parseSshsigBlob(concatBytes(utf8("SSHSIG"), sshUint32(1), bytes)).ok).toBe(false);
      }),
    );
    for (const junk of [undefined, null, 42, {}] as unknown as string[]) expectRejected(junk, SIGNATURE_NAMESPACES.opinion);
  });
});

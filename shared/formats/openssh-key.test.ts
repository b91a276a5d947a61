import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes } from "../encoding/bytes";
import { ed25519KeyPair, fromHex, loadCrypto, toBase64 } from "../crypto/sodium";
import { OpenSshKeyErrorSchema } from "../worker/problem";
import {
  allowedSignersLine,
  ed25519PublicKeyBlob,
  isAllowedSignersPrincipal,
  parseEd25519PublicKeyBlob,
  parseOpenSshPublicKey,
  sshFingerprint,
  toOpenSshPublicKey,
} from "./openssh-key";
import { sshString } from "./ssh-wire";

// RFC 8032 §7.1 test 1. The expected line and fingerprint were printed by
// `ssh-keygen -y -f` and `ssh-keygen -lf` (OpenSSH 9.2p1) for this key, not by this code.
const RFC8032_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const KAT_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea rfc8032-test-1";
const KAT_FINGERPRINT = "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8";

// Loaded before the tables below are built, since they encode keys.
const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);
const pk = ed25519KeyPair(fromHex(RFC8032_SEED)).publicKey;

const lineFor = (blob: Uint8Array, type = "ssh-ed25519") => `${type} ${toBase64(blob)}`;

describe("OpenSSH public key formats: known answers from ssh-keygen", () => {
  it("derives the RFC 8032 public key from its seed", () => {
    expect(pk).toEqual(fromHex(RFC8032_PUBLIC));
  });

  it("writes the .pub line ssh-keygen derives from the same key", () => {
    expect(toOpenSshPublicKey(pk, "rfc8032-test-1")).toBe(KAT_LINE);
  });

  it("computes the fingerprint ssh-keygen -lf prints", () => {
    expect(sshFingerprint(pk)).toBe(KAT_FINGERPRINT);
  });

  it("lays out the key blob as string type, string key", () => {
    const blob = ed25519PublicKeyBlob(pk);
    expect(blob.length).toBe(51);
    expect([...blob.subarray(0, 4)]).toEqual([0, 0, 0, 11]);
    expect([...blob.subarray(15, 19)]).toEqual([0, 0, 0, 32]);
    expect(blob.subarray(19)).toEqual(pk);
  });

  it("writes an allowed_signers line limited to the given namespaces", () => {
    expect(allowedSignersLine("alice@example.org", pk, ["opinion@attribution-panel", "scoresheet@attribution-panel"])).toBe(
      'alice@example.org namespaces="opinion@attribution-panel,scoresheet@attribution-panel" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea',
    );
  });
});

describe("parseOpenSshPublicKey", () => {
  it("reads back the line, with or without comment and line ending", () => {
    expect(parseOpenSshPublicKey(KAT_LINE)).toEqual({ ok: true, value: { publicKey: pk, comment: "rfc8032-test-1" } });
    expect(parseOpenSshPublicKey(`${KAT_LINE}\n`)).toEqual({ ok: true, value: { publicKey: pk, comment: "rfc8032-test-1" } });
    expect(parseOpenSshPublicKey(`${toOpenSshPublicKey(pk)}\r\n`)).toEqual({ ok: true, value: { publicKey: pk, comment: "" } });
    expect(parseOpenSshPublicKey(`ssh-ed25519\t${toBase64(ed25519PublicKeyBlob(pk))}  Alice B. <a@b>`)).toEqual({ ok: true, value: { publicKey: pk, comment: "Alice B. <a@b>" } });
  });

  it("names the key type it refuses", () => {
    expect(parseOpenSshPublicKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== me")).toEqual({ ok: false, error: { kind: "unsupported-key-type", keyType: "ssh-rsa" } });
    expect(parseOpenSshPublicKey(lineFor(concatBytes(sshString("sk-ssh-ed25519@openssh.com"), sshString(pk))))).toMatchObject({ ok: false, error: { kind: "unsupported-key-type" } });
  });

  it.each([
    ["an empty line", ""],
    ["a key type alone", "ssh-ed25519"],
    ["two lines", `${KAT_LINE}\n${KAT_LINE}`],
    ["a blank line after", `${KAT_LINE}\n\n`],
    ["a NUL in the comment", `${KAT_LINE}\0`],
    ["base64 with a character outside the alphabet", KAT_LINE.replace("AAAAC3", "AAAAC!")],
    ["base64 cut short and padded", `ssh-ed25519 ${toBase64(ed25519PublicKeyBlob(pk)).slice(0, -2)}b=`],
    ["base64 split by a space", KAT_LINE.replace("AAAAC3", "AAAA C3")],
    ["a 31-byte key", lineFor(concatBytes(sshString("ssh-ed25519"), sshString(pk.subarray(1))))],
    ["trailing data in the blob", lineFor(concatBytes(ed25519PublicKeyBlob(pk), Uint8Array.of(0)))],
    ["a truncated blob", lineFor(ed25519PublicKeyBlob(pk).subarray(0, 50))],
  ])("refuses %s as malformed", (_name, line) => {
    expect(parseOpenSshPublicKey(line)).toMatchObject({ ok: false, error: { kind: "malformed" } });
  });

  it("refuses authorized_keys options before the key", () => {
    expect(parseOpenSshPublicKey(`no-pty ${KAT_LINE}`)).toMatchObject({ ok: false, error: { kind: "unsupported-key-type", keyType: "no-pty" } });
  });

  it("refuses a blob whose type differs from the line's", () => {
    expect(parseOpenSshPublicKey(lineFor(concatBytes(sshString("ssh-rsa"), sshString(pk))))).toMatchObject({ ok: false, error: { kind: "unsupported-key-type", keyType: "ssh-rsa" } });
  });

  it("never throws, and anything accepted holds a 32-byte key (property)", () => {
    const nearValid = fc.tuple(fc.nat(KAT_LINE.length), fc.string({ unit: "binary", maxLength: 3 })).map(([i, s]) => KAT_LINE.slice(0, i) + s + KAT_LINE.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), nearValid), (line) => {
        const result = parseOpenSshPublicKey(line);
        if (result.ok) expect(result.value.publicKey.length).toBe(32);
        else expect(OpenSshKeyErrorSchema.safeParse(result.error).success).toBe(true);
      }),
    );
    expect(parseOpenSshPublicKey(undefined as unknown as string)).toMatchObject({ ok: false, error: { kind: "malformed" } });
  });
});

describe("writers refuse what would not read back as itself", () => {
  it("refuses a comment that would add a line", () => {
    expect(() => toOpenSshPublicKey(pk, "a\nssh-ed25519 AAAA evil")).toThrow(RangeError);
    expect(() => toOpenSshPublicKey(pk, " padded ")).toThrow(RangeError);
  });

  it("refuses a key of the wrong length", () => {
    expect(() => sshFingerprint(pk.subarray(1))).toThrow(RangeError);
    expect(() => ed25519PublicKeyBlob(new Uint8Array(33))).toThrow(RangeError);
  });

  it("refuses principals and namespaces that allowed_signers would read as patterns or several values", () => {
    for (const p of ["", "a b", "a,b", '"a"', "a*", "a?", "!a", "#a", "é@example.org"]) expect(isAllowedSignersPrincipal(p)).toBe(false);
    expect(isAllowedSignersPrincipal("panel.member+1@example.org")).toBe(true);
    expect(() => allowedSignersLine("a b", pk, ["opinion@attribution-panel"])).toThrow(RangeError);
    expect(() => allowedSignersLine("alice", pk, [])).toThrow(RangeError);
    expect(() => allowedSignersLine("alice", pk, ['x",cert-authority'])).toThrow(RangeError);
  });

  it("parses an extracted blob strictly", () => {
    expect(parseEd25519PublicKeyBlob(ed25519PublicKeyBlob(pk))).toEqual({ ok: true, value: pk });
    expect(parseEd25519PublicKeyBlob(new Uint8Array(0))).toMatchObject({ ok: false, error: { kind: "malformed" } });
  });
});

/**
 * Our SSHSIG signatures and OpenSSH key formats against the real ssh-keygen,
 * in both directions, down to identical bytes. ssh-keygen is required: when
 * it is missing these tests fail with instructions, they never skip, since a
 * skipped interop test looks exactly like a passing one.
 */
import { spawnSync } from "node:child_process";
import { randomBytes as nodeRandomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { utf8 } from "../../shared/encoding/bytes";
import { createSha512, ed25519KeyPair, fromHex, loadCrypto, randomBytes, type Ed25519KeyPair } from "../../shared/crypto/sodium";
import { allowedSignersLine, parseOpenSshPublicKey, sshFingerprint, toOpenSshPublicKey } from "../../shared/formats/openssh-key";
import { SIGNATURE_NAMESPACES, signSshsig, verifySshsig, verifySshsigDigest, type SignatureNamespace } from "../../shared/formats/sshsig";
import { requireTool, tempDir } from "../support/tools";
import { openSshPrivateKey } from "./openssh-private-key";

// Loaded before the test tables below are built, since they decode keys.
const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const NAMESPACES = Object.values(SIGNATURE_NAMESPACES);
const PRINCIPAL = "panelist@example.org";
let keygen: string;
let temp: ReturnType<typeof tempDir>;
let dir: string;

type Run = { status: number | null; stdout: string; stderr: string };

function sshKeygen(args: readonly string[], input?: Uint8Array): Run {
  const result = spawnSync(keygen, args, {
    cwd: dir,
    input,
    // A private HOME and no agent: ssh-keygen must use only the files given here.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir },
    encoding: "utf8",
  });
  if (result.error) throw new Error(`could not run ${keygen}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, data: string | Uint8Array, mode = 0o644): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data, { mode });
  fs.chmodSync(file, mode); // `mode` above applies only when the file is created
  return file;
}

/** Runs `ssh-keygen -Y verify` on our signature, message and allowed_signers line. */
function keygenVerify(signature: string, message: Uint8Array, namespace: string, allowedSigners: string): Run {
  write("allowed_signers", `${allowedSigners}\n`);
  write("message.sig", signature);
  return sshKeygen(["-Y", "verify", "-f", "allowed_signers", "-I", PRINCIPAL, "-n", namespace, "-s", "message.sig"], message);
}

/** Writes the key pair as an OpenSSH private key file and has ssh-keygen sign `message` with it. */
function keygenSign(keyPair: Ed25519KeyPair, message: Uint8Array, namespace: string, extra: readonly string[] = []): string {
  fs.rmSync(path.join(dir, "message.sig"), { force: true });
  write("id_test", openSshPrivateKey(keyPair, "interop"), 0o600);
  write("message", message);
  const run = sshKeygen(["-Y", "sign", "-f", "id_test", "-n", namespace, ...extra, "message"]);
  expect(run.status, run.stderr).toBe(0);
  return fs.readFileSync(path.join(dir, "message.sig"), "utf8");
}

/** The `SHA256:…` field of `ssh-keygen -lf`. */
function keygenFingerprint(pubFile: string): string {
  const run = sshKeygen(["-l", "-E", "sha256", "-f", pubFile]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split(" ")[1] ?? "";
}

beforeAll(() => {
  // Fails every test in this file, saying what to install, if ssh-keygen is missing.
  keygen = requireTool("ssh-keygen", "openssh-client");
  temp = tempDir("sshsig-interop");
  dir = temp.dir;
});

afterAll(() => temp?.remove());

describe("ssh-keygen verifies our signatures", () => {
  const keyPair = () => ed25519KeyPair(randomBytes(32));
  const message = utf8("Opinion on case 2024-17: attribution to the named actor is moderately supported.\n");

  it("accepts our signature in every namespace, naming our fingerprint", () => {
    const kp = keyPair();
    for (const ns of NAMESPACES) {
      const run = keygenVerify(signSshsig(message, kp, ns), message, ns, allowedSignersLine(PRINCIPAL, kp.publicKey, [ns]));
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Good "${ns}" signature for ${PRINCIPAL} with ED25519 key ${sshFingerprint(kp.publicKey)}`);
    }
  });

  it("rejects it under another namespace, even one the signer is allowed", () => {
    const kp = keyPair();
    const signature = signSshsig(message, kp, SIGNATURE_NAMESPACES.opinion);
    const run = keygenVerify(signature, message, SIGNATURE_NAMESPACES.scoresheet, allowedSignersLine(PRINCIPAL, kp.publicKey, NAMESPACES));
    expect(run.status).not.toBe(0);
    expect(keygenVerify(signature, message, SIGNATURE_NAMESPACES.opinion, allowedSignersLine(PRINCIPAL, kp.publicKey, NAMESPACES)).status).toBe(0);
  });

  it("rejects a namespace our allowed_signers line does not grant", () => {
    const kp = keyPair();
    const signature = signSshsig(message, kp, SIGNATURE_NAMESPACES.backup);
    expect(keygenVerify(signature, message, SIGNATURE_NAMESPACES.backup, allowedSignersLine(PRINCIPAL, kp.publicKey, [SIGNATURE_NAMESPACES.opinion])).status).not.toBe(0);
  });

  it("rejects it for a modified message", () => {
    const kp = keyPair();
    const changed = message.slice();
    changed[0]! ^= 1;
    const run = keygenVerify(signSshsig(message, kp, SIGNATURE_NAMESPACES.opinion), changed, SIGNATURE_NAMESPACES.opinion, allowedSignersLine(PRINCIPAL, kp.publicKey, NAMESPACES));
    expect(run.status).not.toBe(0);
  });
});

describe("we verify ssh-keygen's signatures", () => {
  let pub: { publicKey: Uint8Array; comment: string };
  const message = utf8("Scoresheet, case 2024-17, panelist 3.\n");

  beforeAll(() => {
    const run = sshKeygen(["-q", "-t", "ed25519", "-N", "", "-C", "generated by ssh-keygen", "-f", "id_generated"]);
    expect(run.status, run.stderr).toBe(0);
    const parsed = parseOpenSshPublicKey(fs.readFileSync(path.join(dir, "id_generated.pub"), "utf8"));
    if (!parsed.ok) throw new Error(`could not parse ssh-keygen's .pub line: ${JSON.stringify(parsed.error)}`);
    pub = parsed.value;
  });

  function sign(ns: string, data: Uint8Array, extra: readonly string[] = []): string {
    fs.rmSync(path.join(dir, "signed.sig"), { force: true });
    write("signed", data);
    const run = sshKeygen(["-Y", "sign", "-f", "id_generated", "-n", ns, ...extra, "signed"]);
    expect(run.status, run.stderr).toBe(0);
    return fs.readFileSync(path.join(dir, "signed.sig"), "utf8");
  }

  it("reads the .pub line ssh-keygen wrote, comment included", () => {
    expect(pub.comment).toBe("generated by ssh-keygen");
    expect(pub.publicKey.length).toBe(32);
  });

  it("accepts its signature with the key from the .pub line", () => {
    const signature = sign(SIGNATURE_NAMESPACES.scoresheet, message);
    expect(verifySshsig(signature, message, { namespace: SIGNATURE_NAMESPACES.scoresheet, trustedKeys: [pub.publicKey] })).toEqual({
      ok: true,
      value: { publicKey: pub.publicKey, fingerprint: keygenFingerprint("id_generated.pub") },
    });
  });

  it("rejects it under another namespace or for a modified message", () => {
    const signature = sign(SIGNATURE_NAMESPACES.scoresheet, message);
    expect(verifySshsig(signature, message, { namespace: SIGNATURE_NAMESPACES.opinion })).toEqual({
      ok: false,
      error: { kind: "wrong-namespace", expected: SIGNATURE_NAMESPACES.opinion, actual: SIGNATURE_NAMESPACES.scoresheet },
    });
    expect(verifySshsig(signature, utf8("Scoresheet, case 2024-18, panelist 3.\n"), { namespace: SIGNATURE_NAMESPACES.scoresheet })).toEqual({ ok: false, error: { kind: "bad-signature" } });
  });

  it("verifies a large signed file from a streamed digest", () => {
    // Node's generator: libsodium's randombytes_buf takes seconds for megabytes here.
    const big = new Uint8Array(nodeRandomBytes(3 * 1024 * 1024 + 17));
    const signature = sign(SIGNATURE_NAMESPACES.backup, big);
    const h = createSha512();
    for (let i = 0; i < big.length; i += 65_536) h.update(big.subarray(i, i + 65_536));
    expect(verifySshsigDigest(signature, h.digest(), { namespace: SIGNATURE_NAMESPACES.backup, trustedKeys: [pub.publicKey] }).ok).toBe(true);
  });

  it("refuses its SHA-256 variant as an unsupported algorithm (our documented choice)", () => {
    const signature = sign(SIGNATURE_NAMESPACES.opinion, message, ["-O", "hashalg=sha256"]);
    expect(verifySshsig(signature, message, { namespace: SIGNATURE_NAMESPACES.opinion })).toEqual({
      ok: false,
      error: { kind: "unsupported-algorithm", field: "hash", algorithm: "sha256" },
    });
  });
});

describe("fingerprints equal ssh-keygen -lf", () => {
  it("for a key ssh-keygen generated", () => {
    const run = sshKeygen(["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", "id_fp"]);
    expect(run.status, run.stderr).toBe(0);
    const parsed = parseOpenSshPublicKey(fs.readFileSync(path.join(dir, "id_fp.pub"), "utf8"));
    expect(parsed.ok && sshFingerprint(parsed.value.publicKey)).toBe(keygenFingerprint("id_fp.pub"));
  });

  it("for our own key lines", () => {
    for (let i = 0; i < 5; i++) {
      const kp = ed25519KeyPair(randomBytes(32));
      write("ours.pub", `${toOpenSshPublicKey(kp.publicKey, `ours ${i}`)}\n`);
      expect(keygenFingerprint("ours.pub")).toBe(sshFingerprint(kp.publicKey));
    }
  });
});

describe("byte-exact known answers: ssh-keygen and we sign identically", () => {
  const seeds = [fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), new Uint8Array(32), new Uint8Array(32).fill(0xff)];
  const messages = [new Uint8Array(0), utf8("abc"), utf8("line one\r\nline two\n\0binary tail")];

  it("derives the same public key line from our private key file", () => {
    for (const seed of seeds) {
      const kp = ed25519KeyPair(seed);
      write("id_test", openSshPrivateKey(kp, "interop"), 0o600);
      const run = sshKeygen(["-y", "-f", "id_test"]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trim()).toBe(toOpenSshPublicKey(kp.publicKey, "interop"));
    }
  });

  it("produces identical armored signatures", () => {
    const cases: [Uint8Array, Uint8Array, SignatureNamespace][] = [];
    for (const seed of seeds) for (const m of messages) cases.push([seed, m, NAMESPACES[cases.length % NAMESPACES.length]!]);
    for (const [seed, m, ns] of cases) {
      const kp = ed25519KeyPair(seed);
      expect(signSshsig(m, kp, ns)).toBe(keygenSign(kp, m, ns));
    }
  });
});

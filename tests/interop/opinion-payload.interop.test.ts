/**
 * The opinion payload and a separate opinion checked with stock tools only,
 * as anyone verifying a published opinion would: `ssh-keygen -Y verify`
 * over the exact bytes under each namespace (`opinion@attribution-panel`
 * for the chair's payload, `separate-opinion@attribution-panel` for a
 * member's dissent), and `sha256sum` of the draft, the payload and the
 * dissent against the digests the signed statements name. The known-answer
 * signatures are also made by ssh-keygen itself from the same keys, byte
 * for byte. ssh-keygen and sha256sum are required: when missing, these
 * tests fail saying what to install, they never skip.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, type Ed25519KeyPair } from "../../shared/crypto/sodium";
import { fromUtf8, utf8 } from "../../shared/encoding/bytes";
import { allowedSignersLine, sshFingerprint } from "../../shared/formats/openssh-key";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { sha256Hex, signCoSignature } from "../../shared/opinion/co-signature";
import { PAYLOAD_NAMESPACE } from "../../shared/opinion/payload";
import { KAT_CASE_ID, KAT_CHAIR_SIGNATURE, KAT_DRAFT_SHA256, KAT_PAYLOAD_SHA256, KAT_SEPARATE_OPINION, KAT_SEPARATE_OPINION_SIGNATURE, KAT_SIGNED_AT, katPayload } from "../../shared/opinion/payload.testing";
import { SEPARATE_OPINION_NAMESPACE } from "../../shared/opinion/separate-opinion";
import { requireTool, run, tempDir } from "../support/tools";
import { openSshPrivateKey } from "./openssh-private-key";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const EVERY_NAMESPACE = Object.values(SIGNATURE_NAMESPACES);
let temp: ReturnType<typeof tempDir>;

beforeAll(() => {
  // Fails every test in this file, saying what to install, if a tool is missing.
  requireTool("ssh-keygen", "openssh-client");
  requireTool("sha256sum", "coreutils");
  temp = tempDir("opinion-payload-interop");
});
afterAll(() => temp?.remove());

/** A private HOME and no agent: ssh-keygen must use only the files given here. */
function keygen(args: readonly string[], input?: Uint8Array) {
  const r = spawnSync("ssh-keygen", args, { input, cwd: temp.dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: temp.dir }, encoding: "utf8" });
  if (r.error) throw new Error(`could not run ssh-keygen: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `ssh-keygen -Y verify` of `bytes` against `signature` under `namespace`, the signer `principal` allowed in `allowed` namespaces. */
function verify(bytes: Uint8Array, signature: string, principal: string, publicKey: Uint8Array, namespace: string, allowed: readonly string[]) {
  writeFileSync(temp.file("allowed_signers"), `${allowedSignersLine(principal, publicKey, allowed)}\n`);
  writeFileSync(temp.file("file.sig"), signature);
  return keygen(["-Y", "verify", "-f", temp.file("allowed_signers"), "-I", principal, "-n", namespace, "-s", temp.file("file.sig")], bytes);
}

/** `sha256sum` of `bytes` written to `name`. */
function sha256sum(name: string, bytes: Uint8Array): string {
  writeFileSync(temp.file(name), bytes);
  const sums = run("sha256sum", [temp.file(name)]);
  expect(sums.status, sums.stderr.toString()).toBe(0);
  return sums.stdout.toString().split(" ")[0] ?? "";
}

/** ssh-keygen's own signature of `bytes` with `key` under `namespace`. */
function keygenSign(key: Ed25519KeyPair, name: string, bytes: Uint8Array, namespace: string): string {
  const file = temp.file(`id_${name}`);
  writeFileSync(file, openSshPrivateKey(key, name), { mode: 0o600 });
  chmodSync(file, 0o600);
  writeFileSync(temp.file(`${name}.json`), bytes);
  const signed = keygen(["-Y", "sign", "-f", file, "-n", namespace, temp.file(`${name}.json`)]);
  expect(signed.status, signed.stderr).toBe(0);
  return readFileSync(temp.file(`${name}.json.sig`), "utf8");
}

describe("the opinion payload and a dissent against ssh-keygen and sha256sum", () => {
  const kat = katPayload();
  const { chair, member } = kat.keys;

  it("sha256sum of the draft and of the payload equals the digests the dissent names and the app computes", () => {
    expect(sha256sum("draft.json", kat.draft.bytes)).toBe(KAT_DRAFT_SHA256);
    expect((JSON.parse(fromUtf8(kat.dissent.bytes) ?? "") as { draftSha256: string }).draftSha256).toBe(KAT_DRAFT_SHA256);
    expect(sha256sum("opinion.json", kat.payload.bytes)).toBe(KAT_PAYLOAD_SHA256);
    expect(kat.payload.sha256).toBe(KAT_PAYLOAD_SHA256);
  });

  it("ssh-keygen verifies the chair's signature over the payload under opinion@attribution-panel, and under no other namespace", () => {
    const good = verify(kat.payload.bytes, kat.signature, "chair@example.org", chair.publicKey, PAYLOAD_NAMESPACE, [PAYLOAD_NAMESPACE]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`Good "${PAYLOAD_NAMESPACE}" signature for chair@example.org with ED25519 key ${sshFingerprint(chair.publicKey)}`);
    for (const ns of EVERY_NAMESPACE.filter((n) => n !== PAYLOAD_NAMESPACE)) expect(verify(kat.payload.bytes, kat.signature, "chair@example.org", chair.publicKey, ns, EVERY_NAMESPACE).status).not.toBe(0);
  });

  it("ssh-keygen verifies the dissent under separate-opinion@attribution-panel, and under no other namespace", () => {
    expect(fromUtf8(kat.dissent.bytes)).toBe(KAT_SEPARATE_OPINION);
    const good = verify(kat.dissent.bytes, kat.dissent.signature, "member@example.org", member.publicKey, SEPARATE_OPINION_NAMESPACE, [SEPARATE_OPINION_NAMESPACE]);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`Good "${SEPARATE_OPINION_NAMESPACE}" signature for member@example.org with ED25519 key ${sshFingerprint(member.publicKey)}`);
    for (const ns of EVERY_NAMESPACE.filter((n) => n !== SEPARATE_OPINION_NAMESPACE)) {
      expect(verify(kat.dissent.bytes, kat.dissent.signature, "member@example.org", member.publicKey, ns, EVERY_NAMESPACE).status).not.toBe(0);
    }
  });

  it("ssh-keygen signs the payload and the dissent with the same keys to the same signatures, byte for byte", () => {
    expect(keygenSign(chair, "chair", kat.payload.bytes, PAYLOAD_NAMESPACE)).toBe(KAT_CHAIR_SIGNATURE);
    expect(keygenSign(member, "member", utf8(KAT_SEPARATE_OPINION), SEPARATE_OPINION_NAMESPACE)).toBe(KAT_SEPARATE_OPINION_SIGNATURE);
  });

  it("ssh-keygen refuses the payload or the dissent with one byte changed", () => {
    const payload = kat.payload.bytes.slice();
    payload[payload.length - 2]! ^= 1;
    expect(verify(payload, kat.signature, "chair@example.org", chair.publicKey, PAYLOAD_NAMESPACE, [PAYLOAD_NAMESPACE]).status).not.toBe(0);
    const dissent = utf8(KAT_SEPARATE_OPINION.replace("premature", "prematurE"));
    expect(verify(dissent, kat.dissent.signature, "member@example.org", member.publicKey, SEPARATE_OPINION_NAMESPACE, [SEPARATE_OPINION_NAMESPACE]).status).not.toBe(0);
  });

  it("sha256sum of the payload and of the dissent equals what the member's co-signature names, and ssh-keygen verifies it", () => {
    const statement = signCoSignature({ payloadSha256: kat.payload.sha256, caseId: KAT_CASE_ID, seat: "member", stance: "dissent", opinion: sha256Hex(kat.dissent.bytes) }, member, new Date(KAT_SIGNED_AT));
    expect(sha256sum("opinion.json", kat.payload.bytes)).toBe(statement.statement.payloadSha256);
    expect(sha256sum("dissent.json", kat.dissent.bytes)).toBe(statement.statement.opinion);
    const checked = verify(statement.bytes, statement.signature, "member@example.org", member.publicKey, SIGNATURE_NAMESPACES.coSignature, [SIGNATURE_NAMESPACES.coSignature]);
    expect(checked.status, checked.stderr).toBe(0);
  });
});

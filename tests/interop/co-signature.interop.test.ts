/**
 * The co-signature statement checked with stock tools only, as anyone
 * verifying a published opinion would: `ssh-keygen -Y verify -n
 * co-signature@attribution-panel` over the statement's exact bytes, and
 * `sha256sum` of the payload against the digest the statement names. The
 * known-answer signature is also made by ssh-keygen itself from the same
 * key, byte for byte. ssh-keygen and sha256sum are required: when missing,
 * these tests fail saying what to install, they never skip.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CaseIdSchema } from "../../shared/case/model";
import { ed25519KeyPair, fromHex, loadCrypto, randomBytes } from "../../shared/crypto/sodium";
import { utf8 } from "../../shared/encoding/bytes";
import { allowedSignersLine, sshFingerprint } from "../../shared/formats/openssh-key";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { CO_SIGNATURE_NAMESPACE, sha256Hex, signCoSignature } from "../../shared/opinion/co-signature";
import { KAT_PAYLOAD, KAT_PAYLOAD_SHA256, KAT_SEED_HEX, KAT_SIGNATURE, KAT_STATEMENT } from "../../shared/opinion/co-signature.testing";
import { requireTool, run, tempDir } from "../support/tools";
import { openSshPrivateKey } from "./openssh-private-key";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const PRINCIPAL = "member@example.org";
let temp: ReturnType<typeof tempDir>;

beforeAll(() => {
  // Fails every test in this file, saying what to install, if a tool is missing.
  requireTool("ssh-keygen", "openssh-client");
  requireTool("sha256sum", "coreutils");
  temp = tempDir("co-signature-interop");
});
afterAll(() => temp?.remove());

/** A private HOME and no agent: ssh-keygen must use only the files given here. */
function keygen(args: readonly string[], input?: Uint8Array) {
  const r = spawnSync("ssh-keygen", args, { input, cwd: temp.dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: temp.dir }, encoding: "utf8" });
  if (r.error) throw new Error(`could not run ssh-keygen: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `ssh-keygen -Y verify` of `bytes` against `signature` under `namespace`, the signer allowed in `allowed` namespaces. */
function verify(bytes: Uint8Array, signature: string, publicKey: Uint8Array, namespace: string, allowed: readonly string[] = [CO_SIGNATURE_NAMESPACE]) {
  writeFileSync(temp.file("allowed_signers"), `${allowedSignersLine(PRINCIPAL, publicKey, allowed)}\n`);
  writeFileSync(temp.file("statement.json.sig"), signature);
  return keygen(["-Y", "verify", "-f", temp.file("allowed_signers"), "-I", PRINCIPAL, "-n", namespace, "-s", temp.file("statement.json.sig")], bytes);
}

describe("co-signature statements against ssh-keygen and sha256sum", () => {
  const kat = ed25519KeyPair(fromHex(KAT_SEED_HEX));

  it("ssh-keygen verifies the known-answer statement under co-signature@attribution-panel, and under no other namespace", () => {
    const good = verify(utf8(KAT_STATEMENT), KAT_SIGNATURE, kat.publicKey, CO_SIGNATURE_NAMESPACE);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`Good "${CO_SIGNATURE_NAMESPACE}" signature for ${PRINCIPAL} with ED25519 key ${sshFingerprint(kat.publicKey)}`);
    // Even with the signer allowed every namespace, the signature is bound to its own.
    const every = Object.values(SIGNATURE_NAMESPACES);
    for (const ns of every.filter((n) => n !== CO_SIGNATURE_NAMESPACE)) expect(verify(utf8(KAT_STATEMENT), KAT_SIGNATURE, kat.publicKey, ns, every).status).not.toBe(0);
  });

  it("ssh-keygen signs the known-answer statement with the same key to the same signature, byte for byte", () => {
    const key = temp.file("id_kat");
    writeFileSync(key, openSshPrivateKey(kat, "kat"), { mode: 0o600 });
    chmodSync(key, 0o600);
    writeFileSync(temp.file("statement.json"), KAT_STATEMENT);
    const signed = keygen(["-Y", "sign", "-f", key, "-n", CO_SIGNATURE_NAMESPACE, temp.file("statement.json")]);
    expect(signed.status, signed.stderr).toBe(0);
    expect(readFileSync(temp.file("statement.json.sig"), "utf8")).toBe(KAT_SIGNATURE);
  });

  it("ssh-keygen refuses the statement with one byte changed", () => {
    const changed = utf8(KAT_STATEMENT.replace('"stance":"dissent"', '"stance":"concur!"'));
    expect(verify(changed, KAT_SIGNATURE, kat.publicKey, CO_SIGNATURE_NAMESPACE).status).not.toBe(0);
  });

  it("sha256sum of the payload equals the digest a fresh statement names, and ssh-keygen verifies that statement", () => {
    const payload = utf8(`${KAT_PAYLOAD}\n`);
    writeFileSync(temp.file("opinion.json"), payload);
    const sums = run("sha256sum", [temp.file("opinion.json")]);
    expect(sums.status, sums.stderr.toString()).toBe(0);
    const member = ed25519KeyPair(randomBytes(32));
    const signed = signCoSignature({ payloadSha256: sha256Hex(payload), caseId: CaseIdSchema.parse("case-0000000000000042"), seat: "member", stance: "concur", opinion: undefined }, member, new Date());
    expect(sums.stdout.toString().split(" ")[0]).toBe(signed.statement.payloadSha256);
    expect(signed.statement.payloadSha256).not.toBe(KAT_PAYLOAD_SHA256); // the file has a final line ending: another digest
    const checked = verify(signed.bytes, signed.signature, member.publicKey, CO_SIGNATURE_NAMESPACE);
    expect(checked.status, checked.stderr).toBe(0);
    expect(verify(signed.bytes, signed.signature, member.publicKey, SIGNATURE_NAMESPACES.opinion, [CO_SIGNATURE_NAMESPACE, SIGNATURE_NAMESPACES.opinion]).status).not.toBe(0);
  });
});

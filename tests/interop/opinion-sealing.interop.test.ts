/**
 * Co-signing and sealing checked with stock tools only, as a member, the
 * chair or the secretariat without the app would: `age -d` with the
 * recipient's exported identity, `tar -x`, `ssh-keygen -Y verify` over the
 * exact bytes extracted under each namespace (cosign-request@, cosign-return@,
 * sealed-opinion@ for the archives' manifests; opinion@ for the payload;
 * co-signature@ for each statement; separate-opinion@ for each separate
 * opinion, read from its disclosure), `sha256sum` of opinion.json against
 * every statement's payloadSha256 and of every file against its manifest.
 * The known answer's signatures are also made by ssh-keygen itself from the
 * same keys, byte for byte. A missing tool fails these tests, saying what
 * to install; nothing is skipped.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeatId } from "../../shared/case/model";
import { loadCrypto, type Ed25519KeyPair } from "../../shared/crypto/sodium";
import { fromUtf8, utf8 } from "../../shared/encoding/bytes";
import { allowedSignersLine } from "../../shared/formats/openssh-key";
import { MANIFEST_PATH, SIGNATURE_PATH, type CommonManifest } from "../../shared/formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { fixedIdentity } from "../../shared/identity/identity.testing";
import { sealCosignRequest, sealCosignReturn } from "../../shared/opinion/cosign-exchange";
import { KAT_CASE_ID, KAT_PAYLOAD_SHA256, KAT_SEPARATE_OPINION } from "../../shared/opinion/payload.testing";
import { SEAL_PATH, SealSchema, sealOpinion } from "../../shared/opinion/sealed";
import { DisclosuresFileSchema } from "../../shared/opinion/sealed-archive";
import { DEADLINE, KAT_DISSENT_STATEMENT, KAT_DISSENT_STATEMENT_SIGNATURE, KAT_SEALED_MANIFEST_SHA256, SEALED_AT, fivePanel, katSeal } from "../../shared/opinion/sealed.testing";
import { requireTool, run, tempDir } from "../support/tools";
import { openSshPrivateKey } from "./openssh-private-key";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const NS = SIGNATURE_NAMESPACES;
const EVERY_NAMESPACE = Object.values(NS);
const NOW = new Date("2026-12-03T09:00:00.000Z");
let temp: ReturnType<typeof tempDir>;
let n = 0;

beforeAll(() => {
  // Fails every test in this file, saying what to install, if a tool is missing.
  for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
  temp = tempDir("opinion-sealing-interop");
});
afterAll(() => temp?.remove());

/** ssh-keygen with a private HOME and no agent. */
function keygen(args: readonly string[], input?: Uint8Array) {
  const r = spawnSync("ssh-keygen", args, { input, cwd: temp.dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: temp.dir }, encoding: "utf8" });
  if (r.error) throw new Error(`could not run ssh-keygen: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `ssh-keygen -Y verify` of the file `path` against `path.sig` (or `sigPath`) under `namespace`, `principal` allowed in every namespace. */
function verifyFile(path: string, principal: string, publicKey: Uint8Array, namespace: string, sigPath = `${path}.sig`) {
  const signers = temp.file(`allowed_signers_${n++}`);
  writeFileSync(signers, `${allowedSignersLine(principal, publicKey, EVERY_NAMESPACE)}\n`);
  return keygen(["-Y", "verify", "-f", signers, "-I", principal, "-n", namespace, "-s", sigPath], readFileSync(path));
}

/** Verifies under `namespace` and under no other. */
function expectSignedOnlyIn(path: string, principal: string, publicKey: Uint8Array, namespace: string, sigPath?: string) {
  const good = verifyFile(path, principal, publicKey, namespace, sigPath);
  expect(good.status, good.stderr).toBe(0);
  expect(good.stdout).toContain(`Good "${namespace}" signature for ${principal}`);
  for (const other of EVERY_NAMESPACE.filter((x) => x !== namespace)) expect(verifyFile(path, principal, publicKey, other, sigPath).status, other).not.toBe(0);
}

function sha256sum(path: string): string {
  const r = run("sha256sum", [path]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout.toString().split(" ")[0] ?? "";
}

/** `age -d` with the recipient's exported identity, then `tar -x`, then `sha256sum -c` of every file against the manifest; the folder. */
function extract(file: Uint8Array, who: PersonalIdentity): { dir: string; manifest: CommonManifest & Record<string, unknown> } {
  const id = n++;
  const [age, identity, tar, dir] = [temp.file(`${id}.age`), temp.file(`${id}-me.txt`), temp.file(`${id}.tar`), temp.file(`${id}-out`)];
  writeFileSync(age, file);
  writeFileSync(identity, exportAgeIdentityFile(who), { mode: 0o600 });
  const decrypted = run("age", ["-d", "-i", identity, "-o", tar, age]);
  expect(decrypted.status, decrypted.stderr.toString()).toBe(0);
  mkdirSync(dir);
  const untar = run("tar", ["-xf", tar, "-C", dir]);
  expect(untar.status, untar.stderr.toString()).toBe(0);
  const manifest = JSON.parse(readFileSync(`${dir}/${MANIFEST_PATH}`, "utf8")) as CommonManifest & Record<string, unknown>;
  writeFileSync(`${dir}/SHA256SUMS`, manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
  const sums = run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", dir]);
  expect(sums.status, sums.stdout.toString()).toBe(0);
  return { dir, manifest };
}

/** The value of a disclosure ([salt, value] or [salt, name, value]), decoded as anyone would: base64url, then JSON. */
const disclosed = (encoded: string): unknown => (JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as unknown[]).at(-1);

describe("co-signing and sealing against age, tar, ssh-keygen and sha256sum", () => {
  const P = fivePanel();
  const sign = (who: PersonalIdentity) => who.signing.publicKey;

  it("the request: the member decrypts it; the manifest verifies as the chair's under cosign-request@, the payload under opinion@; sha256sum matches", async () => {
    const file = await sealCosignRequest({ caseId: KAT_CASE_ID, payload: P.payload, recipient: { fingerprint: P.roster[1]!.fingerprint as SeatId, encryptionKey: P.m1.encryption.publicKey }, deadline: DEADLINE }, P.chair.signing, NOW);
    const { dir, manifest } = extract(file, P.m1);
    expectSignedOnlyIn(`${dir}/${MANIFEST_PATH}`, "chair", sign(P.chair), NS.cosignRequest, `${dir}/${SIGNATURE_PATH}`);
    expectSignedOnlyIn(`${dir}/opinion.json`, "chair", sign(P.chair), NS.opinion);
    expect(sha256sum(`${dir}/opinion.json`)).toBe(manifest["payloadSha256"]);
    expect(manifest["recipient"]).toBe(P.roster[1]!.fingerprint);
    // The member's dissent, read from its disclosure, verifies as theirs, byte for byte as they signed it.
    const disclosures = DisclosuresFileSchema.parse(JSON.parse(readFileSync(`${dir}/disclosures.json`, "utf8")));
    const entries = disclosures.separateOpinions.map((d) => disclosed(d) as { statement: string; signature: string });
    const mine = entries.find((e) => e.statement === fromUtf8(P.dissent.bytes));
    expect(mine?.signature).toBe(P.dissent.signature);
    writeFileSync(`${dir}/dissent.json`, mine?.statement ?? "");
    writeFileSync(`${dir}/dissent.json.sig`, mine?.signature ?? "");
    expectSignedOnlyIn(`${dir}/dissent.json`, "member", sign(P.m1), NS.separateOpinion);
  });

  it("the return: the chair decrypts it; the manifest verifies as the member's under cosign-return@, the statement under co-signature@", async () => {
    const file = await sealCosignReturn(P.coSignatures[0]!, P.m1.signing, P.chair.encryption.publicKey, NOW);
    const { dir, manifest } = extract(file, P.chair);
    expectSignedOnlyIn(`${dir}/${MANIFEST_PATH}`, "member", sign(P.m1), NS.cosignReturn, `${dir}/${SIGNATURE_PATH}`);
    expectSignedOnlyIn(`${dir}/statement.json`, "member", sign(P.m1), NS.coSignature);
    writeFileSync(temp.file("payload.json"), P.payload.bytes);
    const statement = JSON.parse(readFileSync(`${dir}/statement.json`, "utf8")) as { payloadSha256: string };
    expect(sha256sum(temp.file("payload.json"))).toBe(statement.payloadSha256);
    expect(manifest["payloadSha256"]).toBe(statement.payloadSha256);
  });

  it("the sealed opinion: the secretariat decrypts it; each signature verifies in its namespace; sha256sum of the payload equals every statement's digest", async () => {
    const file = await sealOpinion(P.sealInput, P.chair.signing, P.secretariat.encryption.publicKey, SEALED_AT);
    const { dir, manifest } = extract(file, P.secretariat);
    expectSignedOnlyIn(`${dir}/${MANIFEST_PATH}`, "chair", sign(P.chair), NS.sealedOpinion, `${dir}/${SIGNATURE_PATH}`);
    expectSignedOnlyIn(`${dir}/opinion.json`, "chair", sign(P.chair), NS.opinion);
    const payloadSha256 = sha256sum(`${dir}/opinion.json`);
    expect(manifest["payloadSha256"]).toBe(payloadSha256);
    const seal = SealSchema.parse(JSON.parse(readFileSync(`${dir}/${SEAL_PATH}`, "utf8")));
    expect(seal.coSignatures).toHaveLength(3);
    const signers = [P.m1, P.m2, P.m3];
    for (const [i, c] of seal.coSignatures.entries()) {
      expectSignedOnlyIn(`${dir}/${c.statement}`, "member", sign(signers[i]!), NS.coSignature);
      const statement = JSON.parse(readFileSync(`${dir}/${c.statement}`, "utf8")) as { payloadSha256: string; fingerprint: string; opinion?: string };
      expect(statement.payloadSha256).toBe(payloadSha256);
      expect(statement.fingerprint).toBe(c.fingerprint);
      // A dissent or separate concurrence names its opinion: sha256sum of the opinion carried in the payload.
      if (statement.opinion !== undefined) {
        const disclosures = DisclosuresFileSchema.parse(JSON.parse(readFileSync(`${dir}/disclosures.json`, "utf8")));
        const own = disclosures.separateOpinions.map((d) => disclosed(d) as { statement: string }).find((e) => (JSON.parse(e.statement) as { fingerprint: string }).fingerprint === c.fingerprint);
        writeFileSync(`${dir}/own-${i}.json`, own?.statement ?? "");
        expect(sha256sum(`${dir}/own-${i}.json`)).toBe(statement.opinion);
      }
    }
    expect(seal.notSigned).toEqual([{ fingerprint: P.roster[4]!.fingerprint }]);
  });

  it("the known answer: ssh-keygen makes the same co-signature and the same manifest signature from the same keys; sha256sum of the manifest is fixed", async () => {
    const k = katSeal();
    const keyFile = (key: Ed25519KeyPair, name: string) => {
      const file = temp.file(`id_${name}`);
      writeFileSync(file, openSshPrivateKey(key, name), { mode: 0o600 });
      chmodSync(file, 0o600);
      return file;
    };
    const signWith = (key: Ed25519KeyPair, name: string, path: string, namespace: string) => {
      const signed = keygen(["-Y", "sign", "-f", keyFile(key, name), "-n", namespace, path]);
      expect(signed.status, signed.stderr).toBe(0);
      return readFileSync(`${path}.sig`, "utf8");
    };
    writeFileSync(temp.file("kat-statement.json"), utf8(KAT_DISSENT_STATEMENT));
    expect(signWith(k.kat.keys.member, "member", temp.file("kat-statement.json"), NS.coSignature)).toBe(KAT_DISSENT_STATEMENT_SIGNATURE);
    // The statement names the known-answer dissent by the SHA-256 of its signed bytes.
    writeFileSync(temp.file("kat-dissent.json"), KAT_SEPARATE_OPINION);
    expect(sha256sum(temp.file("kat-dissent.json"))).toBe((JSON.parse(KAT_DISSENT_STATEMENT) as { opinion: string }).opinion);

    // The secretariat of the known answer holds RFC 7748 Alice's key, as fixedIdentity() does.
    const secretariat = fixedIdentity();
    expect(secretariat.encryption.publicKey).toEqual(k.secretariat.publicKey);
    const file = await sealOpinion(k.sealInput, k.kat.keys.chair, k.secretariat.publicKey, SEALED_AT);
    const { dir } = extract(file, secretariat);
    expect(sha256sum(`${dir}/${MANIFEST_PATH}`)).toBe(KAT_SEALED_MANIFEST_SHA256);
    expect(sha256sum(`${dir}/opinion.json`)).toBe(KAT_PAYLOAD_SHA256);
    const manifestSig = readFileSync(`${dir}/${SIGNATURE_PATH}`, "utf8");
    writeFileSync(temp.file("kat-manifest.json"), readFileSync(`${dir}/${MANIFEST_PATH}`));
    expect(signWith(k.kat.keys.chair, "chair", temp.file("kat-manifest.json"), NS.sealedOpinion)).toBe(manifestSig);
  });
});


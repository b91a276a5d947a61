/**
 * The draft for comment and a member's answer checked with stock tools only,
 * as a member or a chair without the app would: `age -d` with the exported
 * identity of each recipient, `tar -x`, `ssh-keygen -Y verify` of each
 * manifest in its namespace (`opinion-draft@attribution-panel` as the
 * chair's, `opinion-draft-answer@attribution-panel` as the member's) and of
 * the carried dissent (`separate-opinion@attribution-panel`), and
 * `sha256sum -c` of every file the manifests list. The plain archives age
 * carries are the known answers of draft-exchange.testing.ts, byte for
 * byte. Every tool is required: when one is missing, these tests fail
 * saying what to install, they never skip.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { encodeIdentity } from "../../shared/formats/age/age";
import { allowedSignersLine } from "../../shared/formats/openssh-key";
import { MANIFEST_PATH, SIGNATURE_PATH, type CommonManifest } from "../../shared/formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { ANSWER_PATH, DRAFT_ANSWER_NAMESPACE, SEPARATE_OPINION_PATH, SEPARATE_OPINION_SIGNATURE_PATH, sealDraftAnswer } from "../../shared/opinion/draft-exchange-answer";
import { DRAFT_FOR_COMMENT_NAMESPACE, DRAFT_PAYLOAD_PATH, DRAFT_REQUEST_PATH, sealDraftForComment } from "../../shared/opinion/draft-exchange";
import { KAT_ANSWER_ARCHIVE_SHA256, KAT_ANSWERED_AT, KAT_DRAFT_ARCHIVE_SHA256, KAT_SENT_AT, katExchange } from "../../shared/opinion/draft-exchange.testing";
import { KAT_DRAFT_SHA256, KAT_SEPARATE_OPINION } from "../../shared/opinion/payload.testing";
import { SEPARATE_OPINION_NAMESPACE } from "../../shared/opinion/separate-opinion";
import { requireTool, run, tempDir } from "../support/tools";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const EVERY_NAMESPACE = Object.values(SIGNATURE_NAMESPACES);
let temp: ReturnType<typeof tempDir>;

beforeAll(() => {
  // Fails every test in this file, saying what to install, if a tool is missing.
  for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
  temp = tempDir("opinion-draft-interop");
});
afterAll(() => temp?.remove());

/** ssh-keygen with a private HOME and no agent: it uses only the files given here. */
function keygen(args: readonly string[], input?: Uint8Array) {
  const r = spawnSync("ssh-keygen", args, { input, cwd: temp.dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: temp.dir }, encoding: "utf8" });
  if (r.error) throw new Error(`could not run ssh-keygen: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `ssh-keygen -Y verify` of the file `path` with the signature `sigPath` under `namespace`, `principal` allowed in every namespace. */
function verify(path: string, sigPath: string, principal: string, publicKey: Uint8Array, namespace: string) {
  writeFileSync(temp.file("allowed_signers"), `${allowedSignersLine(principal, publicKey, EVERY_NAMESPACE)}\n`);
  return keygen(["-Y", "verify", "-f", temp.file("allowed_signers"), "-I", principal, "-n", namespace, "-s", sigPath], readFileSync(path));
}

/** `age -d` of `file` with the X25519 `secretKey` as an age identity file; the decrypted bytes. */
function ageDecrypt(name: string, file: Uint8Array, secretKey: Uint8Array): Buffer {
  writeFileSync(temp.file(`${name}.age`), file);
  writeFileSync(temp.file(`${name}.key`), `${encodeIdentity(secretKey)}\n`, { mode: 0o600 });
  const r = run("age", ["-d", "-i", temp.file(`${name}.key`), "-o", temp.file(`${name}.tar`), temp.file(`${name}.age`)]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return readFileSync(temp.file(`${name}.tar`));
}

/** `tar -x` into a fresh folder; `sha256sum -c` of every file the manifest lists. */
function extractAndCheck(name: string, tarFile: string): { dir: string; manifest: CommonManifest } {
  const dir = temp.file(`${name}-out`);
  mkdirSync(dir);
  const x = run("tar", ["-xf", tarFile, "-C", dir]);
  expect(x.status, x.stderr.toString()).toBe(0);
  const manifest = JSON.parse(readFileSync(`${dir}/${MANIFEST_PATH}`, "utf8")) as CommonManifest;
  writeFileSync(`${dir}/SHA256SUMS`, manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
  const sums = run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", dir]);
  expect(sums.status, sums.stdout.toString()).toBe(0);
  return { dir, manifest };
}

const sha256sum = (path: string): string => run("sha256sum", [path]).stdout.toString().split(" ")[0] ?? "";

describe("the draft for comment and the member's answer against age, tar, ssh-keygen and sha256sum", () => {
  const kat = katExchange();
  const { keys, x } = kat;

  it("the member and the chair each decrypt the draft to the known archive; the chair's signature verifies in opinion-draft@ only; draft.json is the draft digest", async () => {
    const file = await sealDraftForComment(kat.draft, kat.request, keys.chair, { member: x.member.publicKey, chair: x.chair.publicKey }, new Date(KAT_SENT_AT));
    ageDecrypt("draft-chair", file, x.chair.secretKey);
    expect(sha256sum(temp.file("draft-chair.tar"))).toBe(KAT_DRAFT_ARCHIVE_SHA256);
    ageDecrypt("draft", file, x.member.secretKey);
    expect(sha256sum(temp.file("draft.tar"))).toBe(KAT_DRAFT_ARCHIVE_SHA256);
    // A third seat's identity cannot decrypt it.
    writeFileSync(temp.file("other.key"), `${encodeIdentity(x.other.secretKey)}\n`, { mode: 0o600 });
    expect(run("age", ["-d", "-i", temp.file("other.key"), temp.file("draft.age")]).status).not.toBe(0);

    const { dir, manifest } = extractAndCheck("draft", temp.file("draft.tar"));
    expect(manifest.files.map((f) => f.path)).toEqual([DRAFT_PAYLOAD_PATH, DRAFT_REQUEST_PATH]);
    const good = verify(`${dir}/${MANIFEST_PATH}`, `${dir}/${SIGNATURE_PATH}`, "chair", keys.chair.publicKey, DRAFT_FOR_COMMENT_NAMESPACE);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/Good "opinion-draft@attribution-panel" signature for chair/);
    for (const ns of EVERY_NAMESPACE.filter((n) => n !== DRAFT_FOR_COMMENT_NAMESPACE)) expect(verify(`${dir}/${MANIFEST_PATH}`, `${dir}/${SIGNATURE_PATH}`, "chair", keys.chair.publicKey, ns).status).not.toBe(0);
    expect(sha256sum(`${dir}/${DRAFT_PAYLOAD_PATH}`)).toBe(KAT_DRAFT_SHA256);
    const request = JSON.parse(readFileSync(`${dir}/${DRAFT_REQUEST_PATH}`, "utf8")) as { disclosures: { pointer: string; reason: string }[]; deadline: string };
    expect(request.disclosures.map((d) => d.pointer)).toEqual(kat.draft.disclosures.map((d) => d.pointer));
    expect(request.deadline).toBe(kat.request.deadline.toISOString());

    // One byte of request.json changed after extraction: sha256sum -c catches it.
    const bytes = readFileSync(`${dir}/${DRAFT_REQUEST_PATH}`);
    bytes[10] = (bytes[10] as number) ^ 1;
    writeFileSync(`${dir}/${DRAFT_REQUEST_PATH}`, bytes);
    expect(run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", dir]).status).not.toBe(0);
  });

  it("the chair decrypts the answer; its manifest verifies in opinion-draft-answer@ as the member's, the dissent in separate-opinion@, and both name the draft", async () => {
    const file = await sealDraftAnswer(kat.answer, keys.member, [x.chair.publicKey], new Date(KAT_ANSWERED_AT));
    ageDecrypt("answer", file, x.chair.secretKey);
    expect(sha256sum(temp.file("answer.tar"))).not.toBe(KAT_ANSWER_ARCHIVE_SHA256); // the encrypted one lists its recipient
    const { dir, manifest } = extractAndCheck("answer", temp.file("answer.tar"));
    expect(manifest.files.map((f) => f.path)).toEqual([ANSWER_PATH, SEPARATE_OPINION_PATH, SEPARATE_OPINION_SIGNATURE_PATH]);
    const good = verify(`${dir}/${MANIFEST_PATH}`, `${dir}/${SIGNATURE_PATH}`, "member", keys.member.publicKey, DRAFT_ANSWER_NAMESPACE);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/Good "opinion-draft-answer@attribution-panel" signature for member/);
    for (const ns of EVERY_NAMESPACE.filter((n) => n !== DRAFT_ANSWER_NAMESPACE)) expect(verify(`${dir}/${MANIFEST_PATH}`, `${dir}/${SIGNATURE_PATH}`, "member", keys.member.publicKey, ns).status).not.toBe(0);
    const dissent = verify(`${dir}/${SEPARATE_OPINION_PATH}`, `${dir}/${SEPARATE_OPINION_SIGNATURE_PATH}`, "member", keys.member.publicKey, SEPARATE_OPINION_NAMESPACE);
    expect(dissent.status, dissent.stderr).toBe(0);
    expect(readFileSync(`${dir}/${SEPARATE_OPINION_PATH}`, "utf8")).toBe(KAT_SEPARATE_OPINION);
    const answer = JSON.parse(readFileSync(`${dir}/${ANSWER_PATH}`, "utf8")) as { draftSha256: string; separateOpinion: string };
    expect(answer.draftSha256).toBe(KAT_DRAFT_SHA256);
    expect(sha256sum(`${dir}/${SEPARATE_OPINION_PATH}`)).toBe(answer.separateOpinion);
    expect((JSON.parse(KAT_SEPARATE_OPINION) as { draftSha256: string }).draftSha256).toBe(KAT_DRAFT_SHA256);
  });

  it("the member's plain signed copy is the known archive and extracts with tar alone", async () => {
    const plain = await sealDraftAnswer(kat.answer, keys.member, [], new Date(KAT_ANSWERED_AT));
    writeFileSync(temp.file("answer.signed.tar"), plain);
    expect(sha256sum(temp.file("answer.signed.tar"))).toBe(KAT_ANSWER_ARCHIVE_SHA256);
    const { dir, manifest } = extractAndCheck("answer-plain", temp.file("answer.signed.tar"));
    expect(manifest.recipients).toEqual([]);
    expect(verify(`${dir}/${MANIFEST_PATH}`, `${dir}/${SIGNATURE_PATH}`, "member", keys.member.publicKey, DRAFT_ANSWER_NAMESPACE).status).toBe(0);
  });
});

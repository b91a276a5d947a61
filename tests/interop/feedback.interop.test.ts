/**
 * A feedback packet checked with stock tools only, as a panelist without
 * the app would: `age -d` with the panelist's exported identity, `tar -x`,
 * `ssh-keygen -Y verify -n feedback@attribution-panel` against the chair's
 * key, `sha256sum -c` on feedback.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseIdSchema, ClaimIdSchema, SeatIdSchema } from "../../shared/case/model";
import { loadCrypto } from "../../shared/crypto/sodium";
import { allowedSignersLine, sshFingerprint } from "../../shared/formats/openssh-key";
import { MANIFEST_PATH, SIGNATURE_PATH, type CommonManifest } from "../../shared/formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import { testIdentity } from "../../shared/identity/identity.testing";
import { FEEDBACK_PATH, FeedbackSchema, sealFeedback, type Feedback } from "../../shared/merge/feedback-packet";
import { requireTool, run, tempDir } from "../support/tools";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

describe("feedback packet against age, tar, ssh-keygen and sha256sum", () => {
  it("decrypts with the panelist's exported identity; the manifest verifies in its namespace as the chair's; feedback.json's hash matches", async () => {
    for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
    const chair = testIdentity({ displayName: "Chair" });
    const panelist = testIdentity({ displayName: "Ines Okafor" });
    const now = new Date("2026-12-02T10:00:00.000Z");
    const feedback: Feedback = {
      format: "attribution-panel/feedback",
      version: 1,
      caseId: CaseIdSchema.parse("case-0000000000000001"),
      packetManifest: "c".repeat(64),
      round: 2,
      fromRound: 1,
      recipient: { fingerprint: SeatIdSchema.parse(sshFingerprint(panelist.signing.publicKey)) },
      claims: [{ claim: ClaimIdSchema.parse("claim-0000000001"), estimates: [40, 70], own: 0, aggregates: { n: 2, median: 55, p25: 47.5, p75: 62.5, iqr: 15 }, rationales: [] }],
      createdAt: now.toISOString(),
    };
    const file = await sealFeedback(feedback, chair.signing, panelist.encryption.publicKey, now);
    const tmp = tempDir("feedback-interop");
    try {
      writeFileSync(tmp.file("feedback.age"), file);
      writeFileSync(tmp.file("me.txt"), exportAgeIdentityFile(panelist), { mode: 0o600 });
      const decrypted = run("age", ["-d", "-i", tmp.file("me.txt"), "-o", tmp.file("feedback.tar"), tmp.file("feedback.age")]);
      expect(decrypted.status, decrypted.stderr.toString()).toBe(0);
      const out = tmp.file("out");
      mkdirSync(out);
      expect(run("tar", ["-xf", tmp.file("feedback.tar"), "-C", out]).status).toBe(0);
      writeFileSync(tmp.file("allowed_signers"), `${allowedSignersLine("chair", chair.signing.publicKey, [SIGNATURE_NAMESPACES.feedback])}\n`);
      const manifestBytes = readFileSync(`${out}/${MANIFEST_PATH}`);
      const verify = (namespace: string) => run("ssh-keygen", ["-Y", "verify", "-f", tmp.file("allowed_signers"), "-I", "chair", "-n", namespace, "-s", `${out}/${SIGNATURE_PATH}`], manifestBytes);
      const verified = verify(SIGNATURE_NAMESPACES.feedback);
      expect(verified.status, verified.stderr.toString()).toBe(0);
      expect(verified.stdout.toString()).toMatch(/Good "feedback@attribution-panel" signature for chair/);
      expect(verify(SIGNATURE_NAMESPACES.scoresheet).status).not.toBe(0);
      const manifest = JSON.parse(manifestBytes.toString()) as CommonManifest;
      expect(manifest.files.map((f) => f.path)).toEqual([FEEDBACK_PATH]);
      writeFileSync(`${out}/SHA256SUMS`, manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
      const sums = run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", out]);
      expect(sums.status, sums.stdout.toString()).toBe(0);
      expect(FeedbackSchema.parse(JSON.parse(readFileSync(`${out}/${FEEDBACK_PATH}`, "utf8")))).toEqual(feedback);
    } finally {
      tmp.remove();
    }
  });
});

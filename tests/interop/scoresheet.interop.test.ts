/**
 * A scoresheet checked with stock tools only, as a chair without the app
 * would: `age -d` with the chair's exported identity, `tar -x`,
 * `ssh-keygen -Y verify -n scoresheet@attribution-panel` on the manifest,
 * `sha256sum -c` on the scoresheet; and the panelist's own plain copy the
 * same way without `age`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { allowedSignersLine, sshFingerprint } from "../../shared/formats/openssh-key";
import { MANIFEST_PATH, SIGNATURE_PATH, type CommonManifest } from "../../shared/formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import { testIdentity } from "../../shared/identity/identity.testing";
import { testScoresheet } from "../../shared/scoring/scoring.testing";
import { SCORESHEET_PATH, scoresheetDigest, sealScoresheet } from "../../shared/scoring/scoresheet-file";
import { ScoresheetSchema } from "../../shared/scoring/scoresheet";
import { requireTool, run, tempDir } from "../support/tools";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

describe("scoresheet against age, tar, ssh-keygen and sha256sum", () => {
  it("decrypts with the chair's exported identity; the manifest verifies in its namespace; the scoresheet's hash matches", async () => {
    for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
    const panelist = testIdentity({ displayName: "Ines Okafor" });
    const chair = testIdentity({ displayName: "Chair" });
    const secretariat = testIdentity({ displayName: "Secretariat" });
    const now = new Date("2026-12-02T10:00:00.000Z");
    const sheet = testScoresheet(sshFingerprint(panelist.signing.publicKey), now);
    const encrypted = await sealScoresheet(sheet, panelist.signing, [chair.encryption.publicKey, secretariat.encryption.publicKey], now);
    const plain = await sealScoresheet(sheet, panelist.signing, [], now);
    const tmp = tempDir("scoresheet-interop");
    try {
      writeFileSync(tmp.file("scoresheet.age"), encrypted);
      writeFileSync(tmp.file("chair.txt"), exportAgeIdentityFile(chair), { mode: 0o600 });
      const decrypted = run("age", ["-d", "-i", tmp.file("chair.txt"), "-o", tmp.file("scoresheet.tar"), tmp.file("scoresheet.age")]);
      expect(decrypted.status, decrypted.stderr.toString()).toBe(0);
      writeFileSync(tmp.file("own-copy.tar"), plain);
      writeFileSync(tmp.file("allowed_signers"), `${allowedSignersLine("panelist", panelist.signing.publicKey, [SIGNATURE_NAMESPACES.scoresheet])}\n`);
      for (const archive of ["scoresheet.tar", "own-copy.tar"]) {
        const out = tmp.file(`out-${archive}`);
        mkdirSync(out);
        expect(run("tar", ["-xf", tmp.file(archive), "-C", out]).status).toBe(0);
        const manifestBytes = readFileSync(`${out}/${MANIFEST_PATH}`);
        const verify = (namespace: string, bytes: Buffer) => run("ssh-keygen", ["-Y", "verify", "-f", tmp.file("allowed_signers"), "-I", "panelist", "-n", namespace, "-s", `${out}/${SIGNATURE_PATH}`], bytes);
        const verified = verify(SIGNATURE_NAMESPACES.scoresheet, manifestBytes);
        expect(verified.status, verified.stderr.toString()).toBe(0);
        expect(verified.stdout.toString()).toMatch(/Good "scoresheet@attribution-panel" signature for panelist/);
        // The signature is bound to its namespace: it does not pass as a case packet's.
        expect(verify(SIGNATURE_NAMESPACES.casePacket, manifestBytes).status).not.toBe(0);

        const manifest = JSON.parse(manifestBytes.toString()) as CommonManifest;
        expect(manifest.files.map((f) => f.path)).toEqual([SCORESHEET_PATH]);
        expect(manifest.files[0]?.sha256).toBe(scoresheetDigest(sheet));
        writeFileSync(`${out}/SHA256SUMS`, manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
        const sums = run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", out]);
        expect(sums.status, sums.stdout.toString()).toBe(0);
        expect(ScoresheetSchema.parse(JSON.parse(readFileSync(`${out}/${SCORESHEET_PATH}`, "utf8")))).toEqual(sheet);
      }
      // A stranger's identity does not decrypt it.
      writeFileSync(tmp.file("stranger.txt"), exportAgeIdentityFile(testIdentity({ displayName: "Stranger" })), { mode: 0o600 });
      expect(run("age", ["-d", "-i", tmp.file("stranger.txt"), "-o", tmp.file("x.tar"), tmp.file("scoresheet.age")]).status).not.toBe(0);
    } finally {
      tmp.remove();
    }
  });
});

/**
 * A signed archive that is not a case packet (a test format signed in the
 * scoresheet namespace, as scoresheets will be) checked with stock tools
 * only: `age -d` with the chair's exported identity, `tar -x`,
 * `ssh-keygen -Y verify -n scoresheet@attribution-panel` on the manifest and
 * `sha256sum -c` on every file; and the author's own plain copy, the same
 * without age.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { readAllBytes } from "../../shared/encoding/bytes";
import { allowedSignersLine } from "../../shared/formats/openssh-key";
import { archiveJsonFile, defineSignedArchive, MANIFEST_PATH, SIGNATURE_PATH, writePlainSignedArchive, writeSignedArchive, type ArchiveBuild } from "../../shared/formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import { testIdentity } from "../../shared/identity/identity.testing";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { z } from "../../shared/validation/zod";
import { requireTool, run, tempDir } from "../support/tools";

const TEST_SCORESHEET = defineSignedArchive({
  name: "attribution-panel/test-scoresheet",
  version: 1,
  namespace: SIGNATURE_NAMESPACES.scoresheet,
  extra: { caseId: z.string(), seat: z.number().int().nonnegative() },
});

let panelist: PersonalIdentity;
let chair: PersonalIdentity;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panelist = testIdentity({ displayName: "Ines Okafor" });
  chair = testIdentity({ displayName: "Panel Chair" });
});

/** SHA-256 by Node, independent of the code under test. */
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const build = (recipients: Uint8Array[]): ArchiveBuild<typeof TEST_SCORESHEET> => {
  const notes = new Uint8Array(90_000).map((_, i) => (i * 13 + 5) & 0xff);
  return {
    sender: panelist.signing,
    recipients,
    createdAt: new Date("2026-12-01T08:30:00.000Z"),
    fields: { caseId: "case-000000000000000001", seat: 2 },
    files: [
      archiveJsonFile("scoresheet.json", { claims: { c1: { term: "likely", best: 70 } } }),
      { path: "attachments/notes.bin", kind: "stream", size: notes.length, sha256: sha(notes), open: async () => new Blob([notes]).stream() },
    ],
  };
};

describe("a signed archive of another format against age, tar, ssh-keygen and sha256sum", () => {
  it("decrypts with the chair's exported identity; the manifest verifies in the scoresheet namespace; every hash matches", async () => {
    for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
    const tmp = tempDir("signed-archive-interop");
    try {
      writeFileSync(tmp.file("scoresheet.age"), await readAllBytes(writeSignedArchive(TEST_SCORESHEET, build([chair.encryption.publicKey]))));
      writeFileSync(tmp.file("chair.txt"), exportAgeIdentityFile(chair), { mode: 0o600 });
      const decrypted = run("age", ["-d", "-i", tmp.file("chair.txt"), "-o", tmp.file("scoresheet.tar"), tmp.file("scoresheet.age")]);
      expect(decrypted.status, decrypted.stderr.toString()).toBe(0);
      // The panelist's own key is not a recipient here: age refuses it.
      writeFileSync(tmp.file("panelist.txt"), exportAgeIdentityFile(panelist), { mode: 0o600 });
      expect(run("age", ["-d", "-i", tmp.file("panelist.txt"), tmp.file("scoresheet.age")]).status).not.toBe(0);
      checkUnpacked(tmp, "scoresheet.tar");
    } finally {
      tmp.remove();
    }
  });

  it("the author's own plain copy: tar, ssh-keygen and sha256sum, no age", async () => {
    for (const [tool, pkg] of [["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
    const tmp = tempDir("signed-archive-interop");
    try {
      writeFileSync(tmp.file("copy.tar"), await readAllBytes(writePlainSignedArchive(TEST_SCORESHEET, build([]))));
      const manifest = checkUnpacked(tmp, "copy.tar");
      expect(manifest.recipients).toEqual([]);
    } finally {
      tmp.remove();
    }
  });
});

/** Unpacks `archive` with tar, verifies the manifest with ssh-keygen in the scoresheet namespace (and not in another), checks every file with sha256sum. */
function checkUnpacked(tmp: ReturnType<typeof tempDir>, archive: string): { recipients: string[]; files: { path: string; sha256: string }[] } {
  mkdirSync(tmp.file("out"));
  const listed = run("tar", ["-tf", tmp.file(archive)]);
  expect(listed.stdout.toString().trim().split("\n")).toEqual([MANIFEST_PATH, SIGNATURE_PATH, "scoresheet.json", "attachments/notes.bin"]);
  expect(run("tar", ["-xf", tmp.file(archive), "-C", tmp.file("out")]).status).toBe(0);
  writeFileSync(tmp.file("allowed_signers"), `${allowedSignersLine("panelist", panelist.signing.publicKey, [SIGNATURE_NAMESPACES.scoresheet])}\n`);
  const manifestBytes = readFileSync(tmp.file(`out/${MANIFEST_PATH}`));
  const verify = (namespace: string, message: Uint8Array) => run("ssh-keygen", ["-Y", "verify", "-f", tmp.file("allowed_signers"), "-I", "panelist", "-n", namespace, "-s", tmp.file(`out/${SIGNATURE_PATH}`)], message);
  const verified = verify(SIGNATURE_NAMESPACES.scoresheet, manifestBytes);
  expect(verified.status, verified.stderr.toString()).toBe(0);
  expect(verified.stdout.toString()).toMatch(/Good "scoresheet@attribution-panel" signature for panelist/);
  // Not a case packet's signature, and not over an altered manifest.
  expect(verify(SIGNATURE_NAMESPACES.casePacket, manifestBytes).status).not.toBe(0);
  const altered = Buffer.from(manifestBytes);
  altered[30] = (altered[30] as number) ^ 1;
  expect(verify(SIGNATURE_NAMESPACES.scoresheet, altered).status).not.toBe(0);

  const manifest = JSON.parse(manifestBytes.toString()) as { format: string; seat: number; recipients: string[]; files: { path: string; sha256: string }[] };
  expect(manifest).toMatchObject({ format: "attribution-panel/test-scoresheet", seat: 2 });
  writeFileSync(tmp.file("out/SHA256SUMS"), manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
  const sums = run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", tmp.file("out")]);
  expect(sums.status, sums.stdout.toString()).toBe(0);
  expect(sums.stdout.toString().trim().split("\n")).toEqual(manifest.files.map((f) => `${f.path}: OK`));
  return manifest;
}

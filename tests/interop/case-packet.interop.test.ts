/**
 * A case packet checked with stock tools only, as a panelist without the app
 * would: `age -d` with the panelist's exported identity, `tar -x`,
 * `ssh-keygen -Y verify` on the manifest, and `sha256sum -c` on every file.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { readAllBytes } from "../../shared/encoding/bytes";
import { buildPacket, jsonFile, MANIFEST_PATH, packetContentSha256, SIGNATURE_PATH, type Manifest } from "../../shared/case/packet";
import { allowedSignersLine } from "../../shared/formats/openssh-key";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import { testIdentity } from "../../shared/identity/identity.testing";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { importIdentityCard } from "../../shared/identity/identity-card";
import { attachmentPath, CASE_PATH, PANEL_PATH, PanelRosterSchema } from "../../shared/case/case-records";
import { must, secretariatWithPanel } from "../../shared/case/case.testing";
import { CaseSchema } from "../../shared/case/model";
import { exportPacket } from "../../shared/case/packet-export";
import { requireTool, run, tempDir } from "../support/tools";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

describe("case packet against age, tar, ssh-keygen and sha256sum", () => {
  it("decrypts with the panelist's exported identity; the manifest verifies; every hash matches", async () => {
    const secretariat = testIdentity({ displayName: "Case Secretariat" });
    const panelist = testIdentity({ displayName: "Ines Okafor" });
    const evidence = new Uint8Array(300_000).map((_, i) => (i * 13) & 0xff);
    const { createHash } = await import("node:crypto");
    const evidenceSha = createHash("sha256").update(evidence).digest("hex");
    const stream = buildPacket({
      packetId: "packet-0000000000000001",
      caseId: "case-000000000000000001",
      sender: secretariat.signing,
      recipients: [panelist.encryption.publicKey, secretariat.encryption.publicKey],
      createdAt: new Date("2026-11-22T10:00:00.000Z"),
      sequence: 1,
      files: [jsonFile("case.json", { title: "Operation Silent Reservoir" }), { path: `attachments/${evidenceSha}`, kind: "stream", size: evidence.length, sha256: evidenceSha, open: async () => new Blob([evidence]).stream() }],
    });

    checkWithStockTools(await readAllBytes(stream), panelist, secretariat, () => undefined);
  });

  it("a packet exported from a secretariat vault (sample case, panel) passes the same checks", async () => {
    const secretariat = testIdentity({ displayName: "Case Secretariat" });
    const panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
    const now = new Date("2026-11-22T10:00:00.000Z");
    const { vault, c, panelistId } = await secretariatWithPanel(panelist, now);
    const exported = must(await exportPacket(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now }));
    checkWithStockTools(await readAllBytes(exported.stream), panelist, secretariat, (file) => {
      const roster = PanelRosterSchema.parse(JSON.parse(readFileSync(file(PANEL_PATH), "utf8")));
      expect(roster.seats).toHaveLength(5);
      for (const seat of roster.seats) {
        const card = importIdentityCard(readFileSync(file(seat.card)));
        expect(card.ok && card.value.fingerprint).toBe(seat.fingerprint);
      }
      const sent = CaseSchema.parse(JSON.parse(readFileSync(file(CASE_PATH), "utf8")));
      for (const ref of sent.evidence.flatMap((e) => e.attachments)) expect(readFileSync(file(attachmentPath(ref.sha256))).length).toBe(ref.size);
    });
  });
});

/** What a panelist without the app does: decrypt, unpack, verify the manifest's signature, check every hash; then `inspect` looks at the unpacked files. */
function checkWithStockTools(packet: Uint8Array, panelist: PersonalIdentity, secretariat: PersonalIdentity, inspect: (file: (name: string) => string) => void): void {
  for (const [tool, pkg] of [["age", "age"], ["tar", "tar"], ["ssh-keygen", "openssh-client"], ["sha256sum", "coreutils"], ["sort", "coreutils"], ["find", "findutils"], ["xargs", "findutils"]] as const) requireTool(tool, pkg);
  const tmp = tempDir("packet-interop");
  try {
    writeFileSync(tmp.file("packet.age"), packet);
    writeFileSync(tmp.file("me.txt"), exportAgeIdentityFile(panelist), { mode: 0o600 });
    const decrypted = run("age", ["-d", "-i", tmp.file("me.txt"), "-o", tmp.file("packet.tar"), tmp.file("packet.age")]);
    expect(decrypted.status, decrypted.stderr.toString()).toBe(0);
    mkdirSync(tmp.file("out"));
    expect(run("tar", ["-xf", tmp.file("packet.tar"), "-C", tmp.file("out")]).status).toBe(0);

    writeFileSync(tmp.file("allowed_signers"), `${allowedSignersLine("secretariat", secretariat.signing.publicKey, [SIGNATURE_NAMESPACES.casePacket])}\n`);
    const manifestBytes = readFileSync(tmp.file(`out/${MANIFEST_PATH}`));
    const verified = run("ssh-keygen", ["-Y", "verify", "-f", tmp.file("allowed_signers"), "-I", "secretariat", "-n", SIGNATURE_NAMESPACES.casePacket, "-s", tmp.file(`out/${SIGNATURE_PATH}`)], manifestBytes);
    expect(verified.status, verified.stderr.toString()).toBe(0);
    expect(verified.stdout.toString()).toMatch(/Good "case-packet@attribution-panel" signature for secretariat/);

    const manifest = JSON.parse(manifestBytes.toString()) as Manifest;
    // The content digest a scoresheet names, as packet.ts documents it for stock tools (before any file of ours is added).
    const content = run("sh", ["-c", `cd "$1" && find . -type f ! -name 'manifest.json*' -printf '%P\\n' | LC_ALL=C sort | xargs sha256sum | sha256sum`, "sh", tmp.file("out")]);
    expect(content.status, content.stderr.toString()).toBe(0);
    expect(content.stdout.toString()).toBe(`${packetContentSha256(manifest.files)}  -\n`);
    writeFileSync(tmp.file("out/SHA256SUMS"), manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join(""));
    const sums = run("sh", ["-c", `cd "$1" && sha256sum -c SHA256SUMS`, "sh", tmp.file("out")]);
    expect(sums.status, sums.stdout.toString()).toBe(0);
    expect(sums.stdout.toString().trim().split("\n")).toEqual(manifest.files.map((f) => `${f.path}: OK`));

    // A manifest altered by one byte no longer verifies with ssh-keygen either.
    const altered = Buffer.from(manifestBytes);
    altered[20] = (altered[20] as number) ^ 1;
    expect(run("ssh-keygen", ["-Y", "verify", "-f", tmp.file("allowed_signers"), "-I", "secretariat", "-n", SIGNATURE_NAMESPACES.casePacket, "-s", tmp.file(`out/${SIGNATURE_PATH}`)], altered).status).not.toBe(0);
    inspect((name) => tmp.file(`out/${name}`));
  } finally {
    tmp.remove();
  }
}


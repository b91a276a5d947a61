/**
 * The case packet is a signed archive of its own format: the same bytes as
 * before the signed archive existed (the vector of signed-archive.test.ts,
 * written by packet.ts at commit b60fc9c), and its layout named path by path.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { fromHex, loadCrypto, x25519Base } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import { withFixedRandom } from "../formats/signed-archive.testing";
import { fixedIdentity } from "../identity/identity.testing";
import { buildPacket, CASE_PACKET, jsonFile, packetPart } from "./packet";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

describe("the case packet's format", () => {
  it("is named, versioned and signed as before", () => {
    expect(CASE_PACKET).toMatchObject({ name: "attribution-panel/case-packet", version: 1, namespace: "case-packet@attribution-panel" });
  });

  it("writes the same bytes as before, every random byte fixed", async () => {
    const me = fixedIdentity();
    const blob = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) & 0xff);
    const packet = await withFixedRandom(() =>
      readAllBytes(
        buildPacket({
          packetId: "packet-0000000000000001",
          caseId: "case-000000000000000001",
          sender: me.signing,
          recipients: [me.encryption.publicKey, x25519Base(fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))],
          createdAt: new Date("2026-11-22T10:00:00.000Z"),
          sequence: 7,
          files: [jsonFile("case.json", { title: "Operation Silent Reservoir" }), { path: `attachments/${sha(blob)}`, kind: "stream", size: blob.length, sha256: sha(blob), open: async () => new Blob([blob]).stream() }],
        }),
      ),
    );
    expect(packet.length).toBe(75_578);
    expect(sha(packet)).toBe("09b0cbaec291f43c302c871cdae4142f408f9da67a7836be54aa62876a9b5d17");
  });

  it("names every path a packet may carry, and no other", () => {
    expect(["case.json", "panel.json", "rubric.json", "roster/0.card.json", "roster/12.card.json", `attachments/${"ab".repeat(32)}`].map(packetPart)).toEqual([
      { kind: "case" },
      { kind: "panel" },
      { kind: "rubric" },
      { kind: "card" },
      { kind: "card" },
      { kind: "attachment", sha256: "ab".repeat(32) },
    ]);
    for (const path of ["manifest.json", "notes.txt", "roster/1234.card.json", "roster/x.card.json", `attachments/${"AB".repeat(32)}`, "attachments/abc", "case.json/x"]) expect(packetPart(path), path).toBeUndefined();
  });
});

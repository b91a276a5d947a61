/**
 * Error kinds that used to mislead (issue 12, point 12): a packet that ends
 * early is "truncated", at the encryption layer or inside the archive, and
 * only an altered one is "tampered"; a pax or GNU archive made by stock
 * tools is an unsupported archive format, named as such.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { requireTool, run, tempDir } from "../../tests/support/tools";
import { loadCrypto } from "../crypto/sodium";
import { readAllBytes } from "../encoding/bytes";
import { decryptBytes, encodeRecipient, encryptBytes } from "../formats/age/age";
import { parseHeader } from "../formats/age/header";
import { PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES } from "../formats/age/stream";
import { testIdentity } from "../identity/identity.testing";
import type { PersonalIdentity } from "../identity/identity";
import { ok } from "../result";
import { buildPacket, jsonFile, openPacket, type PacketError } from "./packet";

let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat" });
  panelist = testIdentity({ displayName: "Ines Okafor" });
});

const evidence = new Uint8Array(200_000).map((_, i) => (i * 31 + 7) & 0xff);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A packet of four age chunks: the manifest in the first, a 200 kB attachment across the rest. */
async function packet(): Promise<{ bytes: Uint8Array; payload: number }> {
  const bytes = await readAllBytes(
    buildPacket({
      packetId: "packet-0000000000000001",
      caseId: "case-000000000000000001",
      sender: secretariat.signing,
      recipients: [panelist.encryption.publicKey, secretariat.encryption.publicKey],
      createdAt: new Date("2026-11-22T10:00:00.000Z"),
      sequence: 7,
      files: [jsonFile("case.json", { title: "Operation Silent Reservoir" }), { path: `attachments/${sha(evidence)}`, kind: "stream", size: evidence.length, sha256: sha(evidence), open: async () => new Blob([evidence]).stream() }],
    }),
  );
  const header = parseHeader(bytes);
  if (!header?.ok) throw new Error("our own header does not parse");
  return { bytes, payload: header.value.length + PAYLOAD_NONCE_BYTES };
}

async function refusal(bytes: Uint8Array): Promise<PacketError | "opened"> {
  const result = await openPacket(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), panelist.encryption.secretKey, () => ok(undefined), { begin: () => undefined, data: () => undefined, end: () => undefined }, { myRecipient: encodeRecipient(panelist.encryption.publicKey) });
  return result.ok ? "opened" : result.error;
}

describe("a packet that ends early is truncated, an altered one tampered", () => {
  it("truncated at every chunk boundary, in the header and nonce, and anywhere after the chunk that holds the manifest", async () => {
    const { bytes, payload } = await packet();
    expect(await refusal(bytes)).toBe("opened");
    const chunks = Math.ceil((bytes.length - payload) / SEALED_CHUNK_BYTES);
    expect(chunks).toBe(4);
    const cuts = new Set<number>();
    // The end of the header and the nonce, and every chunk boundary with the bytes around it.
    for (let at = payload - PAYLOAD_NONCE_BYTES - 20; at <= payload; at++) cuts.add(at);
    for (let k = 1; k < chunks; k++) for (const d of [0, 1, 15, 16, 17, 100]) cuts.add(payload + k * SEALED_CHUNK_BYTES + d);
    // Past the first chunk, the signed manifest says how long the packet is: every cut there is told apart from an alteration.
    for (let at = payload + SEALED_CHUNK_BYTES + 1; at < bytes.length; at += 1999) cuts.add(at);
    for (const at of [bytes.length - 1, bytes.length - 16, bytes.length - 17, bytes.length - 100, bytes.length - 1100]) cuts.add(at);
    expect(cuts.size).toBeGreaterThan(100);
    for (const at of cuts) {
      expect(await refusal(bytes.subarray(0, at)), `cut at ${at} of ${bytes.length}`).toMatchObject({ kind: "truncated", reason: "encryption", error: { kind: "truncated" } });
    }
  });

  it("tampered for a flipped byte anywhere in the payload, the last chunk included", async () => {
    const { bytes, payload } = await packet();
    for (const at of [payload + 3, payload + SEALED_CHUNK_BYTES - 1, payload + 2 * SEALED_CHUNK_BYTES + 9, bytes.length - 1100, bytes.length - 100, bytes.length - 1]) {
      const flipped = bytes.slice();
      flipped[at] = (flipped[at] as number) ^ 0x40;
      expect(await refusal(flipped), `flip at ${at}`).toMatchObject({ kind: "tampered", reason: "encryption", error: { kind: "tampered" } });
    }
  });

  it("an archive that ends early inside whole encryption is truncated, not tampered", async () => {
    const { bytes } = await packet();
    const plain = await decryptBytes(bytes, [{ kind: "x25519", secretKey: panelist.encryption.secretKey }]);
    if (!plain.ok) throw new Error("the packet does not decrypt");
    const archive = plain.value;
    // Inside the manifest, at the boundary before the signature, inside the attachment, before and inside the end marker.
    const cuts = [600, 1024, 1024 + 512 + 100, archive.length - 1024 - 512 - 7, archive.length - 1024, archive.length - 700, archive.length - 512, archive.length - 1];
    const reasons = new Set<string>();
    for (const at of cuts) {
      const error = await refusal(await encryptBytes(archive.subarray(0, at), [panelist.encryption.publicKey]));
      expect(error, `archive cut at ${at} of ${archive.length}`).toMatchObject({ kind: "truncated", reason: "archive" });
      if (error !== "opened" && error.kind === "truncated" && error.reason === "archive") reasons.add(error.problem.reason);
    }
    expect([...reasons].sort()).toEqual(["end-marker-truncated", "entry-truncated", "no-end-marker"]);
  });
});

describe("a pax or GNU archive from stock tar is an unsupported archive format", () => {
  it("names the format of an archive made with tar --format=pax or --format=gnu", async () => {
    requireTool("tar", "tar");
    const tmp = tempDir("packet-formats");
    try {
      mkdirSync(tmp.file("src"));
      writeFileSync(tmp.file("src/manifest.json"), '{"format":"attribution-panel/case-packet","version":1}');
      writeFileSync(tmp.file("src/manifest.json.sig"), "signature");
      for (const format of ["pax", "gnu"] as const) {
        const made = run("tar", [`--format=${format}`, "-cf", tmp.file(`${format}.tar`), "-C", tmp.file("src"), "manifest.json", "manifest.json.sig"]);
        expect(made.status, made.stderr.toString()).toBe(0);
        const sealed = await encryptBytes(readFileSync(tmp.file(`${format}.tar`)), [panelist.encryption.publicKey]);
        expect(await refusal(sealed)).toEqual({ kind: "unsupported-archive", format });
      }
    } finally {
      tmp.remove();
    }
  });
});

import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { concatBytes, readAllBytes } from "../encoding/bytes";
import { encodeRecipient, encryptBytes } from "../formats/age/age";
import { TAR_END, tarHeader, tarPadding } from "../formats/tar";
import { testIdentity } from "../identity/identity.testing";
import type { PersonalIdentity } from "../identity/identity";
import { mustCanonicalJson } from "../formats/jcs";
import { SIGNATURE_NAMESPACES, signSshsig } from "../formats/sshsig";
import { ok } from "../result";
import { buildManifest, buildPacket, jsonFile, MANIFEST_PATH, openPacket, packetContentSha256, SIGNATURE_PATH, type Manifest, type ManifestCheck, type PacketBuild } from "./packet";
import { collectingSink } from "./packet.testing";

let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;
let stranger: PersonalIdentity;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat" });
  panelist = testIdentity({ displayName: "Ines Okafor" });
  stranger = testIdentity({ displayName: "Someone Else" });
});

const evidence = new Uint8Array(200_000).map((_, i) => (i * 31 + 7) & 0xff);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function build(overrides: Partial<PacketBuild> = {}): PacketBuild {
  return {
    packetId: "packet-0000000000000001",
    caseId: "case-000000000000000001",
    sender: secretariat.signing,
    recipients: [panelist.encryption.publicKey, secretariat.encryption.publicKey],
    createdAt: new Date("2026-11-22T10:00:00.000Z"),
    sequence: 7,
    files: [
      jsonFile("case.json", { title: "Operation Silent Reservoir" }),
      jsonFile("rubric.json", { id: "default-v1" }),
      { path: `attachments/${sha(evidence)}`, kind: "stream", size: evidence.length, sha256: sha(evidence), open: async () => new Blob([evidence]).stream() },
    ],
    ...overrides,
  };
}

const accept: ManifestCheck = () => ok(undefined);
const open = (bytes: Uint8Array, identity = panelist, check: ManifestCheck = accept) => {
  const { sink, files } = collectingSink();
  return openPacket(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), identity.encryption.secretKey, check, sink, { myRecipient: encodeRecipient(identity.encryption.publicKey) }).then((r) => ({ result: r, files }));
};

describe("case packets", () => {
  it("round-trip: the panelist and the secretariat both open it, every file verified", async () => {
    const packet = await readAllBytes(buildPacket(build()));
    for (const reader of [panelist, secretariat]) {
      const { result, files } = await open(packet, reader);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toMatchObject({ caseId: "case-000000000000000001", sequence: 7, sender: { fingerprint: expect.stringMatching(/^SHA256:/) } });
      expect(result.value.files.map((f) => f.path)).toEqual(["case.json", "rubric.json", `attachments/${sha(evidence)}`]);
      expect(sha(concatBytes(...(files.get(`attachments/${sha(evidence)}`) ?? [])))).toBe(sha(evidence));
    }
  });

  it("is refused when not addressed to you", async () => {
    const packet = await readAllBytes(buildPacket(build()));
    const { result } = await open(packet, stranger);
    expect(result).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("lets the caller refuse an unknown signer or a replay before any file is read", async () => {
    const packet = await readAllBytes(buildPacket(build()));
    let seen: Manifest | undefined;
    const { result, files } = await open(packet, panelist, (m) => {
      seen = m;
      return { ok: false, error: { kind: "replayed", sequence: m.sequence, lastSeen: 9 } };
    });
    expect(result).toEqual({ ok: false, error: { kind: "replayed", sequence: 7, lastSeen: 9 } });
    expect(seen?.sequence).toBe(7);
    expect(files.size).toBe(0);
  });

  it("never goes out with a manifest that lies about a streamed file", async () => {
    const liar = build({ files: [{ path: "attachments/x", kind: "stream", size: evidence.length, sha256: "0".repeat(64), open: async () => new Blob([evidence]).stream() }] });
    await expect(readAllBytes(buildPacket(liar))).rejects.toThrow(/does not match its recorded size and SHA-256/);
  });

  it("property: any single-byte change, truncation or extension is refused", async () => {
    const packet = await readAllBytes(buildPacket(build({ files: [jsonFile("case.json", { t: "x".repeat(3000) }), { path: "attachments/a", kind: "stream", size: 70_000, sha256: sha(evidence.subarray(0, 70_000)), open: async () => new Blob([evidence.subarray(0, 70_000)]).stream() }] })));
    expect((await open(packet)).result.ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant("flip" as const), at: fc.integer({ min: 0, max: packet.length - 1 }), bit: fc.integer({ min: 0, max: 7 }) }),
          fc.record({ kind: fc.constant("cut" as const), at: fc.integer({ min: 0, max: packet.length - 1 }) }),
          fc.record({ kind: fc.constant("extend" as const), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
        ),
        async (change) => {
          const bad = change.kind === "flip" ? packet.map((b, i) => (i === change.at ? b ^ (1 << change.bit) : b)) : change.kind === "cut" ? packet.subarray(0, change.at) : concatBytes(packet, change.extra);
          const { result } = await open(bad);
          return !result.ok;
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** A ustar archive of the given files, as a case packet's plaintext would be. */
const tar = (...files: [string, Uint8Array][]) => concatBytes(...files.flatMap(([path, bytes]) => [tarHeader(path, bytes.length, 0), bytes, tarPadding(bytes.length)]), TAR_END);
const text = (value: string) => new TextEncoder().encode(value);
const toPanelist = (plain: Uint8Array) => encryptBytes(plain, [panelist.encryption.publicKey]);

describe("the digest of a packet's content", () => {
  // Computed with stock tools over these files: find . -type f ! -name 'manifest.json*' -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum
  const FILES = [
    { path: "case.json", sha256: "cf9b3160c4a5a9fac6789866c5920602fc6bb2cae40553b3a1641a2f3dbd2bd6" },
    { path: "panel.json", sha256: "fa9c4c589b6f82633425b7a242a10aa1aef479857d8566eb4809e88c4995ab06" },
    { path: "rubric.json", sha256: "274357f106ca0680e81b3a3ec65793d8417bb8c8cce588566e3c92127a3bb1bf" },
    { path: "roster/0.card.json", sha256: "49aa1f6d88c66de02e3f75e56e7ec81b13513307be3f3d834910692bab3f6fd4" },
    { path: "roster/2.card.json", sha256: "66220cdfb3220c8443c4353553c34725e84701dcddce14fe89175398c6d1e4b1" },
    { path: "roster/10.card.json", sha256: "71c748c1dc8dca8d0174702e94e1708864e63c38c14c288b12437edc9910fec2" },
    { path: "attachments/e", sha256: "ee8250fb76e094b34b471f13a73dbbe51d1ae142e9df59d7c0d31ec20f0a0a8e" },
  ];

  it("is the SHA-256 of the files listed as sha256sum prints them, sorted by path byte for byte (known answer)", () => {
    expect(packetContentSha256(FILES)).toBe("836c6a4fb154a8fba587ff310f38d187f028cac06d0205de664d7208ffd6b58c");
    expect(packetContentSha256([...FILES].reverse())).toBe(packetContentSha256(FILES));
  });

  it("changes with any file's digest or path, and with a file more or less", () => {
    const base = packetContentSha256(FILES);
    const changed = FILES.map((f, i) => (i === 2 ? { ...f, sha256: "0".repeat(64) } : f));
    expect(packetContentSha256(changed)).not.toBe(base);
    expect(packetContentSha256(FILES.map((f, i) => (i === 0 ? { ...f, path: "case2.json" } : f)))).not.toBe(base);
    expect(packetContentSha256(FILES.slice(1))).not.toBe(base);
  });
});

describe("what a refused file is, said in order: not age, not for you, not a packet, a newer packet", () => {
  const refusal = async (bytes: Uint8Array) => {
    const { result, files } = await open(bytes);
    expect(files.size).toBe(0);
    return result.ok ? "opened" : result.error;
  };

  it("a file that is not an age file at all: random bytes, an empty file, text, an armored age file, another age version", async () => {
    expect(await refusal(new Uint8Array(4096).map((_, i) => (i * 151 + 13) & 0xff))).toEqual({ kind: "not-an-age-file", looksLike: "other" });
    expect(await refusal(new Uint8Array(0))).toEqual({ kind: "not-an-age-file", looksLike: "empty" });
    expect(await refusal(text("Minutes of the panel meeting\n"))).toEqual({ kind: "not-an-age-file", looksLike: "other" });
    expect(await refusal(text("age"))).toEqual({ kind: "not-an-age-file", looksLike: "other" });
    const armored = await encryptBytes(text("hello"), [panelist.encryption.publicKey], { armor: true });
    expect(new TextDecoder().decode(armored.subarray(0, 10))).toBe("-----BEGIN");
    expect(await refusal(armored)).toEqual({ kind: "not-an-age-file", looksLike: "armored-age" });
    expect(await refusal(text("age-encryption.org/v2\n-> X25519 abc\n"))).toEqual({ kind: "not-an-age-file", looksLike: "other-age-version" });
  });

  it("an age file to another recipient is not addressed to you", async () => {
    expect(await refusal(await encryptBytes(text("for someone else"), [stranger.encryption.publicKey]))).toEqual({ kind: "not-addressed-to-you" });
  });

  it("an age file to you that holds something else is not a case packet: random content, an archive without a manifest, another format's manifest", async () => {
    expect(await refusal(await toPanelist(new Uint8Array(3000).map((_, i) => (i * 7 + 1) & 0xff)))).toEqual({ kind: "not-a-case-packet", reason: "not-an-archive" });
    expect(await refusal(await toPanelist(text("just a note")))).toEqual({ kind: "not-a-case-packet", reason: "not-an-archive" });
    expect(await refusal(await toPanelist(TAR_END))).toEqual({ kind: "not-a-case-packet", reason: "no-manifest" });
    expect(await refusal(await toPanelist(tar(["notes.txt", text("hello")])))).toEqual({ kind: "not-a-case-packet", reason: "no-manifest" });
    expect(await refusal(await toPanelist(tar([MANIFEST_PATH, text('{"name":"some-npm-package","version":"1.0.0"}')], [SIGNATURE_PATH, text("x")])))).toEqual({ kind: "not-a-case-packet", reason: "other-format" });
    expect(await refusal(await toPanelist(tar([MANIFEST_PATH, text("not json")], [SIGNATURE_PATH, text("x")])))).toEqual({ kind: "not-a-case-packet", reason: "other-format" });
  });

  it("only a case packet of a later format version is from a newer version of the app", async () => {
    const manifest = { ...buildManifest(build()), version: 2 };
    const packet = await toPanelist(tar([MANIFEST_PATH, mustCanonicalJson(manifest, "test")], [SIGNATURE_PATH, text("signature of a later format")]));
    expect(await refusal(packet)).toEqual({ kind: "newer-version", version: 2 });
    // Version 0 or a string is not "newer": signed, the manifest is malformed; unsigned, its signature is checked first.
    for (const version of [0, "2"]) {
      const bytes = mustCanonicalJson({ ...manifest, version }, "test");
      const signed = await toPanelist(tar([MANIFEST_PATH, bytes], [SIGNATURE_PATH, text(signSshsig(bytes, build().sender, SIGNATURE_NAMESPACES.casePacket))]));
      expect(await refusal(signed)).toMatchObject({ kind: "tampered", reason: "manifest-malformed", issues: [{ path: ["version"] }] });
      const unsigned = await toPanelist(tar([MANIFEST_PATH, bytes], [SIGNATURE_PATH, text("x")]));
      expect(await refusal(unsigned)).toMatchObject({ kind: "tampered", reason: "signature-invalid" });
    }
  });

  it("checks the manifest's signature before parsing it: a large unsigned manifest is refused without being parsed", async () => {
    // Just under the size limit, with a duplicate key deep inside that only the canonical parse would find.
    const filler = "x".repeat(4 * 1024 * 1024 - 4096);
    const big = new TextEncoder().encode(`{"format":"attribution-panel/case-packet","version":1,"a":"${filler}","a":1}`);
    const packet = await toPanelist(tar([MANIFEST_PATH, big], [SIGNATURE_PATH, text("not a signature")]));
    const parses = vi.spyOn(JSON, "parse");
    try {
      expect(await refusal(packet)).toMatchObject({ kind: "tampered", reason: "signature-invalid" });
      // Neither the canonical parse nor the sniffing JSON.parse ran over the 4 MiB.
      expect(parses.mock.calls.filter(([text]) => typeof text === "string" && text.length > 1024 * 1024)).toEqual([]);
    } finally {
      parses.mockRestore();
    }
    // Signed by a key other than the one the manifest names: refused as such once parsed.
    const manifest = buildManifest(build());
    const bytes = mustCanonicalJson(manifest, "test");
    const stranger = testIdentity({ displayName: "Stranger" });
    const forged = await toPanelist(tar([MANIFEST_PATH, bytes], [SIGNATURE_PATH, text(signSshsig(bytes, stranger.signing, SIGNATURE_NAMESPACES.casePacket))]));
    expect(await refusal(forged)).toMatchObject({ kind: "tampered", reason: "signature-invalid", error: { kind: "unknown-key" } });
  });

  it("a case packet damaged after encryption is still tampered or truncated, not 'not a packet'", async () => {
    const packet = await readAllBytes(buildPacket(build()));
    const flipped = packet.slice();
    flipped[packet.length - 100] = (flipped[packet.length - 100] as number) ^ 1;
    // Files before the damage have streamed by (the caller stages them and discards them on refusal).
    expect((await open(flipped)).result).toMatchObject({ ok: false, error: { kind: "tampered", reason: "encryption", error: { kind: "tampered", chunk: expect.any(Number) } } });
    expect((await open(packet.subarray(0, packet.length - 100))).result).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/^(tampered|truncated)$/), reason: "encryption" } });
  });
});

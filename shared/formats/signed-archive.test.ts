import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fromHex, loadCrypto, x25519Base } from "../crypto/sodium";
import { concatBytes, readAllBytes, utf8 } from "../encoding/bytes";
import { fixedIdentity, testIdentity } from "../identity/identity.testing";
import type { PersonalIdentity } from "../identity/identity";
import { err, ok } from "../result";
import { z } from "../validation/zod";
import { decryptBytes, encodeRecipient, encryptStream } from "./age/age";
import {
  archiveJsonFile,
  defineSignedArchive,
  manifestSha256,
  openPlainSignedArchive,
  openSignedArchive,
  writePlainSignedArchive,
  writeSignedArchive,
  type ArchiveBuild,
  type ArchiveCheck,
  type ArchiveFile,
  type ManifestOf,
  type SignedArchiveError,
} from "./signed-archive";
import { packJsonArchive, unpackJsonArchive } from "./signed-archive-json";
import { withFixedRandom } from "./signed-archive.testing";
import { SIGNATURE_NAMESPACES, signSshsig } from "./sshsig";
import { TAR_END, tarHeader, tarPadding } from "./tar";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const stream = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A document format for these tests: what a scoresheet's archive will look like. */
const TEST_DOCUMENT = defineSignedArchive({
  name: "attribution-panel/test-document",
  version: 1,
  namespace: SIGNATURE_NAMESPACES.scoresheet,
  extra: { documentId: z.string().regex(/^[a-z0-9-]{4,40}$/), round: z.number().int().positive() },
});
type TestManifest = ManifestOf<typeof TEST_DOCUMENT>;

let author: PersonalIdentity;
let chair: PersonalIdentity;
let stranger: PersonalIdentity;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  author = testIdentity({ displayName: "Ines Okafor" });
  chair = testIdentity({ displayName: "Panel Chair" });
  stranger = testIdentity({ displayName: "Someone Else" });
});

const evidence = new Uint8Array(150_000).map((_, i) => (i * 31 + 7) & 0xff);
const streamed = (path: string, bytes: Uint8Array): ArchiveFile => ({ path, kind: "stream", size: bytes.length, sha256: sha(bytes), open: async () => stream(bytes) });

function build(overrides: Partial<ArchiveBuild<typeof TEST_DOCUMENT>> = {}): ArchiveBuild<typeof TEST_DOCUMENT> {
  return {
    sender: author.signing,
    recipients: [chair.encryption.publicKey, author.encryption.publicKey],
    createdAt: new Date("2026-12-01T08:30:00.000Z"),
    fields: { documentId: "doc-0001", round: 1 },
    files: [archiveJsonFile("answers.json", { claims: [{ id: "c1", likelihood: 0.7 }] }), streamed("attachments/notes.bin", evidence)],
    ...overrides,
  };
}

/** A sink that keeps every file's bytes. */
function collecting() {
  const files = new Map<string, Uint8Array[]>();
  let current = "";
  return {
    files,
    bytes: (path: string) => concatBytes(...(files.get(path) ?? [])),
    sink: {
      begin: (path: string) => {
        current = path;
        files.set(path, []);
      },
      data: (chunk: Uint8Array) => void files.get(current)?.push(chunk.slice()),
      end: () => undefined,
    },
  };
}

const accept: ArchiveCheck<TestManifest, never> = () => ok(undefined);
const openAs = (bytes: Uint8Array, reader: PersonalIdentity = chair) => {
  const c = collecting();
  return openSignedArchive(TEST_DOCUMENT, stream(bytes), reader.encryption.secretKey, accept, c.sink, { myRecipient: encodeRecipient(reader.encryption.publicKey) }).then((result) => ({ result, ...c }));
};
const openPlain = (bytes: Uint8Array) => {
  const c = collecting();
  return openPlainSignedArchive(TEST_DOCUMENT, stream(bytes), accept, c.sink).then((result) => ({ result, ...c }));
};

describe("known answer: the case packet's layout, byte for byte", () => {
  // The case packet's format as shared/case/packet.ts defines it. The expected
  // values were written by packet.ts before the signed archive existed (commit
  // b60fc9c) from the same inputs, so packets written before and after are the
  // same bytes.
  const CASE_PACKET_AS_BEFORE = defineSignedArchive({
    name: "attribution-panel/case-packet",
    version: 1,
    namespace: SIGNATURE_NAMESPACES.casePacket,
    extra: { packetId: z.string(), caseId: z.string(), sequence: z.number() },
  });
  const MANIFEST =
    '{"caseId":"case-000000000000000001","createdAt":"2026-11-22T10:00:00.000Z","files":[{"path":"case.json","sha256":"992c0b2f10975e3528f6ca5a7ac95b56e60d39a73469c9e2e36f5f283e180936","size":38},{"path":"attachments/3500f58cfd1bd88e231edf56dca995542a702bd54525804e5a8604c8aa5cb52e","sha256":"3500f58cfd1bd88e231edf56dca995542a702bd54525804e5a8604c8aa5cb52e","size":70000}],"format":"attribution-panel/case-packet","packetId":"packet-0000000000000001","recipients":["age1s5s0qzvfxzn4gayt0hwtg0hhtgxm7wsdycup4a8t5j5ca25mfe4qt4hs7q","age1m60dkltm0hqmf56mv8pweep4xulcxs7gtduxwnddl3lpgmug9d8s0dmj33"],"sender":{"fingerprint":"SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8","signingKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea"},"sequence":7,"version":1}';
  const SIGNATURE = `-----BEGIN SSH SIGNATURE-----
U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv
PapiMlrwIaaPcHURoAAAAdY2FzZS1wYWNrZXRAYXR0cmlidXRpb24tcGFuZWwAAAAAAAAA
BnNoYTUxMgAAAFMAAAALc3NoLWVkMjU1MTkAAABAJvMWtg0x9UbjM+HY9fFBq9jGjIUb+a
SWVS+rfgVWkKIL1VVrjGZ8MDKIRuD1Mu1V09DKwCntGqBpxK8f7KUWAg==
-----END SSH SIGNATURE-----
`;
  /** The manifest's ustar header: path, mode 0644, uid/gid 0, size 0o1427 (791), mtime 2026-11-22T10:00:00Z, checksum, "ustar\000". */
  const MANIFEST_HEADER_HEX =
    "6d616e69666573742e6a736f6e" + "00".repeat(87) + "303030303634340030303030303030003030303030303000303030303030303134323700313533303035333634343000303130353131002030" + "00".repeat(100) + "75737461720030300000".padEnd(510, "0");
  const USTAR_SHA256 = "92eb91ce883379764b3ece73441ccb2371c08669a6c940064ead2a7934a5e764";
  const USTAR_BYTES = 75_264;
  const AGE_SHA256 = "09b0cbaec291f43c302c871cdae4142f408f9da67a7836be54aa62876a9b5d17";
  const AGE_BYTES = 75_578;

  const inputs = (): ArchiveBuild<typeof CASE_PACKET_AS_BEFORE> => {
    const me = fixedIdentity();
    // RFC 7748 §6.1 Bob's key as the second recipient.
    const bob = x25519Base(fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    const blob = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) & 0xff);
    return {
      sender: me.signing,
      recipients: [me.encryption.publicKey, bob],
      createdAt: new Date("2026-11-22T10:00:00.000Z"),
      fields: { packetId: "packet-0000000000000001", caseId: "case-000000000000000001", sequence: 7 },
      files: [archiveJsonFile("case.json", { title: "Operation Silent Reservoir" }), streamed(`attachments/${sha(blob)}`, blob)],
    };
  };

  it("the ustar archive: manifest, signature and every byte", async () => {
    const tar = await readAllBytes(writePlainSignedArchive(CASE_PACKET_AS_BEFORE, inputs()));
    expect(tar.length).toBe(USTAR_BYTES);
    expect(Buffer.from(tar.subarray(0, 512)).toString("hex")).toBe(MANIFEST_HEADER_HEX);
    expect(text(tar.subarray(512, 512 + MANIFEST.length))).toBe(MANIFEST);
    const signatureAt = 512 + Math.ceil(MANIFEST.length / 512) * 512 + 512;
    expect(text(tar.subarray(signatureAt, signatureAt + SIGNATURE.length))).toBe(SIGNATURE);
    expect(sha(tar)).toBe(USTAR_SHA256);
  });

  it("the age file, with every random byte fixed, and what it decrypts to", async () => {
    const age = await withFixedRandom(() => readAllBytes(writeSignedArchive(CASE_PACKET_AS_BEFORE, inputs())));
    expect(age.length).toBe(AGE_BYTES);
    expect(sha(age)).toBe(AGE_SHA256);
    const plain = await decryptBytes(age, [{ kind: "x25519", secretKey: fixedIdentity().encryption.secretKey }]);
    expect(plain.ok && sha(plain.value)).toBe(USTAR_SHA256);
  });
});

describe("signed archives of any format", () => {
  it("round trip: every recipient opens it, the check sees the verified signer, every file arrives intact", async () => {
    const progress: [number, number][] = [];
    const bytes = await readAllBytes(writeSignedArchive(TEST_DOCUMENT, build(), (done, total) => progress.push([done, total])));
    const answers = archiveJsonFile("answers.json", { claims: [{ id: "c1", likelihood: 0.7 }] });
    expect(progress.at(-1)).toEqual([evidence.length + (answers.kind === "json" ? answers.bytes.length : 0), evidence.length + (answers.kind === "json" ? answers.bytes.length : 0)]);
    for (const reader of [chair, author]) {
      const { result, bytes: file } = await openAs(bytes, reader);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toMatchObject({ format: "attribution-panel/test-document", version: 1, documentId: "doc-0001", round: 1, recipients: [encodeRecipient(chair.encryption.publicKey), encodeRecipient(author.encryption.publicKey)] });
      expect(sha(file("attachments/notes.bin"))).toBe(sha(evidence));
      expect(JSON.parse(text(file("answers.json")))).toEqual({ claims: [{ id: "c1", likelihood: 0.7 }] });
    }
    // What a later document names as the archive it answers: the SHA-256 of the manifest's signed bytes.
    const plain = await decryptBytes(bytes, [{ kind: "x25519", secretKey: chair.encryption.secretKey }]);
    const size = plain.ok ? parseInt(text(plain.value.subarray(124, 135)), 8) : 0;
    const opened = await openAs(bytes);
    expect(opened.result.ok && plain.ok && manifestSha256(opened.result.value)).toBe(plain.ok ? sha(plain.value.subarray(512, 512 + size)) : "");
    let signer: string | undefined;
    const seen = await openSignedArchive(TEST_DOCUMENT, stream(bytes), chair.encryption.secretKey, (_m, s) => ((signer = s.fingerprint), ok(undefined)), collecting().sink);
    expect(seen.ok && signer).toBe(seen.ok ? seen.value.sender.fingerprint : "");
  });

  it("the check refuses with its own typed error before any file is read", async () => {
    const bytes = await readAllBytes(writeSignedArchive(TEST_DOCUMENT, build()));
    const c = collecting();
    const refused = await openSignedArchive(TEST_DOCUMENT, stream(bytes), chair.encryption.secretKey, (m) => err({ kind: "not-the-expected-seat" as const, round: m.round }), c.sink);
    expect(refused).toEqual({ ok: false, error: { kind: "not-the-expected-seat", round: 1 } });
    expect(c.files.size).toBe(0);
  });

  it("is not addressed to a stranger; another format is 'not this format'; a later version is newer", async () => {
    const bytes = await readAllBytes(writeSignedArchive(TEST_DOCUMENT, build()));
    expect((await openAs(bytes, stranger)).result).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
    const OTHER = defineSignedArchive({ name: "attribution-panel/other", version: 1, namespace: SIGNATURE_NAMESPACES.scoresheet, extra: {} });
    expect(await openSignedArchive(OTHER, stream(bytes), chair.encryption.secretKey, () => ok(undefined), collecting().sink)).toEqual({ ok: false, error: { kind: "not-this-format", reason: "other-format" } });
    const LATER = defineSignedArchive({ ...TEST_DOCUMENT, version: 2, extra: { documentId: z.string(), round: z.number() } });
    const later = await readAllBytes(writeSignedArchive(LATER, { ...build(), fields: { documentId: "doc-0001", round: 1 } }));
    expect((await openAs(later)).result).toEqual({ ok: false, error: { kind: "newer-version", version: 2 } });
  });

  it("a signature in another namespace does not verify, even over the same manifest", async () => {
    const SAME_NAME_OTHER_NAMESPACE = defineSignedArchive({ name: TEST_DOCUMENT.name, version: 1, namespace: SIGNATURE_NAMESPACES.casePacket, extra: { documentId: z.string(), round: z.number() } });
    const bytes = await readAllBytes(writeSignedArchive(SAME_NAME_OTHER_NAMESPACE, build()));
    expect((await openAs(bytes)).result).toMatchObject({ ok: false, error: { kind: "tampered", reason: "signature-invalid", error: { kind: "wrong-namespace" } } });
  });

  it("an extra field may not take a common field's name", () => {
    // @ts-expect-error "recipients" is one of the common fields.
    expect(() => defineSignedArchive({ name: "x", version: 1, namespace: SIGNATURE_NAMESPACES.scoresheet, extra: { recipients: z.string() } })).not.toThrow();
  });
});

describe("plain (unencrypted) signed archives: a person's own signed copy", () => {
  const plainBuild = () => build({ recipients: [] });

  it("round trip: no recipients, the same checks, the same files", async () => {
    const bytes = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, plainBuild()));
    const { result, bytes: file } = await openPlain(bytes);
    expect(result).toMatchObject({ ok: true, value: { documentId: "doc-0001", recipients: [] } });
    expect(sha(file("attachments/notes.bin"))).toBe(sha(evidence));
  });

  it("a plain archive is not an age file, an age archive is not a plain one", async () => {
    const plain = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, plainBuild()));
    expect((await openAs(plain)).result).toEqual({ ok: false, error: { kind: "not-an-age-file", looksLike: "other" } });
    const sealed = await readAllBytes(writeSignedArchive(TEST_DOCUMENT, build()));
    expect((await openPlain(sealed)).result).toEqual({ ok: false, error: { kind: "not-this-format", reason: "not-an-archive" } });
    // A plain archive's manifest may list no recipient; an age archive's must list one.
    const sealedToNobody = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, plainBuild()).pipeThrough(encryptStream([chair.encryption.publicKey])));
    expect((await openAs(sealedToNobody)).result).toMatchObject({ ok: false, error: { kind: "tampered", reason: "manifest-malformed", issues: [{ path: ["recipients"] }] } });
  });

  it("nothing authenticates its length, so zero blocks after the end marker are refused, and a damaged first header is damage, not another format", async () => {
    const bytes = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, plainBuild()));
    expect((await openPlain(concatBytes(bytes, new Uint8Array(512 * 18)))).result).toEqual({ ok: false, error: { kind: "tampered", reason: "archive", problem: { reason: "data-after-end" } } });
    const damaged = bytes.slice();
    damaged[140] = (damaged[140] as number) ^ 1; // inside the manifest header's mtime
    expect((await openPlain(damaged)).result).toEqual({ ok: false, error: { kind: "tampered", reason: "archive", problem: { reason: "checksum-mismatch" } } });
    expect((await openPlain(bytes.subarray(0, 300))).result).toEqual({ ok: false, error: { kind: "truncated", reason: "archive", problem: { reason: "no-end-marker" } } });
    expect((await openPlain(utf8("Minutes of the panel meeting\n"))).result).toEqual({ ok: false, error: { kind: "not-this-format", reason: "not-an-archive" } });
  });

  it("a file altered after signing is refused by its hash", async () => {
    // The same manifest and signature, then an answers.json of the same size but other bytes.
    const original = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, plainBuild()));
    const altered = original.slice();
    const at = Buffer.from(altered).indexOf('"likelihood":0.7') + '"likelihood":0.'.length;
    expect(altered[at]).toBe(0x37);
    altered[at] = 0x38;
    expect((await openPlain(altered)).result).toEqual({ ok: false, error: { kind: "tampered", reason: "file-hash-mismatch", path: "answers.json" } });
  });
});

describe("in-memory archives of JSON files", () => {
  const jsonBuild = (recipients: Uint8Array[]) => ({
    sender: author.signing,
    recipients,
    createdAt: new Date("2026-12-01T08:30:00.000Z"),
    fields: { documentId: "doc-0002", round: 2 },
    files: [
      { path: "scoresheet.json", value: { answers: { c1: "likely" } } },
      { path: "attestation.json", value: { independent: true } },
    ],
  });

  it("packs and unpacks, encrypted and plain", async () => {
    const sealed = await packJsonArchive(TEST_DOCUMENT, jsonBuild([chair.encryption.publicKey]), "encrypted");
    const opened = await unpackJsonArchive(TEST_DOCUMENT, sealed, { kind: "age", identity: chair.encryption.secretKey, myRecipient: encodeRecipient(chair.encryption.publicKey) }, () => ok(undefined));
    expect(opened.ok && Object.fromEntries(opened.value.files)).toEqual({ "scoresheet.json": { answers: { c1: "likely" } }, "attestation.json": { independent: true } });
    expect(opened.ok && opened.value.manifest.round).toBe(2);
    const copy = await packJsonArchive(TEST_DOCUMENT, jsonBuild([]), "plain");
    const read = await unpackJsonArchive(TEST_DOCUMENT, copy, { kind: "plain" }, () => ok(undefined));
    expect(read.ok && [...read.value.files.keys()]).toEqual(["scoresheet.json", "attestation.json"]);
    expect(await unpackJsonArchive(TEST_DOCUMENT, sealed, { kind: "age", identity: stranger.encryption.secretKey }, () => ok(undefined))).toEqual({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("a listed file that is not JSON, or too large, is named", async () => {
    const notJson: ArchiveFile = { path: "scoresheet.json", kind: "json", bytes: utf8('{"a":1,"a":2}') };
    const bytes = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, { ...jsonBuild([]), files: [notJson] }));
    expect(await unpackJsonArchive(TEST_DOCUMENT, bytes, { kind: "plain" }, () => ok(undefined))).toEqual({ ok: false, error: { kind: "invalid-content", reason: "not-json", path: "scoresheet.json" } });
    const copy = await packJsonArchive(TEST_DOCUMENT, jsonBuild([]), "plain");
    expect(await unpackJsonArchive(TEST_DOCUMENT, copy, { kind: "plain" }, () => ok(undefined), { maxFileBytes: 10 })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "file-too-large", path: "scoresheet.json" } });
  });
});

describe("property: any byte flip, truncation or extension is refused with a typed error, never a throw", () => {
  const KINDS: readonly SignedArchiveError["kind"][] = ["not-an-age-file", "not-addressed-to-you", "not-this-format", "unsupported-archive", "newer-version", "truncated", "tampered"];
  const change = (size: number) =>
    fc.oneof(
      fc.record({ kind: fc.constant("flip" as const), at: fc.integer({ min: 0, max: size - 1 }), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.integer({ min: 0, max: size - 1 }) }),
      fc.record({ kind: fc.constant("extend" as const), extra: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 20 }).map((blocks) => new Uint8Array(512 * blocks))) }),
    );
  type Change = { kind: "flip"; at: number; bit: number } | { kind: "cut"; at: number } | { kind: "extend"; extra: Uint8Array };
  const apply = (bytes: Uint8Array, c: Change) =>
    c.kind === "flip" ? bytes.map((b, i) => (i === c.at ? b ^ (1 << c.bit) : b)) : c.kind === "cut" ? bytes.subarray(0, c.at) : concatBytes(bytes, c.extra);
  const small = () => build({ files: [archiveJsonFile("answers.json", { t: "x".repeat(700) }), streamed("attachments/a", evidence.subarray(0, 1500))] });

  it("an age archive", async () => {
    const bytes = await readAllBytes(writeSignedArchive(TEST_DOCUMENT, small()));
    expect((await openAs(bytes)).result.ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(change(bytes.length), async (c) => {
        const { result } = await openAs(apply(bytes, c));
        return !result.ok && KINDS.includes(result.error.kind);
      }),
      { numRuns: 150 },
    );
  });

  it("a plain archive", async () => {
    const bytes = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, { ...small(), recipients: [] }));
    expect((await openPlain(bytes)).result.ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(change(bytes.length), async (c) => {
        const { result } = await openPlain(apply(bytes, c));
        return !result.ok && KINDS.includes(result.error.kind);
      }),
      { numRuns: 300 },
    );
  });

  it("every byte the signature does not cover (headers, padding, end marker) and every 11th byte of the rest, flipped in turn", async () => {
    const bytes = await readAllBytes(writePlainSignedArchive(TEST_DOCUMENT, { ...small(), files: [archiveJsonFile("a.json", { ok: 1 })], recipients: [] }));
    const unsigned = new Set<number>();
    let block = 0;
    for (;;) {
      const size = parseInt(text(bytes.subarray(block + 124, block + 135)), 8);
      if (!(size >= 0)) break;
      for (let i = block; i < block + 512; i++) unsigned.add(i);
      const end = block + 512 + size;
      block = end + ((512 - (size % 512)) % 512);
      for (let i = end; i < block; i++) unsigned.add(i);
    }
    for (let i = block; i < bytes.length; i++) unsigned.add(i);
    expect(unsigned.size).toBeGreaterThan(4 * 512 + 1024);
    const kinds = new Set<string>();
    for (let at = 0; at < bytes.length; at++) {
      if (!unsigned.has(at) && at % 11 !== 0) continue;
      const { result } = await openPlain(apply(bytes, { kind: "flip", at, bit: at % 8 }));
      expect(result.ok, `flip at ${at}`).toBe(false);
      if (!result.ok) kinds.add(result.error.kind);
    }
    expect([...kinds].filter((k) => !KINDS.includes(k as SignedArchiveError["kind"]))).toEqual([]);
    expect(kinds.has("tampered")).toBe(true);
  });
});

describe("a manifest's signature is checked before the manifest is parsed", () => {
  it("an unsigned manifest of this format is tampered; one of another format is not this format", async () => {
    const tar = (...files: [string, Uint8Array][]) => concatBytes(...files.flatMap(([path, bytes]) => [tarHeader(path, bytes.length, 0), bytes, tarPadding(bytes.length)]), TAR_END);
    const manifest = utf8('{"format":"attribution-panel/test-document","version":1}');
    expect((await openPlain(tar(["manifest.json", manifest], ["manifest.json.sig", utf8("x")]))).result).toMatchObject({ ok: false, error: { kind: "tampered", reason: "signature-invalid" } });
    const other = utf8('{"format":"attribution-panel/case-packet","version":1}');
    expect((await openPlain(tar(["manifest.json", other], ["manifest.json.sig", utf8(signSshsig(other, author.signing, SIGNATURE_NAMESPACES.scoresheet))]))).result).toEqual({ ok: false, error: { kind: "not-this-format", reason: "other-format" } });
  });
});

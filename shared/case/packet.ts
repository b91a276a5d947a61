/**
 * The case packet: one file per panelist, carried on removable media.
 *
 *   packet.age = age v1, X25519, to the panelist and to the secretariat (its archive)
 *     └ POSIX ustar archive, in this order:
 *        manifest.json          canonical JSON (RFC 8785): packet id, case id, sender key and
 *                               fingerprint, recipients, creation time, per-sender sequence
 *                               number, and every other file's path, size and SHA-256
 *        manifest.json.sig      SSHSIG (namespace case-packet@attribution-panel) over manifest.json
 *        case.json, rubric.json, roster/*.card.json, attachments/<sha256>
 *
 * So a panelist can check a packet without this app:
 *   age -d -i me.txt packet.age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I secretariat -n case-packet@attribution-panel -s manifest.json.sig < manifest.json
 *   and compare `sha256sum` of each file with the manifest.
 *
 * Writing streams (one attachment at a time, memory bounded). Reading checks
 * the manifest's signature before it looks at any other file, then every
 * file's size and SHA-256 as it streams by; the caller stages what it reads
 * and commits only when `openPacket` resolves.
 */
import { z } from "../validation/zod";
import { createSha256, sha256, toHex, type Ed25519KeyPair } from "../crypto/sodium";
import { bytesEqual, concatBytes, fromUtf8 } from "../encoding/bytes";
import type { AgeError } from "../formats/age/errors";
import { ageErrorOf, decryptStream, encodeRecipient, encryptStream, parseRecipient, truncationByLength } from "../formats/age/age";
import { ARMOR_BEGIN } from "../formats/age/armor";
import { VERSION_LINE } from "../formats/age/header";
import { mustCanonicalJson, parseCanonicalJson } from "../formats/jcs";
import { parseOpenSshPublicKey, sshFingerprint, toOpenSshPublicKey } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES, signSshsig, verifySshsig, type SignatureError } from "../formats/sshsig";
import { readTar, TAR_END, tarEntryBytes, tarHeader, tarPadding, TarError, type TarFormat, type TarProblem } from "../formats/tar";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";

export const PACKET_FORMAT = "attribution-panel/case-packet";
export const MANIFEST_PATH = "manifest.json";
export const SIGNATURE_PATH = "manifest.json.sig";
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** A manifest whose signature does not hold is read for what it claims to be (another format, a newer version) only up to this size. */
const MAX_SNIFFED_MANIFEST_BYTES = 64 * 1024;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * The largest packet number a manifest may carry (2³¹ − 1): far beyond what a secretariat sends in a lifetime,
 * and far below the numbers that would make every later packet look old (a packet numbered 2⁵³ − 1 once did).
 */
export const MAX_PACKET_SEQUENCE = 2 ** 31 - 1;
/**
 * How far beyond the last packet seen from a secretariat a packet may be numbered without the person's confirmation.
 * A secretariat numbers every packet it sends, to every panelist, so gaps are normal; a gap this large is not.
 */
export const MAX_SEQUENCE_JUMP = 10_000;
export const ManifestSchema = z.strictObject({
  format: z.literal(PACKET_FORMAT),
  version: z.literal(1),
  packetId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  sender: z.strictObject({ signingKey: z.string().max(200), fingerprint: z.string().max(100) }),
  recipients: z.array(z.string().max(200)).min(1).max(16),
  createdAt: z.iso.datetime(),
  sequence: z.number().int().positive().max(MAX_PACKET_SEQUENCE),
  files: z
    .array(z.strictObject({ path: z.string().max(100), size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), sha256: sha256Hex }))
    .max(100_000),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export type PacketFile =
  | { readonly path: string; readonly kind: "json"; readonly bytes: Uint8Array }
  | {
      readonly path: string;
      readonly kind: "stream";
      readonly size: number;
      readonly sha256: string;
      readonly open: () => Promise<ReadableStream<Uint8Array>>;
      /** The source itself errors unless it delivers exactly `size` bytes with this SHA-256 (a vault attachment does), so hashing it again is skipped. */
      readonly selfVerifying?: boolean;
    };

export type PacketBuild = {
  readonly packetId: string;
  readonly caseId: string;
  readonly sender: Ed25519KeyPair;
  /** X25519 public keys: the panelist's and the secretariat's own. */
  readonly recipients: readonly Uint8Array[];
  readonly createdAt: Date;
  readonly sequence: number;
  readonly files: readonly PacketFile[];
};

/** A JSON file for a packet, in canonical form. */
export const jsonFile = (path: string, value: unknown): PacketFile => ({ path, kind: "json", bytes: mustCanonicalJson(value, `the packet part ${path}`) });

export function buildManifest(build: Omit<PacketBuild, "files"> & { readonly files: readonly PacketFile[] }): Manifest {
  return {
    format: PACKET_FORMAT,
    version: 1,
    packetId: build.packetId,
    caseId: build.caseId,
    sender: { signingKey: toOpenSshPublicKey(build.sender.publicKey), fingerprint: sshFingerprint(build.sender.publicKey) },
    recipients: build.recipients.map((r) => encodeRecipient(r)),
    createdAt: build.createdAt.toISOString(),
    sequence: build.sequence,
    files: build.files.map((f) => (f.kind === "json" ? { path: f.path, size: f.bytes.length, sha256: toHex(sha256(f.bytes)) } : { path: f.path, size: f.size, sha256: f.sha256 })),
  };
}

/**
 * The packet as a stream of age ciphertext. A streamed file that turns out
 * to differ from its announced size or SHA-256 errors the stream: a packet
 * never goes out with a manifest that lies.
 */
export function buildPacket(build: PacketBuild, onProgress?: (done: number, total: number) => void): ReadableStream<Uint8Array> {
  const manifest = buildManifest(build);
  const manifestBytes = mustCanonicalJson(manifest, "the manifest");
  const signature = new TextEncoder().encode(signSshsig(manifestBytes, build.sender, SIGNATURE_NAMESPACES.casePacket));
  const mtime = Math.floor(build.createdAt.getTime() / 1000);
  const total = manifest.files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  const steps: (() => AsyncGenerator<Uint8Array>)[] = [];
  /** A file held in memory; the manifest's files count towards progress. */
  const small = (path: string, bytes: Uint8Array, counted: boolean) =>
    async function* () {
      yield concatBytes(tarHeader(path, bytes.length, mtime), bytes, tarPadding(bytes.length));
      if (!counted) return;
      done += bytes.length;
      onProgress?.(done, total);
    };
  steps.push(small(MANIFEST_PATH, manifestBytes, false), small(SIGNATURE_PATH, signature, false));
  for (const file of build.files) {
    if (file.kind === "json") {
      steps.push(small(file.path, file.bytes, true));
      continue;
    }
    steps.push(async function* () {
      yield tarHeader(file.path, file.size, mtime);
      const hash = createSha256();
      let size = 0;
      const reader = (await file.open()).getReader();
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        if (!file.selfVerifying) hash.update(next.value);
        size += next.value.length;
        if (size > file.size) throw new Error(`${file.path} is longer than announced`);
        done += next.value.length;
        onProgress?.(done, total);
        yield next.value;
      }
      if (size !== file.size || (!file.selfVerifying && toHex(hash.digest()) !== file.sha256)) throw new Error(`${file.path} does not match its recorded size and SHA-256`);
      yield tarPadding(file.size);
    });
  }
  steps.push(async function* () {
    yield TAR_END;
  });
  const parts = (async function* () {
    for (const step of steps) yield* step();
  })();
  const plain = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await parts.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (e) {
          controller.error(e);
        }
      },
      async cancel() {
        await parts.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return plain.pipeThrough(encryptStream(build.recipients));
}

/** What a file that is not an age v1 binary file looks like instead. */
export type NotAgeFile = "empty" | "armored-age" | "other-age-version" | "other";
/** Why an age file addressed to you is still not a case packet. */
export type NotCasePacket = "not-an-archive" | "no-manifest" | "other-format";

/** How a packet's files show they were altered after signing: values, worded by the interface. */
export type PacketTamper =
  | {
      readonly reason:
        | "manifest-too-large"
        | "signature-missing"
        | "manifest-not-canonical"
        | "sender-key-invalid"
        | "signature-not-text"
        | "fingerprint-mismatch"
        | "recipient-invalid"
        | "file-listed-twice";
    }
  /** `path`: the file in the archive (as the archive names it). */
  | { readonly reason: "file-out-of-order" | "file-size-mismatch" | "file-hash-mismatch"; readonly path: string }
  | { readonly reason: "manifest-malformed"; readonly issues: Issue[] }
  | { readonly reason: "signature-invalid"; readonly error: SignatureError }
  /** The archive inside the (authenticated) encryption is malformed. */
  | { readonly reason: "archive"; readonly problem: TarProblem }
  /** The encryption layer refused the file. */
  | { readonly reason: "encryption"; readonly error: AgeError };

/** The archive problems that say an archive ends early. */
type TarTruncation = { readonly reason: "no-end-marker" | "end-marker-truncated" } | { readonly reason: "entry-truncated"; readonly path: string };
const isTarTruncation = (problem: TarProblem): problem is TarTruncation => problem.reason === "no-end-marker" || problem.reason === "end-marker-truncated" || problem.reason === "entry-truncated";

/** How a packet ends early. */
export type PacketTruncation =
  | { readonly reason: "encryption"; readonly error: AgeError }
  | { readonly reason: "files-missing"; readonly count: number }
  /** The encryption is whole, but the archive inside it ends early. */
  | { readonly reason: "archive"; readonly problem: TarTruncation };

/**
 * Why a file was refused as a case packet, in the order it is checked: not
 * an age file at all, an age file for someone else, an age file for you that
 * holds something else, a case packet of a newer format, then the checks of
 * a case packet (integrity, signer, freshness).
 */
export type PacketError =
  | { readonly kind: "not-an-age-file"; readonly looksLike: NotAgeFile }
  | { readonly kind: "not-addressed-to-you" }
  | { readonly kind: "not-a-case-packet"; readonly reason: NotCasePacket }
  /** An age file for you holding a pax or GNU tar archive (what stock tools make by default), not ustar. */
  | { readonly kind: "unsupported-archive"; readonly format: TarFormat }
  | { readonly kind: "newer-version"; readonly version: number }
  | ({ readonly kind: "truncated" } & PacketTruncation)
  | ({ readonly kind: "tampered" } & PacketTamper)
  | { readonly kind: "unknown-signer"; readonly fingerprint: string; readonly signingKey: string; readonly manifest: Manifest }
  /** The very packet last imported for this case (same number from the same secretariat). */
  | { readonly kind: "already-imported"; readonly sequence: number; readonly importedAt: string }
  /** Older than the packet last imported for this case. */
  | { readonly kind: "replayed"; readonly sequence: number; readonly lastSeen: number }
  /** A packet for a case first received from another secretariat (`owner`): a received case belongs to the secretariat that first sent it. */
  | { readonly kind: "case-from-other-sender"; readonly owner: string; readonly sender: string }
  /** Numbered more than MAX_SEQUENCE_JUMP beyond the last packet seen from this secretariat (`lastSeen`); imported only once the person confirms. */
  | { readonly kind: "sequence-jump"; readonly sequence: number; readonly lastSeen: number }
  | { readonly kind: "cancelled" };

const startsWithText = (bytes: Uint8Array, text: string): boolean => {
  const expected = new TextEncoder().encode(text);
  return bytes.length >= expected.length && expected.every((b, i) => bytes[i] === b);
};

/** What the first bytes of a file that age refused as not being age v1 binary look like. */
export function notAgeFile(head: Uint8Array): NotAgeFile {
  if (head.length === 0) return "empty";
  let start = 0;
  while (start < head.length && (head[start] === 0x20 || head[start] === 0x09 || head[start] === 0x0a || head[start] === 0x0d)) start++;
  if (startsWithText(head.subarray(start), ARMOR_BEGIN)) return "armored-age";
  if (startsWithText(head, "age-encryption.org/") && !startsWithText(head, `${VERSION_LINE}\n`)) return "other-age-version";
  return "other";
}

const HEAD_BYTES = 64;
/** Passes `stream` through unchanged, keeping its first bytes for `notAgeFile`. */
function keepHead(stream: ReadableStream<Uint8Array>): { stream: ReadableStream<Uint8Array>; head: () => Uint8Array } {
  let head = new Uint8Array(0);
  const passed = stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (head.length < HEAD_BYTES) head = concatBytes(head, chunk.subarray(0, HEAD_BYTES - head.length));
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream: passed, head: () => head };
}

/** What the reader decides about a verified manifest before any other file is read. */
export type ManifestCheck = (manifest: Manifest, signer: { fingerprint: string; publicKey: Uint8Array }) => Result<void, PacketError> | Promise<Result<void, PacketError>>;

export type PacketSink = {
  /** A file listed in the manifest starts; its bytes follow through `data`. */
  begin(path: string, size: number): Promise<void> | void;
  data(chunk: Uint8Array): Promise<void> | void;
  /** Its size and SHA-256 matched the manifest. */
  end(path: string, sha256: string): Promise<void> | void;
};

class PacketRefused extends Error {
  constructor(readonly error: PacketError) {
    super("packet refused");
  }
}

/**
 * Reads and verifies a packet: decrypts with `identity` (an X25519 secret
 * key), checks the manifest's signature, lets `check` decide on the signer
 * and sequence (pinning, replay), then streams every file to `sink` while
 * checking its size and hash; extra, missing or reordered files are refused.
 * Resolves to the manifest only if everything checked out.
 */
export async function openPacket(
  packet: ReadableStream<Uint8Array>,
  identity: Uint8Array,
  check: ManifestCheck,
  sink: PacketSink,
  options: { readonly signal?: AbortSignal; readonly myRecipient?: string } = {},
): Promise<Result<Manifest, PacketError>> {
  let manifest: Manifest | undefined;
  let manifestBytes: Uint8Array | undefined;
  let expected: Manifest["files"] = [];
  let index = -1;
  let current: { path: string; hash: ReturnType<typeof createSha256>; size: number } | undefined;
  let collected: Uint8Array[] = [];
  /** Once the manifest is verified: the least plaintext the packet holds (its archive as the manifest describes it). */
  let plaintextBytes: number | undefined;
  const fail = (error: PacketError): never => {
    throw new PacketRefused(error);
  };
  const input = keepHead(packet);

  try {
    await readTar(input.stream.pipeThrough(decryptStream([{ kind: "x25519", secretKey: identity }], { armor: false })), {
      begin(entry) {
        if (options.signal?.aborted) fail({ kind: "cancelled" });
        index++;
        if (index === 0) {
          if (entry.path !== MANIFEST_PATH) fail({ kind: "not-a-case-packet", reason: "no-manifest" });
          if (entry.size > MAX_MANIFEST_BYTES) fail({ kind: "tampered", reason: "manifest-too-large" });
          collected = [];
          return;
        }
        if (index === 1) {
          if (entry.path !== SIGNATURE_PATH || entry.size > 4096) fail({ kind: "tampered", reason: "signature-missing" });
          collected = [];
          return;
        }
        const listed = expected[index - 2];
        if (!listed || listed.path !== entry.path) fail({ kind: "tampered", reason: "file-out-of-order", path: entry.path });
        if (listed && listed.size !== entry.size) fail({ kind: "tampered", reason: "file-size-mismatch", path: entry.path });
        current = { path: entry.path, hash: createSha256(), size: entry.size };
        return sink.begin(entry.path, entry.size);
      },
      async data(chunk) {
        if (index <= 1) {
          collected.push(chunk.slice());
          return;
        }
        current?.hash.update(chunk);
        await sink.data(chunk);
      },
      async end(entry) {
        if (index === 0) {
          manifestBytes = concatBytes(...collected);
          return;
        }
        if (index === 1) {
          const bytes = manifestBytes as Uint8Array;
          // The signature covers the manifest's bytes, and names its key: it is checked before the manifest is parsed,
          // so a forged manifest costs one hash, not the parse of up to 4 MiB of JSON.
          const armored = fromUtf8(concatBytes(...collected)) ?? fail({ kind: "tampered", reason: "signature-not-text" });
          const verified = verifySshsig(armored, bytes, { namespace: SIGNATURE_NAMESPACES.casePacket });
          // What the manifest says it is (any JSON) decides between "not ours" and "ours, newer" — looked at only when the
          // signature holds, or when the manifest is small enough to look at cheaply.
          if (verified.ok || bytes.length <= MAX_SNIFFED_MANIFEST_BYTES) {
            const head = z.looseObject({ format: z.literal(PACKET_FORMAT), version: z.unknown() }).safeParse(looseJson(bytes));
            if (!head.success) fail({ kind: "not-a-case-packet", reason: "other-format" });
            const version = head.success ? head.data.version : undefined;
            if (typeof version === "number" && Number.isSafeInteger(version) && version > 1) fail({ kind: "newer-version", version });
          }
          if (!verified.ok) fail({ kind: "tampered", reason: "signature-invalid", error: verified.error });
          const parsed = parseCanonicalJson(bytes);
          if (!parsed.ok) fail({ kind: "tampered", reason: "manifest-not-canonical" });
          const m = ManifestSchema.safeParse(parsed.ok ? parsed.value : undefined);
          if (!m.success) fail({ kind: "tampered", reason: "manifest-malformed", issues: issuesOf(m.error) });
          const value = m.data as Manifest;
          const key = parseOpenSshPublicKey(value.sender.signingKey);
          if (!key.ok) fail({ kind: "tampered", reason: "sender-key-invalid" });
          const signer = key.ok ? key.value.publicKey : new Uint8Array(0);
          // The key that signed must be the one the manifest names as its sender.
          if (verified.ok && !bytesEqual(verified.value.publicKey, signer)) fail({ kind: "tampered", reason: "signature-invalid", error: { kind: "unknown-key", fingerprint: verified.value.fingerprint } });
          if (sshFingerprint(signer) !== value.sender.fingerprint) fail({ kind: "tampered", reason: "fingerprint-mismatch" });
          for (const r of value.recipients) if (!parseRecipient(r).ok) fail({ kind: "tampered", reason: "recipient-invalid" });
          if (options.myRecipient && !value.recipients.includes(options.myRecipient)) fail({ kind: "not-addressed-to-you" });
          const paths = new Set(value.files.map((f) => f.path));
          if (paths.size !== value.files.length || paths.has(MANIFEST_PATH) || paths.has(SIGNATURE_PATH)) fail({ kind: "tampered", reason: "file-listed-twice" });
          const decided = await check(value, { fingerprint: value.sender.fingerprint, publicKey: signer });
          if (!decided.ok) fail(decided.error);
          manifest = value;
          expected = value.files;
          plaintextBytes = tarEntryBytes(bytes.length) + tarEntryBytes(entry.size) + value.files.reduce((n, f) => n + tarEntryBytes(f.size), 0) + TAR_END.length;
          return;
        }
        const listed = expected[index - 2] as Manifest["files"][number];
        const digest = toHex((current as NonNullable<typeof current>).hash.digest());
        if (digest !== listed.sha256) fail({ kind: "tampered", reason: "file-hash-mismatch", path: entry.path });
        current = undefined;
        await sink.end(entry.path, digest);
      },
    });
  } catch (e) {
    if (e instanceof PacketRefused) return err(e.error);
    if (e instanceof TarError) {
      const problem = e.problem;
      if (problem.reason === "unsupported-format") return err({ kind: "unsupported-archive", format: problem.format });
      // The age layer authenticated what it decrypted: an archive broken before its first entry was made that way, not damaged on the way.
      if (index < 0) return err({ kind: "not-a-case-packet", reason: "not-an-archive" });
      return err(isTarTruncation(problem) ? { kind: "truncated", reason: "archive", problem } : { kind: "tampered", reason: "archive", problem });
    }
    // A last chunk that does not authenticate, in a file too short for what its signed manifest lists, was cut short.
    const cut = plaintextBytes === undefined ? undefined : truncationByLength(e, plaintextBytes);
    if (cut) return err({ kind: "truncated", reason: "encryption", error: cut });
    const age = ageErrorOf(e);
    if (age) {
      const head = input.head();
      if (age.kind === "unsupported-version") return err({ kind: "not-an-age-file", looksLike: notAgeFile(head) });
      // A file that ends within "age-encryption.org/v1" (an empty one included) is no age file either.
      if (age.kind === "truncated" && age.part === "header" && head.length <= VERSION_LINE.length) return err({ kind: "not-an-age-file", looksLike: notAgeFile(head) });
      if (age.kind === "not-a-recipient") return err({ kind: "not-addressed-to-you" });
      if (age.kind === "truncated") return err({ kind: "truncated", reason: "encryption", error: age });
      return err({ kind: "tampered", reason: "encryption", error: age });
    }
    throw e;
  }
  // An archive that ends (authenticated) before any manifest holds something else.
  if (!manifest) return err(index < 0 ? { kind: "not-a-case-packet", reason: "no-manifest" } : { kind: "tampered", reason: "signature-missing" });
  if (index - 1 !== expected.length) return err({ kind: "truncated", reason: "files-missing", count: expected.length - (index - 1) });
  return ok(manifest);
}

/** Any JSON value, or undefined: only to tell what a manifest claims to be before the strict checks. */
function looseJson(bytes: Uint8Array): unknown {
  const text = fromUtf8(bytes);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

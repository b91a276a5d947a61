/**
 * The signed archive: the one container every document this app exchanges
 * is carried in (case packets, scoresheets, and what follows them).
 *
 *   <name>.age = age v1, X25519, to every recipient the manifest lists
 *     └ POSIX ustar archive, in this order:
 *        manifest.json          canonical JSON (RFC 8785): format and version, sender key and fingerprint,
 *                               recipients, creation time, the format's own fields, and every other file's
 *                               path, size and SHA-256
 *        manifest.json.sig      SSHSIG over manifest.json, in the format's namespace
 *        the files the manifest lists, in its order
 *
 * A person's own signed copy of a document is the same ustar archive without
 * the age layer (its manifest lists no recipient): `writePlainSignedArchive` /
 * `openPlainSignedArchive`. So either can be checked without this app:
 *   age -d -i me.txt doc.age | tar -x        (or tar -xf doc.tar)
 *   ssh-keygen -Y verify -f allowed_signers -I sender -n <namespace> -s manifest.json.sig < manifest.json
 *   and compare `sha256sum` of each file with the manifest.
 *
 * A format is data (`defineSignedArchive`): its name, version, signature
 * namespace and the extra manifest fields it carries. Writing streams (one
 * file at a time, memory bounded). Reading checks the manifest's signature
 * before it parses the manifest, lets the caller decide on the signer (a
 * `check` that may refuse with its own errors) before any other file is
 * read, then checks every file's size and SHA-256 as it streams by; the
 * caller stages what it reads and commits only when the read resolves.
 * Every refusal is a value (`SignedArchiveError`, or the check's own).
 */
import { z } from "../validation/zod";
import { createSha256, sha256, toHex, type Ed25519KeyPair } from "../crypto/sodium";
import { bytesEqual, concatBytes, fromUtf8 } from "../encoding/bytes";
import { err, ok, type Result } from "../result";
import { issuesOf, type Issue } from "../validation/issues";
import type { AgeError } from "./age/errors";
import { ageErrorOf, decryptStream, encodeRecipient, encryptStream, parseRecipient, truncationByLength } from "./age/age";
import { ARMOR_BEGIN } from "./age/armor";
import { VERSION_LINE } from "./age/header";
import { mustCanonicalJson, parseCanonicalJson } from "./jcs";
import { parseOpenSshPublicKey, sshFingerprint, toOpenSshPublicKey } from "./openssh-key";
import { signSshsig, verifySshsig, type SignatureError, type SignatureNamespace } from "./sshsig";
import { readTar, TAR_END, tarEntryBytes, tarHeader, tarPadding, TarError, type TarFormat, type TarProblem } from "./tar";

export const MANIFEST_PATH = "manifest.json";
export const SIGNATURE_PATH = "manifest.json.sig";
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** A manifest whose signature does not hold is read for what it claims to be (another format, a newer version) only up to this size. */
const MAX_SNIFFED_MANIFEST_BYTES = 64 * 1024;
/** Our signatures are about 300 bytes of armored text. */
const MAX_SIGNATURE_BYTES = 4096;
export const MAX_RECIPIENTS = 16;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The manifest fields every signed archive carries; `minRecipients`: 1 for an age archive, 0 for a plain (unencrypted) one. */
function commonShape<N extends string, V extends number>(name: N, version: V, minRecipients: 0 | 1) {
  return {
    format: z.literal(name),
    version: z.literal(version),
    sender: z.strictObject({ signingKey: z.string().max(200), fingerprint: z.string().max(100) }),
    recipients: z.array(z.string().max(200)).min(minRecipients).max(MAX_RECIPIENTS),
    createdAt: z.iso.datetime(),
    files: z
      .array(z.strictObject({ path: z.string().max(100), size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), sha256: sha256Hex }))
      .max(100_000),
  };
}
type CommonShape<N extends string, V extends number> = ReturnType<typeof commonShape<N, V>>;
type ManifestSchemaOf<N extends string, V extends number, X extends z.ZodRawShape> = z.ZodObject<CommonShape<N, V> & X, z.core.$strict>;

export type SignedArchiveFormat<N extends string = string, V extends number = number, X extends z.ZodRawShape = z.ZodRawShape> = {
  /** What the manifest's `format` says, e.g. "attribution-panel/case-packet". */
  readonly name: N;
  /** The one version this app writes and reads; a manifest of a later one is "newer-version". */
  readonly version: V;
  /** The SSHSIG namespace the manifest is signed in (one of SIGNATURE_NAMESPACES). */
  readonly namespace: SignatureNamespace;
  /** The manifest of an age archive (at least one recipient). */
  readonly manifest: ManifestSchemaOf<N, V, X>;
  /** The manifest of a plain (unencrypted) archive: the same fields, recipients may be none. */
  readonly plainManifest: ManifestSchemaOf<N, V, X>;
};

/** A format's manifest, as read (and as written). */
export type ManifestOf<F extends SignedArchiveFormat> = z.output<F["manifest"]>;
/** The fields a format adds to the common ones, as the writer is given them. */
export type ExtrasOf<F extends SignedArchiveFormat> = Omit<z.input<F["manifest"]>, keyof CommonShape<string, number>>;
/** One file of a manifest: its path, size and SHA-256 (hex). */
export type ArchiveFileEntry = { path: string; size: number; sha256: string };
/** The fields every manifest has, whatever its format. */
export type CommonManifest = z.output<z.ZodObject<CommonShape<string, number>>>;

/**
 * A format: its name, version, namespace, and the zod shape of the fields
 * its manifest adds to the common ones (format, version, sender, recipients,
 * createdAt, files). An extra field may not reuse a common field's name.
 */
export function defineSignedArchive<const N extends string, const V extends number, X extends z.ZodRawShape>(spec: {
  readonly name: N;
  readonly version: V;
  readonly namespace: SignatureNamespace;
  readonly extra: X & { readonly [K in keyof CommonShape<N, V>]?: never };
}): SignedArchiveFormat<N, V, X> {
  const schema = (minRecipients: 0 | 1) => z.strictObject({ ...commonShape(spec.name, spec.version, minRecipients), ...spec.extra }) as unknown as ManifestSchemaOf<N, V, X>;
  return { name: spec.name, version: spec.version, namespace: spec.namespace, manifest: schema(1), plainManifest: schema(0) };
}

// --- writing -------------------------------------------------------------------

export type ArchiveFile =
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

/** A JSON file for an archive, in canonical form; `what` names it if it has none (a bug). */
export const archiveJsonFile = (path: string, value: unknown, what = `the archive part ${path}`): ArchiveFile => ({ path, kind: "json", bytes: mustCanonicalJson(value, what) });

export type ArchiveBuild<F extends SignedArchiveFormat> = {
  readonly sender: Ed25519KeyPair;
  /** X25519 public keys the archive is encrypted to (none for a plain archive). */
  readonly recipients: readonly Uint8Array[];
  readonly createdAt: Date;
  /** The format's own manifest fields. */
  readonly fields: ExtrasOf<F>;
  readonly files: readonly ArchiveFile[];
};

/** The manifest of an archive about to be written (not validated: a test may write what a reader must refuse). */
export function buildArchiveManifest<F extends SignedArchiveFormat>(format: F, build: ArchiveBuild<F>): ManifestOf<F> {
  const common = {
    format: format.name,
    version: format.version,
    sender: { signingKey: toOpenSshPublicKey(build.sender.publicKey), fingerprint: sshFingerprint(build.sender.publicKey) },
    recipients: build.recipients.map((r) => encodeRecipient(r)),
    createdAt: build.createdAt.toISOString(),
    files: build.files.map((f): ArchiveFileEntry => (f.kind === "json" ? { path: f.path, size: f.bytes.length, sha256: toHex(sha256(f.bytes)) } : { path: f.path, size: f.size, sha256: f.sha256 })),
  };
  return { ...build.fields, ...common } as ManifestOf<F>;
}

/**
 * The SHA-256 (hex) of a manifest's signed bytes: what a later document
 * names as the archive it answers. A manifest read back was verified to be
 * canonical JSON, so its canonical form is exactly the bytes that were signed.
 */
export const manifestSha256 = (manifest: CommonManifest): string => toHex(sha256(mustCanonicalJson(manifest, "the manifest")));

/**
 * The archive as a ustar stream, unencrypted: the bytes an age archive
 * carries, or a person's own signed copy. A streamed file that turns out
 * to differ from its announced size or SHA-256 errors the stream: an
 * archive never goes out with a manifest that lies. `onProgress` counts the
 * listed files' bytes.
 */
export function writePlainSignedArchive<F extends SignedArchiveFormat>(format: F, build: ArchiveBuild<F>, onProgress?: (done: number, total: number) => void): ReadableStream<Uint8Array> {
  const manifest = buildArchiveManifest(format, build) as CommonManifest;
  const manifestBytes = mustCanonicalJson(manifest, "the manifest");
  const signature = new TextEncoder().encode(signSshsig(manifestBytes, build.sender, format.namespace));
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
  return new ReadableStream<Uint8Array>(
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
}

/** The archive as a stream of age ciphertext, to `build.recipients` (at least one). */
export function writeSignedArchive<F extends SignedArchiveFormat>(format: F, build: ArchiveBuild<F>, onProgress?: (done: number, total: number) => void): ReadableStream<Uint8Array> {
  return writePlainSignedArchive(format, build, onProgress).pipeThrough(encryptStream(build.recipients));
}

// --- errors --------------------------------------------------------------------

/** What a file that is not an age v1 binary file looks like instead. */
export type NotAgeFile = "empty" | "armored-age" | "other-age-version" | "other";
/** Why a file (decrypted, for an age archive) is still not an archive of the expected format. */
export type NotThisFormat = "not-an-archive" | "no-manifest" | "other-format";

/** How an archive's files show they were altered after signing: values, worded by the interface. */
export type ArchiveTamper =
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
  /** The archive is malformed (inside the authenticated encryption, or a plain archive). */
  | { readonly reason: "archive"; readonly problem: TarProblem }
  /** The encryption layer refused the file. */
  | { readonly reason: "encryption"; readonly error: AgeError };

/** The archive problems that say an archive ends early. */
type TarTruncation = { readonly reason: "no-end-marker" | "end-marker-truncated" } | { readonly reason: "entry-truncated"; readonly path: string };
const isTarTruncation = (problem: TarProblem): problem is TarTruncation => problem.reason === "no-end-marker" || problem.reason === "end-marker-truncated" || problem.reason === "entry-truncated";

/** How an archive ends early. */
export type ArchiveTruncation =
  | { readonly reason: "encryption"; readonly error: AgeError }
  | { readonly reason: "files-missing"; readonly count: number }
  /** The encryption is whole (or there is none), but the archive ends early. */
  | { readonly reason: "archive"; readonly problem: TarTruncation };

/**
 * Why a file was refused as a signed archive of a format, in the order it is
 * checked: not an age file at all, an age file for someone else, one for
 * you that holds something else, an archive of a newer version of the
 * format, then the checks of the archive itself (integrity, signature).
 * The `check` a reader is given adds its own refusals (signer, freshness).
 */
export type SignedArchiveError =
  | { readonly kind: "not-an-age-file"; readonly looksLike: NotAgeFile }
  | { readonly kind: "not-addressed-to-you" }
  | { readonly kind: "not-this-format"; readonly reason: NotThisFormat }
  /** A pax or GNU tar archive (what stock tools make by default), not ustar. */
  | { readonly kind: "unsupported-archive"; readonly format: TarFormat }
  | { readonly kind: "newer-version"; readonly version: number }
  | ({ readonly kind: "truncated" } & ArchiveTruncation)
  | ({ readonly kind: "tampered" } & ArchiveTamper)
  | { readonly kind: "cancelled" };
/**
 * Why a signed archive did not open, in the terms a reader can act on (the
 * same for every kind of file): not an age file (a plain signed copy, say);
 * encrypted to other people; another kind of file (`notThisKind`, the name
 * each kind of file gives this reason); written by a newer app; cut short or
 * in an archive form the app does not read; altered; or cancelled.
 */
export function unreadableArchive<K extends string>(
  e: SignedArchiveError,
  notThisKind: K,
): "not-encrypted" | "not-addressed-to-you" | K | "newer-version" | "damaged" | "tampered" | "cancelled" {
  switch (e.kind) {
    case "not-an-age-file":
      return "not-encrypted";
    case "not-addressed-to-you":
      return "not-addressed-to-you";
    case "not-this-format":
      return notThisKind;
    case "newer-version":
      return "newer-version";
    case "truncated":
    case "unsupported-archive":
      return "damaged";
    case "tampered":
      return "tampered";
    case "cancelled":
      return "cancelled";
  }
}
/** What reading a plain archive can refuse with (no age layer). */
export type PlainArchiveError = Exclude<SignedArchiveError, { readonly kind: "not-an-age-file" | "not-addressed-to-you" }>;

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

/** Passes `stream` through unchanged, keeping its first `keep` bytes and counting all of them. */
function observe(stream: ReadableStream<Uint8Array>, keep: number): { stream: ReadableStream<Uint8Array>; head: () => Uint8Array; length: () => number } {
  let head = new Uint8Array(0);
  let length = 0;
  const passed = stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (head.length < keep) head = concatBytes(head, chunk.subarray(0, keep - head.length));
        length += chunk.length;
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream: passed, head: () => head, length: () => length };
}

// --- reading -------------------------------------------------------------------

/** Who signed a manifest whose signature holds. */
export type ArchiveSigner = { readonly fingerprint: string; readonly publicKey: Uint8Array };
/** What the reader decides about a verified manifest before any other file is read (pinning, replay, the expected signer…). */
export type ArchiveCheck<M, E> = (manifest: M, signer: ArchiveSigner) => Result<void, E> | Promise<Result<void, E>>;

export type ArchiveSink = {
  /** A file listed in the manifest starts; its bytes follow through `data`. */
  begin(path: string, size: number): Promise<void> | void;
  data(chunk: Uint8Array): Promise<void> | void;
  /** Its size and SHA-256 matched the manifest. */
  end(path: string, sha256: string): Promise<void> | void;
};

export type ReadOptions = {
  readonly signal?: AbortSignal;
  /** This reader's age recipient: an archive whose manifest does not list it is "not-addressed-to-you". */
  readonly myRecipient?: string;
};

class ArchiveRefused<E> extends Error {
  constructor(readonly error: SignedArchiveError | E) {
    super("signed archive refused");
  }
}

/** Everything in the ustar archive, checked against `format`; throws ArchiveRefused (or what `check` and `sink` throw). */
function archiveReader<F extends SignedArchiveFormat, E>(format: F, encrypted: boolean, check: ArchiveCheck<ManifestOf<F>, E>, sink: ArchiveSink, options: ReadOptions) {
  const schema = encrypted ? format.manifest : format.plainManifest;
  const state = {
    manifest: undefined as ManifestOf<F> | undefined,
    /** Entries begun so far, less one: -1 before the first. */
    index: -1,
    expected: [] as ArchiveFileEntry[],
    /** Once the manifest is verified: the exact length of the archive it describes. */
    archiveBytes: undefined as number | undefined,
  };
  let manifestBytes: Uint8Array | undefined;
  let current: { path: string; hash: ReturnType<typeof createSha256>; size: number } | undefined;
  let collected: Uint8Array[] = [];
  const fail = (error: SignedArchiveError | E): never => {
    throw new ArchiveRefused(error);
  };

  const verifyManifest = async (signatureSize: number): Promise<void> => {
    const bytes = manifestBytes as Uint8Array;
    // The signature covers the manifest's bytes, and names its key: it is checked before the manifest is parsed,
    // so a forged manifest costs one hash, not the parse of up to 4 MiB of JSON.
    const armored = fromUtf8(concatBytes(...collected)) ?? fail({ kind: "tampered", reason: "signature-not-text" });
    const verified = verifySshsig(armored, bytes, { namespace: format.namespace });
    // What the manifest says it is (any JSON) decides between "not ours" and "ours, newer" — looked at only when the
    // signature holds, or when the manifest is small enough to look at cheaply.
    if (verified.ok || bytes.length <= MAX_SNIFFED_MANIFEST_BYTES) {
      const head = z.looseObject({ format: z.literal(format.name), version: z.unknown() }).safeParse(looseJson(bytes));
      if (!head.success) fail({ kind: "not-this-format", reason: "other-format" });
      const version = head.success ? head.data.version : undefined;
      if (typeof version === "number" && Number.isSafeInteger(version) && version > format.version) fail({ kind: "newer-version", version });
    }
    if (!verified.ok) fail({ kind: "tampered", reason: "signature-invalid", error: verified.error });
    const parsed = parseCanonicalJson(bytes);
    if (!parsed.ok) fail({ kind: "tampered", reason: "manifest-not-canonical" });
    const m = schema.safeParse(parsed.ok ? parsed.value : undefined);
    if (!m.success) fail({ kind: "tampered", reason: "manifest-malformed", issues: issuesOf(m.error) });
    const value = m.data as CommonManifest;
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
    const decided = await check(value as ManifestOf<F>, { fingerprint: value.sender.fingerprint, publicKey: signer });
    if (!decided.ok) fail(decided.error);
    state.manifest = value as ManifestOf<F>;
    state.expected = value.files;
    state.archiveBytes = tarEntryBytes(bytes.length) + tarEntryBytes(signatureSize) + value.files.reduce((n, f) => n + tarEntryBytes(f.size), 0) + TAR_END.length;
  };

  const read = (stream: ReadableStream<Uint8Array>) =>
    readTar(stream, {
      begin(entry) {
        if (options.signal?.aborted) fail({ kind: "cancelled" });
        state.index++;
        if (state.index === 0) {
          if (entry.path !== MANIFEST_PATH) fail({ kind: "not-this-format", reason: "no-manifest" });
          if (entry.size > MAX_MANIFEST_BYTES) fail({ kind: "tampered", reason: "manifest-too-large" });
          collected = [];
          return;
        }
        if (state.index === 1) {
          if (entry.path !== SIGNATURE_PATH || entry.size > MAX_SIGNATURE_BYTES) fail({ kind: "tampered", reason: "signature-missing" });
          collected = [];
          return;
        }
        const listed = state.expected[state.index - 2];
        if (!listed || listed.path !== entry.path) fail({ kind: "tampered", reason: "file-out-of-order", path: entry.path });
        if (listed && listed.size !== entry.size) fail({ kind: "tampered", reason: "file-size-mismatch", path: entry.path });
        current = { path: entry.path, hash: createSha256(), size: entry.size };
        return sink.begin(entry.path, entry.size);
      },
      async data(chunk) {
        if (state.index <= 1) {
          collected.push(chunk.slice());
          return;
        }
        current?.hash.update(chunk);
        await sink.data(chunk);
      },
      async end(entry) {
        if (state.index === 0) {
          manifestBytes = concatBytes(...collected);
          return;
        }
        if (state.index === 1) return verifyManifest(entry.size);
        const listed = state.expected[state.index - 2] as ArchiveFileEntry;
        const digest = toHex((current as NonNullable<typeof current>).hash.digest());
        if (digest !== listed.sha256) fail({ kind: "tampered", reason: "file-hash-mismatch", path: entry.path });
        current = undefined;
        await sink.end(entry.path, digest);
      },
    });

  /** After the archive's end marker: the manifest and every file it lists were there. */
  const finish = (): Result<ManifestOf<F>, SignedArchiveError> => {
    // An archive that ends (whole) before any manifest holds something else.
    if (!state.manifest) return err(state.index < 0 ? { kind: "not-this-format", reason: "no-manifest" } : { kind: "tampered", reason: "signature-missing" });
    if (state.index - 1 !== state.expected.length) return err({ kind: "truncated", reason: "files-missing", count: state.expected.length - (state.index - 1) });
    return ok(state.manifest);
  };

  return { read, finish, state };
}

/**
 * Reads and verifies an age archive of `format`: decrypts with `identity`
 * (an X25519 secret key), checks the manifest's signature, lets `check`
 * decide on the signer, then streams every file to `sink` while checking
 * its size and hash; extra, missing or reordered files are refused.
 * Resolves to the manifest only if everything checked out.
 */
export async function openSignedArchive<F extends SignedArchiveFormat, E>(
  format: F,
  archive: ReadableStream<Uint8Array>,
  identity: Uint8Array,
  check: ArchiveCheck<ManifestOf<F>, E>,
  sink: ArchiveSink,
  options: ReadOptions = {},
): Promise<Result<ManifestOf<F>, SignedArchiveError | E>> {
  const reader = archiveReader(format, true, check, sink, options);
  const input = observe(archive, 64);
  try {
    await reader.read(input.stream.pipeThrough(decryptStream([{ kind: "x25519", secretKey: identity }], { armor: false })));
  } catch (e) {
    if (e instanceof ArchiveRefused) return err(e.error as SignedArchiveError | E);
    if (e instanceof TarError) {
      const problem = e.problem;
      if (problem.reason === "unsupported-format") return err({ kind: "unsupported-archive", format: problem.format });
      // The age layer authenticated what it decrypted: an archive broken before its first entry was made that way, not damaged on the way.
      if (reader.state.index < 0) return err({ kind: "not-this-format", reason: "not-an-archive" });
      return err(isTarTruncation(problem) ? { kind: "truncated", reason: "archive", problem } : { kind: "tampered", reason: "archive", problem });
    }
    // A last chunk that does not authenticate, in a file too short for what its signed manifest lists, was cut short.
    const cut = reader.state.archiveBytes === undefined ? undefined : truncationByLength(e, reader.state.archiveBytes);
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
  return reader.finish();
}

const USTAR_MAGIC_OFFSET = 257;
const looksLikeUstar = (head: Uint8Array): boolean => startsWithText(head.subarray(USTAR_MAGIC_OFFSET), "ustar");

/**
 * Reads and verifies a plain (unencrypted) archive of `format` with the same
 * checks as `openSignedArchive`. Nothing authenticates its length here, so
 * the archive must end exactly where its manifest says (no padding after the
 * end marker), and an archive damaged before its first entry is still named
 * as damaged when its first header is a ustar header.
 */
export async function openPlainSignedArchive<F extends SignedArchiveFormat, E>(
  format: F,
  archive: ReadableStream<Uint8Array>,
  check: ArchiveCheck<ManifestOf<F>, E>,
  sink: ArchiveSink,
  options: Pick<ReadOptions, "signal"> = {},
): Promise<Result<ManifestOf<F>, PlainArchiveError | E>> {
  const reader = archiveReader(format, false, check, sink, options);
  const input = observe(archive, 512);
  try {
    await reader.read(input.stream);
  } catch (e) {
    if (e instanceof ArchiveRefused) return err(e.error as PlainArchiveError | E);
    if (!(e instanceof TarError)) throw e;
    const problem = e.problem;
    if (problem.reason === "unsupported-format") return err({ kind: "unsupported-archive", format: problem.format });
    if (reader.state.index < 0 && !looksLikeUstar(input.head())) return err({ kind: "not-this-format", reason: "not-an-archive" });
    return err(isTarTruncation(problem) ? { kind: "truncated", reason: "archive", problem } : { kind: "tampered", reason: "archive", problem });
  }
  const done = reader.finish() as Result<ManifestOf<F>, PlainArchiveError>;
  if (done.ok && input.length() !== reader.state.archiveBytes) return err({ kind: "tampered", reason: "archive", problem: { reason: "data-after-end" } });
  return done;
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

/**
 * The case packet: one file per panelist, carried on removable media — a
 * signed archive (shared/formats/signed-archive.ts) of the format
 * "attribution-panel/case-packet", signed in the namespace
 * case-packet@attribution-panel, whose manifest adds the packet id, the
 * case id and the secretariat's sequence number to the common fields:
 *
 *   packet.age = age v1, X25519, to the panelist and to the secretariat (its archive)
 *     └ POSIX ustar archive, in this order:
 *        manifest.json          canonical JSON (RFC 8785): packet id, case id, sender key and
 *                               fingerprint, recipients, creation time, per-sender sequence
 *                               number, and every other file's path, size and SHA-256
 *        manifest.json.sig      SSHSIG (namespace case-packet@attribution-panel) over manifest.json
 *        case.json, panel.json, rubric.json, roster/<n>.card.json, attachments/<sha256>
 *
 * So a panelist can check a packet without this app:
 *   age -d -i me.txt packet.age | tar -x
 *   ssh-keygen -Y verify -f allowed_signers -I secretariat -n case-packet@attribution-panel -s manifest.json.sig < manifest.json
 *   and compare `sha256sum` of each file with the manifest.
 *
 * This module holds what is about cases: the format, the packet's errors
 * (the archive's, with "not a case packet" named as such, and those of the
 * import's checks) and the packet's file layout.
 */
import { z } from "../validation/zod";
import type { Ed25519KeyPair } from "../crypto/sodium";
import {
  archiveJsonFile,
  buildArchiveManifest,
  defineSignedArchive,
  openSignedArchive,
  writeSignedArchive,
  type ArchiveFile,
  type ArchiveSigner,
  type ArchiveSink,
  type ArchiveTamper,
  type ArchiveTruncation,
  type ManifestOf,
  type NotThisFormat,
  type SignedArchiveError,
} from "../formats/signed-archive";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { sha256, toHex } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { err, type Result } from "../result";
import { attachmentPath, CASE_PATH, PANEL_PATH, rosterPath, RUBRIC_PATH } from "./case-records";

export { MANIFEST_PATH, notAgeFile, SIGNATURE_PATH, type NotAgeFile } from "../formats/signed-archive";

export const PACKET_FORMAT = "attribution-panel/case-packet";
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

export const CASE_PACKET = defineSignedArchive({
  name: PACKET_FORMAT,
  version: 1,
  namespace: SIGNATURE_NAMESPACES.casePacket,
  extra: {
    packetId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    caseId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    sequence: z.number().int().positive().max(MAX_PACKET_SEQUENCE),
  },
});
export const ManifestSchema = CASE_PACKET.manifest;
export type Manifest = ManifestOf<typeof CASE_PACKET>;

export type PacketFile = ArchiveFile;

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
export const jsonFile = (path: string, value: unknown): PacketFile => archiveJsonFile(path, value, `the packet part ${path}`);

const archiveBuild = ({ packetId, caseId, sequence, ...rest }: PacketBuild) => ({ ...rest, fields: { packetId, caseId, sequence } });

export function buildManifest(build: PacketBuild): Manifest {
  return buildArchiveManifest(CASE_PACKET, archiveBuild(build));
}

/**
 * The packet as a stream of age ciphertext. A streamed file that turns out
 * to differ from its announced size or SHA-256 errors the stream: a packet
 * never goes out with a manifest that lies.
 */
export function buildPacket(build: PacketBuild, onProgress?: (done: number, total: number) => void): ReadableStream<Uint8Array> {
  return writeSignedArchive(CASE_PACKET, archiveBuild(build), onProgress);
}

/** The files of a case packet, in the order they are written: the case, the panel's roster, the rubric, the panel's identity cards, the attachments. */
export function casePacketFiles(parts: {
  readonly case: unknown;
  readonly roster: unknown;
  readonly rubric: unknown;
  /** Each seat's card file exactly as received, in the roster's order (so each still verifies on its own). */
  readonly cards: readonly Uint8Array[];
  readonly attachments: readonly Omit<Extract<PacketFile, { kind: "stream" }>, "path" | "kind">[];
}): PacketFile[] {
  return [
    jsonFile(CASE_PATH, parts.case),
    jsonFile(PANEL_PATH, parts.roster),
    jsonFile(RUBRIC_PATH, parts.rubric),
    ...parts.cards.map((bytes, i): PacketFile => ({ path: rosterPath(i), kind: "json", bytes })),
    ...parts.attachments.map((a): PacketFile => ({ ...a, path: attachmentPath(a.sha256), kind: "stream" })),
  ];
}

/**
 * The digest of a packet's content, the same in every seat's packet of one
 * export: each panelist's packet has its own id, number and recipients (so
 * its own manifest digest), but the same files: case, roster, rubric, cards,
 * attachments. It is the SHA-256 of the packet's files listed as `sha256sum`
 * prints them ("<sha256>  <path>" and a line feed each), sorted by path
 * byte for byte, the manifest and its signature left out. A scoresheet names
 * it so the chair can check that every panelist scored the very case the
 * chair holds. With stock tools, in the folder a packet was extracted to:
 *
 *   find . -type f ! -name 'manifest.json*' -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum
 */
export function packetContentSha256(files: readonly { readonly path: string; readonly sha256: string }[]): string {
  const lines = files.map((f) => [f.path, `${f.sha256}  ${f.path}\n`] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return toHex(sha256(utf8(lines.map(([, line]) => line).join(""))));
}

/** What a path in a case packet is, or undefined for a file case packets never carry. */
export type PacketPart = { readonly kind: "case" | "panel" | "rubric" | "card" } | { readonly kind: "attachment"; readonly sha256: string };
const ATTACHMENT = /^attachments\/([0-9a-f]{64})$/;
const ROSTER = /^roster\/\d{1,3}\.card\.json$/;
export function packetPart(path: string): PacketPart | undefined {
  if (path === CASE_PATH) return { kind: "case" };
  if (path === PANEL_PATH) return { kind: "panel" };
  if (path === RUBRIC_PATH) return { kind: "rubric" };
  if (ROSTER.test(path)) return { kind: "card" };
  const attachment = ATTACHMENT.exec(path);
  return attachment ? { kind: "attachment", sha256: attachment[1] as string } : undefined;
}

/** Why an age file addressed to you is still not a case packet. */
export type NotCasePacket = NotThisFormat;
/** How a packet's files show they were altered after signing: values, worded by the interface. */
export type PacketTamper = ArchiveTamper;
/** How a packet ends early. */
export type PacketTruncation = ArchiveTruncation;

/** What a signed archive refuses with, and what the import's checks add (pinning, freshness, ownership). */
export type PacketCheckError =
  | { readonly kind: "unknown-signer"; readonly fingerprint: string; readonly signingKey: string; readonly manifest: Manifest }
  /** The very packet last imported for this case (same number from the same secretariat). */
  | { readonly kind: "already-imported"; readonly sequence: number; readonly importedAt: string }
  /** Older than the packet last imported for this case. */
  | { readonly kind: "replayed"; readonly sequence: number; readonly lastSeen: number }
  /** A packet for a case first received from another secretariat (`owner`): a received case belongs to the secretariat that first sent it. */
  | { readonly kind: "case-from-other-sender"; readonly owner: string; readonly sender: string }
  /** Numbered more than MAX_SEQUENCE_JUMP beyond the last packet seen from this secretariat (`lastSeen`); imported only once the person confirms. */
  | { readonly kind: "sequence-jump"; readonly sequence: number; readonly lastSeen: number };

/**
 * Why a file was refused as a case packet, in the order it is checked: not
 * an age file at all, an age file for someone else, an age file for you that
 * holds something else, a case packet of a newer format, then the checks of
 * a case packet (integrity, signer, freshness).
 */
export type PacketError = Exclude<SignedArchiveError, { readonly kind: "not-this-format" }> | { readonly kind: "not-a-case-packet"; readonly reason: NotCasePacket } | PacketCheckError;

/** What the reader decides about a verified manifest before any other file is read. */
export type ManifestCheck = (manifest: Manifest, signer: ArchiveSigner) => Result<void, PacketError> | Promise<Result<void, PacketError>>;

export type PacketSink = ArchiveSink;

/** An archive that is not of the case packet's format is, for a person importing one, not a case packet. */
const asPacketError = (error: SignedArchiveError | PacketError): PacketError => (error.kind === "not-this-format" ? { kind: "not-a-case-packet", reason: error.reason } : error);

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
  const opened = await openSignedArchive(CASE_PACKET, packet, identity, check, sink, options);
  return opened.ok ? opened : err(asPacketError(opened.error));
}

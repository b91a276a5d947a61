import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { PacketProblem } from "../../../shared/worker/problem";
import { describePacketProblem } from "./packet";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

const problems: [PacketProblem, string | RegExp][] = [
  [{ kind: "not-an-age-file", looksLike: "empty" }, "This file is empty: it is not a case packet. Nothing was imported."],
  [{ kind: "not-an-age-file", looksLike: "armored-age" }, "This is an age-encrypted file in text (armored) form, not a case packet: the secretariat's app writes packets as binary .packet.age files. Nothing was imported."],
  [{ kind: "not-an-age-file", looksLike: "other-age-version" }, "This file is encrypted with a version of age this app does not read, so it is not a case packet. Nothing was imported."],
  [{ kind: "not-an-age-file", looksLike: "other" }, "This file is not a case packet: it is not an encrypted (age) file at all. Check that you picked the .packet.age file the secretariat gave you. Nothing was imported."],
  [{ kind: "not-addressed-to-you" }, "This file is encrypted, but not to you: none of your identities can open it. It may be the packet of another panelist; ask the secretariat for yours. Nothing was imported."],
  [{ kind: "not-a-case-packet", reason: "not-an-archive" }, "This file is encrypted to you, but it is not a case packet (it holds something other than a packet archive). Nothing was imported."],
  [{ kind: "not-a-case-packet", reason: "no-manifest" }, "This file is encrypted to you, but it is not a case packet (it holds an archive without a packet manifest). Nothing was imported."],
  [{ kind: "not-a-case-packet", reason: "other-format" }, "This file is encrypted to you, but it is not a case packet (it holds an archive of another format). Nothing was imported."],
  [{ kind: "newer-version", version: 2 }, "This case packet is in format version 2, made by a newer version of the app than this one (which reads version 1). Update the app, then import it again. Nothing was imported."],
  [{ kind: "truncated", reason: "encryption", error: { kind: "truncated", part: "payload", reason: "final-chunk-missing" } }, "The packet is incomplete (the final chunk is missing); copy it again from the removable medium. Nothing was imported."],
  [{ kind: "truncated", reason: "encryption", error: { kind: "truncated", part: "payload", reason: "ends-inside-chunk" } }, "The packet is incomplete (the file ends partway through an encrypted chunk); copy it again from the removable medium. Nothing was imported."],
  [{ kind: "truncated", reason: "archive", problem: { reason: "entry-truncated", path: "case.json" } }, "The packet is incomplete (the entry \"case.json\" is truncated); copy it again from the removable medium. Nothing was imported."],
  [{ kind: "truncated", reason: "archive", problem: { reason: "no-end-marker" } }, "The packet is incomplete (the archive has no end marker); copy it again from the removable medium. Nothing was imported."],
  [{ kind: "unsupported-archive", format: "pax" }, "This file is encrypted to you, but the archive inside is in pax format: unsupported tar format (use ustar, as in tar --format=ustar). Nothing was imported."],
  [{ kind: "unsupported-archive", format: "gnu" }, "This file is encrypted to you, but the archive inside is in GNU tar format: unsupported tar format (use ustar, as in tar --format=ustar). Nothing was imported."],
  [{ kind: "truncated", reason: "files-missing", count: 1 }, "The packet is incomplete (1 file listed in the manifest is missing); copy it again from the removable medium. Nothing was imported."],
  [{ kind: "truncated", reason: "files-missing", count: 3 }, "The packet is incomplete (3 files listed in the manifest are missing); copy it again from the removable medium. Nothing was imported."],
  [{ kind: "tampered", reason: "manifest-too-large" }, "The packet was altered after it was signed (the manifest is too large). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "signature-missing" }, "The packet was altered after it was signed (the manifest's signature is missing). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "manifest-not-canonical" }, "The packet was altered after it was signed (the manifest is not canonical JSON). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "sender-key-invalid" }, "The packet was altered after it was signed (the manifest names no valid sender key). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "signature-not-text" }, "The packet was altered after it was signed (the manifest's signature is not text). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "fingerprint-mismatch" }, "The packet was altered after it was signed (the manifest's fingerprint does not match its key). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "recipient-invalid" }, "The packet was altered after it was signed (the manifest lists an invalid recipient). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "file-listed-twice" }, "The packet was altered after it was signed (the manifest lists a file twice). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "file-out-of-order", path: "case.json" }, "The packet was altered after it was signed (the file \"case.json\" is not the one the manifest lists next). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "file-size-mismatch", path: "case.json" }, "The packet was altered after it was signed (the file \"case.json\" does not have the size the manifest gives). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "file-hash-mismatch", path: "case.json" }, "The packet was altered after it was signed (the file \"case.json\" does not match the SHA-256 in the manifest). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "manifest-malformed", issues: [{ code: "invalid_type", path: ["sequence"], expected: "number" }] }, "The packet was altered after it was signed (the manifest is malformed: sequence: expected number). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "header-not-utf8" } }, "The packet was altered after it was signed (a header field is not UTF-8). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "checksum-mismatch" } }, "The packet was altered after it was signed (a header checksum does not match). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "not-ustar" } }, "The packet was altered after it was signed (an entry header is not POSIX ustar). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "not-a-regular-file" } }, "The packet was altered after it was signed (an entry is not a regular file). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "prefixed-path" } }, "The packet was altered after it was signed (an entry uses a long (prefixed) path, which packets never do). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "no-end-marker" } }, "The packet was altered after it was signed (the archive has no end marker). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "end-marker-truncated" } }, "The packet was altered after it was signed (the archive's end marker is truncated). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "end-marker-malformed" } }, "The packet was altered after it was signed (the archive's end marker is malformed). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "data-after-end" } }, "The packet was altered after it was signed (data follows the end of the archive). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "field-not-octal", field: "checksum" } }, "The packet was altered after it was signed (a header's checksum field is not an octal number). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "field-not-octal", field: "size" } }, "The packet was altered after it was signed (a header's size field is not an octal number). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "field-not-octal", field: "mtime" } }, "The packet was altered after it was signed (a header's modification time field is not an octal number). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "unexpected-field", field: "uname" } }, "The packet was altered after it was signed (a header's \"uname\" field holds a value that packets never use). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "unsupported-format", format: "pax" } }, "The packet was altered after it was signed (the archive is in pax format, not POSIX ustar). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "unsupported-format", format: "gnu" } }, "The packet was altered after it was signed (the archive is in GNU tar format, not POSIX ustar). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "path-not-allowed", path: "../x" } }, "The packet was altered after it was signed (the path \"../x\" is not allowed). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "entry-truncated", path: "case.json" } }, "The packet was altered after it was signed (the entry \"case.json\" is truncated). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "archive", problem: { reason: "padding-not-zero", path: "case.json" } }, "The packet was altered after it was signed (the padding after \"case.json\" is not zero). Do not use it; nothing was imported."],
  [{ kind: "tampered", reason: "signature-invalid", error: { kind: "bad-signature" } }, "The packet's manifest signature does not check: The signature does not match this document: the document or the signature changed after signing, or they do not belong together. Do not use the packet; nothing was imported."],
  [{ kind: "tampered", reason: "encryption", error: { kind: "tampered", chunk: 2 } }, "The packet's encryption refused it: The encrypted content was modified or corrupted (chunk 2 does not authenticate); do not trust this file. Do not use the packet; nothing was imported."],
  [{ kind: "already-imported", sequence: 1, importedAt: "2026-01-02T03:04:05.000Z" }, /^You already imported this packet \(number 1, on .*2026.*\)\. Nothing changed\.$/],
  [{ kind: "replayed", sequence: 1, lastSeen: 3 }, "This packet (number 1) is older than the one you already have for this case (number 3): it is a replay or an outdated copy. Nothing was imported."],
  [
    { kind: "case-from-other-sender", owner: "SHA256:first", sender: "SHA256:second" },
    "This packet is for a case you first received from another secretariat (key SHA256:first); it is signed by SHA256:second. A case stays with the secretariat that first sent it, so nothing was imported. If the case has really changed hands, ask the first secretariat.",
  ],
  [
    { kind: "sequence-jump", sequence: 20004, lastSeen: 3 },
    "This packet is numbered 20004, far beyond the last one you have from this secretariat (number 3); once imported, its ordinary later packets would be refused as old. Nothing was imported. Ask the secretariat whether it sent this packet, and import it only if it did.",
  ],
  [{ kind: "invalid-content", reason: "not-utf8", path: "case.json" }, "The packet is authentic, but its content does not hold together (\"case.json\" is not UTF-8 text). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "not-json", path: "case.json" }, "The packet is authentic, but its content does not hold together (\"case.json\" is not JSON). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "invalid", path: "panel.json", issues: [{ code: "invalid_type", path: ["deadline"], expected: "string" }] }, "The packet is authentic, but its content does not hold together (\"panel.json\" is not valid: deadline: expected string). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "unknown-file", path: "notes.txt" }, "The packet is authentic, but its content does not hold together (it carries a file this app does not know: \"notes.txt\"). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "file-too-large", path: "case.json" }, "The packet is authentic, but its content does not hold together (\"case.json\" is too large). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "file-missing", path: "rubric.json" }, "The packet is authentic, but its content does not hold together (\"rubric.json\" is missing). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "card-invalid", path: "roster/1.card.json" }, "The packet is authentic, but its content does not hold together (the identity card \"roster/1.card.json\" does not verify). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "card-not-listed", path: "roster/1.card.json" }, "The packet is authentic, but its content does not hold together (the identity card \"roster/1.card.json\" is not the one the panel lists). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "attachment-before-case" }, "The packet is authentic, but its content does not hold together (attachments come before the case). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "case-mismatch" }, "The packet is authentic, but its content does not hold together (its case, panel and manifest name different cases). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "rubric-mismatch" }, "The packet is authentic, but its content does not hold together (its panel names another rubric than the one it carries). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "not-on-panel" }, "The packet is authentic, but its content does not hold together (you do not sit on the panel it names). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "attachment-not-listed", sha256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, "The packet is authentic, but its content does not hold together (it carries an attachment that no evidence item lists (SHA-256 0123456789abcdef…)). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "attachment-size-mismatch", name: "log.txt" }, "The packet is authentic, but its content does not hold together (the attachment \"log.txt\" does not have the size the case records). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "invalid-content", reason: "attachment-missing", name: "log.txt", title: "VPN logs" }, "The packet is authentic, but its content does not hold together (the attachment \"log.txt\" of \"VPN logs\" is not in the packet). Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "blank-claims", positions: [2] }, "The packet is authentic, but claim 2 of its case has no statement, so it cannot be scored. Ask the secretariat to write it (or remove it) and to send a new packet; nothing was imported."],
  [{ kind: "blank-claims", positions: [1, 3, 4] }, /^The packet is authentic, but claims 1, 3,? and 4 of its case have no statement, .* write them \(or remove them\)/],
  [{ kind: "chair-count", chairs: 0 }, "The packet is authentic, but its panel names no chair, so nobody would receive your scoresheet. Ask the secretariat for a new packet; nothing was imported."],
  [{ kind: "chair-count", chairs: 2 }, "The packet is authentic, but its panel names 2 chairs where it must name exactly one. Ask the secretariat for a new packet; nothing was imported."],
];

describe("the inbox's sentence for each packet problem", () => {
  it.each(problems)("%j", (problem, sentence) => {
    if (typeof sentence === "string") expect(describePacketProblem(problem)).toBe(sentence);
    else expect(describePacketProblem(problem)).toMatch(sentence);
  });
});

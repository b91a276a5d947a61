/**
 * The inbox's sentence for each reason a file was not imported as a case
 * packet (the values come from shared/case/packet.ts through the worker).
 * Each says what the file is, then what to do.
 */
import { plural, t } from "@lingui/core/macro";
import type { PacketProblem } from "../../../shared/worker/problem";
import type { TarProblem } from "../../../shared/formats/tar";
import { formatDateTime, formatList } from "../format";
import { ageTruncation, describeAgeError, describeSignatureError, quote } from "./formats";
import { describeIssues } from "./issues";

function notAgeFile(looksLike: Extract<PacketProblem, { kind: "not-an-age-file" }>["looksLike"]): string {
  switch (looksLike) {
    case "empty":
      return t`This file is empty: it is not a case packet. Nothing was imported.`;
    case "armored-age":
      return t`This is an age-encrypted file in text (armored) form, not a case packet: the secretariat's app writes packets as binary .packet.age files. Nothing was imported.`;
    case "other-age-version":
      return t`This file is encrypted with a version of age this app does not read, so it is not a case packet. Nothing was imported.`;
    case "other":
      return t`This file is not a case packet: it is not an encrypted (age) file at all. Check that you picked the .packet.age file the secretariat gave you. Nothing was imported.`;
  }
}

function notACasePacket(reason: Extract<PacketProblem, { kind: "not-a-case-packet" }>["reason"]): string {
  switch (reason) {
    case "not-an-archive":
      return t`This file is encrypted to you, but it is not a case packet (it holds something other than a packet archive). Nothing was imported.`;
    case "no-manifest":
      return t`This file is encrypted to you, but it is not a case packet (it holds an archive without a packet manifest). Nothing was imported.`;
    case "other-format":
      return t`This file is encrypted to you, but it is not a case packet (it holds an archive of another format). Nothing was imported.`;
  }
}

// The helpers below word what is wrong as a clause, shown inside the sentence of its kind.

function notOctal(field: Extract<TarProblem, { reason: "field-not-octal" }>["field"]): string {
  switch (field) {
    case "checksum":
      return t`a header's checksum field is not an octal number`;
    case "size":
      return t`a header's size field is not an octal number`;
    case "mtime":
      return t`a header's modification time field is not an octal number`;
  }
}

function tarProblem(problem: TarProblem): string {
  switch (problem.reason) {
    case "header-not-utf8":
      return t`a header field is not UTF-8`;
    case "checksum-mismatch":
      return t`a header checksum does not match`;
    case "not-ustar":
      return t`an entry header is not POSIX ustar`;
    case "not-a-regular-file":
      return t`an entry is not a regular file`;
    case "prefixed-path":
      return t`an entry uses a long (prefixed) path, which packets never do`;
    case "no-end-marker":
      return t`the archive has no end marker`;
    case "end-marker-truncated":
      return t`the archive's end marker is truncated`;
    case "end-marker-malformed":
      return t`the archive's end marker is malformed`;
    case "data-after-end":
      return t`data follows the end of the archive`;
    case "field-not-octal":
      return notOctal(problem.field);
    case "unexpected-field": {
      // The POSIX name of the header field, as tar documents it (not translated).
      const name = quote(problem.field);
      return t`a header's ${name} field holds a value that packets never use`;
    }
    case "unsupported-format":
      return problem.format === "pax" ? t`the archive is in pax format, not POSIX ustar` : t`the archive is in GNU tar format, not POSIX ustar`;
    case "path-not-allowed": {
      const path = quote(problem.path);
      return t`the path ${path} is not allowed`;
    }
    case "entry-truncated": {
      const path = quote(problem.path);
      return t`the entry ${path} is truncated`;
    }
    case "padding-not-zero": {
      const path = quote(problem.path);
      return t`the padding after ${path} is not zero`;
    }
  }
}

type Tampered = Extract<PacketProblem, { kind: "tampered" }>;

function tamper(problem: Exclude<Tampered, { reason: "signature-invalid" | "encryption" }>): string {
  switch (problem.reason) {
    case "manifest-too-large":
      return t`the manifest is too large`;
    case "signature-missing":
      return t`the manifest's signature is missing`;
    case "manifest-not-canonical":
      return t`the manifest is not canonical JSON`;
    case "sender-key-invalid":
      return t`the manifest names no valid sender key`;
    case "signature-not-text":
      return t`the manifest's signature is not text`;
    case "fingerprint-mismatch":
      return t`the manifest's fingerprint does not match its key`;
    case "recipient-invalid":
      return t`the manifest lists an invalid recipient`;
    case "file-listed-twice":
      return t`the manifest lists a file twice`;
    case "file-out-of-order": {
      const path = quote(problem.path);
      return t`the file ${path} is not the one the manifest lists next`;
    }
    case "file-size-mismatch": {
      const path = quote(problem.path);
      return t`the file ${path} does not have the size the manifest gives`;
    }
    case "file-hash-mismatch": {
      const path = quote(problem.path);
      return t`the file ${path} does not match the SHA-256 in the manifest`;
    }
    case "manifest-malformed": {
      const issues = describeIssues(problem.issues);
      return t`the manifest is malformed: ${issues}`;
    }
    case "archive":
      return tarProblem(problem.problem);
  }
}

function describeTampered(problem: Tampered): string {
  switch (problem.reason) {
    case "signature-invalid": {
      const cause = describeSignatureError(problem.error);
      return t`The packet's manifest signature does not check: ${cause} Do not use the packet; nothing was imported.`;
    }
    case "encryption": {
      const cause = describeAgeError(problem.error);
      return t`The packet's encryption refused it: ${cause} Do not use the packet; nothing was imported.`;
    }
    default: {
      const detail = tamper(problem);
      return t`The packet was altered after it was signed (${detail}). Do not use it; nothing was imported.`;
    }
  }
}

function truncation(problem: Extract<PacketProblem, { kind: "truncated" }>): string {
  switch (problem.reason) {
    case "encryption":
      return problem.error.kind === "truncated" ? ageTruncation(problem.error.reason) : describeAgeError(problem.error);
    case "files-missing":
      return plural(problem.count, { one: "# file listed in the manifest is missing", other: "# files listed in the manifest are missing" });
    case "archive":
      return tarProblem(problem.problem);
  }
}

function contentProblem(problem: Extract<PacketProblem, { kind: "invalid-content" }>): string {
  switch (problem.reason) {
    case "not-utf8": {
      const path = quote(problem.path);
      return t`${path} is not UTF-8 text`;
    }
    case "not-json": {
      const path = quote(problem.path);
      return t`${path} is not JSON`;
    }
    case "invalid": {
      const path = quote(problem.path);
      const issues = describeIssues(problem.issues);
      return t`${path} is not valid: ${issues}`;
    }
    case "unknown-file": {
      const path = quote(problem.path);
      return t`it carries a file this app does not know: ${path}`;
    }
    case "file-too-large": {
      const path = quote(problem.path);
      return t`${path} is too large`;
    }
    case "file-missing": {
      const path = quote(problem.path);
      return t`${path} is missing`;
    }
    case "card-invalid": {
      const path = quote(problem.path);
      return t`the identity card ${path} does not verify`;
    }
    case "card-not-listed": {
      const path = quote(problem.path);
      return t`the identity card ${path} is not the one the panel lists`;
    }
    case "attachment-before-case":
      return t`attachments come before the case`;
    case "case-mismatch":
      return t`its case, panel and manifest name different cases`;
    case "rubric-mismatch":
      return t`its panel names another rubric than the one it carries`;
    case "not-on-panel":
      return t`you do not sit on the panel it names`;
    case "attachment-not-listed": {
      const sha256 = `${problem.sha256.slice(0, 16)}…`;
      return t`it carries an attachment that no evidence item lists (SHA-256 ${sha256})`;
    }
    case "attachment-size-mismatch": {
      const name = quote(problem.name);
      return t`the attachment ${name} does not have the size the case records`;
    }
    case "attachment-missing": {
      const name = quote(problem.name);
      const title = quote(problem.title);
      return t`the attachment ${name} of ${title} is not in the packet`;
    }
  }
}

export function describePacketProblem(problem: PacketProblem): string {
  switch (problem.kind) {
    case "not-an-age-file":
      return notAgeFile(problem.looksLike);
    case "not-addressed-to-you":
      return t`This file is encrypted, but not to you: none of your identities can open it. It may be the packet of another panelist; ask the secretariat for yours. Nothing was imported.`;
    case "not-a-case-packet":
      return notACasePacket(problem.reason);
    case "unsupported-archive":
      return problem.format === "pax"
        ? t`This file is encrypted to you, but the archive inside is in pax format: unsupported tar format (use ustar, as in tar --format=ustar). Nothing was imported.`
        : t`This file is encrypted to you, but the archive inside is in GNU tar format: unsupported tar format (use ustar, as in tar --format=ustar). Nothing was imported.`;
    case "newer-version": {
      const version = problem.version;
      return t`This case packet is in format version ${version}, made by a newer version of the app than this one (which reads version 1). Update the app, then import it again. Nothing was imported.`;
    }
    case "truncated": {
      const detail = truncation(problem);
      return t`The packet is incomplete (${detail}); copy it again from the removable medium. Nothing was imported.`;
    }
    case "tampered":
      return describeTampered(problem);
    case "already-imported": {
      const sequence = problem.sequence;
      const importedAt = formatDateTime(problem.importedAt);
      return t`You already imported this packet (number ${sequence}, on ${importedAt}). Nothing changed.`;
    }
    case "replayed": {
      const { sequence, lastSeen } = problem;
      return t`This packet (number ${sequence}) is older than the one you already have for this case (number ${lastSeen}): it is a replay or an outdated copy. Nothing was imported.`;
    }
    case "case-from-other-sender": {
      const owner = problem.owner;
      const sender = problem.sender;
      return t`This packet is for a case you first received from another secretariat (key ${owner}); it is signed by ${sender}. A case stays with the secretariat that first sent it, so nothing was imported. If the case has really changed hands, ask the first secretariat.`;
    }
    case "sequence-jump": {
      const { sequence, lastSeen } = problem;
      return t`This packet is numbered ${sequence}, far beyond the last one you have from this secretariat (number ${lastSeen}); once imported, its ordinary later packets would be refused as old. Nothing was imported. Ask the secretariat whether it sent this packet, and import it only if it did.`;
    }
    case "invalid-content": {
      const detail = contentProblem(problem);
      return t`The packet is authentic, but its content does not hold together (${detail}). Ask the secretariat for a new packet; nothing was imported.`;
    }
    case "blank-claims": {
      const claims = formatList(problem.positions.map(String));
      return plural(problem.positions.length, {
        one: `The packet is authentic, but claim ${claims} of its case has no statement, so it cannot be scored. Ask the secretariat to write it (or remove it) and to send a new packet; nothing was imported.`,
        other: `The packet is authentic, but claims ${claims} of its case have no statement, so it cannot be scored. Ask the secretariat to write them (or remove them) and to send a new packet; nothing was imported.`,
      });
    }
    case "chair-count":
      if (problem.chairs === 0) return t`The packet is authentic, but its panel names no chair, so nobody would receive your scoresheet. Ask the secretariat for a new packet; nothing was imported.`;
      return plural(problem.chairs, {
        one: `The packet is authentic, but its panel names # chair where it must name exactly one. Ask the secretariat for a new packet; nothing was imported.`,
        other: `The packet is authentic, but its panel names # chairs where it must name exactly one. Ask the secretariat for a new packet; nothing was imported.`,
      });
  }
}

/**
 * The inbox's sentence for each reason a file was not imported as a case
 * packet (the values come from shared/case/packet.ts through the worker).
 * Each says what the file is, then what to do.
 */
import type { PacketProblem } from "../../../shared/worker/contract";
import { formatTimestamp } from "../../components/case/format";

const NOT_AGE: Readonly<Record<Extract<PacketProblem, { kind: "not-an-age-file" }>["looksLike"], string>> = {
  empty: "This file is empty: it is not a case packet.",
  "armored-age": "This is an age-encrypted file in text (armored) form, not a case packet: the secretariat's app writes packets as binary .packet.age files.",
  "other-age-version": "This file is encrypted with a version of age this app does not read, so it is not a case packet.",
  other: "This file is not a case packet: it is not an encrypted (age) file at all. Check that you picked the .packet.age file the secretariat gave you.",
};

const NOT_A_PACKET: Readonly<Record<Extract<PacketProblem, { kind: "not-a-case-packet" }>["reason"], string>> = {
  "not-an-archive": "it holds something other than a packet archive",
  "no-manifest": "it holds an archive without a packet manifest",
  "other-format": "it holds an archive of another format",
};

/** "claim 2" / "claims 1 and 3" / "claims 1, 2 and 4". */
const claimsList = (positions: readonly number[]): string =>
  positions.length === 1 ? `claim ${positions[0]}` : `claims ${positions.slice(0, -1).join(", ")} and ${positions[positions.length - 1]}`;

export function describePacketProblem(problem: PacketProblem): string {
  switch (problem.kind) {
    case "not-an-age-file":
      return `${NOT_AGE[problem.looksLike]} Nothing was imported.`;
    case "not-addressed-to-you":
      return "This file is encrypted, but not to you: none of your identities can open it. It may be the packet of another panelist; ask the secretariat for yours. Nothing was imported.";
    case "not-a-case-packet":
      return `This file is encrypted to you, but it is not a case packet (${NOT_A_PACKET[problem.reason]}). Nothing was imported.`;
    case "newer-version":
      return `This case packet is in format version ${problem.version}, made by a newer version of the app than this one (which reads version 1). Update the app, then import it again. Nothing was imported.`;
    case "truncated":
      return `The packet is incomplete (${problem.detail}); copy it again from the removable medium. Nothing was imported.`;
    case "tampered":
      return `The packet was altered after it was signed (${problem.detail}). Do not use it; nothing was imported.`;
    case "already-imported":
      return `You already imported this packet (number ${problem.sequence}, on ${formatTimestamp(problem.importedAt)}). Nothing changed.`;
    case "replayed":
      return `This packet (number ${problem.sequence}) is older than the one you already have for this case (number ${problem.lastSeen}): it is a replay or an outdated copy. Nothing was imported.`;
    case "invalid-content":
      return `The packet is authentic, but its content does not hold together (${problem.detail}). Ask the secretariat for a new packet; nothing was imported.`;
    case "blank-claims":
      return `The packet is authentic, but ${claimsList(problem.positions)} of its case ${problem.positions.length === 1 ? "has" : "have"} no statement, so it cannot be scored. Ask the secretariat to write ${problem.positions.length === 1 ? "it" : "them"} (or remove ${problem.positions.length === 1 ? "it" : "them"}) and to send a new packet; nothing was imported.`;
  }
}

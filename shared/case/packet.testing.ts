/**
 * For tests: a case packet opened with its recipient's secret key and packed
 * again, signed by any key, renumbered, for another case id, with its case or
 * rubric edited — what a secretariat's app would never send, but an older or
 * altered one, or another secretariat, could.
 */
import { readAllBytes } from "../encoding/bytes";
import type { Ed25519KeyPair } from "../crypto/sodium";
import { CASE_PATH, PANEL_PATH, RUBRIC_PATH } from "./case-records";
import type { Case } from "./model";
import { buildPacket, jsonFile, openPacket, type PacketFile, type PacketSink } from "./packet";

export type Repack = {
  readonly signer: Ed25519KeyPair;
  readonly recipients: readonly Uint8Array[];
  readonly createdAt: Date;
  readonly sequence?: number;
  /** Another case id, written into the manifest, the case and the roster. */
  readonly caseId?: string;
  readonly editCase?: (c: Case) => Case;
  readonly editRubric?: (r: unknown) => unknown;
  /** Edits panel.json (the roster) as parsed JSON. */
  readonly editPanel?: (p: unknown) => unknown;
};

/** A sink that keeps every file of an opened packet, by path, as the pieces it came in. */
export function collectingSink(): { files: Map<string, Uint8Array[]>; sink: PacketSink } {
  const files = new Map<string, Uint8Array[]>();
  let current = "";
  return {
    files,
    sink: {
      begin: (path) => {
        current = path;
        files.set(path, []);
      },
      data: (chunk) => void files.get(current)?.push(chunk.slice()),
      end: () => undefined,
    },
  };
}

export async function repackPacket(packet: Uint8Array, secretKey: Uint8Array, as: Repack): Promise<Uint8Array> {
  const { files, sink } = collectingSink();
  const opened = await openPacket(new Blob([packet as Uint8Array<ArrayBuffer>]).stream(), secretKey, async () => ({ ok: true, value: undefined }), sink);
  if (!opened.ok) throw new Error(`the packet to repack does not open: ${JSON.stringify(opened.error)}`);
  const manifest = opened.value;
  const caseId = as.caseId ?? manifest.caseId;
  const json = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
  const rebuilt: PacketFile[] = manifest.files.map((f) => {
    const parts = files.get(f.path) ?? [];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    if (f.path === CASE_PATH) return jsonFile(CASE_PATH, { ...(as.editCase ?? ((c: Case) => c))(json(bytes) as Case), id: caseId });
    if (f.path === PANEL_PATH) return jsonFile(PANEL_PATH, { ...((as.editPanel ?? ((p: unknown) => p))(json(bytes)) as object), caseId });
    if (f.path === RUBRIC_PATH && as.editRubric) return jsonFile(RUBRIC_PATH, as.editRubric(json(bytes)));
    return f.path.startsWith("attachments/")
      ? { path: f.path, kind: "stream", size: bytes.length, sha256: f.sha256, open: async () => new Blob([bytes]).stream() }
      : { path: f.path, kind: "json", bytes };
  });
  return readAllBytes(
    buildPacket({ packetId: manifest.packetId, caseId, sender: as.signer, recipients: [...as.recipients], createdAt: as.createdAt, sequence: as.sequence ?? manifest.sequence, files: rebuilt }),
  );
}

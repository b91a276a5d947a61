import { useState } from "react";
import type { Case, Panel } from "../../../shared/case/model";
import type { RegistryView } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

type Sent = { readonly fileName: string; readonly sequence: number };

/**
 * One packet per seat: encrypted to that person and to the secretariat's own
 * key, signed by the secretariat, every file hashed in the signed manifest.
 * Each file is offered for saving to removable media as soon as it is built.
 */
export function PacketExport({ c, registry, panel }: { c: Case; registry: readonly RegistryView[]; panel: Panel | null }) {
  const operation = useOperation();
  const [sent, setSent] = useState<Record<string, Sent>>({});
  const [current, setCurrent] = useState<string | undefined>();
  const { run } = operation;

  if (panel === null) return <p>Compose and save the panel first (the Panel tab).</p>;

  const seats = [panel.chairId, ...panel.memberIds].map((id, i) => ({ id, role: i === 0 ? "Chair" : "Member", person: registry.find((r) => r.id === id) }));
  const exportOne = async (seat: { id: string; person: RegistryView | undefined }): Promise<boolean> => {
    setCurrent(seat.id);
    const file = await run(`Building the packet for ${seat.person?.displayName ?? "this seat"}…`, (o) => cryptoWorker.call("packet:export", { caseId: c.id, memberId: seat.id }, o), { cancellable: true });
    setCurrent(undefined);
    if (!file) return false;
    saveFile(file);
    setSent((s) => ({ ...s, [seat.id]: { fileName: file.fileName, sequence: file.sequence } }));
    return true;
  };
  const exportAll = async () => {
    for (const seat of seats) if (!(await exportOne(seat))) return;
  };

  return (
    <div>
      <p className="muted">
        Each packet is a single file for removable media. It carries the case, its evidence and attachments, the panel's identity cards and the rubric, in a manifest signed
        with your identity. Packets are numbered; a panelist's app refuses an older or replayed one.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportAll()} disabled={operation.running !== undefined}>
          Export a packet for every seat
        </button>
      </div>
      <OperationStatus operation={operation} />
      <table>
        <caption className="visually-hidden">Packets per seat</caption>
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Expert</th>
            <th scope="col">Packet</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {seats.map((seat) => (
            <tr key={seat.id} data-testid="packet-seat">
              <td>{seat.role}</td>
              <td>{seat.person?.displayName ?? "Not in the registry"}</td>
              <td data-testid="packet-status">
                {current === seat.id ? "Building…" : sent[seat.id] ? <span className="ok">Saved as {sent[seat.id]?.fileName} (number {sent[seat.id]?.sequence})</span> : <span className="muted">Not exported in this session</span>}
              </td>
              <td>
                <button type="button" className="secondary" onClick={() => void exportOne(seat)} disabled={operation.running !== undefined} aria-label={`Export the packet for ${seat.person?.displayName ?? "this seat"}`}>
                  Export
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

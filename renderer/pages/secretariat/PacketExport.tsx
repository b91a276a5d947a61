import { useCallback, useEffect, useState } from "react";
import type { Case, Panel } from "../../../shared/case/model";
import type { OutboxEntry } from "../../../shared/case/outbox";
import type { RegistryView } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { formatBytes } from "../../app/progress";
import { Timestamp } from "../../components/case/format";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

/**
 * One packet per seat: encrypted to that person and to the secretariat's own
 * key, signed by the secretariat, every file hashed in the signed manifest.
 * Each file is offered for saving to removable media as soon as it is built.
 * The outbox (kept in the vault) says, per seat, which packet went out when,
 * under which file name, with the SHA-256 of the file.
 */
export function PacketExport({ c, registry, panel }: { c: Case; registry: readonly RegistryView[]; panel: Panel | null }) {
  const operation = useOperation();
  const listing = useOperation();
  const [outbox, setOutbox] = useState<readonly OutboxEntry[] | undefined>();
  const [current, setCurrent] = useState<string | undefined>();
  const { run } = operation;
  const list = listing.run;

  const reload = useCallback(async () => {
    const entries = await list("Reading the outbox…", (o) => cryptoWorker.call("packet:outbox", { caseId: c.id }, o));
    if (entries) setOutbox(entries);
  }, [list, c.id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (panel === null) return <p>Compose and save the panel first (the Panel tab).</p>;

  const seats = [panel.chairId, ...panel.memberIds].map((id, i) => ({ id, role: i === 0 ? "Chair" : "Member", person: registry.find((r) => r.id === id) }));
  const exportOne = async (seat: { id: string; person: RegistryView | undefined }): Promise<boolean> => {
    setCurrent(seat.id);
    const file = await run(`Building the packet for ${seat.person?.displayName ?? "this seat"}…`, (o) => cryptoWorker.call("packet:export", { caseId: c.id, memberId: seat.id }, o), { cancellable: true });
    setCurrent(undefined);
    // Also after a failure: the number it took is in the outbox, as not completed.
    await reload();
    if (!file) return false;
    saveFile(file);
    return true;
  };
  const exportAll = async () => {
    for (const seat of seats) if (!(await exportOne(seat))) return;
  };

  return (
    <div>
      <p className="muted">
        Each packet is a single file for removable media. It carries the case, its evidence and attachments, the panel's identity cards and the rubric, in a manifest signed
        with your identity. Packets are numbered; a panelist's app refuses an older or replayed one. The outbox below is kept in your vault: compare a file's SHA-256 with
        <span className="mono"> sha256sum</span> before handing it over.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportAll()} disabled={operation.running !== undefined}>
          Export a packet for every seat
        </button>
      </div>
      <OperationStatus operation={operation} />
      <OperationStatus operation={listing} unit="items" />
      <table className="packet-outbox">
        <caption className="visually-hidden">Packets per seat</caption>
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Expert</th>
            <th scope="col">Packets sent</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {seats.map((seat) => (
            <tr key={seat.id} data-testid="packet-seat">
              <td>{seat.role}</td>
              <td>{seat.person?.displayName ?? "Not in the registry"}</td>
              <td data-testid="packet-status">
                {current === seat.id ? "Building…" : <SeatOutbox entries={outbox?.filter((e) => e.memberId === seat.id)} />}
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

/** One sent packet in words: number, date, file name, size, SHA-256. */
function SentPacket({ entry }: { entry: OutboxEntry }) {
  if (!entry.sha256) {
    return (
      <span className="muted">
        Packet {entry.sequence}, started on <Timestamp iso={entry.createdAt} />, was not completed (cancelled or failed); no file of it went out.
      </span>
    );
  }
  return (
    <>
      <span className="ok">
        Sent packet {entry.sequence} on <Timestamp iso={entry.createdAt} /> as <span className="mono wrap">{entry.fileName ?? "a file"}</span>
        {entry.size === undefined ? "" : ` (${formatBytes(entry.size)})`}
      </span>
      <span className="outbox-sha256 small">
        SHA-256{" "}
        <span className="mono wrap" data-testid="packet-sha256">
          {entry.sha256}
        </span>
      </span>
    </>
  );
}

/** The seat's latest packet, then the earlier ones folded away. */
function SeatOutbox({ entries }: { entries: readonly OutboxEntry[] | undefined }) {
  if (!entries) return null;
  const [latest, ...earlier] = entries;
  if (!latest) return <span className="muted">No packet sent yet</span>;
  return (
    <div className="seat-outbox">
      <SentPacket entry={latest} />
      {earlier.length > 0 && (
        <details>
          <summary>
            {earlier.length} earlier packet{earlier.length === 1 ? "" : "s"}
          </summary>
          <ul>
            {earlier.map((e) => (
              <li key={e.packetId}>
                <SentPacket entry={e} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

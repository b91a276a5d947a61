import { useState } from "react";
import type { AttachmentInfoView } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { formatBytes } from "../../app/progress";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

/** Evidence files: imported as a stream, encrypted in chunks, verified on every read. */
export function FilesPanel() {
  const [verified, setVerified] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState<string | undefined>();
  const operation = useOperation();
  const [files, load] = useWorkerList(operation, "Reading the file list…", "attachment:list");

  const importFile = async (file: File) => {
    const info = await operation.run(`Importing ${file.name}…`, (o) => cryptoWorker.call("attachment:import", { file }, o), { cancellable: true });
    if (info) setVerified((v) => ({ ...v, [info.id]: "SHA-256 computed while importing." }));
    await load();
  };
  const verify = async (file: AttachmentInfoView) => {
    const info = await operation.run(`Reading back ${file.name}…`, (o) => cryptoWorker.call("attachment:verify", { id: file.id }, o), { cancellable: true });
    if (info) setVerified((v) => ({ ...v, [file.id]: `Read back and verified: every chunk authentic, SHA-256 matches.` }));
    else await load();
  };
  const exportFile = async (file: AttachmentInfoView) => {
    const out = await operation.run(`Decrypting ${file.name}…`, (o) => cryptoWorker.call("attachment:export", { id: file.id }, o), { cancellable: true });
    if (out) saveFile(out);
  };
  const remove = async (file: AttachmentInfoView) => {
    if (confirmDelete !== file.id) return setConfirmDelete(file.id);
    setConfirmDelete(undefined);
    if (await operation.run(`Deleting ${file.name}…`, (o) => cryptoWorker.call("attachment:delete", { id: file.id }, o))) await load();
  };

  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Evidence files</h2>
      <p className="muted">Files of any size are read as a stream, hashed (SHA-256) and encrypted in 64 KiB chunks; memory use stays the same whatever the size.</p>
      <FilePicker id="attachment-file" label="Import a file" disabled={operation.running !== undefined} onFile={(file) => void importFile(file)} />
      <OperationStatus operation={operation} />
      {files?.length === 0 && <p>No files yet.</p>}
      {files && files.length > 0 && (
        <table className="files">
          <caption className="visually-hidden">Stored evidence files</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id} data-testid="attachment">
                <td>
                  {file.name}
                  <div className="muted small">{file.mediaType}</div>
                </td>
                <td>{formatBytes(file.size)}</td>
                <td>
                  <span className="mono small wrap" data-testid="attachment-sha256">
                    {file.sha256}
                  </span>
                  {verified[file.id] && (
                    <div className="ok small" data-testid="attachment-verified" role="status">
                      {verified[file.id]}
                    </div>
                  )}
                </td>
                <td className="actions">
                  <button type="button" onClick={() => void verify(file)} disabled={operation.running !== undefined} aria-label={`Verify ${file.name}`}>
                    Verify
                  </button>
                  <button type="button" onClick={() => void exportFile(file)} disabled={operation.running !== undefined} aria-label={`Save a copy of ${file.name}`}>
                    Save a copy
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(file)} disabled={operation.running !== undefined} aria-label={confirmDelete === file.id ? `Confirm: delete ${file.name} for good` : `Delete ${file.name}`}>
                    {confirmDelete === file.id ? "Confirm delete" : "Delete"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

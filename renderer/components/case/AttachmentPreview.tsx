import { useEffect, useState } from "react";
import type { AttachmentRef } from "../../../shared/case/model";
import type { Preview } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { OperationStatus, useOperation } from "../Progress";
import { cryptoWorker } from "../../crypto/worker-client";

/**
 * Look at an attachment without leaving the app: plain text as text, raster
 * images as an image (the worker sniffs the bytes), anything else not at all;
 * never rendered as HTML. "Save a copy" decrypts it to a file.
 */
export function AttachmentPreview({ attachment }: { attachment: Pick<AttachmentRef, "id" | "name"> }) {
  const { id, name } = attachment;
  const operation = useOperation();
  const [preview, setPreview] = useState<Preview | undefined>();
  const [imageUrl, setImageUrl] = useState<string | undefined>();

  // The decrypted image lives behind an object URL only while it is shown.
  useEffect(() => {
    if (preview?.kind !== "image") return;
    const url = URL.createObjectURL(preview.blob);
    setImageUrl(url);
    return () => {
      URL.revokeObjectURL(url);
      setImageUrl(undefined);
    };
  }, [preview]);

  const show = async () => {
    const read = await operation.run(`Decrypting ${name} for preview…`, (o) => cryptoWorker.call("attachment:preview", { id }, o), { cancellable: true });
    if (read) setPreview(read);
  };
  const save = async () => {
    const file = await operation.run(`Decrypting ${name}…`, (o) => cryptoWorker.call("attachment:export", { id }, o), { cancellable: true });
    if (file) saveFile(file);
  };
  const busy = operation.running !== undefined;

  return (
    <div className="attachment-preview">
      <div className="actions">
        {preview ? (
          <button type="button" className="secondary" onClick={() => setPreview(undefined)} aria-label={`Close preview of ${name}`}>
            Close preview
          </button>
        ) : (
          <button type="button" onClick={() => void show()} disabled={busy} aria-label={`Preview ${name}`}>
            Preview
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void save()} disabled={busy} aria-label={`Save a copy of ${name}`}>
          Save a copy
        </button>
      </div>
      <OperationStatus operation={operation} />
      {preview?.kind === "text" && (
        <>
          <p className="muted small">
            Contents of {name}, as plain text.{preview.truncated && " Only the beginning of the file is shown; save a copy to read all of it."}
          </p>
          {/* Focusable so the keyboard can scroll a long file. */}
          <pre className="preview-text" data-testid="preview-text" tabIndex={0}>
            {preview.text}
          </pre>
        </>
      )}
      {preview?.kind === "image" && imageUrl && <img className="preview-image" data-testid="preview-image" alt={`Preview of ${name}`} src={imageUrl} />}
      {preview?.kind === "none" && (
        <p className="muted" data-testid="preview-none">
          {preview.reason}
        </p>
      )}
    </div>
  );
}

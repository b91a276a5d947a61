import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useState } from "react";
import type { AttachmentRef } from "../../../shared/case/model";
import type { Preview } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { OperationStatus, useOperation } from "../Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { Ltr } from "../Ltr";

/**
 * Look at an attachment without leaving the app: plain text as text, raster
 * images as an image (the worker sniffs the bytes), anything else not at all;
 * never rendered as HTML. "Save a copy" decrypts it to a file.
 */
export function AttachmentPreview({ attachment }: { attachment: Pick<AttachmentRef, "id" | "name"> }) {
  const { t } = useLingui();
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
    const read = await operation.run(t`Decrypting ${name} for preview…`, (o) => cryptoWorker.call("attachment:preview", { id }, o), { cancellable: true });
    if (read) setPreview(read);
  };
  const save = async () => {
    const file = await operation.run(t`Decrypting ${name}…`, (o) => cryptoWorker.call("attachment:export", { id }, o), { cancellable: true });
    if (file) saveFile(file);
  };
  const busy = operation.running !== undefined;

  return (
    <div className="attachment-preview">
      <div className="actions">
        {preview ? (
          <button type="button" className="secondary" onClick={() => setPreview(undefined)} aria-label={t`Close preview of ${name}`}>
            <Trans>Close preview</Trans>
          </button>
        ) : (
          <button type="button" onClick={() => void show()} disabled={busy} aria-label={t({ message: `Preview ${name}`, context: "verb: show the file's contents" })}>
            <Trans context="verb: show the file's contents">Preview</Trans>
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void save()} disabled={busy} aria-label={t`Save a copy of ${name}`}>
          <Trans>Save a copy</Trans>
        </button>
      </div>
      <OperationStatus operation={operation} />
      {preview?.kind === "text" && (
        <>
          <p className="muted small">
            <Trans>
              Contents of <Ltr>{name}</Ltr>, as plain text.
            </Trans>
            {preview.truncated && (
              <>
                {" "}
                <Trans>Only the beginning of the file is shown; save a copy to read all of it.</Trans>
              </>
            )}
          </p>
          {/* Focusable so the keyboard can scroll a long file. */}
          <pre className="preview-text" data-testid="preview-text" tabIndex={0}>
            {preview.text}
          </pre>
        </>
      )}
      {preview?.kind === "image" && imageUrl && <img className="preview-image" data-testid="preview-image" alt={t({ message: `Preview of ${name}`, context: "noun: the image shown of an attachment" })} src={imageUrl} />}
      {preview?.kind === "none" && (
        <p className="muted" data-testid="preview-none">
          <NoPreview reason={preview.reason} mediaType={preview.mediaType} />
        </p>
      )}
    </div>
  );
}

/** Why a file is not shown, with its media type (as the worker sniffed it). */
function NoPreview({ reason, mediaType }: Pick<Extract<Preview, { kind: "none" }>, "reason" | "mediaType">) {
  switch (reason) {
    case "too-large":
      return (
        <Trans>
          This file (<Ltr>{mediaType}</Ltr>) is too large to preview; save a copy to open it with a suitable tool.
        </Trans>
      );
    case "unsupported-type":
      return (
        <>
          <Trans>
            No preview for this kind of file (<Ltr>{mediaType}</Ltr>); the app never opens or runs attachments.
          </Trans>{" "}
          <Trans>Save a copy and examine it on an isolated machine with a suitable tool.</Trans>
        </>
      );
  }
}

import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type DragEvent } from "react";

/**
 * Where the chair hands over scoresheet files: a file input that takes
 * several files (keyboard: Tab to it, Enter or Space opens the chooser), and
 * the same area as a drop target for files dragged from removable media.
 */
export function ScoresheetDrop({ id, busy, onFiles }: { id: string; busy: boolean; onFiles: (files: readonly File[]) => void }) {
  const { t } = useLingui();
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes("Files");
  return (
    <div
      className={over ? "scoresheet-drop over" : "scoresheet-drop"}
      data-testid="scoresheet-drop"
      onDragOver={(e) => {
        if (!hasFiles(e) || busy) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (!busy && files.length > 0) onFiles(files);
      }}
    >
      <label htmlFor={id}>{t`Import scoresheets (.age), several at once`}</label>
      <input
        id={id}
        type="file"
        multiple
        accept=".age"
        disabled={busy}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <p className="muted small" id={`${id}-hint`}>
        <Trans>Or drop the files here. Each is decrypted with your key, its signature checked against the panel roster, and only then stored; a file that fails a check changes nothing.</Trans>
      </p>
    </div>
  );
}

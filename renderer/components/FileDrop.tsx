import { useState, type DragEvent, type ReactNode } from "react";

/**
 * A file input that is also a drop target for files dragged from removable
 * media (keyboard: Tab to the input, Enter or Space opens the chooser). The
 * caller gives the texts: `label` names the input, `hint` (shown below it)
 * describes it. `multiple` lets the user pick or drop several files at once;
 * `onFiles` is never called with an empty list, nor while `busy`.
 */
export function FileDrop({
  id,
  busy,
  multiple = false,
  accept,
  className,
  testId,
  label,
  hint,
  onFiles,
}: {
  id: string;
  busy: boolean;
  multiple?: boolean;
  accept: string;
  /** The class of the drop area; `over` is added while files are dragged over it. */
  className: string;
  testId: string;
  label: ReactNode;
  hint: ReactNode;
  onFiles: (files: readonly File[]) => void;
}) {
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes("Files");
  return (
    <div
      className={over ? `${className} over` : className}
      data-testid={testId}
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
        if (!busy && files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept={accept}
        disabled={busy}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <p className="muted small" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

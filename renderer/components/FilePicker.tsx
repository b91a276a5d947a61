import type { ReactNode } from "react";

/**
 * A labelled file input that hands over one chosen file and clears itself,
 * so choosing the same file again (after a refusal, say) fires again.
 */
export function FilePicker({ id, label, accept, disabled, onFile, children }: { id: string; label: string; accept?: string; disabled?: boolean; onFile: (file: File) => void; children?: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        {...(accept ? { accept } : {})}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
      {children}
    </div>
  );
}

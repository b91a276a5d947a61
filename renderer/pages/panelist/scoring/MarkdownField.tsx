import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useState } from "react";
import { MarkdownText } from "../../../components/Markdown";

/**
 * A rationale: a text area for Markdown, and a preview rendered the safe way
 * (no raw HTML, nothing fetched), toggled by a button so the person can check
 * what the chair will read.
 */
export function MarkdownField({
  id,
  label,
  value,
  required,
  onChange,
  rows = 5,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  required: boolean;
  onChange: (value: string) => void;
  rows?: number;
  maxLength: number;
}) {
  const { t } = useLingui();
  const [preview, setPreview] = useState(false);
  const hint = useId();
  return (
    <div className="field markdown-field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required-mark"> {t`(required)`}</span> : null}
      </label>
      <span id={hint} className="small muted">
        <Trans>Markdown: **bold**, _italic_, lists, tables. HTML and images are not shown.</Trans>
      </span>
      {preview ? (
        <div className="markdown-preview" aria-live="polite" data-testid={`${id}-preview`}>
          {value.trim() === "" ? <p className="muted">{t`Nothing written yet.`}</p> : <MarkdownText source={value} />}
        </div>
      ) : (
        <textarea id={id} dir="auto" rows={rows} value={value} maxLength={maxLength} aria-describedby={hint} aria-required={required} onChange={(e) => onChange(e.target.value)} />
      )}
      <div className="actions">
        <button type="button" className="secondary" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
          {preview ? t`Edit` : t`Preview`}
        </button>
      </div>
    </div>
  );
}

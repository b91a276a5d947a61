import { Trans, useLingui } from "@lingui/react/macro";
import { useDeferredValue, useId } from "react";
import { MAX_REASONING } from "../../../../shared/opinion/opinion";
import { MarkdownText } from "../../../components/Markdown";

/**
 * The majority reasoning: Markdown in a text area, with a live preview
 * beside it rendered the safe way (no raw HTML, nothing fetched). Paragraphs
 * are separated by blank lines; each becomes its own part of the opinion.
 */
export function ReasoningEditor({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useLingui();
  const id = useId();
  const hint = useId();
  const previewId = useId();
  // The preview may lag a keystroke behind on a long text; the text area never does.
  const shown = useDeferredValue(value);
  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part">
      <h4 id={`${id}-heading`}>
        <Trans>Majority reasoning</Trans>
      </h4>
      <div className="reasoning-editor">
        <div className="field">
          <label htmlFor={id}>
            <Trans>Reasoning of the panel (Markdown)</Trans>
          </label>
          <span id={hint} className="small muted">
            <Trans>Markdown: **bold**, _italic_, lists, tables. Separate paragraphs with a blank line. HTML and images are not shown.</Trans>
          </span>
          <textarea id={id} dir="auto" rows={12} value={value} maxLength={MAX_REASONING} aria-describedby={hint} onChange={(e) => onChange(e.target.value)} data-testid="opinion-reasoning" />
        </div>
        <div className="reasoning-preview">
          <h5 id={previewId}>
            <Trans>Preview</Trans>
          </h5>
          <div className="markdown-preview" aria-labelledby={previewId} role="region" data-testid="opinion-reasoning-preview">
            {shown.trim() === "" ? <p className="muted">{t`Nothing written yet.`}</p> : <MarkdownText source={shown} />}
          </div>
        </div>
      </div>
    </section>
  );
}

import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { isLocale } from "../../../i18n/locales";
import { newRubric } from "../../../../shared/rubric/rubric-edit";
import type { RubricLanguage } from "../../../../shared/rubric/rubric";
import type { RubricEntryView } from "../../../../shared/worker/contract";
import { hrefTo } from "../../../app/routes";
import { navigate } from "../../../app/useRoute";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";

/**
 * A new rubric: its id and title, then its editor. From scratch (`from`
 * undefined: the default's scales and questions, not a copy of it), or a
 * copy of the rubric `from`'s latest revision.
 */
export function NewRubricForm({ from, fromTitle, onCancel }: { from?: RubricEntryView; fromTitle?: string; onCancel: () => void }) {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const { run } = operation;
  const [id, setId] = useState("");
  const [title, setTitle] = useState(fromTitle === undefined ? "" : t({ message: `Copy of ${fromTitle}`, context: "the title of a duplicated rubric" }));
  const idField = useRef<HTMLInputElement>(null);
  const hint = useId();
  useEffect(() => idField.current?.focus(), []);
  // The title is written in the interface's language (the editor takes the others).
  const language: RubricLanguage = isLocale(i18n.locale) ? i18n.locale : "en";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const titleText = { [language]: title.trim() };
    const entry = from
      ? await run(t`Duplicating the rubric…`, (o) => cryptoWorker.call("rubric:duplicate", { from: from.id, id: id.trim(), title: titleText }, o))
      : (await run(t`Creating the rubric…`, (o) => cryptoWorker.call("rubric:save", { rubric: newRubric(id.trim(), titleText), baseRevision: null }, o)))?.entry;
    if (entry) navigate(hrefTo("secretariat.rubric", { rubricId: entry.id }));
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="new-rubric-form" aria-labelledby={`${hint}-heading`}>
      <h3 id={`${hint}-heading`}>{from ? <Trans>Duplicate “{fromTitle}”</Trans> : <Trans>New rubric</Trans>}</h3>
      <div className="field">
        <label htmlFor={`${hint}-id`}>
          <Trans>Id of the new rubric</Trans>
        </label>
        <input id={`${hint}-id`} ref={idField} value={id} onChange={(e) => setId(e.target.value)} dir="ltr" spellCheck={false} autoCapitalize="off" maxLength={100} required aria-describedby={hint} />
        <span id={hint} className="muted small">
          <Trans>Lowercase letters a–z, digits and hyphens, such as treaty-panel-2026. Packets name the rubric by this id; it can never be changed or used again.</Trans>
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${hint}-title`}>
          <Trans>Title of the new rubric</Trans>
        </label>
        <input id={`${hint}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
      </div>
      <OperationStatus operation={operation} />
      <div className="actions">
        <button type="submit" disabled={operation.running !== undefined || id.trim() === "" || title.trim() === ""}>
          {from ? <Trans>Duplicate and edit</Trans> : <Trans>Create and edit</Trans>}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={operation.running !== undefined}>
          <Trans>Cancel</Trans>
        </button>
      </div>
    </form>
  );
}

import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useState } from "react";
import { addCatalogTerm, addOwnTerm, changeTerm, missingCatalogTerms, moveTerm, ownTermIdProblem, removeTerm, termsOf, withLabel, type EditedTerm } from "../../../../shared/rubric/rubric-edit";
import { isCatalogTerm, RUBRIC_LANGUAGES, type Rubric, type RubricLanguage, type RubricScale } from "../../../../shared/rubric/rubric";
import type { Issue } from "../../../../shared/validation/issues";
import { Ltr } from "../../../components/Ltr";
import { isLocale } from "../../../i18n/locales";
import { describeIssueMessage } from "../../../i18n/problems/issues";
import { RUBRIC_SCALE_LABEL, rubricTermLabel } from "../../../i18n/vocabulary";
import { FieldProblems, problemAttributes } from "./FieldProblems";
import { NumberInput } from "./NumberInput";
import { describeTermIssue, inputLanguage, languageName } from "./rubric-words";

/**
 * The terms of one scale of a rubric: catalog terms by id (named by the
 * interface in every language), the secretariat's own with a label per
 * language; a likelihood term's band, an ACH term's code. Terms are moved
 * with buttons (keyboard), added from the catalog or as the secretariat's
 * own, and removed.
 */
export function TermsEditor({
  scale,
  rubric,
  onChange,
  issues,
  readOnly,
}: {
  scale: RubricScale;
  rubric: Rubric;
  onChange: (next: Rubric) => void;
  /** The schema's issues by place (`likelihood`, `likelihood.2`). */
  issues: ReadonlyMap<string, readonly Issue[]>;
  readOnly: boolean;
}) {
  const { t, i18n } = useLingui();
  const terms = termsOf(rubric, scale);
  const missing = missingCatalogTerms(rubric, scale);
  const [catalogChoice, setCatalogChoice] = useState("");
  const [ownId, setOwnId] = useState("");
  const [ownTried, setOwnTried] = useState(false);
  /** The element to focus once the list has changed (a new term's first field, or the list after a removal). */
  const [focus, setFocus] = useState<string | undefined>();
  useEffect(() => {
    if (focus === undefined) return;
    document.getElementById(focus)?.focus();
    setFocus(undefined);
  }, [focus]);

  const base = `rubric-${scale}`;
  const scaleName = i18n._(RUBRIC_SCALE_LABEL[scale]);
  const scaleProblems = (issues.get(scale) ?? []).map((i) => describeIssueMessage(i));
  const idProblem = ownTried || ownId !== "" ? ownTermIdProblem(rubric, scale, ownId.trim()) : undefined;
  const chosenCatalog = missing.includes(catalogChoice) ? catalogChoice : (missing[0] ?? "");

  const addCatalog = () => {
    if (!chosenCatalog) return;
    onChange(addCatalogTerm(rubric, scale, chosenCatalog));
    setFocus(`${base}-${terms.length}-first`);
  };
  const addOwn = () => {
    setOwnTried(true);
    const id = ownId.trim();
    if (ownTermIdProblem(rubric, scale, id) !== undefined) return;
    onChange(addOwnTerm(rubric, scale, id));
    setOwnId("");
    setOwnTried(false);
    setFocus(`${base}-${terms.length}-first`);
  };
  const idProblemText =
    idProblem === "format"
      ? t`Use lowercase letters a–z, digits and hyphens (up to 60).`
      : idProblem === "catalog"
        ? t`That id names a term of the catalog: add it from the catalog instead.`
        : idProblem === "taken"
          ? t`This scale already has a term with that id.`
          : undefined;

  return (
    <fieldset className="rubric-scale" data-testid={`scale-${scale}`}>
      <legend>{scaleName}</legend>
      <FieldProblems id={`${base}-problems`} problems={scaleProblems} />
      <ol className="rubric-terms" id={`${base}-list`} tabIndex={-1} aria-label={scaleName}>
        {terms.map((term, index) => (
          <TermRow
            key={`${term.id}-${index}`}
            scale={scale}
            term={term}
            index={index}
            count={terms.length}
            idBase={`${base}-${index}`}
            problems={(issues.get(`${scale}.${index}`) ?? []).map((i) => describeTermIssue(i18n, i))}
            readOnly={readOnly}
            onChange={(change) => onChange(changeTerm(rubric, scale, index, change))}
            onMove={(by) => {
              onChange(moveTerm(rubric, scale, index, by));
              // The same button on the term's new row, unless it stops there (then the other one).
              const to = index + by;
              const atEnd = by < 0 ? to === 0 : to === terms.length - 1;
              setFocus(`${base}-${to}-${(by < 0) !== atEnd ? "up" : "down"}`);
            }}
            onRemove={() => {
              onChange(removeTerm(rubric, scale, index));
              setFocus(`${base}-list`);
            }}
          />
        ))}
      </ol>
      {!readOnly && (
        <div className="rubric-add">
          {missing.length > 0 && (
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${base}-catalog`}>
                  <Trans>Add a term of the catalog</Trans>
                </label>
                <select id={`${base}-catalog`} value={chosenCatalog} onChange={(e) => setCatalogChoice(e.target.value)}>
                  {missing.map((id) => (
                    <option key={id} value={id}>
                      {rubricTermLabel(i18n, scale, { id }).text}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" className="secondary" onClick={addCatalog}>
                <Trans context="button: add the chosen catalog term to a rubric scale">
                  Add<span className="visually-hidden"> to {scaleName}</span>
                </Trans>
              </button>
            </div>
          )}
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${base}-own`}>
                <Trans>Id of a term of your own</Trans>
              </label>
              <input
                id={`${base}-own`}
                value={ownId}
                dir="ltr"
                spellCheck={false}
                autoCapitalize="off"
                maxLength={60}
                onChange={(e) => setOwnId(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    addOwn();
                  }
                }}
                {...problemAttributes(`${base}-own-problem`, idProblemText ? [idProblemText] : [])}
              />
              <FieldProblems id={`${base}-own-problem`} problems={idProblemText ? [idProblemText] : []} />
            </div>
            <button type="button" className="secondary" onClick={addOwn}>
              <Trans context="button: add a term of the secretariat's own to a rubric scale">
                Add your own term<span className="visually-hidden"> to {scaleName}</span>
              </Trans>
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

function TermRow({
  scale,
  term,
  index,
  count,
  idBase,
  problems,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: {
  scale: RubricScale;
  term: EditedTerm;
  index: number;
  count: number;
  idBase: string;
  problems: readonly string[];
  readOnly: boolean;
  onChange: (change: Partial<Pick<EditedTerm, "low" | "high" | "code" | "label">>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { i18n } = useLingui();
  const catalog = isCatalogTerm(scale, term.id);
  const shown = term.label !== undefined && Object.keys(term.label).length > 0 ? rubricTermLabel(i18n, scale, term) : catalog ? rubricTermLabel(i18n, scale, { id: term.id }) : { text: term.id, lang: "zxx" };
  const name = shown.text;
  const problemsId = `${idBase}-problems`;
  const invalid = problemAttributes(problemsId, problems);
  // The field focused when the term has just been added: an own term's label in the interface's language, else its first field (the row itself when it has none).
  const firstLabel: RubricLanguage = isLocale(i18n.locale) ? i18n.locale : "en";
  const firstField = !catalog ? `label-${firstLabel}` : scale === "likelihood" ? "low" : scale === "consistency" ? "code" : undefined;
  const fieldId = (field: string) => (field === firstField ? `${idBase}-first` : `${idBase}-${field}`);
  const termId = term.id;

  return (
    <li className="rubric-term" data-testid="rubric-term" data-term={term.id} {...(firstField === undefined ? { id: `${idBase}-first`, tabIndex: -1 } : {})}>
      <div className="rubric-term-head">
        <strong lang={shown.lang}>{name}</strong> <Ltr className="mono small muted">{term.id}</Ltr>{" "}
        <span className="badge">{catalog ? <Trans context="a rubric term named by the app in every language">Catalog term</Trans> : <Trans context="a rubric term the secretariat defined">Your own term</Trans>}</span>
      </div>
      <div className="field-row">
        {scale === "likelihood" && (
          <>
            <div className="field percent-field">
              <label htmlFor={fieldId("low")}>
                <Trans>
                  From (%)<span className="visually-hidden">, {name}</span>
                </Trans>
              </label>
              <NumberInput id={fieldId("low")} min={0} max={100} step="any" value={term.low ?? Number.NaN} onValue={(low) => onChange({ low })} readOnly={readOnly} {...invalid} />
            </div>
            <div className="field percent-field">
              <label htmlFor={fieldId("high")}>
                <Trans>
                  To (%)<span className="visually-hidden">, {name}</span>
                </Trans>
              </label>
              <NumberInput id={fieldId("high")} min={0} max={100} step="any" value={term.high ?? Number.NaN} onValue={(high) => onChange({ high })} readOnly={readOnly} {...invalid} />
            </div>
          </>
        )}
        {scale === "consistency" && (
          <div className="field code-field">
            <label htmlFor={fieldId("code")}>
              <Trans>
                Code<span className="visually-hidden">, {name}</span>
              </Trans>
            </label>
            <input id={fieldId("code")} value={term.code ?? ""} dir="ltr" maxLength={4} onChange={(e) => onChange({ code: e.target.value })} readOnly={readOnly} {...invalid} />
          </div>
        )}
      </div>
      {!catalog && (
        <div className="rubric-labels">
          {RUBRIC_LANGUAGES.map((language) => {
            const languageLabel = languageName(i18n, language);
            const id = fieldId(`label-${language}`);
            return (
              <div className="field" key={language}>
                <label htmlFor={id}>
                  <Trans>
                    Label ({languageLabel})<span className="visually-hidden">, {termId}</span>
                  </Trans>
                </label>
                <input id={id} {...inputLanguage(language)} value={term.label?.[language] ?? ""} maxLength={200} onChange={(e) => onChange({ label: withLabel(term.label, language, e.target.value) })} readOnly={readOnly} {...invalid} />
              </div>
            );
          })}
        </div>
      )}
      <FieldProblems id={problemsId} problems={problems} />
      {!readOnly && (
        <div className="actions">
          <button type="button" id={`${idBase}-up`} className="secondary small-button" onClick={() => onMove(-1)} disabled={index === 0}>
            <Trans context="button: move a rubric term up">
              Move up<span className="visually-hidden">: {name}</span>
            </Trans>
          </button>
          <button type="button" id={`${idBase}-down`} className="secondary small-button" onClick={() => onMove(1)} disabled={index === count - 1}>
            <Trans context="button: move a rubric term down">
              Move down<span className="visually-hidden">: {name}</span>
            </Trans>
          </button>
          <button type="button" className="secondary small-button" onClick={onRemove}>
            <Trans context="button: remove a term from a rubric scale">
              Remove<span className="visually-hidden">: {name}</span>
            </Trans>
          </button>
        </div>
      )}
    </li>
  );
}

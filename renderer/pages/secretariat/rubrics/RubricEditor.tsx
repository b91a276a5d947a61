import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { draftToOffer, rubricDraftRecord, rubricOfDraft, sameRubric } from "../../../../shared/rubric/draft-rubric";
import type { RubricDraft } from "../../../../shared/rubric/rubric-draft";
import { issuesByPlace, withLabel } from "../../../../shared/rubric/rubric-edit";
import { REQUIREMENTS, RUBRIC_LANGUAGES, RUBRIC_QUESTIONS, RUBRIC_SCALES, RubricIdSchema, RubricSchema, type Requirement, type Rubric } from "../../../../shared/rubric/rubric";
import { issuesOf, type Issue } from "../../../../shared/validation/issues";
import type { RubricEntryView } from "../../../../shared/worker/contract";
import { hrefTo } from "../../../app/routes";
import { useAutosave } from "../../../app/useAutosave";
import { DraftOfferCard } from "../../../components/DraftOfferCard";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatDateTime, formatNumber } from "../../../i18n/format";
import { describeWorkerError } from "../../../i18n/problems";
import { describeIssue, describeIssueMessage } from "../../../i18n/problems/issues";
import { describeRubricError } from "../../../i18n/problems/rubric";
import { rubricTitle } from "../../../i18n/vocabulary";
import { FieldProblems, problemAttributes } from "./FieldProblems";
import { NewRubricForm } from "./NewRubricForm";
import { NumberInput } from "./NumberInput";
import { QUESTION_LABEL, REQUIREMENT_LABEL, inputLanguage, languageName } from "./rubric-words";
import { latestRevision } from "./RubricsPanel";
import { TermsEditor } from "./TermsEditor";

const NO_ISSUES: readonly Issue[] = [];

/** One rubric: its state (built in, retired, frozen or open), its editor, and its revisions. */
export function RubricEditor({ rubricId }: { rubricId: string }) {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const { run } = operation;
  const [entry, setEntry] = useState<RubricEntryView | undefined>();
  const [draft, setDraft] = useState<Rubric | undefined>();
  const [saved, setSaved] = useState("");
  const [duplicating, setDuplicating] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const [tried, setTried] = useState(false);
  /** A draft kept earlier that differs from the rubric: offered until the person restores or discards it. */
  const [offer, setOffer] = useState<RubricDraft | undefined>();
  const shown = useRef(entry);
  shown.current = entry;

  // The unsaved edits, kept as a draft in the vault shortly after each change (and at once when the window is hidden or
  // closed); edits that undo themselves back to the rubric delete it.
  const keeping = useAutosave<Rubric>(async (next) => {
    const current = shown.current;
    if (!current) return { ok: false, error: "" };
    if (sameRubric(next, current.latest)) {
      const discarded = await cryptoWorker.call("rubric:draft-discard", { id: current.id });
      return discarded.ok ? { ok: true, savedAt: "" } : { ok: false, error: describeWorkerError(discarded.error) };
    }
    const draft = rubricDraftRecord(current.id, latestRevision(current).revision, new Date().toISOString(), next);
    const kept = await cryptoWorker.call("rubric:draft-keep", { draft });
    return kept.ok ? { ok: true, savedAt: kept.value.savedAt } : { ok: false, error: describeWorkerError(kept.error) };
  });

  const [missing, setMissing] = useState(false);
  const load = useCallback(async () => {
    // An address whose id no rubric can have names none.
    if (!RubricIdSchema.safeParse(rubricId).success) return setMissing(true);
    const read = await run(t`Reading the rubric…`, (o) => cryptoWorker.call("rubric:get", { id: rubricId }, o));
    if (!read) return;
    setEntry(read.entry);
    setDraft(read.rubric);
    // Unsaved edits kept earlier (a crash, a closed window): offered, unless they say what the rubric says now.
    const kept = await cryptoWorker.call("rubric:draft-get", { id: rubricId });
    const offered = kept.ok ? draftToOffer(kept.value, read.rubric) : undefined;
    if (offered) setOffer(offered);
  }, [run, t, rubricId]);
  useEffect(() => {
    void load();
  }, [load]);

  const issues = useMemo(() => {
    if (!draft) return NO_ISSUES;
    const parsed = RubricSchema.safeParse(draft);
    return parsed.success ? NO_ISSUES : issuesOf(parsed.error, 200);
  }, [draft]);
  const places = useMemo(() => issuesByPlace(issues), [issues]);

  if (!entry || !draft) {
    return (
      <section aria-labelledby="rubric-heading">
        <p>
          <a href={hrefTo("secretariat.rubrics")} className="back-link">
            <Trans>All rubrics</Trans>
          </a>
        </p>
        <h2 id="rubric-heading">
          <Trans>Rubric</Trans> <Ltr>{rubricId}</Ltr>
        </h2>
        <OperationStatus operation={operation} />
        {missing && (
          <p className="alert" role="alert">
            {describeRubricError({ kind: "unknown-rubric", rubricId })}
          </p>
        )}
      </section>
    );
  }

  const base = entry.latest;
  const latest = latestRevision(entry);
  const frozen = latest.frozenAt !== null;
  const readOnly = entry.builtIn || entry.retiredAt !== null;
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const title = rubricTitle(i18n, base);
  const revision = formatNumber(latest.revision);
  const next = formatNumber(latest.revision + 1);
  const id = entry.id;
  const fromId = entry.from?.id ?? "";
  const fromRevision = formatNumber(entry.from?.revision ?? 1);
  const retiredOn = formatDateTime(entry.retiredAt ?? "");
  const frozenOn = formatDateTime(latest.frozenAt ?? "");
  const problemsOf = (place: string) => (places.get(place) ?? []).map((i) => describeIssueMessage(i));
  const formProblems = (places.get("form") ?? []).map((i) => describeIssue(i));
  const edit = (next: Rubric) => {
    setSaved("");
    setDraft(next);
    keeping.change(next);
  };
  const restoreDraft = (kept: RubricDraft) => {
    setOffer(undefined);
    setSaved("");
    setDraft(rubricOfDraft(kept.rubric));
  };
  const discardDraft = async () => {
    const discarded = await run(t`Discarding the draft…`, (o) => cryptoWorker.call("rubric:draft-discard", { id: entry.id }, o));
    if (discarded) setOffer(undefined);
  };
  const keptAt = keeping.state.savedAt ? formatDateTime(keeping.state.savedAt) : "";
  const keepError = keeping.state.error ?? "";

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (issues.length > 0) {
      summary.current?.focus();
      return;
    }
    // The draft being kept lands first; saving the rubric then deletes it.
    await keeping.flush();
    const result = await run(t`Saving the rubric…`, (o) => cryptoWorker.call("rubric:save", { rubric: draft, baseRevision: latest.revision }, o));
    if (!result) return;
    setEntry(result.entry);
    setDraft(result.entry.latest);
    setTried(false);
    const n = formatNumber(result.revision);
    const previous = formatNumber(result.revision - 1);
    setSaved(
      result.outcome === "new-revision"
        ? t`Saved as revision ${n}. Revision ${previous}, already sent, stays as it was.`
        : result.outcome === "unchanged"
          ? t`Nothing changed, so nothing was saved.`
          : t`Saved: revision ${n} changed in place.`,
    );
  };

  const restore = async () => {
    const restored = await run(t`Restoring the rubric…`, (o) => cryptoWorker.call("rubric:restore", { id: entry.id }, o));
    if (restored) {
      setEntry(restored);
      setDraft(restored.latest);
    }
  };

  return (
    <section aria-labelledby="rubric-heading" className="rubric-editor">
      <p>
        <a href={hrefTo("secretariat.rubrics")} className="back-link">
          <Trans>All rubrics</Trans>
        </a>
      </p>
      <h2 id="rubric-heading" lang={title.lang}>
        {title.text}
      </h2>
      <p className="muted">
        <Trans>
          Id <Ltr className="mono">{id}</Ltr>, revision {revision}
        </Trans>
        {entry.from && (
          <>
            {" "}
            <Trans>
              (duplicated from <Ltr className="mono">{fromId}</Ltr>, revision {fromRevision})
            </Trans>
          </>
        )}
      </p>
      <div className="notice" data-testid="rubric-status">
        {entry.builtIn ? (
          <p>
            <Trans>The default rubric is built in and read-only. Duplicate it to make a rubric of your own.</Trans>
          </p>
        ) : entry.retiredAt ? (
          <p>
            <Trans>This rubric was retired on {retiredOn}: panels can no longer choose it, and it cannot be edited. Panels that use it keep it. Restore it to edit it.</Trans>
          </p>
        ) : frozen ? (
          <p>
            <Trans>
              Revision {revision} is frozen: it was sent in a packet on {frozenOn}. Saving your changes makes revision {next}; the packets already sent keep revision {revision}.
            </Trans>
          </p>
        ) : (
          <p>
            <Trans>Revision {revision} has not been sent in any packet yet: saving changes it in place.</Trans>
          </p>
        )}
        <div className="actions">
          {entry.builtIn && !duplicating && (
            <button type="button" onClick={() => setDuplicating(true)}>
              <Trans context="button: duplicate a rubric">Duplicate</Trans>
            </button>
          )}
          {entry.retiredAt && (
            <button type="button" onClick={() => void restore()} disabled={operation.running !== undefined}>
              <Trans context="button: restore a retired rubric">Restore</Trans>
            </button>
          )}
        </div>
      </div>
      {duplicating && <NewRubricForm from={entry} fromTitle={title.text} onCancel={() => setDuplicating(false)} />}
      {offer && (
        <DraftOfferCard savedAt={offer.savedAt} testId="rubric-draft-offer" operation={operation} onRestore={() => restoreDraft(offer)} onDiscard={() => void discardDraft()}>
          {(offerTime) => (
            <>
              <Trans>This rubric has unsaved changes, kept as a draft in your vault on {offerTime}.</Trans> <Trans>Restore them to go on editing, or discard them to edit the rubric as it was saved.</Trans>
            </>
          )}
        </DraftOfferCard>
      )}

      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset disabled={readOnly || offer !== undefined} className="rubric-form">
          <legend className="visually-hidden">
            <Trans>The rubric</Trans>
          </legend>
          {!entry.builtIn && (
            <fieldset className="rubric-section" aria-describedby={places.has("title") ? "rubric-title-problems" : undefined}>
              <legend>
                <Trans>Title</Trans>
              </legend>
              <p className="muted small">
                <Trans>Write the title in one or more languages; panelists see it in theirs when it is written, else in English or the first language written.</Trans>
              </p>
              <div className="rubric-labels">
                {RUBRIC_LANGUAGES.map((language) => {
                  const name = languageName(i18n, language);
                  return (
                    <div className="field" key={language}>
                      <label htmlFor={`rubric-title-${language}`}>
                        <Trans>Title ({name})</Trans>
                      </label>
                      <input
                        id={`rubric-title-${language}`}
                        {...inputLanguage(language)}
                        value={draft.title?.[language] ?? ""}
                        maxLength={200}
                        onChange={(e) => edit({ ...draft, title: withLabel(draft.title, language, e.target.value) })}
                        {...problemAttributes("rubric-title-problems", problemsOf("title"))}
                      />
                    </div>
                  );
                })}
              </div>
              <FieldProblems id="rubric-title-problems" problems={problemsOf("title")} />
            </fieldset>
          )}

          <fieldset className="rubric-section">
            <legend>
              <Trans>Questions</Trans>
            </legend>
            <p className="muted small">
              <Trans>Every rubric asks the likelihood of each claim (a term and a best estimate). Choose how each other question is asked.</Trans>
            </p>
            <div className="rubric-questions">
              {RUBRIC_QUESTIONS.map((question) => {
                const id = `rubric-asks-${question}`;
                const problems = problemsOf(`asks.${question}`);
                return (
                  <div className="field" key={question}>
                    <label htmlFor={id}>{i18n._(QUESTION_LABEL[question])}</label>
                    <select id={id} value={draft.asks[question]} onChange={(e) => edit({ ...draft, asks: { ...draft.asks, [question]: e.target.value as Requirement } })} {...problemAttributes(`${id}-problems`, problems)}>
                      {REQUIREMENTS.map((r) => (
                        <option key={r} value={r}>
                          {i18n._(REQUIREMENT_LABEL[r])}
                        </option>
                      ))}
                    </select>
                    <FieldProblems id={`${id}-problems`} problems={problems} />
                  </div>
                );
              })}
            </div>
            <div className="field">
              <label htmlFor="rubric-sum-tolerance">
                <Trans>Tolerance on the sum of best estimates (percentage points)</Trans>
              </label>
              <NumberInput
                id="rubric-sum-tolerance"
                className="narrow"
                min={0}
                max={50}
                step="any"
                value={draft.sumTolerance}
                onValue={(sumTolerance) => edit({ ...draft, sumTolerance })}
                aria-describedby={places.has("sumTolerance") ? "rubric-sum-tolerance-hint rubric-sum-tolerance-problems" : "rubric-sum-tolerance-hint"}
                {...(places.has("sumTolerance") ? { "aria-invalid": true } : {})}
              />
              <span id="rubric-sum-tolerance-hint" className="muted small">
                <Trans>The claims compete, so their best estimates should sum to about 100%. The scoresheet warns while the sum is further from 100 than this.</Trans>
              </span>
              <FieldProblems id="rubric-sum-tolerance-problems" problems={problemsOf("sumTolerance")} />
            </div>
          </fieldset>

          <div className="rubric-section">
            <h3>
              <Trans>Scales and their terms</Trans>
            </h3>
            <p className="muted small">
              <Trans>
                Terms of the catalog are named by the app in every language. A term of your own needs a label in at least one language; give one in each language your panelists read. Likelihood terms go from least to most
                likely.
              </Trans>
            </p>
            {RUBRIC_SCALES.map((scale) => (
              <TermsEditor key={scale} scale={scale} rubric={draft} onChange={edit} issues={places} readOnly={readOnly} />
            ))}
          </div>
        </fieldset>

        {!readOnly && (
          <>
            <div ref={summary} tabIndex={-1} className={tried && issues.length > 0 ? "alert" : "visually-hidden"} role={tried && issues.length > 0 ? "alert" : undefined} data-testid="rubric-problems">
              {tried && issues.length > 0 && plural(issues.length, { one: "The rubric was not saved: # problem is marked next to its field.", other: "The rubric was not saved: # problems are marked next to their fields." })}
              <FieldProblems id="rubric-form-problems" problems={formProblems} />
            </div>
            <OperationStatus operation={operation} />
            <p className="small autosave" role="status" data-testid="rubric-draft-status">
              {dirty && (keeping.state.status === "pending" || keeping.state.status === "saving") ? t`Saving the draft…` : null}
              {dirty && keeping.state.status === "saved" && keptAt ? t`Your unsaved changes are kept as a draft, encrypted, at ${keptAt}.` : null}
              {keeping.state.status === "failed" ? <span className="inline-problem">{t`The draft was not saved: ${keepError}`}</span> : null}
            </p>
            <div className="actions rubric-save">
              <button type="submit" disabled={!dirty || operation.running !== undefined}>
                {frozen ? <Trans>Save as revision {next}</Trans> : <Trans>Save the rubric</Trans>}
              </button>
              <button type="button" className="secondary" onClick={() => edit(base)} disabled={!dirty || operation.running !== undefined}>
                <Trans>Discard changes</Trans>
              </button>
              {saved && (
                <span role="status" className="ok" data-testid="rubric-saved">
                  {saved}
                </span>
              )}
            </div>
          </>
        )}
      </form>

      <section aria-labelledby="rubric-revisions-heading" className="subsection">
        <h3 id="rubric-revisions-heading">
          <Trans>Revisions</Trans>
        </h3>
        <ol className="plain" data-testid="rubric-revisions">
          {[...entry.revisions].reverse().map((r) => {
            const n = formatNumber(r.revision);
            const savedOn = formatDateTime(r.savedAt ?? "");
            const sentOn = formatDateTime(r.frozenAt ?? "");
            return (
              <li key={r.revision}>
                {entry.builtIn ? (
                  <Trans>Revision {n}, built in.</Trans>
                ) : r.frozenAt ? (
                  plural(r.packets, {
                    one: `Revision ${n}, saved ${savedOn}; frozen since ${sentOn}, carried by # packet.`,
                    other: `Revision ${n}, saved ${savedOn}; frozen since ${sentOn}, carried by # packets.`,
                  })
                ) : (
                  <Trans>Revision {n}, saved {savedOn}; not sent yet.</Trans>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </section>
  );
}

import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useState } from "react";
import type { ReceivedCase } from "../../../../shared/case/case-records";
import { MAX_REASONING } from "../../../../shared/opinion/opinion";
import type { SentAnswer } from "../../../../shared/opinion/records/received-draft.record";
import type { CommentView } from "../../../../shared/worker/contract";
import { saveFile } from "../../../app/download";
import { useAutosave } from "../../../app/useAutosave";
import { FileDrop } from "../../../components/FileDrop";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatDateTime } from "../../../i18n/format";
import { describeWorkerError } from "../../../i18n/problems";
import { MarkdownField } from "../scoring/MarkdownField";
import { DraftView } from "./DraftView";
import { describeAnswerRefusal, describeCommentRefusal } from "./labels";

type Choice = "none" | "separate" | "dissent";
type AnswerDraft = { comments: string; opinion: { kind: Choice; text: string } };
const EMPTY: AnswerDraft = { comments: "", opinion: { kind: "none", text: "" } };

/**
 * The chair's draft opinion, on the member's side (issue 15, "Drafting"):
 * import the draft for comment the chair sent (checked against the chair on
 * the roster before anything is stored), read it with every withholdable
 * part marked and why, write comments and, if they wish, a separate or
 * dissenting opinion (autosaved, encrypted), then sign and save the answer
 * for the chair. A refused file changes nothing and is said in words.
 */
export function CommentSection({ caseId, received }: { caseId: string; received: ReceivedCase }) {
  const { t } = useLingui();
  const loading = useOperation();
  const importing = useOperation();
  const answering = useOperation();
  const [view, setView] = useState<CommentView | undefined>();
  const [answer, setAnswer] = useState<AnswerDraft>(EMPTY);
  const [outcome, setOutcome] = useState<{ text: string; ok: boolean } | undefined>();
  const [answerProblem, setAnswerProblem] = useState<string | undefined>();
  const [sent, setSent] = useState<SentAnswer | undefined>();
  const { run } = loading;

  const load = useCallback(async () => {
    const read = await run(t`Reading the draft opinion you hold…`, (o) => cryptoWorker.call("comment:load", { caseId }, o));
    if (!read) return;
    setView(read);
    if (read.answer) setAnswer({ comments: read.answer.comments, opinion: read.answer.opinion });
  }, [run, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const autosave = useAutosave<AnswerDraft>(async (value) => {
    const r = await cryptoWorker.call("comment:save", { caseId, comments: value.comments, opinion: value.opinion });
    return r.ok ? { ok: true, savedAt: r.value.savedAt } : { ok: false, error: describeWorkerError(r.error) };
  });
  const edit = (next: AnswerDraft) => {
    setAnswer(next);
    setSent(undefined);
    setAnswerProblem(undefined);
    autosave.change(next);
  };

  const importFile = async (file: File) => {
    setOutcome(undefined);
    const fileName = file.name;
    const result = await importing.run(t`Checking and decrypting ${fileName}…`, (o) => cryptoWorker.call("comment:import-draft", { caseId, file }, o));
    if (!result) return;
    if (result.outcome === "refused") {
      setOutcome({ text: describeCommentRefusal(result.refusal), ok: false });
      return;
    }
    const round = result.draft.round;
    setOutcome({
      ok: true,
      text:
        result.outcome === "already-held"
          ? t`You already hold this draft (comment round ${round}); nothing changed.`
          : t`The chair's draft opinion (comment round ${round}) was imported. Its signature was checked against the chair of this case's panel.`,
    });
    await load();
  };

  const draft = view?.draft ?? null;
  const signAnswer = async () => {
    if (!draft) return;
    setAnswerProblem(undefined);
    setSent(undefined);
    await autosave.flush();
    const opinion = answer.opinion.kind === "none" ? undefined : { kind: answer.opinion.kind, text: answer.opinion.text };
    const result = await answering.run(t`Signing and sealing your answer to the chair…`, (o) =>
      cryptoWorker.call("comment:answer", { caseId, round: draft.round, comments: answer.comments, ...(opinion ? { opinion } : {}) }, o),
    );
    if (!result) return;
    if (result.outcome === "invalid") {
      setAnswerProblem(describeAnswerRefusal(result.refusal));
      return;
    }
    saveFile(result.file);
    setSent(result.sent);
    await load();
  };

  const status = autosave.state;
  const busy = importing.running !== undefined || answering.running !== undefined;
  const pastDeadline = draft !== null && Date.parse(draft.deadline) < Date.now();
  const opinionLabel = answer.opinion.kind === "dissent" ? t`Your dissenting opinion` : t`Your separate opinion`;

  return (
    <section aria-labelledby="comment-heading" className="draft-comment" data-testid="comment-section">
      <h3 id="comment-heading">{t`Draft opinion for comment`}</h3>
      <FileDrop
        id="comment-draft-file"
        busy={busy}
        accept=".age"
        className="feedback-drop"
        testId="comment-drop"
        label={t`Import the chair's draft opinion (.age)`}
        hint={
          <Trans>
            When the chair sends the draft opinion for comment, they give you a file made for you. Or drop the file here. It is decrypted with your key and its signature checked
            against the chair on your case packet's roster before anything is stored.
          </Trans>
        }
        onFiles={(files) => {
          const file = files[0];
          if (file) void importFile(file);
        }}
      />
      <OperationStatus operation={importing} />
      {outcome ? (
        <div className={outcome.ok ? "notice" : "alert"} role={outcome.ok ? "status" : "alert"} data-testid="comment-import-status">
          <p>{outcome.text}</p>
        </div>
      ) : null}
      <OperationStatus operation={loading} />
      {draft ? (
        <>
          <div className="notice comment-request" data-testid="comment-request">
            <p>
              <Trans>
                Comment round {draft.round}. Answers are due by <strong>{formatDateTime(draft.deadline)}</strong>.
              </Trans>
            </p>
            {pastDeadline ? <p className="inline-problem">{t`The deadline has passed. You can still answer; the chair will see that your answer came late.`}</p> : null}
            {draft.note ? (
              <blockquote className="chair-note" data-testid="comment-note">
                <p className="small muted">{t`The chair's note:`}</p>
                <p dir="auto">{draft.note}</p>
              </blockquote>
            ) : null}
          </div>
          <DraftView draft={draft} received={received} />
          <form
            className="comment-answer"
            aria-labelledby="comment-answer-heading"
            onSubmit={(e) => {
              e.preventDefault();
              void signAnswer();
            }}
          >
            <h4 id="comment-answer-heading">{t`Your answer to the chair`}</h4>
            <MarkdownField id="comment-comments" label={t`Your comments on the draft`} value={answer.comments} required={false} maxLength={MAX_REASONING} rows={6} onChange={(comments) => edit({ ...answer, comments })} />
            <fieldset className="opinion-choice">
              <legend>{t`A separate opinion of your own`}</legend>
              {(
                [
                  ["none", t`No separate opinion`],
                  ["separate", t`Separate (concurring) opinion`],
                  ["dissent", t`Dissenting opinion`],
                ] as const
              ).map(([kind, label]) => (
                <label key={kind} className="radio">
                  <input type="radio" name="opinion-kind" value={kind} checked={answer.opinion.kind === kind} onChange={() => edit({ ...answer, opinion: { ...answer.opinion, kind } })} data-testid={`opinion-kind-${kind}`} />
                  {label}
                </label>
              ))}
            </fieldset>
            {answer.opinion.kind === "none" ? null : (
              <MarkdownField id="comment-opinion" label={opinionLabel} value={answer.opinion.text} required maxLength={MAX_REASONING} rows={8} onChange={(text) => edit({ ...answer, opinion: { ...answer.opinion, text } })} />
            )}
            <p className="small autosave" role="status" data-testid="comment-autosave-status">
              {status.status === "saving" || status.status === "pending" ? t`Saving your answer…` : null}
              {status.status === "saved" && status.savedAt ? t`Answer saved, encrypted, at ${formatDateTime(status.savedAt)}.` : null}
              {status.status === "failed" ? <span className="inline-problem">{t`Your answer was not saved: ${status.error ?? ""}`}</span> : null}
              {status.status === "idle" && view?.answer ? t`Answer from ${formatDateTime(view.answer.savedAt)}.` : null}
            </p>
            <p className="small muted">
              <Trans>Signing puts your signature on your answer and on your separate opinion, which names this exact draft; the file is encrypted to the chair alone.</Trans>
            </p>
            <div className="actions">
              <button type="submit" disabled={busy} data-testid="comment-sign">
                {t`Sign and save my answer`}
              </button>
            </div>
            <OperationStatus operation={answering} />
            {answerProblem ? (
              <div className="alert" role="alert" data-testid="comment-answer-problem">
                <p>{answerProblem}</p>
              </div>
            ) : null}
            {sent ? (
              <div className="notice" role="status" data-testid="comment-answer-sent">
                <p>
                  <Trans>
                    Your signed answer was saved as <Ltr>{sent.fileName}</Ltr>. Give this file to the chair.
                  </Trans>
                </p>
                <p>
                  <Trans>
                    Its SHA-256: <span className="answer-hash" data-testid="comment-answer-sha256">
                      <Ltr>{sent.sha256}</Ltr>
                    </span>
                  </Trans>
                </p>
              </div>
            ) : null}
          </form>
          {draft.answers.length > 0 ? (
            <details className="comment-sent">
              <summary>{t`Answers you signed for this round`}</summary>
              <ul>
                {draft.answers.map((a) => {
                  const when = formatDateTime(a.answeredAt);
                  return (
                    <li key={a.sha256}>
                      {a.late ? t`Signed ${when}, after the deadline:` : t`Signed ${when}:`} <Ltr>{a.fileName}</Ltr> <Ltr>{a.sha256}</Ltr>
                    </li>
                  );
                })}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState, type ReactNode } from "react";
import type { AnswerResult, CoSignResult, ExchangeSeat, ExchangeView } from "../../../../shared/worker/contract";
import { saveFile } from "../../../app/download";
import { fromDateTimeInput, Timestamp, toDateTimeInput } from "../../../components/case/format";
import { FileDrop } from "../../../components/FileDrop";
import { Ltr } from "../../../components/Ltr";
import { MarkdownText } from "../../../components/Markdown";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatNumber } from "../../../i18n/format";
import { describeMergeError } from "../../../i18n/problems";
import { answerSentence, coSignSentence, describeAnswerRefusal, describeCoSignRefusal, describePrepareRefusal, describeSealRefusal, stanceLabel } from "./exchange-words";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
type Exchange = Extract<ExchangeView, { outcome: "exchange" }>;
type Done = { readonly kind: "prepared" | "sealed"; readonly sha256: string; readonly files: readonly { readonly who: string; readonly fileName: string }[] };

/**
 * After the draft went out for comment: the members' answers (comments, and
 * each separate or dissenting opinion as its author signed it), the final
 * opinion sent to every member for co-signing (its salts and decoys fixed
 * from then on), their co-signatures, and the sealed opinion for the
 * secretariat. Each step says what it will do before it does it; a file
 * that fails a check is refused with a sentence and changes nothing.
 */
export function CoSigning({ caseId }: { caseId: string }) {
  const { t } = useLingui();
  const id = useId();
  const reading = useOperation();
  const working = useOperation();
  const [view, setView] = useState<Exchange | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [answerResults, setAnswerResults] = useState<readonly AnswerResult[] | undefined>();
  const [coSignResults, setCoSignResults] = useState<readonly CoSignResult[] | undefined>();
  const [deadline, setDeadline] = useState(() => new Date(Math.ceil((Date.now() + WEEK_MS) / 3_600_000) * 3_600_000).toISOString());
  const [done, setDone] = useState<Done | undefined>();
  const { run } = reading;

  const load = useCallback(async () => {
    const answer = await run(t`Reading the answers and co-signatures…`, (o) => cryptoWorker.call("opinion:exchange", { caseId }, o));
    if (!answer) return;
    if (answer.outcome === "refused") return setProblem(describeMergeError(answer.error));
    setView(answer);
  }, [run, t, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const busy = working.running !== undefined;
  const start = () => {
    setProblem(undefined);
    setDone(undefined);
  };

  const importAnswers = async (files: readonly File[]) => {
    start();
    setAnswerResults(undefined);
    const answer = await working.run(t`Checking the answers…`, (o) => cryptoWorker.call("opinion:import-answers", { caseId, files: files.map((file) => ({ name: file.name, file })) }, o));
    if (!answer) return;
    if (answer.outcome === "refused") return setProblem(describeMergeError(answer.error));
    setAnswerResults(answer.results);
    await load();
  };

  const importCoSignatures = async (files: readonly File[]) => {
    start();
    setCoSignResults(undefined);
    const answer = await working.run(t`Checking the co-signatures…`, (o) => cryptoWorker.call("opinion:import-cosignatures", { caseId, files: files.map((file) => ({ name: file.name, file })) }, o));
    if (!answer) return;
    if (answer.outcome === "refused") return setProblem(describeMergeError(answer.error));
    setCoSignResults(answer.results);
    await load();
  };

  const prepare = async () => {
    start();
    const answer = await working.run(t`Building, signing and encrypting the opinion for each member…`, (o) => cryptoWorker.call("opinion:prepare-cosign", { caseId, deadline }, o));
    if (!answer) return;
    if (answer.outcome === "refused") return setProblem(describeMergeError(answer.error));
    if (answer.outcome === "invalid") return setProblem(describePrepareRefusal(answer.refusal));
    for (const f of answer.files) saveFile(f.file);
    setDone({ kind: "prepared", sha256: answer.sha256, files: answer.files.map((f) => ({ who: f.displayName, fileName: f.file.fileName })) });
    await load();
  };

  const seal = async () => {
    start();
    const answer = await working.run(t`Sealing the opinion to the secretariat…`, (o) => cryptoWorker.call("opinion:seal", { caseId }, o));
    if (!answer) return;
    if (answer.outcome === "refused") return setProblem(describeMergeError(answer.error));
    if (answer.outcome === "invalid") return setProblem(describeSealRefusal(answer.refusal));
    saveFile(answer.file);
    setDone({ kind: "sealed", sha256: answer.sha256, files: [{ who: t`Secretariat`, fileName: answer.file.fileName }] });
    await load();
  };

  const coSigned = view?.seats.filter((s) => s.coSignature !== null && !s.coSignature.late).length ?? 0;

  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part" data-testid="co-signing">
      <h4 id={`${id}-heading`}>
        <Trans>Answers, co-signatures and sealing</Trans>
      </h4>
      <OperationStatus operation={reading} unit="items" />
      {view && view.draft === null && (
        <p className="muted" data-testid="co-signing-no-draft">
          <Trans>Once the draft has gone out for comment, import the members' answers here.</Trans>
        </p>
      )}
      {view && view.draft !== null && (
        <>
          <p className="muted small">
            <Trans>
              Draft {formatNumber(view.draft.round)} went out for comment; its SHA-256 begins <Ltr>{view.draft.sha256.slice(0, 12)}</Ltr>. Answers to it are due by <Timestamp iso={view.draft.deadline} />.
            </Trans>
          </p>
          <ExchangeDrop
            id={`${id}-answers`}
            busy={busy}
            testId="answers-drop"
            label={t`Import the members' answers (.age), several at once`}
            hint={<Trans>Or drop them here. Each is decrypted with your key and checked: signed by a member of this panel, answering the latest draft, any separate or dissenting opinion signed by its author.</Trans>}
            onFiles={(files) => void importAnswers(files)}
          />
          {answerResults && (
            <FileResults testId="answer-results" results={answerResults.map((r) => ({ name: r.name, outcome: r.outcome, refusal: r.outcome === "refused" ? r.refusal.kind : undefined, text: r.outcome === "refused" ? describeAnswerRefusal(r.refusal) : answerSentence(r) }))} />
          )}
          <SeatsTable seats={view.seats} />

          <h5>
            <Trans>Send the opinion for co-signing</Trans>
          </h5>
          <p className="muted small">
            <Trans>
              The opinion is built from the draft the members saw and every separate or dissenting opinion exactly as its author signed it, signed with your chair key, and sent to each member with every part that may be withheld, so they sign the whole text. Once a member has co-signed, it can no longer change.
            </Trans>
          </p>
          {view.final && (
            <p data-testid="final-payload">
              <Trans>
                Sent for co-signing on <Timestamp iso={view.final.preparedAt} />; its SHA-256 begins <Ltr>{view.final.sha256.slice(0, 12)}</Ltr>. Co-signatures are due by <Timestamp iso={view.final.deadline} />.
              </Trans>{" "}
              <Plural value={view.final.separateOpinions} _0="It carries no separate opinion." one="It carries # separate or dissenting opinion." other="It carries # separate or dissenting opinions." />
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-deadline`}>
              <Trans>Co-signatures due by (UTC)</Trans>
            </label>
            <input id={`${id}-deadline`} type="datetime-local" value={toDateTimeInput(deadline)} onChange={(e) => setDeadline(fromDateTimeInput(e.target.value, deadline))} />
          </div>
          <div className="actions">
            <button type="button" data-testid="prepare-cosign-button" disabled={busy || coSigned > 0} onClick={() => void prepare()}>
              {view.final ? <Trans>Send again (new text, new digest)</Trans> : <Trans>Send for co-signing</Trans>}
            </button>
          </div>

          {view.final && (
            <>
              <h5>
                <Trans>Co-signatures</Trans>
              </h5>
              <ExchangeDrop
                id={`${id}-cosignatures`}
                busy={busy}
                testId="cosignatures-drop"
                label={t`Import the members' co-signatures (.age), several at once`}
                hint={<Trans>Or drop them here. Each is checked against the opinion you sent: the member's signature, the text's digest, and a stance that fits what the opinion carries for them.</Trans>}
                onFiles={(files) => void importCoSignatures(files)}
              />
              {coSignResults && (
                <FileResults testId="cosign-results" results={coSignResults.map((r) => ({ name: r.name, outcome: r.outcome, refusal: r.outcome === "refused" ? r.refusal.kind : undefined, text: r.outcome === "refused" ? describeCoSignRefusal(r.refusal) : coSignSentence(r) }))} />
              )}

              <h5>
                <Trans>Seal for the secretariat</Trans>
              </h5>
              <p className="muted small">
                <Trans>
                  The sealed opinion holds the signed text, every part that may be withheld, every co-signature received by the deadline and the digests of the scoresheets the figures come from, encrypted to the secretariat. Members who have not co-signed by then are recorded as not signing; the opinion never claims a signature it does not have.
                </Trans>
              </p>
              <p role="status" data-testid="cosign-count">
                <Trans>
                  {formatNumber(coSigned)} of {formatNumber(view.seats.length)} members have co-signed.
                </Trans>
              </p>
              <div className="actions">
                <button type="button" data-testid="seal-button" disabled={busy || !view.canSeal} aria-describedby={view.canSeal ? undefined : `${id}-seal-why`} onClick={() => void seal()}>
                  <Trans>Seal and save for the secretariat</Trans>
                </button>
              </div>
              {!view.canSeal && (
                <p id={`${id}-seal-why`} className="muted small">
                  <Trans>
                    Sealing opens once every member has co-signed, or after <Timestamp iso={view.final.deadline} />.
                  </Trans>
                </p>
              )}
              {view.sealed && (
                <p data-testid="sealed-note">
                  <Trans>
                    Sealed on <Timestamp iso={view.sealed.sealedAt} /> as <Ltr>{view.sealed.fileName}</Ltr> (SHA-256 begins <Ltr>{view.sealed.sha256.slice(0, 12)}</Ltr>).
                  </Trans>
                </p>
              )}
            </>
          )}
        </>
      )}
      <OperationStatus operation={working} unit="items" />
      {problem && (
        <div className="alert" role="alert" data-testid="co-signing-problem">
          {problem}
        </div>
      )}
      {done && (
        <div className="ok" role="status" data-testid={done.kind === "prepared" ? "cosign-sent" : "opinion-sealed"}>
          <p>
            {done.kind === "prepared" ? (
              <Trans>
                The opinion was sent for co-signing; its SHA-256 begins <Ltr>{done.sha256.slice(0, 12)}</Ltr>. Hand each member their file:
              </Trans>
            ) : (
              <Trans>
                The opinion is sealed; the file's SHA-256 begins <Ltr>{done.sha256.slice(0, 12)}</Ltr>. Hand it to the secretariat:
              </Trans>
            )}
          </p>
          <ul className="plain">
            {done.files.map((f) => (
              <li key={f.fileName}>
                {f.who}: <Ltr>{f.fileName}</Ltr>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Where the chair hands over members' files: several at once, by picker or drop. */
function ExchangeDrop(props: { id: string; busy: boolean; testId: string; label: string; hint: ReactNode; onFiles: (files: readonly File[]) => void }) {
  return <FileDrop {...props} multiple accept=".age" className="scoresheet-drop" />;
}

function FileResults({ testId, results }: { testId: string; results: readonly { name: string; outcome: string; refusal: string | undefined; text: string }[] }) {
  return (
    <ul className="import-results" data-testid={testId}>
      {results.map((r, i) => (
        <li key={i} className={r.outcome} data-testid="exchange-result" data-outcome={r.outcome} data-refusal={r.refusal}>
          <Ltr>{r.name}</Ltr>: {r.outcome === "refused" && <Trans>Refused.</Trans>} {r.text}
        </li>
      ))}
    </ul>
  );
}

/** Every member seat: their answer (comments, separate or dissenting opinion as signed) and their co-signature. */
function SeatsTable({ seats }: { seats: readonly ExchangeSeat[] }) {
  const { t } = useLingui();
  return (
    <table className="seat-table" data-testid="exchange-seats">
      <caption className="visually-hidden">{t`Members' answers and co-signatures`}</caption>
      <thead>
        <tr>
          <th scope="col">{t`Member`}</th>
          <th scope="col">{t`Answer to the draft`}</th>
          <th scope="col">{t`Co-signature`}</th>
        </tr>
      </thead>
      <tbody>
        {seats.map((s) => (
          <tr key={s.seat} data-testid="exchange-seat" data-seat={s.seat}>
            <th scope="row" dir="auto">
              {s.displayName}
            </th>
            <td>
              {s.answer === null ? (
                <span className="muted">{t`No answer yet`}</span>
              ) : (
                <details>
                  <summary>
                    {s.answer.separateOpinion === null
                      ? t`Comments`
                      : s.answer.separateOpinion.kind === "dissent"
                        ? t`Comments and a dissenting opinion`
                        : t`Comments and a separate opinion`}{" "}
                    (<Timestamp iso={s.answer.answeredAt} />)
                  </summary>
                  {s.answer.comments.length > 0 ? <MarkdownText source={s.answer.comments.join("\n\n")} /> : <p className="muted">{t`No comments.`}</p>}
                  {s.answer.separateOpinion && (
                    <div className="separate-opinion" data-testid="separate-opinion" data-kind={s.answer.separateOpinion.kind}>
                      <p className="small">
                        <strong>{s.answer.separateOpinion.kind === "dissent" ? t`Dissenting opinion, signed by its author` : t`Separate opinion, signed by its author`}</strong>
                      </p>
                      <MarkdownText source={s.answer.separateOpinion.text.join("\n\n")} />
                    </div>
                  )}
                </details>
              )}
            </td>
            <td data-testid="exchange-cosignature">
              {s.coSignature === null ? (
                <span className="muted">{t`Not yet`}</span>
              ) : (
                <>
                  {stanceLabel(s.coSignature.stance)}
                  {s.coSignature.late && <> ({t`after the deadline: not sealed`})</>}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

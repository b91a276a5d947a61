import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState } from "react";
import type { ReceivedCase } from "../../../../shared/case/case-records";
import type { Stance } from "../../../../shared/opinion/co-signature";
import type { CosignRequestView } from "../../../../shared/worker/contract";
import { saveFile } from "../../../app/download";
import { Timestamp } from "../../../components/case/format";
import { FileDrop } from "../../../components/FileDrop";
import { Ltr } from "../../../components/Ltr";
import { MarkdownText } from "../../../components/Markdown";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { stanceLabel } from "../../chair/opinion/exchange-words";
import { DraftView } from "../comment/DraftView";
import { describeCosignRefusal, describeCosignSignRefusal } from "./cosign-words";

/**
 * The opinion sent for co-signing, on the member's side (issue 15,
 * "Co-signing"): import the chair's request (checked against the chair on
 * the roster, every part disclosed, and the member's own separate or
 * dissenting opinion carried byte for byte before anything is stored), read
 * the whole text with what may be withheld marked and every separate
 * opinion with its author, then sign a co-signature statement with the one
 * stance that fits and save it for the chair.
 */
export function CosignSection({ caseId, received }: { caseId: string; received: ReceivedCase }) {
  const { t } = useLingui();
  const id = useId();
  const loading = useOperation();
  const importing = useOperation();
  const signing = useOperation();
  const [request, setRequest] = useState<CosignRequestView | null | undefined>();
  const [stance, setStance] = useState<Stance | undefined>();
  const [outcome, setOutcome] = useState<{ text: string; ok: boolean } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const { run } = loading;

  const load = useCallback(async () => {
    const read = await run(t`Reading the opinion sent for co-signing…`, (o) => cryptoWorker.call("cosign:load", { caseId }, o));
    if (read) setRequest(read.request);
  }, [run, t, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const importFile = async (file: File) => {
    setOutcome(undefined);
    setProblem(undefined);
    const fileName = file.name;
    const result = await importing.run(t`Checking and decrypting ${fileName}…`, (o) => cryptoWorker.call("cosign:import-request", { caseId, file }, o));
    if (!result) return;
    if (result.outcome === "refused") return setOutcome({ text: describeCosignRefusal(result.refusal), ok: false });
    setRequest(result.request);
    setOutcome({
      ok: true,
      text:
        result.outcome === "already-held"
          ? t`You already hold this request; nothing changed.`
          : t`The chair's request for co-signature was imported. The chair's signature, every part of the opinion and your own opinion in it were checked.`,
    });
  };

  const sign = async (chosen: Stance) => {
    setProblem(undefined);
    setSaved(undefined);
    const result = await signing.run(t`Signing your co-signature and sealing it to the chair…`, (o) => cryptoWorker.call("cosign:sign", { caseId, stance: chosen }, o));
    if (!result) return;
    if (result.outcome === "invalid") return setProblem(describeCosignSignRefusal(result.refusal));
    saveFile(result.file);
    setSaved(result.file.fileName);
    setRequest(result.request);
  };

  const busy = importing.running !== undefined || signing.running !== undefined;
  const chosen = request?.signed?.stance ?? stance ?? (request?.stances.length === 1 ? request.stances[0] : undefined);

  return (
    <section aria-labelledby={`${id}-heading`} className="draft-comment" data-testid="cosign-section">
      <h3 id={`${id}-heading`}>{t`The opinion for co-signing`}</h3>
      <FileDrop
        id={`${id}-file`}
        busy={busy}
        accept=".age"
        className="feedback-drop"
        testId="cosign-drop"
        label={t`Import the chair's request for co-signature (.age)`}
        hint={
          <Trans>
            When the chair sends the final opinion for signature, they give you a file made for you. Or drop it here. It is decrypted with your key and checked before anything is
            stored: signed by the chair, every part disclosed to you, and your own separate or dissenting opinion in it exactly as you signed it.
          </Trans>
        }
        onFiles={(files) => {
          const file = files[0];
          if (file) void importFile(file);
        }}
      />
      <OperationStatus operation={importing} />
      {outcome && (
        <div className={outcome.ok ? "notice" : "alert"} role={outcome.ok ? "status" : "alert"} data-testid="cosign-import-status">
          <p>{outcome.text}</p>
        </div>
      )}
      <OperationStatus operation={loading} />
      {request && (
        <>
          <DraftView
            testId="cosign-opinion"
            draft={request}
            received={received}
            footer={
              <p className="small muted">
                <Trans>
                  Received <Timestamp iso={request.importedAt} />. The opinion's digest (SHA-256), which your co-signature names: <Ltr>{request.sha256}</Ltr>
                </Trans>
              </p>
            }
          />
          <section aria-labelledby={`${id}-separate`} className="opinion-part" data-testid="cosign-separate-opinions">
            <h4 id={`${id}-separate`}>{t`Separate and dissenting opinions`}</h4>
            {request.separateOpinions.length === 0 ? (
              <p>{t`The opinion carries no separate or dissenting opinion.`}</p>
            ) : (
              request.separateOpinions.map((o) => (
                <article key={o.seat} className="separate-opinion" data-testid="cosign-separate-opinion" data-kind={o.kind} data-mine={o.mine}>
                  <p className="small">
                    <strong dir="auto">{o.displayName}</strong> — {o.kind === "dissent" ? t`dissenting opinion, signed by its author` : t`separate opinion, signed by its author`}
                    {o.mine && <> · {t`yours, exactly as you signed it`}</>}
                  </p>
                  <MarkdownText source={o.text.join("\n\n")} />
                </article>
              ))
            )}
          </section>
          <form
            className="comment-answer"
            aria-labelledby={`${id}-sign`}
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen) void sign(chosen);
            }}
          >
            <h4 id={`${id}-sign`}>{t`Your co-signature`}</h4>
            <p>
              <Trans>
                Co-signatures are due by <Timestamp iso={request.deadline} />.
              </Trans>
            </p>
            <fieldset className="opinion-choice">
              <legend>{t`Your stance`}</legend>
              {(["concur", "concur-separate", "dissent"] as const).map((s) => (
                <label key={s} className="radio">
                  <input
                    type="radio"
                    name={`${id}-stance`}
                    value={s}
                    checked={chosen === s}
                    disabled={!request.stances.includes(s) || (request.signed !== null && request.signed.stance !== s)}
                    onChange={() => setStance(s)}
                    data-testid={`cosign-stance-${s}`}
                  />
                  {stanceLabel(s)}
                </label>
              ))}
            </fieldset>
            <p className="small muted">
              {request.stances[0] === "concur"
                ? t`The opinion carries no separate opinion of yours, so you co-sign it as concurring.`
                : t`The opinion carries your own opinion, so your co-signature names it: its kind decides your stance.`}
            </p>
            <p className="small">
              <Trans>
                You sign the whole opinion whose SHA-256 is <Ltr>{request.sha256}</Ltr>, including the parts that may be withheld when it is published. The file is encrypted to the
                chair alone.
              </Trans>
            </p>
            <div className="actions">
              <button type="submit" disabled={busy || !chosen} data-testid="cosign-sign">
                {request.signed ? t`Save my co-signature again` : t`Co-sign and save`}
              </button>
            </div>
            <OperationStatus operation={signing} />
            {problem && (
              <div className="alert" role="alert" data-testid="cosign-problem">
                <p>{problem}</p>
              </div>
            )}
            {request.signed && (
              <div className="notice" role="status" data-testid="cosign-signed">
                <p>
                  <Trans>
                    You co-signed on <Timestamp iso={request.signed.signedAt} /> ({stanceLabel(request.signed.stance)}). Hand the chair the file <Ltr>{saved ?? request.signed.fileName}</Ltr>.
                  </Trans>
                </p>
                {request.signed.late && <p className="inline-problem">{t`You signed after the deadline: the chair keeps your co-signature, but may have sealed the opinion without it.`}</p>}
              </div>
            )}
          </form>
        </>
      )}
    </section>
  );
}

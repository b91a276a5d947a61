import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useState } from "react";
import type { ReceivedCase } from "../../../../shared/case/case-records";
import type { ReceivedFeedback } from "../../../../shared/scoring/records/feedback.record";
import { hrefTo } from "../../../app/routes";
import { navigate } from "../../../app/useRoute";
import { FileDrop } from "../../../components/FileDrop";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { describeFeedbackRefusal } from "../../../i18n/problems";
import { direction, isAnyLocale } from "../../../i18n/locales";
import { FeedbackView } from "./FeedbackView";

/**
 * The Delphi rounds on the case, on the panelist's side: import the chair's
 * feedback packet (file picker, or drop the file here), then read each
 * round's feedback, the latest first, and go on to score that round. A
 * refused file changes nothing and is said in words.
 */
export function FeedbackSection({ caseId, received }: { caseId: string; received: ReceivedCase }) {
  const { t, i18n } = useLingui();
  const loading = useOperation();
  const importing = useOperation();
  const [held, setHeld] = useState<readonly ReceivedFeedback[] | undefined>();
  const [outcome, setOutcome] = useState<{ text: string; ok: boolean; round?: number } | undefined>();
  const { run } = loading;

  const load = useCallback(async () => {
    const read = await run(t`Reading the feedback you hold…`, (o) => cryptoWorker.call("scoring:feedback", { caseId }, o));
    if (read) setHeld(read);
  }, [run, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const importFile = async (file: File) => {
    setOutcome(undefined);
    const fileName = file.name;
    const result = await importing.run(t`Checking and decrypting ${fileName}…`, (o) => cryptoWorker.call("scoring:import-feedback", { caseId, file }, o));
    if (!result) return;
    if (result.outcome === "refused") {
      setOutcome({ text: describeFeedbackRefusal(result.refusal), ok: false });
      return;
    }
    const round = result.round;
    setOutcome({
      ok: true,
      round,
      text:
        result.outcome === "already-held"
          ? t`You already hold this feedback packet for round ${round}; nothing changed.`
          : result.outcome === "replaced"
            ? t`The chair's newer feedback for round ${round} was imported and replaces the one you held. Its signature was checked against the chair of this case's panel.`
            : t`The chair's feedback for round ${round} was imported. Its signature was checked against the chair of this case's panel. Round ${round} is now open for your scoresheet.`,
    });
    await load();
  };

  const busy = importing.running !== undefined;
  const newestFirst = [...(held ?? [])].sort((a, b) => b.round - a.round);
  const latest = newestFirst[0];
  const dir = isAnyLocale(i18n.locale) ? direction(i18n.locale) : "ltr";
  const latestRound = latest?.round ?? 0;

  return (
    <section aria-labelledby="delphi-heading" className="delphi-rounds" data-testid="feedback-section">
      <h3 id="delphi-heading">{t`Later rounds (Delphi)`}</h3>
      <FileDrop
        id="feedback-file"
        busy={busy}
        accept=".age"
        className="feedback-drop"
        testId="feedback-drop"
        label={t`Import the chair's feedback packet (.age)`}
        hint={
          <Trans>
            When the chair opens another round, they give you a feedback packet: the panel's anonymous estimates and shared rationales. Or drop the file here. It is decrypted with
            your key and its signature checked against the chair on your case packet's roster before anything is stored.
          </Trans>
        }
        onFiles={(files) => {
          const file = files[0];
          if (file) void importFile(file);
        }}
      />
      <OperationStatus operation={importing} />
      {outcome ? (
        <div className={outcome.ok ? "notice" : "alert"} role={outcome.ok ? "status" : "alert"} data-testid="feedback-import-status">
          <p>{outcome.text}</p>
        </div>
      ) : null}
      <OperationStatus operation={loading} />
      {latest ? (
        <>
          <div className="actions">
            <button type="button" data-testid="score-round" onClick={() => navigate(hrefTo("panelist.score", { caseId }))}>
              {t`Score round ${latestRound}`}
            </button>
          </div>
          <FeedbackView held={latest} received={received} dir={dir} />
          {newestFirst.slice(1).map((older) => {
            const round = older.round;
            return (
              <details key={round} className="feedback-older">
                <summary>{t`Round ${round} feedback`}</summary>
                <FeedbackView held={older} received={received} dir={dir} />
              </details>
            );
          })}
        </>
      ) : null}
    </section>
  );
}

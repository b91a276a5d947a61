import { useLingui } from "@lingui/react/macro";
import type { Rubric } from "../../../../shared/rubric/rubric";
import { changedAnswers } from "../../../../shared/scoring/answers";
import { latestOf, type SentScoresheet } from "../../../../shared/scoring/scoring-store";
import { Ltr } from "../../../components/Ltr";
import { shortHash } from "../../../components/case/format";
import { formatDateTime } from "../../../i18n/format";
import { answerKeyName, answerValueText, type ClaimNames } from "./scoring-words";

/** Every scoresheet the panelist signed for this case, newest first, each with what it changed and why. */
export function RevisionHistory({
  sent,
  rubric,
  claimNames,
  evidenceTitle,
  onCopy,
}: {
  sent: readonly SentScoresheet[];
  rubric: Rubric;
  claimNames: ClaimNames;
  evidenceTitle: (id: string) => string;
  onCopy: (s: SentScoresheet) => void;
}) {
  const { t, i18n } = useLingui();
  const newestFirst = [...sent].sort((a, b) => b.sheet.round - a.sheet.round || b.sheet.revision - a.sheet.revision);
  return (
    <section aria-labelledby="history-heading" className="history" data-testid="scoring-history">
      <h3 id="history-heading">{t`Your signed scoresheets`}</h3>
      <ol className="plain">
        {newestFirst.map((s) => {
          const { round, revision, signedAt } = s.sheet;
          const when = formatDateTime(signedAt);
          const hash = shortHash(s.sha256);
          // Round n ≥ 2 opens by revising the final scoresheet of round n − 1.
          const opensRound = revision === 1 && round > 1;
          const previousRound = round - 1;
          const before = opensRound ? latestOf(sent, previousRound) : sent.find((p) => p.sheet.round === round && p.sheet.revision === revision - 1);
          const changes = before ? changedAnswers(before.sheet.answers, s.sheet.answers) : [];
          const reasons = new Map((s.sheet.previous?.changes ?? []).map((c) => [c.answer, c.reason]));
          return (
            <li key={`${round}-${revision}`} className="card" data-testid="scoring-revision">
              <h4>{revision === 1 ? t`Round ${round}, first scoresheet` : t`Round ${round}, revision ${revision}`}</h4>
              <p className="small">
                {t`Signed ${when}.`} <span>{t`SHA-256:`}</span> <Ltr className="mono">{hash}</Ltr>
              </p>
              {changes.length > 0 ? (
                <details>
                  <summary>{opensRound ? t`What changed from round ${previousRound}, and why` : t`What changed from revision ${revision - 1}, and why`}</summary>
                  <ul>
                    {changes.map((ch) => (
                      <li key={ch.key}>
                        <strong>{answerKeyName(i18n, ch.key, claimNames, evidenceTitle)}</strong>: {answerValueText(i18n, ch.key, ch.before, rubric)} → {answerValueText(i18n, ch.key, ch.after, rubric)}
                        <br />
                        <span className="small">{t`Reason: ${reasons.get(ch.key) ?? "—"}`}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <button type="button" className="secondary" onClick={() => onCopy(s)}>
                {t`Save my signed copy of this revision`}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { Trans, useLingui } from "@lingui/react/macro";
import type { ReceivedCase } from "../../../../shared/case/case-records";
import type { FeedbackAggregates } from "../../../../shared/merge/feedback-packet";
import type { ReceivedFeedback } from "../../../../shared/scoring/records/feedback.record";
import { MarkdownText } from "../../../components/Markdown";
import type { Direction } from "../../../components/charts/layout";
import { formatDateTime, formatNumber } from "../../../i18n/format";
import { claimStatement } from "../../../i18n/vocabulary";
import { percentText } from "../../../components/charts/format";
import { FeedbackStrip } from "./FeedbackStrip";

/**
 * One round's feedback from the chair, as the panelist reads it before
 * scoring that round: the chair's note; per claim the panel's estimates of
 * the round before (theirs highlighted, nobody named), the aggregates, and
 * the rationales the other panelists agreed to share (Markdown, rendered
 * the safe way).
 */
export function FeedbackView({ held, received, dir }: { held: ReceivedFeedback; received: ReceivedCase; dir: Direction }) {
  const { t, i18n } = useLingui();
  const f = held.feedback;
  const round = f.round;
  const fromRound = f.fromRound;
  const made = formatDateTime(f.createdAt);
  const imported = formatDateTime(held.importedAt);
  const claims = received.case.claims;
  return (
    <section className="feedback-round card" aria-labelledby={`feedback-${round}-heading`} data-testid="feedback-round">
      <h3 id={`feedback-${round}-heading`} tabIndex={-1}>
        {t`Round ${round} feedback`}
      </h3>
      <p className="small muted">
        <Trans>
          The chair's summary of round {fromRound}, made {made}, imported {imported}. Its signature was checked against the chair on your case packet's roster.
        </Trans>
      </p>
      {f.note ? (
        <div className="feedback-note">
          <h4>{t`The chair's note`}</h4>
          <p className="prose" dir="auto" data-testid="feedback-note">
            {f.note}
          </p>
        </div>
      ) : null}
      <p>
        <Trans>Every estimate is shown without a name or region, in random order. Yours from round {fromRound} is marked.</Trans>
      </p>
      <ol className="plain feedback-claims">
        {f.claims.map((c) => {
          const index = claims.findIndex((x) => x.id === c.claim);
          const claim = claims[index];
          const position = index + 1;
          const statement = claim ? claimStatement(i18n, claim) : c.claim;
          const mine = c.own === undefined ? undefined : c.estimates[c.own];
          const yours = mine === undefined ? "" : percentText(mine);
          return (
            <li key={c.claim} className="feedback-claim" data-testid="feedback-claim">
              <h4 dir="auto">{t`Claim ${position}: ${statement}`}</h4>
              {c.estimates.length > 0 ? (
                <FeedbackStrip
                  title={t`Best estimates for claim ${position} in round ${fromRound}`}
                  estimates={c.estimates}
                  own={c.own}
                  median={c.aggregates.median}
                  p25={c.aggregates.p25}
                  p75={c.aggregates.p75}
                  dir={dir}
                  testId={`feedback-strip-${position}`}
                />
              ) : (
                <p className="muted">{t`No panelist gave a best estimate for this claim.`}</p>
              )}
              <p>{mine === undefined ? t`You gave no best estimate for this claim in round ${fromRound}.` : t`Your best estimate in round ${fromRound}: ${yours}.`}</p>
              <Aggregates aggregates={c.aggregates} />
              <h5>{t`Rationales shared by panelists`}</h5>
              {c.rationales.length === 0 ? (
                <p className="muted small">{t`No panelist who agreed to share their rationales wrote one for this claim.`}</p>
              ) : (
                <ul className="feedback-rationales">
                  {c.rationales.map((r, i) => (
                    <li key={i} data-testid="feedback-rationale">
                      <MarkdownText source={r} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A claim's aggregates of the round before, as the chair computed them. */
function Aggregates({ aggregates: a }: { aggregates: FeedbackAggregates }) {
  const { t } = useLingui();
  const n = a.n;
  const pool = (p: FeedbackAggregates["linearPool"]) => {
    if (!p) return t`not computed`;
    const value = percentText(p.value);
    if (p.normalised === undefined) return value;
    const normalised = percentText(p.normalised);
    return t`${value} (normalised across the claims: ${normalised})`;
  };
  const low = a.p25 === undefined ? "" : percentText(a.p25);
  const high = a.p75 === undefined ? "" : percentText(a.p75);
  const width = a.iqr === undefined ? "" : formatNumber(a.iqr, 1);
  return (
    <dl className="facts feedback-aggregates" data-testid="feedback-aggregates">
      <dt>{t`Panelists with an estimate`}</dt>
      <dd>{formatNumber(n)}</dd>
      <dt>{t`Median`}</dt>
      <dd>{a.median === undefined ? t`not computed` : percentText(a.median)}</dd>
      <dt>{t`Interquartile range`}</dt>
      <dd>{a.p25 === undefined || a.p75 === undefined ? t`not computed` : t`${low} to ${high} (${width} points)`}</dd>
      <dt>{t`Linear pool (mean)`}</dt>
      <dd>{pool(a.linearPool)}</dd>
      <dt>{t`Log-odds pool`}</dt>
      <dd>{pool(a.logOddsPool)}</dd>
      {a.range ? (
        <>
          <dt>{t`Pooled plausible range`}</dt>
          <dd>{t`${percentText(a.range.lowest)} to ${percentText(a.range.highest)}, from ${formatNumber(a.range.n)} panelists who gave one`}</dd>
        </>
      ) : null}
    </dl>
  );
}

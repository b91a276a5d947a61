import { Plural, Trans, useLingui } from "@lingui/react/macro";
import type { IprResult, PanelStatistics, Pool, ThirdsResult } from "../../../../shared/merge/statistics";
import { formatNumber } from "../../../i18n/format";
import { claimLabel, percent, termOfValueText } from "./labels";

/**
 * The per-claim tables: the aggregates (n, median, IQR, the linear and
 * log-odds pools with their normalised values and likelihood terms, the IDEA
 * range pools), and the disagreement flags (RAND/UCLA's IPRAS rule beside the
 * thirds rule, on the likelihood terms and on the best estimates).
 */
export function ClaimTables({ statistics }: { statistics: PanelStatistics }) {
  const { i18n, t } = useLingui();
  const { rubric } = statistics;
  const none = t({ message: "None", context: "no value: nobody gave an estimate" });
  const poolCell = (pool: Pool | undefined, test: string) =>
    pool === undefined ? (
      <td data-testid={test}>{none}</td>
    ) : (
      <td data-testid={test}>
        <span data-testid="value">{percent(pool.value)}</span> <span className="muted">{termOfValueText(i18n, rubric, pool.term)}</span>
        <br />
        {pool.normalised !== undefined && pool.normalisedTerm !== undefined && (
          <span className="small">
            <Trans>
              Normalised: <span data-testid="normalised">{percent(pool.normalised)}</span> ({termOfValueText(i18n, rubric, pool.normalisedTerm)})
            </Trans>
          </span>
        )}
      </td>
    );
  return (
    <>
      <div className="table-scroll">
        <table className="stats-table" data-testid="claim-aggregates">
          <caption>
            <Trans>Best estimates and pooled probabilities per claim</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="column heading">Claim</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading: number of estimates">n</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Median</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Interquartile range (P25 to P75)</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Linear pool (mean)</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Log-odds pool</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading: pooled lowest and highest plausible values (IDEA protocol)">Plausible range (IDEA)</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {statistics.claims.map((c, i) => {
              const s = c.summary;
              const range = s.range;
              const lowest = range && percent(range.lowest);
              const highest = range && percent(range.highest);
              return (
                <tr key={c.claim} data-testid="claim-row" data-claim={c.claim}>
                  <th scope="row">{claimLabel(i18n, c, i)}</th>
                  <td data-testid="n">{formatNumber(s.best?.n ?? 0)}</td>
                  <td data-testid="median">{s.best ? percent(s.best.median) : none}</td>
                  <td data-testid="iqr">
                    {s.best ? (
                      <Trans>
                        {percent(s.best.p25)} to {percent(s.best.p75)} (width {formatNumber(s.best.iqr, 1)})
                      </Trans>
                    ) : (
                      none
                    )}
                  </td>
                  {poolCell(s.linearPool, "linear-pool")}
                  {poolCell(s.logOddsPool, "log-odds-pool")}
                  <td data-testid="range">
                    {range ? (
                      <Plural value={range.n} one={`${lowest} to ${highest}, from # panelist`} other={`${lowest} to ${highest}, from # panelists`} />
                    ) : (
                      <Trans>Not asked, or nobody gave a range</Trans>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        <Trans>
          Percentiles by R's type 7. The log-odds pool clamps each estimate to 1–99 % first. Normalised values are scaled so that the claims, exhaustive and exclusive, sum to
          100 %. No extremising is applied.
        </Trans>
      </p>
      <div className="table-scroll">
        <table className="stats-table" data-testid="claim-disagreement">
          <caption>
            <Trans>Disagreement per claim (RAND/UCLA)</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                <Trans context="column heading">Claim</Trans>
              </th>
              <th scope="colgroup" colSpan={2}>
                <Trans context="column group heading">On the likelihood terms</Trans>
              </th>
              <th scope="colgroup" colSpan={2}>
                <Trans context="column group heading">On the best estimates</Trans>
              </th>
            </tr>
            <tr>
              <RuleHeadings />
              <RuleHeadings />
            </tr>
          </thead>
          <tbody>
            {statistics.claims.map((c, i) => {
              const d = c.summary.disagreement;
              return (
                <tr key={c.claim} data-testid="disagreement-row" data-claim={c.claim}>
                  <th scope="row">{claimLabel(i18n, c, i)}</th>
                  <RuleCells on="terms" ipr={d.terms.ipr} thirds={d.terms.thirds} />
                  <RuleCells on="estimates" ipr={d.estimates.ipr} thirds={d.estimates.thirds} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        <Trans>
          Answers are placed on RAND/UCLA's 1–9 scale: terms by the side of even chance their band lies on (almost no chance 1, very unlikely 2, unlikely 3, roughly even chance
          5, likely 7, very likely 8, almost certain 9), estimates linearly (0 % is 1, 50 % is 5, 100 % is 9). The IPR rule flags disagreement when P70 − P30 exceeds 2.35 + 1.5 ×
          |5 − its midpoint|; the thirds rule when at least a third of the panel is in 1–3 and at least a third in 7–9.
        </Trans>
      </p>
    </>
  );
}

/** The headings of the two rules' columns (given once for the likelihood terms, once for the best estimates). */
function RuleHeadings() {
  return (
    <>
      <th scope="col">
        <Trans context="column heading: RAND/UCLA interpercentile range rule">IPR rule</Trans>
      </th>
      <th scope="col">
        <Trans context="column heading: the classic RAND/UCLA thirds rule">Thirds rule</Trans>
      </th>
    </>
  );
}

/** The two rules' cells of a claim, on the likelihood terms or on the best estimates (`on` prefixes their test ids). */
function RuleCells({ on, ipr, thirds }: { on: "terms" | "estimates"; ipr: IprResult | undefined; thirds: ThirdsResult | undefined }) {
  return (
    <>
      <td data-testid={`${on}-ipr`} data-disagreement={ipr?.disagreement}>
        <IprText result={ipr} />
      </td>
      <td data-testid={`${on}-thirds`} data-disagreement={thirds?.disagreement}>
        <ThirdsText result={thirds} />
      </td>
    </>
  );
}

function NoAnswers() {
  return (
    <span className="muted">
      <Trans>No answers</Trans>
    </span>
  );
}

function Flag({ disagreement }: { disagreement: boolean }) {
  return disagreement ? (
    <strong className="flag disagree">
      <Trans context="RAND/UCLA verdict">Disagreement</Trans>
    </strong>
  ) : (
    <span className="flag agree">
      <Trans context="RAND/UCLA verdict">No disagreement</Trans>
    </span>
  );
}

function IprText({ result }: { result: IprResult | undefined }) {
  if (!result) return <NoAnswers />;
  const ipr = formatNumber(result.ipr, 2);
  const ipras = formatNumber(result.ipras, 2);
  return (
    <>
      <Flag disagreement={result.disagreement} />{" "}
      <span className="small">
        <Trans>
          IPR {ipr}, IPRAS {ipras}
        </Trans>
      </span>
    </>
  );
}

function ThirdsText({ result }: { result: ThirdsResult | undefined }) {
  if (!result) return <NoAnswers />;
  const low = formatNumber(result.low);
  const high = formatNumber(result.high);
  const n = formatNumber(result.n);
  const threshold = formatNumber(result.threshold);
  return (
    <>
      <Flag disagreement={result.disagreement} />{" "}
      <span className="small">
        <Trans>
          {low} in 1–3 and {high} in 7–9 of {n}; {threshold} needed in each
        </Trans>
      </span>
    </>
  );
}

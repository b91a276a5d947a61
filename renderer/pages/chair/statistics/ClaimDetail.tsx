import { Plural, Trans, useLingui } from "@lingui/react/macro";
import type { ClaimStatistics, Distribution, PanelStatistics } from "../../../../shared/merge/statistics";
import type { RubricScale } from "../../../../shared/rubric/rubric";
import { BarChart } from "../../../components/charts/BarChart";
import type { Direction } from "../../../components/charts/layout";
import { Ltr } from "../../../components/Ltr";
import { formatNumber } from "../../../i18n/format";
import { regionName } from "../../../i18n/vocabulary";
import { percent, termLabel } from "./labels";

/**
 * One claim in detail (the chair's view): the regional medians, who
 * dissents by seat (name and fingerprint), the distributions of Healey's
 * levels, the legal bases and the confidence, and the confidence's basis.
 */
export function ClaimDetail({ statistics, claim, label, dir }: { statistics: PanelStatistics; claim: ClaimStatistics; label: string; dir: Direction }) {
  const { i18n, t } = useLingui();
  const { rubric } = statistics;
  const seatOf = (fingerprint: string) => statistics.seats.find((s) => s.fingerprint === fingerprint);
  const none = t({ message: "None", context: "no value: nobody gave an estimate" });
  const bars = (scale: RubricScale, d: Distribution) => [
    ...d.counts.map((c) => ({ key: c.term, label: termLabel(i18n, rubric, scale, c.term), value: c.count, valueText: formatNumber(c.count) })),
    ...d.unknown.map((c) => ({ key: `unknown-${c.term}`, label: t`${c.term} (not on the rubric's scale)`, value: c.count, valueText: formatNumber(c.count) })),
    ...(d.missing > 0 ? [{ key: "missing", label: t`No answer`, value: d.missing, valueText: formatNumber(d.missing) }] : []),
  ];
  const countHeading = t({ message: "Panelists", context: "column heading: how many panelists chose it" });
  return (
    <div className="claim-detail" data-testid="claim-detail" data-claim={claim.claim}>
      <h5>
        <Trans>Median by UN regional group</Trans>
      </h5>
      <div className="table-scroll">
        <table className="stats-table" data-testid="regional-medians">
          <caption className="visually-hidden">
            <Trans>Median best estimate by UN regional group for {label}</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="column heading: UN regional group">Region</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading: number of estimates">n</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Median</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {claim.regional.map((r) => (
              <tr key={r.region} data-testid="regional-row" data-region={r.region}>
                <th scope="row">{regionName(i18n, r.region)}</th>
                <td>{formatNumber(r.n)}</td>
                <td data-testid="regional-median">{r.median === undefined ? none : percent(r.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h5>
        <Trans>Who dissents</Trans>
      </h5>
      <p className="muted small">
        <Trans>
          A panelist dissents whose estimate lies outside the interquartile range, or on the other side of 50 % from the median. Only you see names here; nothing of this list
          leaves your machine.
        </Trans>
      </p>
      {claim.dissenters.length === 0 ? (
        <p data-testid="no-dissent">
          <Trans>Nobody dissents on this claim.</Trans>
        </p>
      ) : (
        <div className="table-scroll">
          <table className="stats-table" data-testid="dissenters">
            <caption className="visually-hidden">
              <Trans>Who dissents on {label}</Trans>
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Trans context="column heading: a person's name">Name</Trans>
                </th>
                <th scope="col">
                  <Trans context="column heading: the key's fingerprint">Fingerprint</Trans>
                </th>
                <th scope="col">
                  <Trans context="column heading: a panelist's best estimate">Estimate</Trans>
                </th>
                <th scope="col">
                  <Trans context="column heading: why the panelist counts as dissenting">Why</Trans>
                </th>
              </tr>
            </thead>
            <tbody>
              {claim.dissenters.map((d) => (
                <tr key={d.seat} data-testid="dissenter">
                  <th scope="row">{seatOf(d.seat)?.displayName ?? ""}</th>
                  <td>
                    <Ltr className="mono small">{d.seat}</Ltr>
                  </td>
                  <td>{percent(d.value)}</td>
                  <td>
                    {d.outsideIqr === "below" && <Trans>Below the interquartile range.</Trans>} {d.outsideIqr === "above" && <Trans>Above the interquartile range.</Trans>}{" "}
                    {d.otherSideOfHalf && <Trans>On the other side of 50 % from the median.</Trans>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <BarChart
        title={t`Degree of state responsibility (Healey) for ${label}`}
        description={t`How many panelists chose each level of Healey's spectrum, from state-prohibited to state-integrated.`}
        bars={bars("stateResponsibility", claim.stateResponsibility)}
        dir={dir}
        testId="chart-healey"
        labelHeading={t({ message: "Level", context: "column heading: Healey's level" })}
        valueHeading={countHeading}
      />
      <BarChart
        title={t`Legal basis for ${label}`}
        description={t`How many panelists chose each legal basis for attributing the conduct to a state.`}
        bars={bars("legalBasis", claim.legalBasis)}
        dir={dir}
        testId="chart-legal-basis"
        labelWidth={300}
        labelHeading={t({ message: "Legal basis", context: "column heading" })}
        valueHeading={countHeading}
      />
      <BarChart
        title={t`Analytic confidence for ${label}`}
        description={t`How many panelists gave each level of analytic confidence.`}
        bars={bars("confidence", claim.confidence)}
        dir={dir}
        testId="chart-confidence"
        labelHeading={t({ message: "Confidence", context: "column heading" })}
        valueHeading={countHeading}
      />
      <ConfidenceBasisTable statistics={statistics} claim={claim} label={label} />
    </div>
  );
}

/** The confidence's basis as the IPCC draws it: evidence (rows) × agreement (columns), each cell how many panelists gave that pair. */
function ConfidenceBasisTable({ statistics, claim, label }: { statistics: PanelStatistics; claim: ClaimStatistics; label: string }) {
  const { i18n } = useLingui();
  const { rubric } = statistics;
  const basis = claim.confidenceBasis;
  return (
    <div className="table-scroll">
      <table className="stats-table basis" data-testid="confidence-basis">
        <caption>
          <Trans>The basis of the confidence for {label}: evidence by agreement, how many panelists gave each pair</Trans>
        </caption>
        <thead>
          <tr>
            <td />
            {basis.agreement.map((a) => (
              <th scope="col" key={a}>
                <Trans>Agreement: {termLabel(i18n, rubric, "agreement", a)}</Trans>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {basis.evidence.map((e, row) => (
            <tr key={e}>
              <th scope="row">
                <Trans>Evidence: {termLabel(i18n, rubric, "evidenceBasis", e)}</Trans>
              </th>
              {basis.agreement.map((a, col) => (
                <td key={a}>{formatNumber(basis.cells[row]?.[col] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {basis.incomplete > 0 && (
        <p className="muted small">
          <Plural value={basis.incomplete} one="# answer gave no complete basis." other="# answers gave no complete basis." />
        </p>
      )}
    </div>
  );
}

import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useState } from "react";
import type { AlphaChange, FlagMove, Movement } from "../../../../shared/merge/movement";
import type { MovementAnswer } from "../../../../shared/worker/contracts/chair";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatNumber } from "../../../i18n/format";
import { describeMergeError } from "../../../i18n/problems";
import { claimLabel, percent } from "../statistics/labels";

type Claims = Extract<MovementAnswer, { outcome: "movement" }>["claims"];

/**
 * The movement between round 1 and round 2: per claim the median and IQR
 * of the best estimates and the two pools in each round, the change, and
 * how the RAND/UCLA disagreement flag moved; then the change in each of
 * Krippendorff's alphas. Every number comes from the worker (movement.ts).
 */
export function MovementTable({ caseId, round, refresh }: { caseId: string; round: number; refresh: number }) {
  const { t, i18n } = useLingui();
  const reading = useOperation();
  const [answer, setAnswer] = useState<{ movement: Movement; claims: Claims } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const { run } = reading;

  const load = useCallback(async () => {
    const got = await run(t`Comparing the rounds…`, (o) => cryptoWorker.call("merge:movement", { caseId, round }, o));
    if (!got) return;
    if (got.outcome === "refused") setProblem(describeMergeError(got.error));
    else setAnswer({ movement: got.movement, claims: got.claims });
  }, [run, t, caseId, round]);
  useEffect(() => {
    void load();
  }, [load, refresh]);

  const none = t({ message: "–", comment: "a value that cannot be given (nobody answered), in a table cell" });
  const value = (x: number | undefined) => (x === undefined ? none : percent(x));
  const change = (x: number | undefined) => {
    if (x === undefined) return none;
    const points = formatNumber(Math.abs(x), 1);
    if (x > 0) return t({ message: `up ${points} points`, comment: "a change in percentage points" });
    if (x < 0) return t({ message: `down ${points} points`, comment: "a change in percentage points" });
    return t({ message: "no change", comment: "a change in percentage points, of zero" });
  };
  const flag = (move: FlagMove): string => {
    switch (move) {
      case "raised":
        return t({ message: "Disagreement appeared", comment: "RAND/UCLA disagreement flag, round 1 to round 2" });
      case "cleared":
        return t({ message: "Disagreement resolved", comment: "RAND/UCLA disagreement flag, round 1 to round 2" });
      case "kept":
        return t({ message: "Disagreement in both rounds", comment: "RAND/UCLA disagreement flag, round 1 to round 2" });
      case "none":
        return t({ message: "No disagreement in either round", comment: "RAND/UCLA disagreement flag, round 1 to round 2" });
      case "unknown":
        return t({ message: "Not computable (no answers in a round)", comment: "RAND/UCLA disagreement flag, round 1 to round 2" });
    }
  };
  const alpha = (a: AlphaChange["before"]) => (a.kind === "alpha" ? formatNumber(a.value, 3) : t`Not computable`);
  const alphaChange = (x: number | undefined) => (x === undefined ? none : x > 0 ? t`up ${formatNumber(x, 3)}` : x < 0 ? t`down ${formatNumber(-x, 3)}` : t`no change`);

  const m = answer?.movement;
  const alphas: { key: keyof Movement["agreement"]; name: string }[] = [
    { key: "likelihood", name: t`Likelihood terms (ordinal)` },
    { key: "best", name: t`Best estimates (interval)` },
    { key: "stateResponsibility", name: t`Degree of state responsibility (ordinal)` },
    { key: "legalBasis", name: t`Legal basis (nominal)` },
  ];
  const r1 = formatNumber(round - 1);
  const r2 = formatNumber(round);

  return (
    <div className="movement" data-testid="movement">
      <h4>
        <Trans>Movement between rounds</Trans>
      </h4>
      <OperationStatus operation={reading} unit="items" />
      {problem && (
        <div className="alert" role="alert">
          {problem}
        </div>
      )}
      {m && answer && (
        <>
          <p data-testid="movement-seats">
            <Trans>
              Round {r1} counts {formatNumber(m.seats.before)} scoresheets; round {r2} counts {formatNumber(m.seats.after)} so far.
            </Trans>
          </p>
          <div className="table-scroll">
            <table className="movement-claims" data-testid="movement-claims">
              <caption>
                <Trans>Best estimates per claim, round {r1} and round {r2}</Trans>
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <Trans>Claim</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Median (IQR), round {r1}</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Median (IQR), round {r2}</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Change in the median</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Change in the IQR</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Linear pool, round {r1} → {r2}</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Log-odds pool, round {r1} → {r2}</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Disagreement on the likelihood terms (RAND/UCLA)</Trans>
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.claims.map((c, i) => {
                  const label = answer.claims.find((x) => x.claim === c.claim);
                  const spread = (s: typeof c.before) => (s.best ? t`${percent(s.best.median)} (${percent(s.best.iqr)})` : none);
                  return (
                    <tr key={c.claim} data-testid="movement-claim">
                      <th scope="row">{label ? claimLabel(i18n, label, i) : c.claim}</th>
                      <td>{spread(c.before)}</td>
                      <td>{spread(c.after)}</td>
                      <td data-testid="movement-median-change">{change(c.change.median)}</td>
                      <td>{change(c.change.iqr)}</td>
                      <td>
                        {value(c.before.linearPool?.value)} → {value(c.after.linearPool?.value)}
                      </td>
                      <td>
                        {value(c.before.logOddsPool?.value)} → {value(c.after.logOddsPool?.value)}
                      </td>
                      <td data-move={c.flags.terms.ipr.move}>{flag(c.flags.terms.ipr.move)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <table className="movement-alphas" data-testid="movement-alphas">
            <caption>
              <Trans>Agreement (Krippendorff's alpha), round {r1} and round {r2}</Trans>
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Trans>Measure</Trans>
                </th>
                <th scope="col">
                  <Trans>Round {r1}</Trans>
                </th>
                <th scope="col">
                  <Trans>Round {r2}</Trans>
                </th>
                <th scope="col">
                  <Trans>Change</Trans>
                </th>
              </tr>
            </thead>
            <tbody>
              {alphas.map(({ key, name }) => {
                const a = m.agreement[key];
                return (
                  <tr key={key}>
                    <th scope="row">{name}</th>
                    <td>{alpha(a.before)}</td>
                    <td>{alpha(a.after)}</td>
                    <td>{alphaChange(a.change)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

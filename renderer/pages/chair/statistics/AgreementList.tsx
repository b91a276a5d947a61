import { Plural, Trans, useLingui } from "@lingui/react/macro";
import type { AlphaOutcome, PanelAgreement } from "../../../../shared/merge/statistics";
import { formatNumber } from "../../../i18n/format";

/** Krippendorff's four alphas, each with a sentence saying what it measures, and "not computable" in words. */
export function AgreementList({ agreement }: { agreement: PanelAgreement }) {
  const { t } = useLingui();
  const items: { key: keyof PanelAgreement; name: string; measures: string }[] = [
    {
      key: "likelihood",
      name: t`Likelihood terms (ordinal)`,
      measures: t`How far the panelists agree on which likelihood term fits each claim; neighbouring terms count as nearer agreement than distant ones.`,
    },
    {
      key: "best",
      name: t`Best estimates (interval)`,
      measures: t`How far the panelists' numerical best estimates agree across the claims, by the size of their differences.`,
    },
    {
      key: "stateResponsibility",
      name: t`Degree of state responsibility (ordinal)`,
      measures: t`How far the panelists agree on the level of Healey's spectrum for each claim; neighbouring levels count as nearer agreement.`,
    },
    {
      key: "legalBasis",
      name: t`Legal basis (nominal)`,
      measures: t`Whether the panelists choose the same legal basis for each claim; any two different bases count as disagreement.`,
    },
  ];
  return (
    <>
      <p className="muted">
        <Trans>
          Krippendorff's alpha, with the panelists as coders and the claims as units: 1 is perfect agreement, 0 is no better than chance, and below 0 is systematic disagreement.
          Krippendorff advises relying on data with alpha of at least 0.8, and drawing only tentative conclusions from 0.667 up.
        </Trans>
      </p>
      <dl className="alphas" data-testid="alphas">
        {items.map((item) => (
          <div key={item.key} data-testid="alpha" data-alpha={item.key} data-kind={agreement[item.key].kind}>
            <dt>{item.name}</dt>
            <dd>
              <strong data-testid="alpha-value">
                <AlphaText outcome={agreement[item.key]} />
              </strong>{" "}
              <span className="muted">{item.measures}</span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function AlphaText({ outcome }: { outcome: AlphaOutcome }) {
  switch (outcome.kind) {
    case "alpha": {
      const value = formatNumber(outcome.value, 3);
      return (
        <Plural
          value={outcome.pairableUnits}
          one={`α = ${value}, over # claim answered by at least two panelists.`}
          other={`α = ${value}, over # claims answered by at least two panelists.`}
        />
      );
    }
    case "no-pairable-values":
      return <Trans>Not computable: no claim has this answer from two panelists.</Trans>;
    case "no-variation":
      return <Trans>Not computable: every answer given is the same, so agreement cannot be told from chance.</Trans>;
    case "invalid-value":
      return <Trans>Not computable: an answer is not on the rubric's scale.</Trans>;
  }
}

import type { I18n } from "@lingui/core";
import { t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useId } from "react";
import type { ClaimId } from "../../../../shared/case/model";
import { AGGREGATE_METHODS, type Aggregate, type ClaimFinding, type Opinion } from "../../../../shared/opinion/opinion";
import type { Rubric } from "../../../../shared/rubric/rubric";
import type { DraftState, OpinionView, StoredClaimChoice } from "../../../../shared/worker/contract";
import { formatNumber } from "../../../i18n/format";
import { claimLabel, percent, termLabel, termOfValueText } from "../statistics/labels";
import { choiceOf, setChoice } from "./draft-edit";
import { AGGREGATE_LABEL } from "./labels";

type Loaded = Extract<OpinionView, { outcome: "draft" }>;
type TermScale = "confidence" | "stateResponsibility" | "legalBasis";

/** The select's value for "follow the panel" and for "no finding" (term ids never hold "="). */
const PANEL = "=panel";
const NONE = "=none";

/** The aggregate reported, in words: the value, its likelihood term, its spread or normalised value, how many estimates. */
function aggregateText(i18n: I18n, rubric: Rubric, a: Aggregate): string {
  const value = percent(a.value);
  const term = termOfValueText(i18n, rubric, a.term);
  const n = formatNumber(a.n);
  if (a.method === "median") {
    const p25 = percent(a.p25);
    const p75 = percent(a.p75);
    return t({ message: `${value}: ${term} (interquartile range ${p25} to ${p75}; estimates: ${n})`, comment: "the median the opinion reports for a claim" });
  }
  if (a.normalised === undefined) return t({ message: `${value}: ${term} (estimates: ${n})`, comment: "the pooled value the opinion reports for a claim" });
  const normalised = percent(a.normalised.value);
  const normalisedTerm = termOfValueText(i18n, rubric, a.normalised.term);
  return t({ message: `${value}: ${term} (estimates: ${n}; normalised across the claims: ${normalised}, ${normalisedTerm})`, comment: "the pooled value the opinion reports for a claim" });
}

/** Per claim: the aggregate the chair reports (median/IQR, linear pool, log-odds pool), the confidence and its basis, state responsibility and legal basis. */
export function FindingsEditor({ view, opinion, draft, onChange }: { view: Loaded; opinion: Opinion | null; draft: DraftState; onChange: (d: DraftState) => void }) {
  const { i18n } = useLingui();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part">
      <h4 id={`${id}-heading`}>
        <Trans>Findings per claim</Trans>
      </h4>
      <p className="muted small">
        <Trans>A finding left to the panel is the answer its members gave most often; with a tie, or with no answer, the opinion states no finding.</Trans>
      </p>
      {view.claims.map((c, i) => (
        <ClaimFindingEditor
          key={c.claim}
          label={claimLabel(i18n, c, i)}
          claim={c.claim}
          rubric={view.rubric}
          finding={opinion?.findings.find((f) => f.claim === c.claim)}
          choice={choiceOf(draft, c.claim)}
          defaultMethod={draft.choices.aggregate}
          onChange={(change) => onChange(setChoice(draft, c.claim, change))}
        />
      ))}
    </section>
  );
}

function ClaimFindingEditor({
  label,
  claim,
  rubric,
  finding,
  choice,
  defaultMethod,
  onChange,
}: {
  label: string;
  claim: ClaimId;
  rubric: Rubric;
  finding: ClaimFinding | undefined;
  choice: StoredClaimChoice;
  defaultMethod: Aggregate["method"];
  onChange: (change: Partial<Omit<StoredClaimChoice, "claim">>) => void;
}) {
  const { t, i18n } = useLingui();
  const id = useId();
  const method = choice.aggregate ?? defaultMethod;
  const noFinding = t({ message: "No finding", context: "the opinion states no finding on this scale" });
  const inOpinion = (text: string) => t({ message: `In the opinion: ${text}`, context: "the finding as the opinion now states it" });

  const termSelect = (scale: TermScale, name: string) => {
    const chosen = choice[scale];
    const value = chosen === undefined ? PANEL : chosen === null ? NONE : chosen;
    const stated = finding?.[scale];
    const hint = `${id}-${scale}-hint`;
    return (
      <div className="field">
        <label htmlFor={`${id}-${scale}`}>{name}</label>
        <select
          id={`${id}-${scale}`}
          value={value}
          aria-describedby={hint}
          data-testid={`opinion-${scale}`}
          onChange={(e) => onChange({ [scale]: e.target.value === PANEL ? undefined : e.target.value === NONE ? null : e.target.value })}
        >
          <option value={PANEL}>{t`As the panel answered most often`}</option>
          {rubric[scale].map((term) => (
            <option key={term.id} value={term.id}>
              {termLabel(i18n, rubric, scale, term.id)}
            </option>
          ))}
          <option value={NONE}>{noFinding}</option>
        </select>
        <span id={hint} className="small muted">
          {finding && inOpinion(stated === undefined ? noFinding : termLabel(i18n, rubric, scale, stated))}
        </span>
      </div>
    );
  };

  const basis = choice.confidenceBasis;
  const basisValue = basis === undefined ? PANEL : basis === null ? NONE : `${basis.evidence}|${basis.agreement}`;
  const basisText = (evidence: string, agreement: string) => {
    const e = termLabel(i18n, rubric, "evidenceBasis", evidence);
    const a = termLabel(i18n, rubric, "agreement", agreement);
    return t({ message: `Evidence: ${e}; agreement: ${a}`, context: "the basis of a confidence (IPCC)" });
  };
  const stated = finding?.confidenceBasis;

  return (
    <div className="card opinion-claim" data-testid="opinion-claim" data-claim={claim}>
      <h5>{label}</h5>
      <fieldset className="aggregate-choice">
        <legend>
          <Trans>Aggregate reported</Trans>
        </legend>
        {AGGREGATE_METHODS.map((m) => (
          <label key={m}>
            <input type="radio" name={`${id}-aggregate`} value={m} checked={method === m} onChange={() => onChange({ aggregate: m })} /> {i18n._(AGGREGATE_LABEL[m])}
          </label>
        ))}
      </fieldset>
      <p data-testid="opinion-aggregate" data-method={finding?.aggregate.method}>
        {finding ? aggregateText(i18n, rubric, finding.aggregate) : null}
      </p>
      <div className="field-row">
        {termSelect("confidence", t`Analytic confidence`)}
        <div className="field">
          <label htmlFor={`${id}-basis`}>
            <Trans>Basis of the confidence</Trans>
          </label>
          <select
            id={`${id}-basis`}
            value={basisValue}
            aria-describedby={`${id}-basis-hint`}
            data-testid="opinion-confidenceBasis"
            onChange={(e) => {
              const v = e.target.value;
              if (v === PANEL) onChange({ confidenceBasis: undefined });
              else if (v === NONE) onChange({ confidenceBasis: null });
              else {
                const [evidence = "", agreement = ""] = v.split("|");
                onChange({ confidenceBasis: { evidence, agreement } });
              }
            }}
          >
            <option value={PANEL}>{t`As the panel answered most often`}</option>
            {rubric.evidenceBasis.flatMap((e) =>
              rubric.agreement.map((a) => (
                <option key={`${e.id}|${a.id}`} value={`${e.id}|${a.id}`}>
                  {basisText(e.id, a.id)}
                </option>
              )),
            )}
            <option value={NONE}>{noFinding}</option>
          </select>
          <span id={`${id}-basis-hint`} className="small muted">
            {finding && inOpinion(stated === undefined ? noFinding : basisText(stated.evidence, stated.agreement))}
          </span>
        </div>
        {termSelect("stateResponsibility", t`State responsibility (Healey)`)}
        {termSelect("legalBasis", t`Legal basis (Tallinn Manual 2.0)`)}
      </div>
    </div>
  );
}

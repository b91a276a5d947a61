import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useId, useMemo, useState } from "react";
import { loadPassphraseEstimator, MIN_LENGTH, type PassphraseEstimator } from "../../shared/security/passphrase-strength";
import { STRENGTH_LABEL, SUGGESTION, warningDescriptor } from "./passphrase-feedback";

/** The strength estimator, loaded when the first field that needs it is shown (its dictionaries are large). */
function usePassphraseEstimator(): PassphraseEstimator | undefined {
  const [estimator, setEstimator] = useState<{ assess: PassphraseEstimator }>();
  useEffect(() => {
    let live = true;
    void loadPassphraseEstimator().then((assess) => live && setEstimator({ assess }));
    return () => {
      live = false;
    };
  }, []);
  return estimator?.assess;
}

/** A new-passphrase field with strength feedback from zxcvbn-ts; the vault refuses what it does not accept. */
export function NewPassphraseField({ label, value, onChange, related = [] }: { label: string; value: string; onChange: (value: string) => void; related?: readonly string[] }) {
  const { t, i18n } = useLingui();
  const id = useId();
  const estimator = usePassphraseEstimator();
  const assessment = useMemo(() => (value && estimator ? estimator(value, related) : undefined), [value, related, estimator]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="new-password" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-strength`} />
      <div id={`${id}-strength`} className="strength" aria-live="polite" data-testid="strength">
        {assessment ? (
          <>
            <meter min={0} max={4} low={2} high={3.5} optimum={4} value={assessment.score} aria-label={t`Passphrase strength`} />{" "}
            <StrengthVerdict strength={i18n._(STRENGTH_LABEL[assessment.score])} acceptable={assessment.acceptable} />
            {!assessment.acceptable && assessment.warningKey && <> {i18n._(warningDescriptor(assessment.warningKey))}</>}
            {!assessment.acceptable && assessment.suggestionKeys.length > 0 && <span className="muted"> {assessment.suggestionKeys.map((key) => i18n._(SUGGESTION[key])).join(" ")}</span>}
          </>
        ) : value && !estimator ? (
          <span className="muted">
            <Trans>Checking strength…</Trans>
          </span>
        ) : (
          <span className="muted">
            <Trans>At least {MIN_LENGTH} characters and hard to guess; several unrelated words work well.</Trans>
          </span>
        )}
      </div>
    </div>
  );
}

/** "Strong — accepted.": the estimator's verdict, one sentence per outcome. */
function StrengthVerdict({ strength, acceptable }: { strength: string; acceptable: boolean }) {
  return acceptable ? (
    <Trans>
      <strong>{strength}</strong> — accepted.
    </Trans>
  ) : (
    <Trans>
      <strong>{strength}</strong> — not accepted.
    </Trans>
  );
}

export function PassphraseField({ label, value, onChange, autoFocus = false }: { label: string; value: string; onChange: (value: string) => void; autoFocus?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="current-password" spellCheck={false} autoFocus={autoFocus} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

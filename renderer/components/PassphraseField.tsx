import { useEffect, useId, useMemo, useState } from "react";
import { loadPassphraseEstimator, type PassphraseEstimator } from "../../shared/security/passphrase-strength";

const LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;

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
            <meter min={0} max={4} low={2} high={3.5} optimum={4} value={assessment.score} aria-label="Passphrase strength" />{" "}
            <strong>{LABELS[assessment.score]}</strong>
            {assessment.acceptable ? " — accepted." : ` — not accepted. ${assessment.warning ?? ""}`}
            {!assessment.acceptable && assessment.suggestions.length > 0 && <span className="muted"> {assessment.suggestions.join(" ")}</span>}
          </>
        ) : value && !estimator ? (
          <span className="muted">Checking strength…</span>
        ) : (
          <span className="muted">At least 12 characters and hard to guess; several unrelated words work well.</span>
        )}
      </div>
    </div>
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

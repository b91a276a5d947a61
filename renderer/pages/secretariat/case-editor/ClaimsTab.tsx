import { t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { withClaimState, withClaimStatement, withNewClaim, withoutClaim } from "../../../../shared/case/case-edit";
import { blankClaims } from "../../../../shared/case/claim-text";
import type { Case } from "../../../../shared/case/model";
import { CountryPicker } from "../../../components/CountryPicker";
import { formatNumber } from "../../../i18n/format";
import { CATCH_ALL_STATEMENT, claimStatement } from "../../../i18n/vocabulary";
import { Field, type CaseEdit } from "./fields";
import { newClaimId } from "./new-id";
import { blankClaimsSentence } from "./sentences";

/** The Claims tab: the competing hypotheses, each with the state it attributes the campaign to; the catch-all stays last. */
export function ClaimsTab({ draft, edit }: { draft: Case; edit: CaseEdit }) {
  const { i18n } = useLingui();
  const blank = blankClaims(draft.claims);
  const catchAll = i18n._(CATCH_ALL_STATEMENT);
  return (
    <div>
      <p className="muted">
        <Trans>The competing hypotheses the panel scores.</Trans> <Trans>The last one, “{catchAll}”, is always kept.</Trans>
      </p>
      {blank.length > 0 && (
        <p className="notice" data-testid="blank-claims">
          {blankClaimsSentence(blank.map((b) => b.position))} <Trans>The case can be saved as it is, but no packet can be sent until every claim is written.</Trans>
        </p>
      )}
      <ol>
        {draft.claims.map((claim, i) => {
          const position = formatNumber(i + 1);
          return (
            <li key={claim.id} data-testid="claim">
              {claim.catchAll ? (
                <p>{claimStatement(i18n, claim)}</p>
              ) : (
                <div className="card">
                  <Field id={`claim-${claim.id}`} label={t`Claim ${position}`}>
                    <textarea
                      id={`claim-${claim.id}`}
                      rows={2}
                      value={claim.statement}
                      placeholder={t`State the hypothesis, e.g. “The campaign was conducted by the armed forces of State A.”`}
                      onChange={(e) => edit((c) => withClaimStatement(c, claim.id, e.target.value))}
                    />
                  </Field>
                  <Field id={`claim-state-${claim.id}`} label={t`Claim ${position}: attributed to state (optional)`}>
                    <CountryPicker id={`claim-state-${claim.id}`} value={claim.attributedState ?? ""} onChange={(code) => edit((c) => withClaimState(c, claim.id, code))} />
                  </Field>
                  <button type="button" className="secondary" onClick={() => edit((c) => withoutClaim(c, claim.id))} aria-label={t`Remove claim ${position}`}>
                    <Trans context="verb, button">Remove</Trans>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="secondary" onClick={() => {
          const id = newClaimId();
          edit((c) => withNewClaim(c, id));
        }}>
        <Trans>Add a claim</Trans>
      </button>
    </div>
  );
}

import type { I18n } from "@lingui/core";
import { t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import type { RefObject } from "react";
import type { UnknownCountryField } from "../../../../shared/case/case-countries";
import { countryLabel, useCountries, type Countries } from "../../../components/country-names";
import { formatList, formatNumber } from "../../../i18n/format";
import { PARTY_ROLE_LABEL } from "../../../i18n/vocabulary";

/** "Accusing states: XY (not a country code)", "Claim 2's attributed state: SW (not a country code)". Reads the catalog. */
function unknownField(i18n: I18n, f: UnknownCountryField, countries: Countries | undefined): string {
  const codes = formatList(f.codes.map((c) => countryLabel(c, countries)));
  if (f.field === "parties") {
    const role = i18n._(PARTY_ROLE_LABEL[f.role]);
    return t({ message: `${role}: ${codes}`, comment: "A role of states in a case and the codes recorded for it, e.g. Accused states: SW (not a country code)" });
  }
  const position = formatNumber(f.position);
  return t`Claim ${position}'s attributed state: ${codes}`;
}

/** States recorded (by an earlier version) with a code no country has: the case is saved again only once each is chosen from the list. */
export function UnknownCountries({ fields, alertRef }: { fields: readonly UnknownCountryField[]; alertRef: RefObject<HTMLParagraphElement | null> }) {
  const { i18n } = useLingui();
  const countries = useCountries();
  const found = fields.map((f) => unknownField(i18n, f, countries)).join("; ");
  return (
    <p className="alert" role="alert" data-testid="unknown-countries" ref={alertRef} tabIndex={-1}>
      <Trans>
        Some states in this case are not given by a country code (an earlier version accepted any two letters), so a conflict of interest with them could not be detected:{" "}
        {found}.
      </Trans>{" "}
      <Trans>Remove each and choose the state from the list by its name (on the Details or Claims tab); until then the case cannot be saved.</Trans>
    </p>
  );
}

import { useLingui } from "@lingui/react/macro";
import type { Tlp } from "../../../shared/case/model";
import { TLP_RULE, tlpLabel } from "../../i18n/vocabulary";

const TLP_CLASS: Readonly<Record<Tlp, string>> = {
  CLEAR: "tlp-clear",
  GREEN: "tlp-green",
  AMBER: "tlp-amber",
  "AMBER+STRICT": "tlp-amber-strict",
  RED: "tlp-red",
};

/**
 * A Traffic Light Protocol marking, with its sharing rule in the tooltip and
 * for screen readers. The label ("TLP:RED") stays as FIRST writes it in every
 * language; the rule is translated.
 */
export function TlpBadge({ marking }: { marking: Tlp }) {
  const { i18n } = useLingui();
  const rule = i18n._(TLP_RULE[marking]);
  return (
    <span className={`tlp ${TLP_CLASS[marking]}`} title={rule} data-testid="tlp-badge" data-marking={marking}>
      <bdi dir="ltr" lang="en">
        {tlpLabel(marking)}
      </bdi>
      <span className="visually-hidden"> ({rule})</span>
    </span>
  );
}

import type { Tlp } from "../../../shared/case/model";

/** FIRST TLP 2.0: who may receive information under each marking. */
export const TLP_RULE: Readonly<Record<Tlp, string>> = {
  CLEAR: "May be shared freely, without restriction.",
  GREEN: "May be shared within the community, but not publicly.",
  AMBER: "Limited to the recipients' organisation and its clients, on a need-to-know basis.",
  "AMBER+STRICT": "Limited to the recipients' organisation only.",
  RED: "For the named recipients only; no further sharing.",
};

const TLP_CLASS: Readonly<Record<Tlp, string>> = {
  CLEAR: "tlp-clear",
  GREEN: "tlp-green",
  AMBER: "tlp-amber",
  "AMBER+STRICT": "tlp-amber-strict",
  RED: "tlp-red",
};

/** A Traffic Light Protocol marking, with its sharing rule in the tooltip and for screen readers. */
export function TlpBadge({ marking }: { marking: Tlp }) {
  return (
    <span className={`tlp ${TLP_CLASS[marking]}`} title={TLP_RULE[marking]} data-testid="tlp-badge" data-marking={marking}>
      TLP:{marking}
      <span className="visually-hidden"> ({TLP_RULE[marking]})</span>
    </span>
  );
}

import { useLingui } from "@lingui/react/macro";
import { admiraltyCode, type Admiralty } from "../../../shared/case/model";
import { CREDIBILITY_LABEL, RELIABILITY_LABEL } from "../../i18n/vocabulary";
import { Ltr } from "../Ltr";

/** A source grading on the Admiralty scale: the code ("B2", the same in every language) and its meaning in words. */
export function Grading({ grading }: { grading: Admiralty }) {
  const { t, i18n } = useLingui();
  const reliability = i18n._(RELIABILITY_LABEL[grading.reliability]);
  const credibility = i18n._(CREDIBILITY_LABEL[grading.credibility]);
  const reliabilityCode = grading.reliability;
  const credibilityCode = grading.credibility;
  return (
    <span
      className="grading"
      data-testid="grading"
      title={t`Admiralty grading: source reliability ${reliabilityCode} (${reliability}), information credibility ${credibilityCode} (${credibility})`}
    >
      <Ltr className="grading-code mono">{admiraltyCode(grading)}</Ltr> {reliability} · {credibility}
    </span>
  );
}

import { admiraltyCode, CREDIBILITY, RELIABILITY, type Admiralty } from "../../../shared/case/model";

/** A source grading on the Admiralty scale: the code ("B2") and its meaning in words. */
export function Grading({ grading }: { grading: Admiralty }) {
  const reliability = RELIABILITY[grading.reliability];
  const credibility = CREDIBILITY[grading.credibility];
  return (
    <span
      className="grading"
      data-testid="grading"
      title={`Admiralty grading: source reliability ${grading.reliability} (${reliability}), information credibility ${grading.credibility} (${credibility})`}
    >
      <span className="grading-code mono">{admiraltyCode(grading)}</span> {reliability} · {credibility}
    </span>
  );
}

import { Trans } from "@lingui/react/macro";
import { useEffect, useRef } from "react";
import { ScoringScreen } from "./scoring/ScoringScreen";

/** Scoring case `caseId` (`#/panelist/cases/<caseId>/score`), opened from the case reader. */
export function ScoringPage({ caseId }: { caseId: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened this screen is gone: keyboard and screen-reader users land on its heading.
  useEffect(() => {
    heading.current?.focus();
  }, [caseId]);
  return (
    <section aria-labelledby="scoring-heading">
      <h2 id="scoring-heading" ref={heading} tabIndex={-1}>
        <Trans>Score this case</Trans>
      </h2>
      <ScoringScreen caseId={caseId} />
    </section>
  );
}

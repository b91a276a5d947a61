import { Trans } from "@lingui/react/macro";
import type { ReactNode } from "react";
import { formatTimestamp } from "./case/format";
import type { Operation } from "./Progress";

/**
 * The offer of a draft kept earlier (a case's, a rubric's): restore it or
 * discard it; the editor stays closed until the person chooses. `children`
 * says what the draft holds, given the time it was kept; `status` (e.g. the
 * operation's progress) comes below the buttons.
 */
export function DraftOfferCard({
  savedAt,
  testId,
  operation,
  onRestore,
  onDiscard,
  status,
  children,
}: {
  savedAt: string;
  testId: string;
  operation: Operation;
  onRestore: () => void;
  onDiscard: () => void;
  status?: ReactNode;
  children: (offerTime: string) => ReactNode;
}) {
  const busy = operation.running !== undefined;
  const offerTime = formatTimestamp(savedAt);
  return (
    <div className="card draft-offer" data-testid={testId}>
      <h3>
        <Trans>Unsaved changes</Trans>
      </h3>
      <p>{children(offerTime)}</p>
      <div className="actions">
        <button type="button" onClick={onRestore} disabled={busy}>
          <Trans>Restore the unsaved draft from {offerTime}</Trans>
        </button>
        <button type="button" className="secondary" onClick={onDiscard} disabled={busy}>
          <Trans context="button: discard the kept draft">Discard it</Trans>
        </button>
      </div>
      {status}
    </div>
  );
}

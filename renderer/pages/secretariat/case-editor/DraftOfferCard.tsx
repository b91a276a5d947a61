import { Trans } from "@lingui/react/macro";
import type { DraftOffer } from "../../../../shared/case/draft-state";
import { formatTimestamp } from "../../../components/case/format";
import { OperationStatus, type Operation } from "../../../components/Progress";
import { offerParts } from "./sentences";

/** The offer of a draft kept earlier: restore it or discard it (nothing is editable until the person chooses). */
export function DraftOfferCard({ offer, operation, onRestore, onDiscard }: { offer: DraftOffer; operation: Operation; onRestore: () => void; onDiscard: () => void }) {
  const busy = operation.running !== undefined;
  const offerList = offerParts(offer);
  const offerTime = formatTimestamp(offer.savedAt);
  return (
    <div className="card draft-offer" data-testid="draft-offer">
      <h3>
        <Trans>Unsaved changes</Trans>
      </h3>
      <p>
        <Trans>
          This case has unsaved changes ({offerList}), kept as a draft in your vault on {offerTime}.
        </Trans>
      </p>
      <div className="actions">
        <button type="button" onClick={onRestore} disabled={busy}>
          <Trans>Restore the unsaved draft from {offerTime}</Trans>
        </button>
        <button type="button" className="secondary" onClick={onDiscard} disabled={busy}>
          <Trans context="button: discard the kept draft">Discard it</Trans>
        </button>
      </div>
      <OperationStatus operation={operation} />
    </div>
  );
}

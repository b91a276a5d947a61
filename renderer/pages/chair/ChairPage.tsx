import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useState } from "react";
import type { ChairedCase } from "../../../shared/worker/contract";
import { hrefTo } from "../../app/routes";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { RequireVault } from "../vault/VaultGate";
import { ChairCase } from "./ChairCase";

/**
 * The chair's screen (`#/chair`): for each case whose chair seat one of this
 * vault's identities holds, the import of scoresheets, the dashboard of the
 * seats and the quorum. The chair receives the case packet like every
 * panelist, in the Panelist inbox.
 */
export function ChairPage() {
  const { t } = useLingui();
  return (
    <RequireVault purpose={t`Scoresheets are decrypted into your vault and checked against the panel roster there.`}>
      <ChairWorkspace />
    </RequireVault>
  );
}

function ChairWorkspace() {
  const { t } = useLingui();
  const listing = useOperation();
  const [cases, setCases] = useState<readonly ChairedCase[] | undefined>();
  const { run } = listing;
  const load = useCallback(async () => {
    const read = await run(t`Reading the cases you chair…`, (o) => cryptoWorker.call("merge:cases", {}, o));
    if (read) setCases(read);
  }, [run, t]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <OperationStatus operation={listing} unit="items" />
      {cases && cases.length === 0 && (
        <section aria-labelledby="no-chair-heading" data-testid="no-chaired-case">
          <h2 id="no-chair-heading">
            <Trans>No case to chair yet</Trans>
          </h2>
          <p>
            <Trans>
              The chair receives a case packet like every panelist: import it in the <a href={hrefTo("panelist")}>Panelist inbox</a>. Cases whose roster names one of
              your identities as chair appear here.
            </Trans>
          </p>
        </section>
      )}
      {cases?.map((c) => <ChairCase key={c.caseId} chaired={c} />)}
    </>
  );
}

import { t } from "@lingui/core/macro";
import { useEffect, useState } from "react";
import type { Panel } from "../../../../shared/case/model";
import type { RegistryView } from "../../../../shared/worker/contract";
import { useOperation, type Operation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";

/** The expert registry and the case's stored panel (null when none is saved yet). */
export type Team = { readonly registry: readonly RegistryView[]; readonly panel: Panel | null };

/**
 * The registry and the stored panel of case `caseId`, read once, when first
 * `needed` (the Panel or Send packets tab opens); `setTeam` records a panel
 * just saved.
 */
export function useTeam(caseId: string, needed: boolean): { team: Team | undefined; reading: Operation; setTeam: (team: Team) => void } {
  const reading = useOperation();
  const [team, setTeam] = useState<Team | undefined>();
  const { run } = reading;
  useEffect(() => {
    if (!needed || team) return;
    void (async () => {
      const registry = await run(t`Reading the registry…`, (o) => cryptoWorker.call("registry:list", {}, o));
      if (!registry) return;
      const panel = await run(t`Reading the panel…`, (o) => cryptoWorker.call("panel:get", { caseId }, o));
      if (panel !== undefined) setTeam({ registry, panel });
    })();
  }, [needed, team, run, caseId]);
  return { team, reading, setTeam };
}

import { plural } from "@lingui/core/macro";
import { Trans } from "@lingui/react/macro";
import { blankClaims } from "../../../../shared/case/claim-text";
import type { Case } from "../../../../shared/case/model";
import { OperationStatus, type Operation } from "../../../components/Progress";
import { PacketExport } from "../PacketExport";
import { blankClaimsSentence } from "./sentences";
import type { Team } from "./useTeam";

/** The Send packets tab: packets are built from the saved case and the saved panel, never from unsaved edits. */
export function PacketsTab({ saved, team, reading, panelChanged }: { saved: Case; team: Team | undefined; reading: Operation; panelChanged: boolean }) {
  const blank = blankClaims(saved.claims);
  return (
    <>
      {blank.length > 0 && (
        <p role="alert" className="alert" data-testid="blank-claims-alert">
          {blankClaimsSentence(blank.map((b) => b.position))}{" "}
          {plural(blank.length, {
            one: "Write it on the Claims tab (or remove it) and save the case: a packet is never sent with an empty claim.",
            other: "Write them on the Claims tab (or remove them) and save the case: a packet is never sent with an empty claim.",
          })}
        </p>
      )}
      {panelChanged && (
        <p className="notice">
          <Trans>The panel has unsaved changes; packets are built from the saved panel.</Trans>
        </p>
      )}
      {team ? <PacketExport c={saved} registry={team.registry} panel={team.panel} /> : <OperationStatus operation={reading} />}
    </>
  );
}

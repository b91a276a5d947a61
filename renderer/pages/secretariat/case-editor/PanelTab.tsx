import type { Case, Panel } from "../../../../shared/case/model";
import { OperationStatus, type Operation } from "../../../components/Progress";
import { PanelBuilder } from "../PanelBuilder";
import type { Team } from "./useTeam";

/** The Panel tab: the panel builder, once the registry and the stored panel are read. */
export function PanelTab({
  saved,
  team,
  reading,
  panelDraft,
  onPanelDraft,
  onPanelSaved,
}: {
  saved: Case;
  team: Team | undefined;
  /** Reading the registry and the panel. */
  reading: Operation;
  panelDraft: Panel | undefined;
  onPanelDraft: (panel: Panel) => void;
  onPanelSaved: (panel: Panel) => void;
}) {
  if (!team) return <OperationStatus operation={reading} />;
  return <PanelBuilder c={saved} registry={team.registry} stored={team.panel} draft={panelDraft} onChange={onPanelDraft} onSaved={onPanelSaved} />;
}

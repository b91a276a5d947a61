/** A case's panel as the secretariat starts composing it. */
import { DEFAULT_RUBRIC } from "../rubric/rubric";
import { NO_CHAIR, type Case, type Panel } from "./model";

/** The panel a case starts with: no seat taken yet, the default rubric, the case's deadline. */
export const blankPanel = (c: Pick<Case, "id" | "deadline">): Panel => ({
  format: "attribution-panel/panel",
  version: 1,
  caseId: c.id,
  chairId: NO_CHAIR,
  memberIds: [],
  rubricId: DEFAULT_RUBRIC.id,
  deadline: c.deadline,
  waivers: [],
});

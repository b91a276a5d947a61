import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "../rubric/rubric";
import { DraftPanelSchema } from "./case-draft";
import { CaseIdSchema, PanelSchema } from "./model";
import { blankPanel } from "./panel-draft";

describe("a blank panel", () => {
  it("is for the case, takes no seat, asks the default rubric and has the case's deadline; a draft, not yet a panel", () => {
    const panel = blankPanel({ id: CaseIdSchema.parse("case-0000000000000001"), deadline: "2027-01-13T02:11:00.000Z" });
    expect(panel).toEqual({
      format: "attribution-panel/panel",
      version: 1,
      caseId: "case-0000000000000001",
      chairId: "",
      memberIds: [],
      rubricId: DEFAULT_RUBRIC.id,
      deadline: "2027-01-13T02:11:00.000Z",
      waivers: [],
    });
    expect(DraftPanelSchema.safeParse(panel).success).toBe(true);
    // No chair yet: it cannot be saved as a panel.
    expect(PanelSchema.safeParse(panel).success).toBe(false);
  });
});

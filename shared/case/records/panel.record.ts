/** The panel composed for a case, by case id (one per case). */
import { defineRecord } from "../../vault/record-kind";
import { PanelSchema } from "../model";

export const PANELS_TABLE = "panels";

export const PanelRecord = defineRecord({ table: PANELS_TABLE, version: 1, schema: PanelSchema });

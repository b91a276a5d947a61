/** The secretariat's cases, by case id. */
import { defineRecord } from "../../vault/record-kind";
import { CaseSchema } from "../model";

export const CASES_TABLE = "cases";

export const CaseRecord = defineRecord({ table: CASES_TABLE, version: 1, schema: CaseSchema });

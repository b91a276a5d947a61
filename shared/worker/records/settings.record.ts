/** The vault's settings (the idle lock, …): one record, at SETTINGS_ID. */
import { defineRecord } from "../../vault/record-kind";
import { SettingsSchema } from "../contracts/vault";

export const SETTINGS_TABLE = "settings";
export const SETTINGS_ID = "vault-settings-v1";

export const SettingsRecord = defineRecord({ table: SETTINGS_TABLE, version: 1, schema: SettingsSchema });

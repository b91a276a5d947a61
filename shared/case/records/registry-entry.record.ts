/** The secretariat's expert registry, by expert id (the card inside is re-verified on every load: case-store.ts). */
import { defineRecord } from "../../vault/record-kind";
import { RegistryEntrySchema } from "../model";

export const REGISTRY_TABLE = "registry";

export const RegistryEntryRecord = defineRecord({ table: REGISTRY_TABLE, version: 1, schema: RegistryEntrySchema });

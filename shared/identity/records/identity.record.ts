/** The person's own identities (signing and encryption secret keys, details), by random id; identity.ts reads one back, re-deriving its public keys. */
import { defineRecord } from "../../vault/record-kind";
import { StoredIdentitySchema } from "../identity";

export const IDENTITIES_TABLE = "identities";

export const IdentityRecord = defineRecord({ table: IDENTITIES_TABLE, version: 1, schema: StoredIdentitySchema });

/** Contacts: identity cards received, with their trust state, by random id (contact-record.ts re-verifies the card on every load). */
import { defineRecord } from "../../vault/record-kind";
import { ContactRecordSchema } from "../contact-record";

export const CONTACTS_TABLE = "contacts";

export const ContactRecord = defineRecord({ table: CONTACTS_TABLE, version: 1, schema: ContactRecordSchema });

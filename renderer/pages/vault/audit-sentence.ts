/**
 * One sentence per audit event, with the names, file names and counts the
 * entry's details point to. Entries store opaque ids (never names), so the
 * names come from what the vault holds now (a NameBook); an id that is no
 * longer there (a deleted file, a removed expert) is said so, not shown raw.
 * Every event kind must have its sentence: the record below fails to compile
 * when shared/vault/audit-log.ts gains an event.
 */
import type { AuditEvent } from "../../../shared/vault/audit-log";
import type { AuditView } from "../../../shared/worker/contract";
import { formatBytes } from "../../app/progress";

export type AuditEntryView = AuditView["entries"][number];
type Detail = NonNullable<AuditEntryView["detail"]>;

/** Names of what the vault holds now: by record id, and people by key fingerprint. */
export type NameBook = { readonly byId: ReadonlyMap<string, string>; readonly byFingerprint: ReadonlyMap<string, string> };
export const EMPTY_NAME_BOOK: NameBook = { byId: new Map(), byFingerprint: new Map() };

const text = (d: Detail, key: string): string | undefined => (typeof d[key] === "string" ? d[key] : undefined);
const count = (d: Detail, key: string): number | undefined => (typeof d[key] === "number" ? d[key] : undefined);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (name: string) => `“${name}”`;
/** Capitalises the first letter, for sentences that start with a name or a phrase. */
const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** "SHA256:AbCd…wXyZ": enough to compare with a fingerprint read aloud, short enough to read. */
export const shortFingerprint = (fingerprint: string): string => (fingerprint.length > 20 ? `${fingerprint.slice(0, 14)}…${fingerprint.slice(-4)}` : fingerprint);

/** A UTC time from the log as it is shown in the time column: "2026-12-01 16:58:09". */
const utc = (iso: string) => iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");

const TABLE_LABEL: Readonly<Record<string, string>> = {
  identities: "your identities",
  contacts: "your contacts",
  settings: "the settings",
  attachments: "the evidence files",
  "attachment-chunks": "the contents of an evidence file",
  "attachment-imports": "an evidence file being imported",
  audit: "the audit log",
  "vault-meta": "the vault's own records",
  "vault-index": "the index of stored records",
  registry: "the expert registry",
  cases: "the case files",
  panels: "the panels",
  "received-cases": "the cases received",
  "packet-senders": "the confirmed secretariat keys",
  "packet-outbox": "the packets sent",
};

const PROBLEM_LABEL: Readonly<Record<string, string>> = {
  tampered: "was altered",
  missing: "is missing",
  malformed: "is not readable",
  "unexpected-record": "holds a record nobody wrote",
  "unexpected-entry": "holds an entry nobody wrote",
  "index-missing": "is missing",
  "index-tampered": "was altered",
  "out-of-sequence": "is out of order",
  "hash-mismatch": "does not link to the entry before it",
  "head-missing": "lost its latest entry marker",
  "head-tampered": "has an altered latest entry marker",
};

const FIELD_LABEL: Readonly<Record<string, string>> = { displayName: "name", region: "regional group", nationality: "nationality", affiliation: "affiliation" };

type Describe = (d: Detail, names: NameBook) => string;

/** The thing `key` names in the details, by name if the vault still holds it. */
function named(d: Detail, names: NameBook, key: string, quote: boolean): string | undefined {
  const id = text(d, key);
  const name = id === undefined ? undefined : names.byId.get(id);
  return name === undefined ? undefined : quote ? quoted(name) : name;
}

/** A person from the details: by name (from the id or the key fingerprint), else by short fingerprint. */
function person(d: Detail, names: NameBook, idKey: string | undefined, fingerprintKey = "fingerprint"): string | undefined {
  const byId = idKey === undefined ? undefined : named(d, names, idKey, false);
  if (byId) return byId;
  const fingerprint = text(d, fingerprintKey);
  if (fingerprint === undefined) return undefined;
  return names.byFingerprint.get(fingerprint) ?? `the key ${shortFingerprint(fingerprint)}`;
}

/** `gone`: say when the file is no longer in the vault (pointless for a deletion). */
function evidenceFile(d: Detail, names: NameBook, gone = true): string {
  const name = named(d, names, "attachment", true);
  const size = count(d, "size");
  const sized = size === undefined ? "" : ` (${formatBytes(size)})`;
  return name ? `the evidence file ${name}${sized}` : `an evidence file${sized}${gone ? " no longer in the vault" : ""}`;
}

const caseName = (d: Detail, names: NameBook): string => {
  const name = named(d, names, "case", true);
  return name ? `case ${name}` : "a case no longer in the vault";
};

const packetNumber = (d: Detail): string => {
  const sequence = count(d, "sequence");
  return sequence === undefined ? "A case packet" : `Case packet no. ${sequence}`;
};

function tamper(d: Detail): string {
  const auditSeq = count(d, "auditSeq");
  const reason = text(d, "reason");
  if (auditSeq !== undefined) return `Tampering detected: the audit log, at entry ${auditSeq}, ${PROBLEM_LABEL[reason ?? ""] ?? "failed its check"}.`;
  const table = text(d, "table");
  const problem = text(d, "problem") ?? "tampered";
  const where = (table && TABLE_LABEL[table]) ?? "the stored records";
  return `Tampering detected: a record of ${where} ${PROBLEM_LABEL[problem] ?? "failed its check"}.`;
}

const SENTENCES: Readonly<Record<AuditEvent, Describe>> = {
  "vault-created": () => "The vault was created.",
  unlocked: () => "The vault was unlocked.",
  "unlock-failed": (d) => {
    const n = count(d, "count") ?? 1;
    const last = text(d, "lastAt");
    return `${plural(n, "failed unlock attempt")} before this unlock${last ? `, the last at ${utc(last)} UTC` : ""}.`;
  },
  "passphrase-changed": () => "The vault passphrase was changed.",
  locked: () => "The vault was locked.",
  "identity-created": (d, names) => {
    const who = person(d, names, "identity");
    return who ? `Your identity ${who} was created.` : "An identity was created.";
  },
  "identity-exported": (d, names) => {
    const who = person(d, names, "identity");
    return `The secret key of ${who ? `your identity ${who}` : "an identity"} was exported to a file.`;
  },
  "identity-edited": (d, names) => {
    const who = person(d, names, "identity");
    const fields = (text(d, "changed") ?? "")
      .split(",")
      .filter((field) => field)
      .map((field) => FIELD_LABEL[field] ?? "details");
    const what = fields.length === 0 ? "details" : fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(", ")} and ${fields.at(-1)}`;
    return `The ${what} of ${who ? `your identity ${who}` : "an identity"} changed.`;
  },
  "contact-imported": (d, names) => `The identity card of ${person(d, names, "contact") ?? "a contact"} was imported into your contacts.`,
  "contact-trusted": (d, names) => sentence(`${person(d, names, "contact") ?? "a contact"} was trusted after the fingerprint was compared.`),
  "contact-revoked": (d, names) => `The card of ${person(d, names, "contact") ?? "a contact"} was revoked.`,
  "attachment-imported": (d, names) => sentence(`${evidenceFile(d, names)} was imported.`),
  "attachment-exported": (d, names) => `A copy of ${evidenceFile(d, names)} was saved outside the vault.`,
  "attachment-deleted": (d, names) => sentence(`${evidenceFile(d, names, false)} was deleted.`),
  "backup-made": () => "A backup of the vault was made.",
  "backup-restored": (d) => {
    const rows = count(d, "rows");
    return `The vault was restored from a backup${rows === undefined ? "" : ` (${plural(rows, "record")})`}.`;
  },
  "tamper-detected": (d) => tamper(d),
  "expert-enrolled": (d, names) => sentence(`${person(d, names, "expert") ?? "an expert"} was enrolled in the expert registry.`),
  "expert-removed": (d, names) => `${named(d, names, "expert", false) ?? "An expert"} was removed from the expert registry.`,
  "case-saved": (d, names) => sentence(`${caseName(d, names)} was saved.`),
  "case-deleted": () => "A case was deleted, with its panel.",
  "panel-saved": (d, names) => {
    const seats = count(d, "seats");
    return `The panel of ${caseName(d, names)} was saved${seats === undefined ? "" : ` (${plural(seats, "seat")})`}.`;
  },
  "packet-exported": (d, names) => {
    const to = person(d, names, undefined, "recipient");
    return `${packetNumber(d)} of ${caseName(d, names)} was exported${to ? ` for ${to}` : ""}.`;
  },
  "packet-written": (d, names) => {
    const bytes = count(d, "bytes");
    const sha = text(d, "sha256");
    return `${packetNumber(d)} of ${caseName(d, names)} was written whole${bytes === undefined ? "" : ` (${formatBytes(bytes)})`}${sha ? `; its file's SHA-256 is ${sha}` : ""}.`;
  },
  "packet-signer-pinned": (d) => {
    const fingerprint = text(d, "sender") ?? text(d, "fingerprint");
    return `${fingerprint ? `The secretariat key ${shortFingerprint(fingerprint)}` : "A secretariat key"} was confirmed; later packets must be signed with it.`;
  },
  "packet-imported": (d, names) => {
    const pinned = d.newlyPinned === true ? " The sender's key was confirmed for later packets." : "";
    return `${packetNumber(d)} of ${caseName(d, names)} was imported; its signature and every file's SHA-256 were checked.${pinned}`;
  },
};

const isAuditEvent = (event: string): event is AuditEvent => Object.hasOwn(SENTENCES, event);

/** The entry as one sentence; an event this version does not know is named as stored. */
export function auditSentence(entry: AuditEntryView, names: NameBook): string {
  if (!isAuditEvent(entry.event)) return `Event “${entry.event}”.`;
  return SENTENCES[entry.event](entry.detail ?? {}, names);
}

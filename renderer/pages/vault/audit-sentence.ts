/**
 * One sentence per audit event, with the names, file names and counts the
 * entry's details point to. Entries store opaque ids (never names), so the
 * names come from what the vault holds now (a NameBook); an id that is no
 * longer there (a deleted file, a removed expert) is said so, not shown raw.
 * Every event kind must have its sentence: the record below fails to compile
 * when shared/vault/audit-log.ts gains an event.
 *
 * Each sentence is one catalog message: where a detail may be missing, the
 * message chooses between whole sentences (ICU select and plural), so that
 * no sentence is glued together from fragments.
 */
import { i18n, type MessageDescriptor } from "@lingui/core";
import { msg, plural, select, t } from "@lingui/core/macro";
import type { AuditEvent } from "../../../shared/vault/audit-log";
import type { AuditView } from "../../../shared/worker/contract";
import { formatBytes, formatList, formatNumber } from "../../i18n/format";
import { intlTag, isAnyLocale } from "../../i18n/locales";

export type AuditEntryView = AuditView["entries"][number];
type Detail = NonNullable<AuditEntryView["detail"]>;

/** Names of what the vault holds now: by record id, and people by key fingerprint. */
export type NameBook = { readonly byId: ReadonlyMap<string, string>; readonly byFingerprint: ReadonlyMap<string, string> };
export const EMPTY_NAME_BOOK: NameBook = { byId: new Map(), byFingerprint: new Map() };

const text = (d: Detail, key: string): string | undefined => (typeof d[key] === "string" ? d[key] : undefined);
const count = (d: Detail, key: string): number | undefined => (typeof d[key] === "number" ? d[key] : undefined);

/** Text always read left to right (a fingerprint, a hash, a file name), isolated inside a sentence of either direction (LRI … PDI). */
export const isolateLtr = (value: string): string => `\u2066${value}\u2069`;

/** "SHA256:AbCd…wXyZ": enough to compare with a fingerprint read aloud, short enough to read. */
export const shortFingerprint = (fingerprint: string): string => (fingerprint.length > 20 ? `${fingerprint.slice(0, 14)}…${fingerprint.slice(-4)}` : fingerprint);

/** A moment of the log to the second, in UTC (the time column's heading says so; `zone` names it in a sentence); the month in words, so 01/12 is never read as 12 January or 1 December. */
export function auditTime(iso: string, zone = false): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const locale = intlTag(isAnyLocale(i18n.locale) ? i18n.locale : "en");
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    ...(zone ? { timeZoneName: "short" } : {}),
  }).format(time);
}

/** The parts of the vault a tampered record can be in, as in "a record of ___". */
const TABLE_LABEL: Readonly<Record<string, MessageDescriptor>> = {
  identities: msg({ message: "your identities", context: "a part of the vault, as in: a record of ___ was altered" }),
  contacts: msg({ message: "your contacts", context: "a part of the vault, as in: a record of ___ was altered" }),
  settings: msg({ message: "the settings", context: "a part of the vault, as in: a record of ___ was altered" }),
  attachments: msg({ message: "the evidence files", context: "a part of the vault, as in: a record of ___ was altered" }),
  "attachment-chunks": msg({ message: "the contents of an evidence file", context: "a part of the vault, as in: a record of ___ was altered" }),
  "attachment-imports": msg({ message: "an evidence file being imported", context: "a part of the vault, as in: a record of ___ was altered" }),
  audit: msg({ message: "the audit log", context: "a part of the vault, as in: a record of ___ was altered" }),
  "vault-meta": msg({ message: "the vault's own records", context: "a part of the vault, as in: a record of ___ was altered" }),
  "vault-index": msg({ message: "the index of stored records", context: "a part of the vault, as in: a record of ___ was altered" }),
  registry: msg({ message: "the expert registry", context: "a part of the vault, as in: a record of ___ was altered" }),
  cases: msg({ message: "the case files", context: "a part of the vault, as in: a record of ___ was altered" }),
  panels: msg({ message: "the panels", context: "a part of the vault, as in: a record of ___ was altered" }),
  "received-cases": msg({ message: "the cases received", context: "a part of the vault, as in: a record of ___ was altered" }),
  "packet-senders": msg({ message: "the confirmed secretariat keys", context: "a part of the vault, as in: a record of ___ was altered" }),
  "packet-outbox": msg({ message: "the packets sent", context: "a part of the vault, as in: a record of ___ was altered" }),
  rubrics: msg({ message: "the rubrics", context: "a part of the vault, as in: a record of ___ was altered" }),
  "held-scoresheets": msg({ message: "the scoresheets you hold as chair", context: "a part of the vault, as in: a record of ___ was altered" }),
  "quorum-declarations": msg({ message: "your quorum declarations", context: "a part of the vault, as in: a record of ___ was altered" }),
  "open-rounds": msg({ message: "the rounds you opened as chair", context: "a part of the vault, as in: a record of ___ was altered" }),
  feedback: msg({ message: "the chair's feedback you received", context: "a part of the vault, as in: a record of ___ was altered" }),
  "opinion-drafts": msg({ message: "your drafts of the opinion", context: "a part of the vault, as in: a record of ___ was altered" }),
  "sent-opinion-drafts": msg({ message: "the drafts of the opinion you sent for comment", context: "a part of the vault, as in: a record of ___ was altered" }),
  "received-opinion-drafts": msg({ message: "the drafts of the opinion you received for comment", context: "a part of the vault, as in: a record of ___ was altered" }),
  "comment-answer-drafts": msg({ message: "your answers to the draft opinion", context: "a part of the vault, as in: a record of ___ was altered" }),
  "received-cosign-requests": msg({ message: "the requests to co-sign the opinion you received", context: "a part of the vault, as in: a record of ___ was altered" }),
  "received-sealed-opinions": msg({ message: "the sealed opinions you received", context: "a part of the vault, as in: a record of ___ was altered" }),
  "opinion-exchanges": msg({ message: "the answers and co-signatures of the opinion", context: "a part of the vault, as in: a record of ___ was altered" }),
};
const ANY_TABLE = msg({ message: "the stored records", context: "a part of the vault, as in: a record of ___ was altered" });

/** What an answer to the draft opinion carried besides comments, as the words an audit sentence uses. */
function answerCarries(d: Detail): string {
  const opinion = text(d, "opinion");
  return select(opinion === "dissent" || opinion === "separate" ? opinion : "none", {
    dissent: "with a dissenting opinion",
    separate: "with a separate opinion",
    other: "with comments only",
  });
}

/** What the integrity check found, as the key a sentence is chosen by. */
const PROBLEM: Readonly<Record<string, string>> = {
  tampered: "altered",
  "index-tampered": "altered",
  missing: "missing",
  "index-missing": "missing",
  malformed: "unreadable",
  "unexpected-record": "unexpectedRecord",
  "unexpected-entry": "unexpectedEntry",
  "out-of-sequence": "outOfOrder",
  "hash-mismatch": "unlinked",
  "head-missing": "headMissing",
  "head-tampered": "headAltered",
  truncated: "truncated",
  "record-rolled-back": "rolledBack",
};

/** The details of an identity that an edit can change (shared/vault/unlocked-vault.ts records them). */
const FIELD_LABEL: Readonly<Record<string, MessageDescriptor>> = {
  displayName: msg({ message: "name", context: "a detail of an identity, in a list" }),
  region: msg({ message: "regional group", context: "a detail of an identity, in a list" }),
  nationality: msg({ message: "nationality", context: "a detail of an identity, in a list" }),
  affiliation: msg({ message: "affiliation", context: "a detail of an identity, in a list" }),
};
const OTHER_FIELD = msg({ message: "other details", context: "a detail of an identity, in a list" });

type Describe = (d: Detail, names: NameBook) => string;

/** The name of the thing `key` names in the details, if the vault still holds it. */
function named(d: Detail, names: NameBook, key: string): string | undefined {
  const id = text(d, key);
  return id === undefined ? undefined : names.byId.get(id);
}

/** A person from the details: by name (from the id or the key fingerprint), else by short fingerprint, else unknown. */
function person(d: Detail, names: NameBook, idKey: string | undefined, fingerprintKey = "fingerprint"): { who: "named" | "key" | "unknown"; name: string; key: string } {
  const byId = idKey === undefined ? undefined : named(d, names, idKey);
  if (byId) return { who: "named", name: byId, key: "" };
  const fingerprint = text(d, fingerprintKey);
  if (fingerprint === undefined) return { who: "unknown", name: "", key: "" };
  const byKey = names.byFingerprint.get(fingerprint);
  return byKey ? { who: "named", name: byKey, key: "" } : { who: "key", name: "", key: isolateLtr(shortFingerprint(fingerprint)) };
}

/** An evidence file from the details: "named" or "gone", with its size when recorded ("namedSized", "goneSized"). */
function evidenceFile(d: Detail, names: NameBook): { file: string; name: string; size: string } {
  const name = named(d, names, "attachment");
  const bytes = count(d, "size");
  const size = bytes === undefined ? "" : formatBytes(bytes);
  const kind = name === undefined ? (bytes === undefined ? "gone" : "goneSized") : bytes === undefined ? "named" : "namedSized";
  return { file: kind, name: name === undefined ? "" : isolateLtr(name), size };
}

/** A case from the details: its title, or "gone" when the vault no longer holds it. */
function caseTitle(d: Detail, names: NameBook): { kase: "named" | "gone"; title: string } {
  const title = named(d, names, "case");
  return title === undefined ? { kase: "gone", title: "" } : { kase: "named", title };
}

const packetNumber = (d: Detail): string => {
  const sequence = count(d, "sequence");
  return sequence === undefined ? "?" : formatNumber(sequence);
};

function tamper(d: Detail): string {
  const auditSeq = count(d, "auditSeq");
  if (auditSeq !== undefined) {
    const entry = formatNumber(auditSeq);
    const problem = PROBLEM[text(d, "reason") ?? ""] ?? "other";
    return select(problem, {
      altered: `Tampering detected: the audit log, at entry ${entry}, was altered.`,
      missing: `Tampering detected: the audit log, at entry ${entry}, is missing.`,
      unreadable: `Tampering detected: the audit log, at entry ${entry}, is not readable.`,
      unexpectedEntry: `Tampering detected: the audit log, at entry ${entry}, holds an entry nobody wrote.`,
      outOfOrder: `Tampering detected: the audit log, at entry ${entry}, is out of order.`,
      unlinked: `Tampering detected: the audit log, at entry ${entry}, does not link to the entry before it.`,
      headMissing: `Tampering detected: the audit log, at entry ${entry}, lost its latest entry marker.`,
      headAltered: `Tampering detected: the audit log, at entry ${entry}, has an altered latest entry marker.`,
      truncated: `Tampering detected: the audit log was cut back, from entry ${entry} on, to an older end.`,
      other: `Tampering detected: the audit log, at entry ${entry}, failed its check.`,
    });
  }
  const table = text(d, "table");
  const where = i18n._((table && TABLE_LABEL[table]) || ANY_TABLE);
  const problem = PROBLEM[text(d, "problem") ?? "tampered"] ?? "other";
  return select(problem, {
    altered: `Tampering detected: a record of ${where} was altered.`,
    missing: `Tampering detected: a record of ${where} is missing.`,
    unreadable: `Tampering detected: a record of ${where} is not readable.`,
    unexpectedRecord: `Tampering detected: a record nobody wrote was found in ${where}.`,
    unexpectedEntry: `Tampering detected: an entry nobody wrote was found in ${where}.`,
    outOfOrder: `Tampering detected: a record of ${where} is out of order.`,
    unlinked: `Tampering detected: a record of ${where} does not link to the one before it.`,
    rolledBack: `Tampering detected: a record of ${where} was replaced with an older copy, or deleted.`,
    other: `Tampering detected: a record of ${where} failed its check.`,
  });
}

const SENTENCES: Readonly<Record<AuditEvent, Describe>> = {
  "vault-created": () => t`The vault was created.`,
  unlocked: () => t`The vault was unlocked.`,
  "unlock-failed": (d) => {
    const attempts = count(d, "count") ?? 1;
    const lastAt = text(d, "lastAt");
    if (lastAt === undefined) return plural(attempts, { one: "# failed unlock attempt before this unlock.", other: "# failed unlock attempts before this unlock." });
    const last = auditTime(lastAt, true);
    return plural(attempts, { one: `# failed unlock attempt before this unlock, the last at ${last}.`, other: `# failed unlock attempts before this unlock, the last at ${last}.` });
  },
  "passphrase-changed": () => t`The vault passphrase was changed.`,
  locked: () => t`The vault was locked.`,
  "identity-created": (d, names) => {
    const { who, name, key } = person(d, names, "identity");
    return select(who, { named: `Your identity ${name} was created.`, key: `Your identity with the key ${key} was created.`, other: "An identity was created." });
  },
  "identity-exported": (d, names) => {
    const { who, name, key } = person(d, names, "identity");
    return select(who, {
      named: `The secret key of your identity ${name} was exported to a file.`,
      key: `The secret key of your identity with the key ${key} was exported to a file.`,
      other: "The secret key of an identity was exported to a file.",
    });
  },
  "identity-edited": (d, names) => {
    const { who, name, key } = person(d, names, "identity");
    const changed = (text(d, "changed") ?? "").split(",").filter((field) => field);
    if (changed.length === 0) {
      return select(who, {
        named: `The details of your identity ${name} changed.`,
        key: `The details of your identity with the key ${key} changed.`,
        other: "The details of an identity changed.",
      });
    }
    const fields = formatList(changed.map((field) => i18n._(FIELD_LABEL[field] ?? OTHER_FIELD)));
    return select(who, {
      named: `The details of your identity ${name} changed: ${fields}.`,
      key: `The details of your identity with the key ${key} changed: ${fields}.`,
      other: `The details of an identity changed: ${fields}.`,
    });
  },
  "contact-imported": (d, names) => {
    const { who, name, key } = person(d, names, "contact");
    return select(who, {
      named: `The identity card of ${name} was imported into your contacts.`,
      key: `The identity card of the key ${key} was imported into your contacts.`,
      other: "The identity card of a contact was imported into your contacts.",
    });
  },
  "contact-trusted": (d, names) => {
    const { who, name, key } = person(d, names, "contact");
    return select(who, {
      named: `${name} was trusted after the fingerprint was compared.`,
      key: `The key ${key} was trusted after the fingerprint was compared.`,
      other: "A contact was trusted after the fingerprint was compared.",
    });
  },
  "contact-revoked": (d, names) => {
    const { who, name, key } = person(d, names, "contact");
    return select(who, { named: `The card of ${name} was revoked.`, key: `The card of the key ${key} was revoked.`, other: "The card of a contact was revoked." });
  },
  "attachment-imported": (d, names) => {
    const { file, name, size } = evidenceFile(d, names);
    return select(file, {
      namedSized: `The evidence file “${name}” (${size}) was imported.`,
      named: `The evidence file “${name}” was imported.`,
      goneSized: `An evidence file (${size}) no longer in the vault was imported.`,
      other: "An evidence file no longer in the vault was imported.",
    });
  },
  "attachment-exported": (d, names) => {
    const { file, name, size } = evidenceFile(d, names);
    return select(file, {
      namedSized: `A copy of the evidence file “${name}” (${size}) was saved outside the vault.`,
      named: `A copy of the evidence file “${name}” was saved outside the vault.`,
      goneSized: `A copy of an evidence file (${size}) no longer in the vault was saved outside the vault.`,
      other: "A copy of an evidence file no longer in the vault was saved outside the vault.",
    });
  },
  "attachment-deleted": (d, names) => {
    const { file, name, size } = evidenceFile(d, names);
    return select(file, {
      namedSized: `The evidence file “${name}” (${size}) was deleted.`,
      named: `The evidence file “${name}” was deleted.`,
      goneSized: `An evidence file (${size}) was deleted.`,
      other: "An evidence file was deleted.",
    });
  },
  "backup-made": () => t`A backup of the vault was made.`,
  "backup-restored": (d) => {
    const rows = count(d, "rows");
    if (rows === undefined) return t`The vault was restored from a backup.`;
    return plural(rows, { one: "The vault was restored from a backup (# record).", other: "The vault was restored from a backup (# records)." });
  },
  "tamper-detected": (d) => tamper(d),
  "vault-upgraded": (d) => {
    const records = count(d, "records");
    if (records === undefined) return t`The vault was upgraded: every record's version and the end of this log are now recorded, so an older copy put back is detected.`;
    return plural(records, {
      one: "The vault was upgraded: the version of its # record and the end of this log are now recorded, so an older copy put back is detected.",
      other: "The vault was upgraded: the versions of its # records and the end of this log are now recorded, so an older copy put back is detected.",
    });
  },
  "expert-enrolled": (d, names) => {
    const { who, name, key } = person(d, names, "expert");
    return select(who, {
      named: `${name} was enrolled in the expert registry.`,
      key: `An expert with the key ${key} was enrolled in the expert registry.`,
      other: "An expert was enrolled in the expert registry.",
    });
  },
  "expert-removed": (d, names) => {
    const name = named(d, names, "expert");
    return name === undefined ? t`An expert was removed from the expert registry.` : t`${name} was removed from the expert registry.`;
  },
  "case-saved": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    return select(kase, { named: `Case “${title}” was saved.`, other: "A case no longer in the vault was saved." });
  },
  "case-deleted": () => t`A case was deleted, with its panel.`,
  "panel-saved": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const seats = count(d, "seats");
    if (seats === undefined) return select(kase, { named: `The panel of case “${title}” was saved.`, other: "The panel of a case no longer in the vault was saved." });
    return kase === "named"
      ? plural(seats, { one: `The panel of case “${title}” was saved (# seat).`, other: `The panel of case “${title}” was saved (# seats).` })
      : plural(seats, { one: "The panel of a case no longer in the vault was saved (# seat).", other: "The panel of a case no longer in the vault was saved (# seats)." });
  },
  "packet-exported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const { who, name, key } = person(d, names, undefined, "recipient");
    const number = packetNumber(d);
    return kase === "named"
      ? select(who, {
          named: `Case packet no. ${number} of case “${title}” was exported for ${name}.`,
          key: `Case packet no. ${number} of case “${title}” was exported for the key ${key}.`,
          other: `Case packet no. ${number} of case “${title}” was exported.`,
        })
      : select(who, {
          named: `Case packet no. ${number} of a case no longer in the vault was exported for ${name}.`,
          key: `Case packet no. ${number} of a case no longer in the vault was exported for the key ${key}.`,
          other: `Case packet no. ${number} of a case no longer in the vault was exported.`,
        });
  },
  "packet-written": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const number = packetNumber(d);
    const bytes = count(d, "bytes");
    const sha256 = text(d, "sha256");
    if (bytes === undefined || sha256 === undefined) {
      return select(kase, { named: `Case packet no. ${number} of case “${title}” was written whole.`, other: `Case packet no. ${number} of a case no longer in the vault was written whole.` });
    }
    const size = formatBytes(bytes);
    const sha = isolateLtr(sha256);
    return select(kase, {
      named: `Case packet no. ${number} of case “${title}” was written whole (${size}); its file's SHA-256 is ${sha}.`,
      other: `Case packet no. ${number} of a case no longer in the vault was written whole (${size}); its file's SHA-256 is ${sha}.`,
    });
  },
  "packet-signer-pinned": (d) => {
    const fingerprint = text(d, "sender") ?? text(d, "fingerprint");
    if (fingerprint === undefined) return t`A secretariat key was confirmed; later packets must be signed with it.`;
    const key = isolateLtr(shortFingerprint(fingerprint));
    return t`The secretariat key ${key} was confirmed; later packets must be signed with it.`;
  },
  "packet-imported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const number = packetNumber(d);
    const outcome = d.newlyPinned !== true ? kase : kase === "named" ? "namedPinned" : "gonePinned";
    return select(outcome, {
      named: `Case packet no. ${number} of case “${title}” was imported; its signature and every file's SHA-256 were checked.`,
      namedPinned: `Case packet no. ${number} of case “${title}” was imported; its signature and every file's SHA-256 were checked. The sender's key was confirmed for later packets.`,
      gonePinned: `Case packet no. ${number} of a case no longer in the vault was imported; its signature and every file's SHA-256 were checked. The sender's key was confirmed for later packets.`,
      other: `Case packet no. ${number} of a case no longer in the vault was imported; its signature and every file's SHA-256 were checked.`,
    });
  },
  "scoresheet-signed": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const revision = count(d, "revision") ?? 1;
    const round = count(d, "round") ?? 1;
    return select(kase === "named" ? "named" : "other", {
      named: `Scoresheet revision ${revision} of round ${round} for case “${title}” was signed and encrypted to the chair and the secretariat.`,
      other: `Scoresheet revision ${revision} of round ${round}, for a case no longer in the vault, was signed and encrypted to the chair and the secretariat.`,
    });
  },
  "scoresheet-copied": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const revision = count(d, "revision") ?? 1;
    const round = count(d, "round") ?? 1;
    return select(kase === "named" ? "named" : "other", {
      named: `A signed, unencrypted copy of scoresheet revision ${revision} of round ${round} for case “${title}” was saved.`,
      other: `A signed, unencrypted copy of scoresheet revision ${revision} of round ${round}, for a case no longer in the vault, was saved.`,
    });
  },
  "scoresheet-imported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const revision = count(d, "revision") ?? 1;
    const round = count(d, "round") ?? 1;
    const seat = person(d, names, undefined, "seat");
    const key = seat.who === "named" ? seat.name : seat.key;
    return select(kase === "named" ? "named" : "other", {
      named: `Scoresheet revision ${revision} of round ${round} for case “${title}”, signed by ${key}, was imported; its signature and its place on the roster were checked.`,
      other: `Scoresheet revision ${revision} of round ${round}, for a case no longer in the vault, signed by ${key}, was imported; its signature and its place on the roster were checked.`,
    });
  },
  "quorum-declared": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const submitted = count(d, "submitted") ?? 0;
    const seats = count(d, "seats") ?? 0;
    const round = count(d, "round") ?? 1;
    return select(kase === "named" ? "named" : "other", {
      named: `A quorum was declared for round ${round} of case “${title}”, with ${submitted} of ${seats} scoresheets.`,
      other: `A quorum was declared for round ${round} of a case no longer in the vault, with ${submitted} of ${seats} scoresheets.`,
    });
  },
  "round-opened": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const round = count(d, "round") ?? 2;
    return select(kase === "named" ? "named" : "other", {
      named: `Round ${round} of case “${title}” was opened.`,
      other: `Round ${round} of a case no longer in the vault was opened.`,
    });
  },
  "feedback-exported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const round = count(d, "round") ?? 2;
    const seat = person(d, names, undefined, "seat");
    const key = seat.who === "named" ? seat.name : seat.key;
    return select(kase === "named" ? "named" : "other", {
      named: `A feedback packet for round ${round} of case “${title}” was made for ${key}, signed with your chair key and encrypted to them.`,
      other: `A feedback packet for round ${round} of a case no longer in the vault was made for ${key}, signed with your chair key and encrypted to them.`,
    });
  },
  "feedback-imported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const round = count(d, "round") ?? 2;
    return select(kase === "named" ? "named" : "other", {
      named: `The chair's feedback packet for round ${round} of case “${title}” was imported; its signature was checked against the panel's chair.`,
      other: `The chair's feedback packet for round ${round} of a case no longer in the vault was imported; its signature was checked against the panel's chair.`,
    });
  },
  "opinion-draft-sent": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const round = count(d, "round") ?? 1;
    const seats = count(d, "seats") ?? 0;
    if (kase !== "named") return t`The draft opinion of a case no longer in the vault was sent for comment (round ${round}).`;
    return plural(seats, {
      one: `The draft opinion of case “${title}” was sent for comment (round ${round}) to # member, signed with your chair key and encrypted to them and to you.`,
      other: `The draft opinion of case “${title}” was sent for comment (round ${round}) to # members, signed with your chair key and encrypted to each of them and to you.`,
    });
  },
  "opinion-draft-received": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const round = count(d, "round") ?? 1;
    return kase === "named"
      ? t`The chair's draft opinion of case “${title}” was imported for comment (round ${round}); its signature was checked against the panel's chair.`
      : t`The chair's draft opinion of a case no longer in the vault was imported for comment (round ${round}).`;
  },
  "opinion-draft-answered": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const round = count(d, "round") ?? 1;
    const what = answerCarries(d);
    return kase === "named"
      ? t`Your answer to the draft opinion of case “${title}” (round ${round}) was signed, ${what}, and encrypted to the chair.`
      : t`Your answer to the draft opinion of a case no longer in the vault (round ${round}) was signed, ${what}, and encrypted to the chair.`;
  },
  "opinion-answer-imported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const what = answerCarries(d);
    return kase === "named"
      ? t`A member's answer to the draft opinion of case “${title}” was imported, ${what}; its signatures were checked against the panel's roster.`
      : t`A member's answer to the draft opinion of a case no longer in the vault was imported, ${what}.`;
  },
  "opinion-cosign-requested": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const seats = count(d, "seats") ?? 0;
    if (kase !== "named") return t`The opinion of a case no longer in the vault was signed and sent to the members for co-signing.`;
    return plural(seats, {
      one: `The opinion of case “${title}” was signed with your chair key and sent to # member for co-signing.`,
      other: `The opinion of case “${title}” was signed with your chair key and sent to # members for co-signing.`,
    });
  },
  "opinion-cosignature-imported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const late = d["late"] === true;
    if (kase !== "named") return t`A member's co-signature of the opinion of a case no longer in the vault was imported.`;
    return late
      ? t`A member's co-signature of the opinion of case “${title}” was imported after the deadline; it is kept but not sealed.`
      : t`A member's co-signature of the opinion of case “${title}” was imported; it was checked against the opinion sent.`;
  },
  "cosign-request-received": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    return kase === "named"
      ? t`The chair's request to co-sign the opinion of case “${title}” was imported; the chair's signature, every part of the opinion and your own opinion in it were checked.`
      : t`The chair's request to co-sign the opinion of a case no longer in the vault was imported.`;
  },
  "cosign-signed": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const stance = text(d, "stance");
    const how = select(stance === "dissent" ? "dissent" : stance === "concur-separate" ? "separate" : "concur", {
      dissent: "dissenting",
      separate: "concurring with a separate opinion",
      other: "concurring",
    });
    return kase === "named"
      ? t`You co-signed the opinion of case “${title}”, ${how}, and encrypted your co-signature to the chair.`
      : t`You co-signed the opinion of a case no longer in the vault, ${how}.`;
  },
  "sealed-opinion-imported": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const coSigned = formatNumber(count(d, "coSigned") ?? 0);
    return kase === "named"
      ? t`The chair's sealed opinion of case “${title}” was imported with ${coSigned} co-signatures, after every signature was verified against your own records of the panel.`
      : t`The chair's sealed opinion of a case no longer in the vault was imported.`;
  },
  "opinion-published": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const withheld = formatNumber(count(d, "withheld") ?? 0);
    return kase === "named"
      ? t`The opinion of case “${title}” was published, ${withheld} parts withheld; the publication was verified as any reader will before it was saved.`
      : t`The opinion of a case no longer in the vault was published.`;
  },
  "opinion-sealed": (d, names) => {
    const { kase, title } = caseTitle(d, names);
    const coSigned = formatNumber(count(d, "coSigned") ?? 0);
    const notSigned = formatNumber(count(d, "notSigned") ?? 0);
    return kase === "named"
      ? t`The opinion of case “${title}” was sealed to the secretariat with ${coSigned} co-signatures; ${notSigned} members recorded as not signing.`
      : t`The opinion of a case no longer in the vault was sealed to the secretariat.`;
  },
  "rubric-saved": (d) => {
    const id = text(d, "rubric");
    if (id === undefined) return t`A rubric was saved.`;
    const rubric = isolateLtr(id);
    const revision = formatNumber(count(d, "revision") ?? 1);
    const from = isolateLtr(text(d, "from") ?? "?");
    const how = ({ created: "created", duplicated: "duplicated", edited: "edited", "new-revision": "newRevision" } as Readonly<Record<string, string>>)[text(d, "change") ?? ""] ?? "other";
    return select(how, {
      created: `The rubric ${rubric} was created.`,
      duplicated: `The rubric ${rubric} was created as a copy of the rubric ${from}.`,
      edited: `Revision ${revision} of the rubric ${rubric} was edited.`,
      newRevision: `Revision ${revision} of the rubric ${rubric} was saved; the revision before it, already sent in a packet, stays as it was.`,
      other: `The rubric ${rubric} was saved.`,
    });
  },
  "rubric-retired": (d) => {
    const id = text(d, "rubric");
    if (id === undefined) return t`A rubric was retired: it can no longer be chosen for a panel.`;
    const rubric = isolateLtr(id);
    return t`The rubric ${rubric} was retired: it can no longer be chosen for a panel.`;
  },
  "rubric-restored": (d) => {
    const id = text(d, "rubric");
    if (id === undefined) return t`A rubric was restored: it can be chosen for a panel again.`;
    const rubric = isolateLtr(id);
    return t`The rubric ${rubric} was restored: it can be chosen for a panel again.`;
  },
};

const isAuditEvent = (event: string): event is AuditEvent => Object.hasOwn(SENTENCES, event);

/** The entry as one sentence; an event this version does not know is named as stored. */
export function auditSentence(entry: AuditEntryView, names: NameBook): string {
  if (!isAuditEvent(entry.event)) {
    const event = isolateLtr(entry.event);
    return t`Event “${event}”.`;
  }
  return SENTENCES[entry.event](entry.detail ?? {}, names);
}

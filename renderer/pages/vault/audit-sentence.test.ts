import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_EVENTS } from "../../../shared/vault/audit-log";
import { auditSentence, auditTime, EMPTY_NAME_BOOK, isolateLtr, shortFingerprint, type AuditEntryView, type NameBook } from "./audit-sentence";

const FP_JONAS = "SHA256:jonasJONASjonasJONASjonasJONASjonasJONAS123";
const FP_SEC = "SHA256:secretariatSECRETARIATsecretariatSECRET4567";
const names: NameBook = {
  byId: new Map([
    ["id-ines", "Ines Okafor"],
    ["id-jonas", "Jonas Berg"],
    ["id-file", "router-logs.pcap"],
    ["id-case", "Operation Silent Reservoir"],
    ["id-expert", "Luísa Ferreira"],
  ]),
  byFingerprint: new Map([[FP_JONAS, "Jonas Berg"]]),
};

const entry = (event: string, detail?: AuditEntryView["detail"]): AuditEntryView => ({ seq: 1, time: "2026-12-01T10:00:00.000Z", event, prevHash: "", ...(detail ? { detail } : {}) });
const raw = (event: string, detail?: AuditEntryView["detail"], book = names) => auditSentence(entry(event, detail), book);
/** The sentence as read, without the invisible marks that keep fingerprints, hashes and file names left to right. */
const say = (event: string, detail?: AuditEntryView["detail"], book = names) => raw(event, detail, book).replace(/[\u2066\u2069]/g, "");

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

describe("audit log sentences", () => {
  it("has a sentence for every event kind, ending with a full stop and never showing an id", () => {
    for (const event of AUDIT_EVENTS) {
      const detail = { identity: "id-raw-1", contact: "id-raw-2", attachment: "id-raw-3", expert: "id-raw-4", case: "id-raw-5", packet: "id-raw-6" };
      const text = say(event, detail, EMPTY_NAME_BOOK);
      expect(text, event).toMatch(/^[A-Z0-9].*\.$/);
      expect(text, event).not.toMatch(/id-raw|\{|\}/);
      // No raw event name such as "contact-imported" (one-word names like "locked" are plain words).
      if (event.includes("-")) expect(text, event).not.toContain(event);
    }
  });

  it("names people, files and cases the vault holds", () => {
    expect(say("identity-created", { identity: "id-ines", fingerprint: "SHA256:x" })).toBe("Your identity Ines Okafor was created.");
    expect(say("identity-exported", { identity: "id-ines", what: "age-secret-key" })).toBe("The secret key of your identity Ines Okafor was exported to a file.");
    expect(say("identity-edited", { identity: "id-ines", fingerprint: "SHA256:x", changed: "region,nationality,affiliation" })).toBe(
      "The details of your identity Ines Okafor changed: regional group, nationality, and affiliation.",
    );
    expect(say("identity-edited", { identity: "id-ines", fingerprint: "SHA256:x", changed: "nationality,affiliation" })).toBe("The details of your identity Ines Okafor changed: nationality and affiliation.");
    expect(say("identity-edited", { identity: "id-ines", fingerprint: "SHA256:x" })).toBe("The details of your identity Ines Okafor changed.");
    expect(say("packet-written", { case: "id-case", packet: "p1", sequence: 3, recipient: FP_JONAS, sha256: "ab", bytes: 2_500_000 })).toBe(
      "Case packet no. 3 of case “Operation Silent Reservoir” was written whole (2.4 MB); its file's SHA-256 is ab.",
    );
    expect(say("contact-imported", { contact: "id-jonas", fingerprint: FP_JONAS })).toBe("The identity card of Jonas Berg was imported into your contacts.");
    expect(say("contact-trusted", { contact: "id-jonas", fingerprint: FP_JONAS })).toBe("Jonas Berg was trusted after the fingerprint was compared.");
    expect(say("contact-revoked", { contact: "id-jonas", fingerprint: FP_JONAS })).toBe("The card of Jonas Berg was revoked.");
    expect(say("attachment-imported", { attachment: "id-file", size: 1_500_000, sha256: "ab" })).toBe("The evidence file “router-logs.pcap” (1.4 MB) was imported.");
    expect(say("expert-enrolled", { expert: "id-expert", fingerprint: "SHA256:y" })).toBe("Luísa Ferreira was enrolled in the expert registry.");
    expect(say("expert-removed", { expert: "id-expert" })).toBe("Luísa Ferreira was removed from the expert registry.");
    expect(say("case-saved", { case: "id-case" })).toBe("Case “Operation Silent Reservoir” was saved.");
    expect(say("panel-saved", { case: "id-case", seats: 5 })).toBe("The panel of case “Operation Silent Reservoir” was saved (5 seats).");
    expect(say("packet-exported", { case: "id-case", packet: "p1", sequence: 3, recipient: FP_JONAS })).toBe("Case packet no. 3 of case “Operation Silent Reservoir” was exported for Jonas Berg.");
    expect(say("packet-imported", { case: "id-case", packet: "p1", sequence: 2, sender: FP_SEC, newlyPinned: true })).toBe(
      "Case packet no. 2 of case “Operation Silent Reservoir” was imported; its signature and every file's SHA-256 were checked. The sender's key was confirmed for later packets.",
    );
    expect(say("packet-imported", { case: "id-case", packet: "p1", sequence: 2, sender: FP_SEC })).toBe(
      "Case packet no. 2 of case “Operation Silent Reservoir” was imported; its signature and every file's SHA-256 were checked.",
    );
    expect(say("scoresheet-imported", { case: "id-case", round: 1, seat: FP_JONAS, revision: 2, sha256: "ab" })).toBe(
      "Scoresheet revision 2 of round 1 for case “Operation Silent Reservoir”, signed by Jonas Berg, was imported; its signature and its place on the roster were checked.",
    );
    expect(say("quorum-declared", { case: "id-case", round: 1, submitted: 3, seats: 5 })).toBe("A quorum was declared for round 1 of case “Operation Silent Reservoir”, with 3 of 5 scoresheets.");
    expect(say("round-opened", { case: "id-case", round: 2, note: true, submitted: 3, seats: 5 })).toBe("Round 2 of case “Operation Silent Reservoir” was opened.");
    expect(say("feedback-exported", { case: "id-case", round: 2, seat: FP_JONAS, sha256: "ab" })).toBe(
      "A feedback packet for round 2 of case “Operation Silent Reservoir” was made for Jonas Berg, signed with your chair key and encrypted to them.",
    );
  });

  it("keeps fingerprints, hashes and file names left to right inside the sentence", () => {
    expect(raw("attachment-imported", { attachment: "id-file", size: 1, sha256: "ab" })).toBe(`The evidence file “${isolateLtr("router-logs.pcap")}” (1 byte) was imported.`);
    expect(raw("packet-signer-pinned", { sender: FP_SEC })).toBe(`The secretariat key ${isolateLtr(shortFingerprint(FP_SEC))} was confirmed; later packets must be signed with it.`);
    expect(raw("packet-written", { case: "id-case", sequence: 1, sha256: "ab", bytes: 1 })).toContain(`SHA-256 is ${isolateLtr("ab")}.`);
  });

  it("says what is gone instead of showing its id, and falls back on the key fingerprint for people", () => {
    expect(say("attachment-imported", { attachment: "id-deleted", size: 1, sha256: "ab" })).toBe("An evidence file (1 byte) no longer in the vault was imported.");
    expect(say("attachment-deleted", { attachment: "id-deleted", sha256: "ab" })).toBe("An evidence file was deleted.");
    expect(say("expert-removed", { expert: "id-gone" })).toBe("An expert was removed from the expert registry.");
    expect(say("contact-imported", { contact: "id-gone", fingerprint: FP_SEC })).toBe(`The identity card of the key ${shortFingerprint(FP_SEC)} was imported into your contacts.`);
    expect(say("contact-imported", { contact: "id-gone", fingerprint: FP_JONAS })).toBe("The identity card of Jonas Berg was imported into your contacts.");
    expect(say("contact-imported", { contact: "id-gone" })).toBe("The identity card of a contact was imported into your contacts.");
    expect(say("case-saved", { case: "id-gone" })).toBe("A case no longer in the vault was saved.");
    expect(say("packet-exported", { case: "id-gone", sequence: 4, recipient: FP_SEC })).toBe(`Case packet no. 4 of a case no longer in the vault was exported for the key ${shortFingerprint(FP_SEC)}.`);
  });

  it("gives counts with their grammar", () => {
    expect(say("unlock-failed", { count: 1, lastAt: "2026-12-01T09:59:01.123Z" })).toBe("1 failed unlock attempt before this unlock, the last at Dec 1, 2026, 09:59:01 UTC.");
    expect(say("unlock-failed", { count: 3, lastAt: "2026-12-01T09:59:01Z" })).toBe("3 failed unlock attempts before this unlock, the last at Dec 1, 2026, 09:59:01 UTC.");
    expect(say("unlock-failed", { count: 2 })).toBe("2 failed unlock attempts before this unlock.");
    expect(say("backup-restored", { rows: 1 })).toBe("The vault was restored from a backup (1 record).");
    expect(say("backup-restored", { rows: 1200 })).toBe("The vault was restored from a backup (1,200 records).");
    expect(say("panel-saved", { case: "id-case", seats: 1 })).toBe("The panel of case “Operation Silent Reservoir” was saved (1 seat).");
  });

  it("says where tampering was found", () => {
    expect(say("tamper-detected", { table: "attachments", id: "x", problem: "tampered" })).toBe("Tampering detected: a record of the evidence files was altered.");
    expect(say("tamper-detected", { table: "vault-index", problem: "index-missing" })).toBe("Tampering detected: a record of the index of stored records is missing.");
    expect(say("tamper-detected", { auditSeq: 4, reason: "hash-mismatch" })).toBe("Tampering detected: the audit log, at entry 4, does not link to the entry before it.");
    expect(say("tamper-detected", { table: "somewhere-new", problem: "odd" })).toBe("Tampering detected: a record of the stored records failed its check.");
    expect(say("tamper-detected", { table: "contacts", id: "x", problem: "record-rolled-back" })).toBe("Tampering detected: a record of your contacts was replaced with an older copy, or deleted.");
    expect(say("tamper-detected", { auditSeq: 12, reason: "truncated" })).toBe("Tampering detected: the audit log was cut back, from entry 12 on, to an older end.");
    expect(say("vault-upgraded", { indexFormat: 2, records: 9, rekeyed: 2 })).toBe("The vault was upgraded: the versions of its 9 records and the end of this log are now recorded, so an older copy put back is detected.");
  });

  it("says what happened to a rubric, by its id, kept left to right", () => {
    expect(say("rubric-saved", { rubric: "treaty", revision: 1, change: "created" })).toBe("The rubric treaty was created.");
    expect(say("rubric-saved", { rubric: "treaty", revision: 1, change: "duplicated", from: "default-v1", fromRevision: 1 })).toBe("The rubric treaty was created as a copy of the rubric default-v1.");
    expect(say("rubric-saved", { rubric: "treaty", revision: 1, change: "edited" })).toBe("Revision 1 of the rubric treaty was edited.");
    expect(say("rubric-saved", { rubric: "treaty", revision: 2, change: "new-revision" })).toBe("Revision 2 of the rubric treaty was saved; the revision before it, already sent in a packet, stays as it was.");
    expect(say("rubric-retired", { rubric: "treaty" })).toBe("The rubric treaty was retired: it can no longer be chosen for a panel.");
    expect(say("rubric-restored", { rubric: "treaty" })).toBe("The rubric treaty was restored: it can be chosen for a panel again.");
    expect(raw("rubric-retired", { rubric: "treaty" })).toContain(isolateLtr("treaty"));
  });

  it("names an event it does not know rather than failing", () => {
    expect(say("from-a-newer-version")).toBe("Event “from-a-newer-version”.");
  });

  it("follows the language: French plural rules and dates", async () => {
    await i18n.loadAndActivate({ locale: "fr", messages: {} });
    try {
      // No French catalog here: the English source text, with French number and date formats.
      expect(auditTime("2026-12-01T09:59:01Z")).toMatch(/^1 déc\. 2026,? 09:59:01$/);
      expect(say("backup-restored", { rows: 1200 })).toMatch(/^The vault was restored from a backup \(1\s200 records\)\.$/);
    } finally {
      await i18n.loadAndActivate({ locale: "en", messages: {} });
    }
  });
});

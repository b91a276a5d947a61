import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaseChangesSchema, countChanges, diffCases, type CaseChanges } from "./case-diff";
import { AttachmentIdSchema, ClaimIdSchema, EvidenceIdSchema, LEGACY_CATCH_ALL_STATEMENT, type AttachmentRef, type Case } from "./model";
import { buildSampleCase } from "./sample/sample-case";

let n = 0;
const makeId = () => `id-${String(++n).padStart(20, "0")}`;
const attachmentId = () => AttachmentIdSchema.parse(makeId());
const claimId = () => ClaimIdSchema.parse(makeId());
const evidenceId = () => EvidenceIdSchema.parse(makeId());
const base: Case = buildSampleCase(new Date("2026-11-22T10:00:00.000Z"), makeId).case;
const NONE: CaseChanges = {
  fields: [],
  claims: { added: [], changed: [], removed: [] },
  evidence: { added: [], changed: [], removed: [] },
  attachments: { added: [], changed: [], removed: [] },
};
const file = (name: string, fill: number, size = 10): AttachmentRef => ({ id: attachmentId(), name, mediaType: "text/plain", size, sha256: fill.toString(16).padStart(2, "0").repeat(32) });
const withFiles = (c: Case, index: number, attachments: AttachmentRef[]): Case => ({ ...c, evidence: c.evidence.map((e, i) => (i === index ? { ...e, attachments } : e)) });

describe("what changed between two versions of a case", () => {
  it("nothing, when only the editing timestamp and local ids differ", () => {
    const resaved: Case = {
      ...base,
      updated: "2027-01-01T00:00:00.000Z",
      evidence: base.evidence.map((e) => ({ ...e, attachments: e.attachments.map((a) => ({ ...a, id: attachmentId() })), custody: e.custody.map((x) => ({ ...x, ...(x.attachmentId ? { attachmentId: attachmentId() } : {}) })) })),
    };
    expect(diffCases(base, resaved)).toEqual(NONE);
    expect(countChanges(diffCases(base, base))).toBe(0);
  });

  it("the case's own fields, by name", () => {
    const after: Case = { ...base, title: "Renamed", marking: base.marking === "CLEAR" ? "RED" : "CLEAR", parties: { ...base.parties, affected: ["XA"] } };
    expect(diffCases(base, after).fields).toEqual(["title", "parties", "marking"]);
  });

  it("claims added, changed (with the fields) and removed, by id", () => {
    const [first, second, ...rest] = base.claims;
    const added = { id: claimId(), statement: "A new hypothesis", catchAll: false };
    const after: Case = { ...base, claims: [{ ...first!, statement: "Reworded", source: "A new source" }, ...rest, added] };
    const changes = diffCases(base, after);
    expect(changes.claims).toEqual({
      added: [{ id: added.id, statement: "A new hypothesis" }],
      changed: [{ id: first!.id, statement: "Reworded", fields: ["statement", "source"] }],
      removed: [{ id: second!.id, statement: second!.statement }],
    });
    expect(countChanges(changes)).toBe(3);
  });

  it("evidence added, changed and removed; the attachments of an added or removed item are listed as added or removed", () => {
    const [first, second, ...rest] = base.evidence;
    const fresh = { ...first!, id: evidenceId(), title: "A new item", attachments: [file("new.txt", 1)], custody: [] };
    const after: Case = { ...base, evidence: [{ ...first!, description: "Rewritten", custody: [...first!.custody, { action: "verified" as const, actor: "Lab", time: base.updated }] }, ...rest, fresh] };
    const changes = diffCases(base, after);
    expect(changes.evidence).toEqual({
      added: [{ id: fresh.id, title: "A new item" }],
      changed: [{ id: first!.id, title: first!.title, fields: ["description", "custody"] }],
      removed: [{ id: second!.id, title: second!.title }],
    });
    expect(changes.attachments.added).toEqual([{ evidenceId: fresh.id, evidenceTitle: "A new item", name: "new.txt", sha256: fresh.attachments[0]!.sha256, size: 10 }]);
    expect(changes.attachments.removed.map((a) => [a.evidenceId, a.name])).toEqual(second!.attachments.map((a) => [second!.id, a.name]));
  });

  it("attachments: other bytes under the same name are a change; the same bytes renamed too; the rest added or removed", () => {
    const keep = file("keep.bin", 2);
    const report = file("report.pdf", 3, 100);
    const renamed = file("old-name.txt", 4);
    const gone = file("gone.txt", 5);
    const before = withFiles(base, 0, [keep, report, renamed, gone]);
    const newReport = { ...file("report.pdf", 6, 120) };
    const after = withFiles(base, 0, [{ ...keep, id: attachmentId() }, newReport, { ...renamed, name: "new-name.txt" }, file("added.txt", 7)]);
    const { attachments } = diffCases(before, after);
    const e = base.evidence[0]!;
    const at = { evidenceId: e.id, evidenceTitle: e.title };
    expect(attachments.added).toEqual([{ ...at, name: "added.txt", sha256: file("", 7).sha256, size: 10 }]);
    expect(attachments.removed).toEqual([{ ...at, name: "gone.txt", sha256: gone.sha256, size: 10 }]);
    expect(attachments.changed).toEqual([
      { ...at, name: "new-name.txt", sha256: renamed.sha256, size: 10, previousName: "old-name.txt", previousSha256: renamed.sha256, previousSize: 10 },
      { ...at, name: "report.pdf", sha256: newReport.sha256, size: 120, previousName: "report.pdf", previousSha256: report.sha256, previousSize: 100 },
    ]);
  });

  it("property: the diff of a case with itself is empty, and every added attachment is counted once", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a.txt", "b.txt", "c.txt"), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), (specs) => {
        const files = specs.map(([name, fill]) => file(name, fill));
        const c = withFiles(base, 3, files);
        expect(diffCases(c, c)).toEqual(NONE);
        const fromEmpty = diffCases(withFiles(base, 3, []), c);
        expect(fromEmpty.attachments.added).toHaveLength(files.length);
        expect(countChanges(fromEmpty)).toBe(files.length);
      }),
    );
  });
});

describe("the catch-all claim in a list of changes", () => {
  it("is named by its flag, never by a sentence", () => {
    const catchAll = base.claims.find((c) => c.catchAll)!;
    const after: Case = { ...base, claims: base.claims.map((c) => (c.catchAll ? { ...c, source: "Raised by the panel" } : c)) };
    expect(diffCases(base, after).claims.changed).toEqual([{ id: catchAll.id, statement: "", catchAll: true, fields: ["source"] }]);
  });

  it("a list stored by an earlier version, with the English sentence, reads as the flag", () => {
    const stored = { ...NONE, claims: { added: [], changed: [{ id: "x", statement: LEGACY_CATCH_ALL_STATEMENT, fields: ["source"] }], removed: [{ id: "y", statement: "State A did it." }] } };
    expect(CaseChangesSchema.parse(stored).claims).toEqual({
      added: [],
      changed: [{ id: "x", statement: "", catchAll: true, fields: ["source"] }],
      removed: [{ id: "y", statement: "State A did it." }],
    });
  });
});

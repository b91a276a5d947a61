/**
 * What changed in a case between two packets: the case's own fields, its
 * claims and evidence (matched by id) and the attachments of each evidence
 * item (matched by SHA-256, then by name). Pure: the panelist's import
 * computes it against the case it held, stores it with the received case,
 * and the reader lists it. Values only (ids and field names); the UI words
 * them.
 */
import { z } from "../validation/zod";
import { canonicalJson } from "../formats/jcs";
import { LEGACY_CATCH_ALL_STATEMENT, type AttachmentRef, type Case, type Claim, type Evidence } from "./model";

/** The case's own fields a panelist reads (ids, format and timestamps of editing left out). */
export const CASE_FIELDS = ["title", "summary", "incidentWindow", "sectors", "civilianImpact", "parties", "marking", "deadline", "composition"] as const;
export const CLAIM_FIELDS = ["statement", "attributedState", "catchAll", "source"] as const;
export const EVIDENCE_FIELDS = ["kind", "title", "description", "sourceDescription", "grading", "marking", "custody", "stixId"] as const;

/**
 * A claim as the list of changes names it: its statement, or for the
 * catch-all claim the flag (worded by the interface) and an empty statement.
 * A list stored by an earlier version, with the catch-all's English
 * sentence, reads as the flag.
 */
const ClaimRefSchema = z.strictObject({ id: z.string(), statement: z.string(), catchAll: z.literal(true).optional() });
const readLegacyRef = (v: unknown): unknown =>
  typeof v === "object" && v !== null && (v as { statement?: unknown }).statement === LEGACY_CATCH_ALL_STATEMENT ? { ...v, statement: "", catchAll: true } : v;
const StoredClaimRef = <T extends z.ZodType>(schema: T) => z.preprocess(readLegacyRef, schema);
const EvidenceRefSchema = z.strictObject({ id: z.string(), title: z.string() });
const AttachmentChangeRefSchema = z.strictObject({ evidenceId: z.string(), evidenceTitle: z.string(), name: z.string(), sha256: z.string(), size: z.number().int().nonnegative() });

export const CaseChangesSchema = z.strictObject({
  fields: z.array(z.enum(CASE_FIELDS)),
  claims: z.strictObject({
    added: z.array(StoredClaimRef(ClaimRefSchema)),
    changed: z.array(StoredClaimRef(ClaimRefSchema.extend({ fields: z.array(z.enum(CLAIM_FIELDS)) }))),
    removed: z.array(StoredClaimRef(ClaimRefSchema)),
  }),
  evidence: z.strictObject({
    added: z.array(EvidenceRefSchema),
    changed: z.array(EvidenceRefSchema.extend({ fields: z.array(z.enum(EVIDENCE_FIELDS)) })),
    removed: z.array(EvidenceRefSchema),
  }),
  attachments: z.strictObject({
    added: z.array(AttachmentChangeRefSchema),
    /** Same evidence item, same name: other bytes (`previous*`), or the same bytes under another name (`previousName`). */
    changed: z.array(AttachmentChangeRefSchema.extend({ previousSha256: z.string(), previousSize: z.number().int().nonnegative(), previousName: z.string() })),
    removed: z.array(AttachmentChangeRefSchema),
  }),
});
export type CaseChanges = z.infer<typeof CaseChangesSchema>;

/** How many changes `changes` lists. */
export const countChanges = (changes: CaseChanges): number =>
  changes.fields.length +
  [changes.claims, changes.evidence, changes.attachments].reduce((n, group) => n + group.added.length + group.changed.length + group.removed.length, 0);

/** The canonical form of a stored (hence JSON) value; undefined for the absent optional field. */
const canonical = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  const bytes = canonicalJson(value);
  if (!bytes.ok) throw new Error("a case value is not JSON");
  return new TextDecoder().decode(bytes.value);
};
const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

function changedFields<T extends object, F extends keyof T & string>(before: T, after: T, fields: readonly F[], normalise: (field: F, value: T[F]) => unknown = (_f, v) => v): F[] {
  return fields.filter((f) => !same(normalise(f, before[f]), normalise(f, after[f])));
}

/** Custody compared without attachment ids: those are local to each vault. */
const comparableEvidence = (field: (typeof EVIDENCE_FIELDS)[number], value: unknown): unknown =>
  field === "custody" ? (value as Evidence["custody"]).map(({ attachmentId: _local, ...event }) => event) : value;

function byId<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  return {
    added: after.filter((x) => !old.has(x.id)),
    kept: after.flatMap((x) => {
      const previous = old.get(x.id);
      return previous ? [[previous, x] as const] : [];
    }),
    removed: before.filter((x) => !now.has(x.id)),
  };
}

type AttachmentChanges = CaseChanges["attachments"];

function attachmentChanges(before: Evidence | undefined, after: Evidence | undefined, into: AttachmentChanges): void {
  const evidence = (after ?? before) as Evidence;
  const ref = (a: AttachmentRef) => ({ evidenceId: evidence.id, evidenceTitle: evidence.title, name: a.name, sha256: a.sha256, size: a.size });
  const left = [...(before?.attachments ?? [])];
  const unmatched: AttachmentRef[] = [];
  // The same bytes first (renamed or not), then the same name with other bytes.
  for (const a of after?.attachments ?? []) {
    const i = left.findIndex((b) => b.sha256 === a.sha256);
    if (i < 0) {
      unmatched.push(a);
      continue;
    }
    const [b] = left.splice(i, 1) as [AttachmentRef];
    if (b.name !== a.name) into.changed.push({ ...ref(a), previousSha256: b.sha256, previousSize: b.size, previousName: b.name });
  }
  for (const a of unmatched) {
    const i = left.findIndex((b) => b.name === a.name);
    if (i < 0) {
      into.added.push(ref(a));
      continue;
    }
    const [b] = left.splice(i, 1) as [AttachmentRef];
    into.changed.push({ ...ref(a), previousSha256: b.sha256, previousSize: b.size, previousName: b.name });
  }
  for (const b of left) into.removed.push(ref(b));
}

/** What changed from `before` to `after` (two versions of one case). */
export function diffCases(before: Case, after: Case): CaseChanges {
  const claimRef = (c: Claim) => (c.catchAll ? { id: c.id, statement: "", catchAll: true as const } : { id: c.id, statement: c.statement });
  const evidenceRef = (e: Evidence) => ({ id: e.id, title: e.title });
  const claims = byId(before.claims, after.claims);
  const evidence = byId(before.evidence, after.evidence);
  const attachments: AttachmentChanges = { added: [], changed: [], removed: [] };
  for (const e of evidence.added) attachmentChanges(undefined, e, attachments);
  for (const [b, a] of evidence.kept) attachmentChanges(b, a, attachments);
  for (const e of evidence.removed) attachmentChanges(e, undefined, attachments);
  return {
    fields: changedFields(before, after, CASE_FIELDS),
    claims: {
      added: claims.added.map(claimRef),
      changed: claims.kept.flatMap(([b, a]) => {
        const fields = changedFields(b, a, CLAIM_FIELDS);
        return fields.length > 0 ? [{ ...claimRef(a), fields }] : [];
      }),
      removed: claims.removed.map(claimRef),
    },
    evidence: {
      added: evidence.added.map(evidenceRef),
      changed: evidence.kept.flatMap(([b, a]) => {
        const fields = changedFields(b, a, EVIDENCE_FIELDS, comparableEvidence);
        return fields.length > 0 ? [{ ...evidenceRef(a), fields }] : [];
      }),
      removed: evidence.removed.map(evidenceRef),
    },
    attachments,
  };
}

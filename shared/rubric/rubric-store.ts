/**
 * The secretariat's own rubrics, in the vault: one record per rubric id,
 * holding every revision. Besides them the default rubric is always there,
 * built in and read-only (it can be duplicated).
 *
 * - Create a rubric from scratch, or duplicate any rubric (the default
 *   included) under a new id. Ids are lowercase letters, digits and
 *   hyphens, unique, and never reused: a record is never deleted.
 * - Edit: the latest revision is changed in place while no sent packet has
 *   carried it; once one has (packet-export.ts marks it, in the transaction
 *   that records the packet), it is frozen, and an edit makes the next
 *   revision. A packet always carries the latest revision.
 * - Retire: hidden from the panel's choice, kept for the packets (and
 *   panels) that used it; restore undoes it.
 *
 * The record id is keyed (UnlockedVault.keyedId) on the rubric id, so the
 * disk does not show the secretariat's rubric names.
 */
import { mustCanonicalJson } from "../formats/jcs";
import { err, ok, type Result } from "../result";
import { issuesOf } from "../validation/issues";
import type { RecordChange } from "../vault/record-kind";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import type { AuditDetail } from "../vault/audit-log";
import { DEFAULT_RUBRIC, DEFAULT_RUBRIC_ID, RubricSchema, type Rubric } from "./rubric";
import { RubricDraftRecord } from "./records/rubric-draft.record";
import { MAX_RUBRIC_REVISIONS, RubricRecordKind, type RubricRecord, type RubricRevision } from "./records/rubric.record";
import type { RubricError } from "./rubric-error";

export { MAX_RUBRIC_REVISIONS, RUBRICS_TABLE, RubricRecordSchema, type RubricRecord, type RubricRevision } from "./records/rubric.record";

/** An id a new rubric may take: lowercase letters, digits and single hyphens between them, 1–100 characters. */
const NEW_ID = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
/** Ids the app keeps for its own rubrics (the default one, and any later default). */
const isReservedId = (id: string): boolean => id.startsWith("default");

/** What the secretariat sees of a rubric: its latest revision, and the history of its revisions without their content. */
export type RubricEntry = {
  readonly id: string;
  /** The default rubric: built in, read-only. */
  readonly builtIn: boolean;
  readonly createdAt: string | null;
  readonly from: { readonly id: string; readonly revision: number } | null;
  readonly retiredAt: string | null;
  readonly revisions: { readonly revision: number; readonly savedAt: string | null; readonly frozenAt: string | null; readonly packets: number }[];
  readonly latest: Rubric;
};

export type RubricRefusal = { readonly kind: "rubric-refused"; readonly error: RubricError };
export type RubricStoreError = VaultError | RubricRefusal;
const refusal = (error: RubricError): Result<never, RubricRefusal> => err({ kind: "rubric-refused", error });

/** A write for the caller's transaction (with whatever else it writes). */
export type RubricChange = RecordChange;

const DEFAULT_ENTRY: RubricEntry = {
  id: DEFAULT_RUBRIC_ID,
  builtIn: true,
  createdAt: null,
  from: null,
  retiredAt: null,
  revisions: [{ revision: DEFAULT_RUBRIC.revision, savedAt: null, frozenAt: null, packets: 0 }],
  latest: DEFAULT_RUBRIC,
};

export function entryOf(record: RubricRecord): RubricEntry {
  return {
    id: record.id,
    builtIn: false,
    createdAt: record.createdAt,
    from: record.from,
    retiredAt: record.retiredAt,
    revisions: record.revisions.map((r) => ({ revision: r.rubric.revision, savedAt: r.savedAt, frozenAt: r.frozenAt, packets: r.packets })),
    latest: latestOf(record).rubric,
  };
}

const latestOf = (record: RubricRecord): RubricRevision => record.revisions[record.revisions.length - 1] as RubricRevision;

/** The stored record of `rubricId`, or undefined when no rubric of that id was ever saved. */
async function loadRecord(v: UnlockedVault, rubricId: string): Promise<Result<RubricRecord | undefined, VaultError>> {
  return RubricRecordKind.findKeyed(v, [rubricId]);
}

async function existingRecord(v: UnlockedVault, rubricId: string): Promise<Result<RubricRecord, RubricStoreError>> {
  const record = await loadRecord(v, rubricId);
  if (!record.ok) return record;
  return record.value ? ok(record.value) : refusal({ kind: "unknown-rubric", rubricId });
}

const change = (v: UnlockedVault, record: RubricRecord): Result<RubricChange, VaultError> => RubricRecordKind.changeKeyed(v, [record.id], record);

/** `record` written and logged; `also` deletes what else goes in the same transaction (the editor's draft of it). */
async function write(v: UnlockedVault, record: RubricRecord, event: "rubric-saved" | "rubric-retired" | "rubric-restored", detail: AuditDetail, also: readonly { table: string; id: string }[] = []): Promise<Result<RubricEntry, VaultError>> {
  const put = change(v, record);
  if (!put.ok) return put;
  const written = await v.write({ put: [put.value], delete: also }, { event, detail: { rubric: record.id, ...detail } });
  return written.ok ? ok(entryOf(record)) : written;
}

/** The deletion of the editor's draft of `rubricId`, when there is one. */
async function draftDeletion(v: UnlockedVault, rubricId: string): Promise<Result<{ table: string; id: string }[], VaultError>> {
  const id = RubricDraftRecord.keyedId(v, rubricId);
  return id.ok ? RubricDraftRecord.deletion(v, id.value) : id;
}

/** `candidate` as a rubric of `id` at `revision`, or the schema's issues. */
function validRubric(candidate: unknown, id: string, revision: number): Result<Rubric, RubricRefusal> {
  const base = typeof candidate === "object" && candidate !== null ? candidate : {};
  const parsed = RubricSchema.safeParse({ ...base, id, revision });
  return parsed.success ? ok(parsed.data) : refusal({ kind: "invalid-rubric", issues: issuesOf(parsed.error) });
}

/** Whether a new rubric may take `rubricId`: well formed, not reserved, never used before. */
async function checkNewId(v: UnlockedVault, rubricId: string): Promise<Result<void, RubricStoreError>> {
  if (!NEW_ID.test(rubricId)) return refusal({ kind: "invalid-id", rubricId });
  if (isReservedId(rubricId)) return refusal({ kind: "id-reserved", rubricId });
  const existing = await loadRecord(v, rubricId);
  if (!existing.ok) return existing;
  return existing.value ? refusal({ kind: "id-taken", rubricId }) : ok(undefined);
}

const sameContent = (a: Rubric, b: Rubric): boolean => {
  const bytes = (r: Rubric) => mustCanonicalJson({ ...r, revision: 0 }, "a parsed rubric");
  const x = bytes(a);
  const y = bytes(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
};

// ---------------------------------------------------------------- reading

/** Every rubric: the default first, then the secretariat's own by id (retired ones included; the caller filters). */
export async function listRubrics(v: UnlockedVault): Promise<Result<RubricEntry[], VaultError>> {
  const ids = await RubricRecordKind.list(v);
  if (!ids.ok) return ids;
  const own: RubricEntry[] = [];
  for (const id of ids.value) {
    const record = await RubricRecordKind.get(v, id);
    if (!record.ok) return record;
    own.push(entryOf(record.value));
  }
  return ok([DEFAULT_ENTRY, ...own.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))]);
}

/** A rubric's entry and one of its revisions (the latest unless `revision` is given). */
export async function getRubric(v: UnlockedVault, rubricId: string, revision?: number): Promise<Result<{ entry: RubricEntry; rubric: Rubric }, RubricStoreError>> {
  if (rubricId === DEFAULT_RUBRIC_ID) {
    return revision === undefined || revision === DEFAULT_RUBRIC.revision ? ok({ entry: DEFAULT_ENTRY, rubric: DEFAULT_RUBRIC }) : refusal({ kind: "no-such-revision", rubricId, revision });
  }
  const record = await existingRecord(v, rubricId);
  if (!record.ok) return record;
  const wanted = revision === undefined ? latestOf(record.value) : record.value.revisions[revision - 1];
  if (!wanted) return refusal({ kind: "no-such-revision", rubricId, revision: revision ?? 0 });
  return ok({ entry: entryOf(record.value), rubric: wanted.rubric });
}

// ---------------------------------------------------------------- writing

/** A new rubric written from scratch: its first revision. */
export async function createRubric(v: UnlockedVault, candidate: unknown, now: Date): Promise<Result<RubricEntry, RubricStoreError>> {
  const rubricId = typeof candidate === "object" && candidate !== null && typeof (candidate as { id?: unknown }).id === "string" ? (candidate as { id: string }).id : "";
  const free = await checkNewId(v, rubricId);
  if (!free.ok) return free;
  const rubric = validRubric(candidate, rubricId, 1);
  if (!rubric.ok) return rubric;
  const at = now.toISOString();
  const record: RubricRecord = { format: "attribution-panel/rubric-record", version: 1, id: rubricId, createdAt: at, from: null, retiredAt: null, revisions: [{ rubric: rubric.value, savedAt: at, frozenAt: null, packets: 0 }] };
  return write(v, record, "rubric-saved", { revision: 1, change: "created" });
}

/**
 * A copy of rubric `from` (its latest revision, or `revision`) under the new
 * id `id`, with its own `title` (a LocalizedText, checked with the rest): the first revision of a new rubric.
 */
export async function duplicateRubric(
  v: UnlockedVault,
  request: { readonly from: string; readonly revision?: number | undefined; readonly id: string; readonly title: unknown },
  now: Date,
): Promise<Result<RubricEntry, RubricStoreError>> {
  const source = await getRubric(v, request.from, request.revision);
  if (!source.ok) return source;
  const free = await checkNewId(v, request.id);
  if (!free.ok) return free;
  const rubric = validRubric({ ...source.value.rubric, title: request.title }, request.id, 1);
  if (!rubric.ok) return rubric;
  const at = now.toISOString();
  const from = { id: source.value.rubric.id, revision: source.value.rubric.revision };
  const record: RubricRecord = { format: "attribution-panel/rubric-record", version: 1, id: request.id, createdAt: at, from, retiredAt: null, revisions: [{ rubric: rubric.value, savedAt: at, frozenAt: null, packets: 0 }] };
  return write(v, record, "rubric-saved", { revision: 1, change: "duplicated", from: from.id, fromRevision: from.revision });
}

/** How an edit was kept: nothing changed, the latest revision changed in place, or a new revision after a frozen one. */
export type SaveOutcome = "unchanged" | "edited" | "new-revision";

/**
 * An edit of rubric `candidate.id`, begun from its revision `baseRevision`:
 * the latest revision is changed in place while no sent packet carried it,
 * else the edit becomes the next revision. Refused for the default rubric,
 * a retired one, or when another save came first (`stale`). The editor's
 * draft of the rubric is deleted with the save (also when nothing changed).
 */
export async function saveRubric(v: UnlockedVault, candidate: unknown, baseRevision: number, now: Date): Promise<Result<{ entry: RubricEntry; revision: number; outcome: SaveOutcome }, RubricStoreError>> {
  const rubricId = typeof candidate === "object" && candidate !== null && typeof (candidate as { id?: unknown }).id === "string" ? (candidate as { id: string }).id : "";
  if (rubricId === DEFAULT_RUBRIC_ID) return refusal({ kind: "read-only" });
  const record = await existingRecord(v, rubricId);
  if (!record.ok) return record;
  const r = record.value;
  if (r.retiredAt !== null) return refusal({ kind: "retired", rubricId });
  const latest = latestOf(r);
  if (latest.rubric.revision !== baseRevision) return refusal({ kind: "stale", rubricId, baseRevision, latest: latest.rubric.revision });
  const frozen = latest.frozenAt !== null;
  const revision = frozen ? latest.rubric.revision + 1 : latest.rubric.revision;
  const rubric = validRubric(candidate, rubricId, revision);
  if (!rubric.ok) return rubric;
  const unchanged = sameContent(rubric.value, latest.rubric);
  if (!unchanged && frozen && r.revisions.length >= MAX_RUBRIC_REVISIONS) return refusal({ kind: "too-many-revisions", rubricId, limit: MAX_RUBRIC_REVISIONS });
  // Saved (or nothing to save): the editor's draft of it is kept no longer, deleted in the same transaction.
  const draft = await draftDeletion(v, rubricId);
  if (!draft.ok) return draft;
  if (unchanged) {
    const deleted = draft.value.length > 0 ? await v.write({ delete: draft.value }) : ok(undefined);
    return deleted.ok ? ok({ entry: entryOf(r), revision: latest.rubric.revision, outcome: "unchanged" }) : deleted;
  }
  const saved: RubricRevision = { rubric: rubric.value, savedAt: now.toISOString(), frozenAt: null, packets: 0 };
  const revisions = frozen ? [...r.revisions, saved] : [...r.revisions.slice(0, -1), saved];
  const outcome: SaveOutcome = frozen ? "new-revision" : "edited";
  const entry = await write(v, { ...r, revisions }, "rubric-saved", { revision, change: outcome }, draft.value);
  return entry.ok ? ok({ entry: entry.value, revision, outcome }) : entry;
}

async function setRetired(v: UnlockedVault, rubricId: string, retired: boolean, now: Date): Promise<Result<RubricEntry, RubricStoreError>> {
  if (rubricId === DEFAULT_RUBRIC_ID) return refusal({ kind: "read-only" });
  const record = await existingRecord(v, rubricId);
  if (!record.ok) return record;
  // Already so: nothing to write or log.
  if ((record.value.retiredAt !== null) === retired) return ok(entryOf(record.value));
  return write(v, { ...record.value, retiredAt: retired ? now.toISOString() : null }, retired ? "rubric-retired" : "rubric-restored", {});
}

/** Hidden from the panel's choice; kept for the packets and panels that use it. */
export const retireRubric = (v: UnlockedVault, rubricId: string, now: Date) => setRetired(v, rubricId, true, now);
/** Back among the rubrics a panel may choose. */
export const restoreRubric = (v: UnlockedVault, rubricId: string, now: Date) => setRetired(v, rubricId, false, now);

// ---------------------------------------------------------------- panels and packets

/**
 * Whether a panel may name `rubricId`: a rubric that exists and is not
 * retired, or the one the panel already names (`current`), retired or not,
 * so a panel composed before the retirement keeps it.
 */
export async function checkPanelRubric(v: UnlockedVault, rubricId: string, current: string | undefined): Promise<Result<void, RubricStoreError>> {
  if (rubricId === DEFAULT_RUBRIC_ID) return ok(undefined);
  const record = await existingRecord(v, rubricId);
  if (!record.ok) return record;
  if (record.value.retiredAt !== null && rubricId !== current) return refusal({ kind: "retired", rubricId });
  return ok(undefined);
}

/**
 * The rubric a packet carries: the latest revision of `rubricId` (retired
 * or not: a panel that already uses it still sends), and the write that
 * marks that revision used, frozen from then on, for the transaction that
 * records the packet. The default rubric needs no write.
 */
export async function rubricForPacket(v: UnlockedVault, rubricId: string, now: Date): Promise<Result<{ rubric: Rubric; change?: RubricChange }, RubricStoreError>> {
  if (rubricId === DEFAULT_RUBRIC_ID) return ok({ rubric: DEFAULT_RUBRIC });
  const record = await existingRecord(v, rubricId);
  if (!record.ok) return record;
  const latest = latestOf(record.value);
  const used: RubricRevision = { ...latest, frozenAt: latest.frozenAt ?? now.toISOString(), packets: latest.packets + 1 };
  const put = change(v, { ...record.value, revisions: [...record.value.revisions.slice(0, -1), used] });
  return put.ok ? ok({ rubric: latest.rubric, change: put.value }) : put;
}


/**
 * A kind of vault record defined once (tldraw's habit): its table, its
 * schema, its version and the migrations that bring an older stored record
 * up to that version. Stores read and write through the definition, never
 * through `UnlockedVault.get/put` with a schema of their own, so a change to
 * a record's shape is one new version and one pure migration, not every
 * stored record turning "malformed".
 *
 * How the version is stored: an envelope around the record,
 * `{ "$version": n, "value": record }`, written from version 2 on. A record
 * with no envelope is version 1: every record written before this file
 * existed, and every record of a kind still at version 1.
 * - An envelope, not a field inside the record: a record need not be an
 *   object, and records already carry a `version` of their own format (a
 *   panel's `version: 1`, part of what it is) that must not be confused with
 *   how it is stored; the schema of a kind stays the schema of the value.
 * - Version 1 written bare: the plaintext of a record whose kind never
 *   changed stays byte for byte what earlier builds wrote, so a vault stays
 *   readable by an earlier build until a kind actually moves on, and code
 *   that still reads a table bare keeps working meanwhile.
 * - Nothing about the row changes: the envelope is inside the encrypted
 *   plaintext, so the record index (which binds each row's SHA-256) and the
 *   associated data of the cipher are as before, and a migrated record is
 *   written back only when its store next writes it (reading never writes).
 *
 * A record of a version newer than this code knows is refused as
 * "record-too-new", never parsed as malformed nor rewritten: an older app
 * leaves a newer vault's records as they are.
 *
 * Not record kinds: the vault's own bookkeeping (the record index, the audit
 * log and its head, attachments and their chunks), written by the vault
 * alone, each with a format and version of its own (record-index.ts,
 * audit-log.ts, attachments.ts).
 */
import { z } from "../validation/zod";
import { err, ok, type Result } from "../result";
import { issuesNote, issuesOf, type Issue } from "../validation/issues";
import type { UnlockedVault } from "./unlocked-vault";
import type { VaultError } from "./vault-error";

/** The key of the envelope's version; no record's own fields start with "$". */
export const VERSION_KEY = "$version";

/** One step: a stored value of version n in, the same record as version n + 1 out. Pure; throws only on a value no version n could be. */
export type Migration = (previous: unknown) => unknown;

/** Why a stored value could not be read, before it is placed in a table. */
export type StoredRecordError =
  | { readonly kind: "malformed"; readonly issues: readonly Issue[] }
  /** Written by a newer version of the app than this one. */
  | { readonly kind: "record-too-new"; readonly version: number; readonly supported: number };

/** A stored record written by a newer app (a VaultError kind). */
export type RecordTooNew = { readonly kind: "record-too-new"; readonly table: string; readonly id: string; readonly version: number; readonly supported: number };

/** A stored record this version cannot parse, with zod's issues (for stores that report them as their own refusal). */
export type MalformedStored = { readonly kind: "malformed-stored"; readonly table: string; readonly id: string; readonly issues: readonly Issue[] };

/** A write for `UnlockedVault.write`: the stored value (the record, or its envelope) at a table and id. */
export type RecordChange = { readonly table: string; readonly id: string; readonly value: unknown };

export type RecordDefinition<S extends z.ZodType> = {
  readonly table: string;
  /** The current version, 1 + the number of migrations. */
  readonly version: number;
  readonly schema: S;
  /** `migrations[i]` turns version i + 1 into version i + 2. */
  readonly migrations?: readonly Migration[];
  /**
   * For a kind found by what it is about rather than by a random id: the
   * purpose its ids are keyed under (UnlockedVault.keyedId). Part of every
   * stored id of the kind: never changed once written.
   */
  readonly idPurpose?: string;
};

/** What a keyed id is made of (a case id, a round, …), joined with "/". */
export type KeyPart = string | number;

export type RecordKind<S extends z.ZodType> = {
  readonly table: string;
  readonly version: number;
  readonly schema: S;
  /** A stored value (as decrypted) as this version's record: migrated step by step, then parsed. Pure. */
  parseStored(stored: unknown): Result<z.infer<S>, StoredRecordError>;
  /** What is stored for `value`: the value itself at version 1, else the envelope of the current version. */
  stored(value: z.infer<S>): unknown;
  /** A write for `UnlockedVault.write` (with whatever else the caller writes in the same transaction). */
  change(id: string, value: z.infer<S>): RecordChange;
  /** The record, or "malformed-stored" with its issues when it does not parse. */
  read(v: Pick<UnlockedVault, "get">, id: string): Promise<Result<z.infer<S>, VaultError | MalformedStored>>;
  /** The record; one that does not parse is the vault's "malformed". */
  get(v: Pick<UnlockedVault, "get">, id: string): Promise<Result<z.infer<S>, VaultError>>;
  /** The record, or undefined when there is none. */
  find(v: Pick<UnlockedVault, "get">, id: string): Promise<Result<z.infer<S> | undefined, VaultError>>;
  put(v: Pick<UnlockedVault, "put">, id: string, value: z.infer<S>): Promise<Result<void, VaultError>>;
  list(v: Pick<UnlockedVault, "list">): Promise<Result<string[], VaultError>>;
  /** Deletes the record if there is one (no error when there is none). */
  delete(v: Pick<UnlockedVault, "list" | "delete">, id: string): Promise<Result<void, VaultError>>;
  /** The deletion of the record for `UnlockedVault.write`, or none when there is no record (so a write never deletes what is not there). */
  deletion(v: Pick<UnlockedVault, "list">, id: string): Promise<Result<{ table: string; id: string }[], VaultError>>;
};

/** A kind found by a keyed id of what it is about: the id, and the record by its key. */
export type KeyedRecordKind<S extends z.ZodType> = RecordKind<S> & {
  readonly idPurpose: string;
  /** The record id for `parts` (joined with "/"), keyed under this vault's key for the kind's purpose. */
  keyedId(v: Pick<UnlockedVault, "keyedId">, ...parts: readonly KeyPart[]): Result<string, VaultError>;
  /** `find` at the keyed id of `key`. */
  findKeyed(v: Pick<UnlockedVault, "keyedId" | "get">, key: readonly KeyPart[]): Promise<Result<z.infer<S> | undefined, VaultError>>;
  /** `get` at the keyed id of `key`. */
  getKeyed(v: Pick<UnlockedVault, "keyedId" | "get">, key: readonly KeyPart[]): Promise<Result<z.infer<S>, VaultError>>;
  /** `change` at the keyed id of `key`. */
  changeKeyed(v: Pick<UnlockedVault, "keyedId">, key: readonly KeyPart[], value: z.infer<S>): Result<RecordChange, VaultError>;
};

/** The version a stored value was written at, and the record inside. */
function unwrap(stored: unknown): { readonly version: number; readonly value: unknown } | undefined {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored) || !Object.hasOwn(stored, VERSION_KEY)) return { version: 1, value: stored };
  const envelope = stored as Record<string, unknown>;
  const version = envelope[VERSION_KEY];
  if (Object.keys(envelope).length !== 2 || !Object.hasOwn(envelope, "value") || typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) return undefined;
  return { version, value: envelope.value };
}

/** The issue of an envelope that is not one, or of a migration that met what its version never held. */
const envelopeIssue = (...path: (string | number)[]): Issue[] => [{ code: "custom", path }];

export function defineRecord<S extends z.ZodType>(definition: RecordDefinition<S> & { readonly idPurpose: string }): KeyedRecordKind<S>;
export function defineRecord<S extends z.ZodType>(definition: RecordDefinition<S>): RecordKind<S>;
export function defineRecord<S extends z.ZodType>(definition: RecordDefinition<S>): RecordKind<S> | KeyedRecordKind<S> {
  const { table, version, schema } = definition;
  const migrations = definition.migrations ?? [];
  if (!Number.isSafeInteger(version) || version < 1 || migrations.length !== version - 1) throw new RangeError(`record kind "${table}": version ${version} needs ${version - 1} migrations, has ${migrations.length}`);

  const parseStored = (stored: unknown): Result<z.infer<S>, StoredRecordError> => {
    const found = unwrap(stored);
    if (!found) return err({ kind: "malformed", issues: envelopeIssue(VERSION_KEY) });
    if (found.version > version) return err({ kind: "record-too-new", version: found.version, supported: version });
    let value = found.value;
    for (let at = found.version; at < version; at++) {
      try {
        value = (migrations[at - 1] as Migration)(value);
      } catch {
        // A migration meets what its version never held: the record is malformed, not the app broken.
        return err({ kind: "malformed", issues: envelopeIssue(VERSION_KEY, at) });
      }
    }
    const parsed = schema.safeParse(value);
    return parsed.success ? ok(parsed.data as z.infer<S>) : err({ kind: "malformed", issues: issuesOf(parsed.error) });
  };

  const stored = (value: z.infer<S>): unknown => (version === 1 ? value : { [VERSION_KEY]: version, value });

  const read = async (v: Pick<UnlockedVault, "get">, id: string): Promise<Result<z.infer<S>, VaultError | MalformedStored>> => {
    const raw = await v.get(table, id, z.unknown());
    if (!raw.ok) return raw;
    const parsed = parseStored(raw.value);
    if (parsed.ok) return parsed;
    const e = parsed.error;
    return e.kind === "record-too-new" ? err({ ...e, table, id }) : err({ kind: "malformed-stored", table, id, issues: e.issues });
  };

  const get = async (v: Pick<UnlockedVault, "get">, id: string): Promise<Result<z.infer<S>, VaultError>> => {
    const r = await read(v, id);
    if (r.ok || r.error.kind !== "malformed-stored") return r as Result<z.infer<S>, VaultError>;
    return err({ kind: "malformed", table, id, detail: issuesNote(r.error.issues) });
  };

  const kind: RecordKind<S> = {
    table,
    version,
    schema,
    parseStored,
    stored,
    change: (id, value) => ({ table, id, value: stored(value) }),
    read,
    get,
    async find(v, id) {
      const r = await get(v, id);
      return !r.ok && r.error.kind === "missing" && r.error.table === table && r.error.id === id ? ok(undefined) : r;
    },
    put: (v, id, value) => v.put(table, id, stored(value)),
    list: (v) => v.list(table),
    async delete(v, id) {
      const ids = await v.list(table);
      if (!ids.ok) return ids;
      return ids.value.includes(id) ? v.delete(table, id) : ok(undefined);
    },
    async deletion(v, id) {
      const ids = await v.list(table);
      if (!ids.ok) return ids;
      return ok(ids.value.includes(id) ? [{ table, id }] : []);
    },
  };
  const { idPurpose } = definition;
  if (idPurpose === undefined) return kind;

  const keyedId = (v: Pick<UnlockedVault, "keyedId">, ...parts: readonly KeyPart[]): Result<string, VaultError> => v.keyedId(idPurpose, parts.join("/"));
  return {
    ...kind,
    idPurpose,
    keyedId,
    async findKeyed(v, key) {
      const id = keyedId(v, ...key);
      return id.ok ? kind.find(v, id.value) : id;
    },
    async getKeyed(v, key) {
      const id = keyedId(v, ...key);
      return id.ok ? get(v, id.value) : id;
    },
    changeKeyed(v, key, value) {
      const id = keyedId(v, ...key);
      return id.ok ? ok(kind.change(id.value, value)) : id;
    },
  };
}

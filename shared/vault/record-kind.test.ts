import { describe, expect, it } from "vitest";
import { z } from "../validation/zod";
import { defineRecord, VERSION_KEY } from "./record-kind";

// A record kind through three versions: v1 { name }, v2 adds `tags`, v3 renames `name` to `title`.
const V1 = z.strictObject({ name: z.string() });
const V3 = z.strictObject({ title: z.string(), tags: z.array(z.string()) });
const addTags = (v: unknown) => ({ ...(v as object), tags: [] });
const renameName = (v: unknown) => {
  const { name, ...rest } = v as { name: unknown };
  return { ...rest, title: name };
};
const v1 = defineRecord({ table: "notes", version: 1, schema: V1 });
const v3 = defineRecord({ table: "notes", version: 3, schema: V3, migrations: [addTags, renameName] });

describe("a record kind's migrations", () => {
  it("a stored value without a version marker is version 1, migrated step by step to the current version, then parsed", () => {
    expect(v3.parseStored({ name: "Alpha" })).toEqual({ ok: true, value: { title: "Alpha", tags: [] } });
    // From version 2: only the step from 2 to 3 runs (the tags already there are kept).
    expect(v3.parseStored({ [VERSION_KEY]: 2, value: { name: "Beta", tags: ["x"] } })).toEqual({ ok: true, value: { title: "Beta", tags: ["x"] } });
    expect(v3.parseStored({ [VERSION_KEY]: 3, value: { title: "Gamma", tags: [] } })).toEqual({ ok: true, value: { title: "Gamma", tags: [] } });
    expect(v1.parseStored({ name: "Alpha" })).toEqual({ ok: true, value: { name: "Alpha" } });
  });

  it("the migrations are pure: the stored value is not changed", () => {
    const stored = { name: "Alpha" };
    v3.parseStored(stored);
    expect(stored).toEqual({ name: "Alpha" });
    expect(addTags({ name: "a" })).toEqual({ name: "a", tags: [] });
    expect(renameName({ name: "a", tags: [] })).toEqual({ title: "a", tags: [] });
  });

  it("a record of a version newer than the code is refused as too new, not as malformed", () => {
    expect(v3.parseStored({ [VERSION_KEY]: 4, value: { anything: true } })).toEqual({ ok: false, error: { kind: "record-too-new", version: 4, supported: 3 } });
    expect(v1.parseStored({ [VERSION_KEY]: 2, value: { name: "x" } })).toEqual({ ok: false, error: { kind: "record-too-new", version: 2, supported: 1 } });
  });

  it("a value that is not the record after migration, or not an envelope, is malformed with its issues", () => {
    const wrong = v3.parseStored({ name: 42 });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error.kind === "malformed" && wrong.error.issues.map((i) => i.path)).toEqual([["title"]]);
    for (const broken of [{ [VERSION_KEY]: "2", value: {} }, { [VERSION_KEY]: 2 }, { [VERSION_KEY]: 2, value: {}, extra: 1 }, { [VERSION_KEY]: 0, value: {} }, { [VERSION_KEY]: 1.5, value: {} }]) {
      const parsed = v3.parseStored(broken);
      expect(!parsed.ok && parsed.error.kind).toBe("malformed");
    }
    // A migration meeting what its version never held (here: not an object) is a malformed record, not a crash.
    const throwing = defineRecord({ table: "notes", version: 2, schema: V1, migrations: [() => { throw new TypeError("not a v1 note"); }] });
    expect(throwing.parseStored({ name: "x" })).toMatchObject({ ok: false, error: { kind: "malformed" } });
  });

  it("writes stamp the current version: bare at version 1 (as every earlier build wrote), an envelope from version 2", () => {
    expect(v1.stored({ name: "Alpha" })).toEqual({ name: "Alpha" });
    expect(v3.stored({ title: "Alpha", tags: [] })).toEqual({ [VERSION_KEY]: 3, value: { title: "Alpha", tags: [] } });
    expect(v3.change("id-1", { title: "A", tags: [] })).toEqual({ table: "notes", id: "id-1", value: { [VERSION_KEY]: 3, value: { title: "A", tags: [] } } });
    // What a kind writes, it reads back.
    expect(v3.parseStored(v3.stored({ title: "Alpha", tags: ["t"] }))).toEqual({ ok: true, value: { title: "Alpha", tags: ["t"] } });
  });

  it("a definition whose version does not match its migrations is a bug, refused at once", () => {
    expect(() => defineRecord({ table: "notes", version: 2, schema: V1 })).toThrow(RangeError);
    expect(() => defineRecord({ table: "notes", version: 1, schema: V1, migrations: [addTags] })).toThrow(RangeError);
    expect(() => defineRecord({ table: "notes", version: 0, schema: V1 })).toThrow(RangeError);
  });
});

describe("a kind found by a keyed id", () => {
  // The vault's keyedId stands in as a recorder: what matters here is what it is asked for, byte for byte.
  const asked: [string, string][] = [];
  const v = { keyedId: (purpose: string, value: string) => (asked.push([purpose, value]), { ok: true as const, value: `${purpose}:${value}` }) };
  const keyed = defineRecord({ table: "score-drafts", version: 1, schema: V1, idPurpose: "score-draft" });

  it("asks the vault for the id under its purpose with the parts joined by '/', as every earlier build did (ids stored before stay found)", () => {
    expect(keyed.keyedId(v, "id-0000000000000001", 2)).toEqual({ ok: true, value: "score-draft:id-0000000000000001/2" });
    expect(keyed.keyedId(v, "SHA256:abc")).toEqual({ ok: true, value: "score-draft:SHA256:abc" });
    expect(asked).toEqual([["score-draft", "id-0000000000000001/2"], ["score-draft", "SHA256:abc"]]);
    expect(keyed.changeKeyed(v, ["c", 1], { name: "n" })).toEqual({ ok: true, value: { table: "score-drafts", id: "score-draft:c/1", value: { name: "n" } } });
  });

  it("a vault that cannot make the id (locked) is the error, and nothing is read", async () => {
    const locked = { keyedId: () => ({ ok: false as const, error: { kind: "locked" as const } }), get: () => Promise.reject(new Error("must not read")) };
    expect(await keyed.findKeyed(locked as never, ["c"])).toEqual({ ok: false, error: { kind: "locked" } });
  });
});

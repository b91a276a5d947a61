import { beforeAll, describe, expect, it } from "vitest";
import { z } from "../../validation/zod";
import { defineRecord, VERSION_KEY } from "../../vault/record-kind";
import { must, newTestVault } from "../case.testing";
import { loadCase } from "../case-store";
import { CaseFieldsSchema } from "../model";
import { newCase } from "../secretariat";
import { CASES_TABLE, CaseRecord } from "./case.record";
import { loadCrypto } from "../../crypto/sodium";

beforeAll(async () => {
  await loadCrypto();
});

const now = new Date("2026-12-02T09:00:00.000Z");

/**
 * A hypothetical next version of the case record (test only): version 2
 * adds the field `reviewStatus`; the migration from version 1 sets it to
 * "unreviewed".
 */
const CaseV2Schema = CaseFieldsSchema.extend({ reviewStatus: z.enum(["unreviewed", "reviewed"]) });
const CaseRecordV2 = defineRecord({
  table: CASES_TABLE,
  version: 2,
  schema: CaseV2Schema,
  migrations: [(v1) => ({ ...(v1 as object), reviewStatus: "unreviewed" })],
});

describe("the case record's migration path", () => {
  it("a case stored as today's code writes it (version 1, no marker) reads through a version 2 definition, migrated", async () => {
    const { vault } = await newTestVault(now);
    const c = newCase("Stored by version 1", now);
    // Written exactly as every earlier build wrote it: the case itself, bare.
    must(await vault.put(CASES_TABLE, c.id, c));
    expect(must(await vault.get(CASES_TABLE, c.id, z.unknown()))).toEqual(c);

    const migrated = must(await CaseRecordV2.get(vault, c.id));
    expect(migrated).toEqual({ ...c, reviewStatus: "unreviewed" });
    // Reading migrates in memory only: the stored record is still version 1, and today's code still reads it.
    expect(must(await vault.get(CASES_TABLE, c.id, z.unknown()))).toEqual(c);
    expect(must(await CaseRecord.get(vault, c.id))).toEqual(c);
  });

  it("a case written by the newer version is refused by today's code as too new (typed), never as malformed", async () => {
    const { vault } = await newTestVault(now);
    const c = newCase("Written by version 2", now);
    must(await CaseRecordV2.put(vault, c.id, { ...c, reviewStatus: "reviewed" }));
    expect(must(await vault.get(CASES_TABLE, c.id, z.unknown()))).toEqual({ [VERSION_KEY]: 2, value: { ...c, reviewStatus: "reviewed" } });

    const tooNew = { kind: "record-too-new", table: CASES_TABLE, id: c.id, version: 2, supported: 1 };
    expect(await CaseRecord.get(vault, c.id)).toEqual({ ok: false, error: tooNew });
    // The case store passes the refusal on as it is (not its "malformed-record" refusal).
    expect(await loadCase(vault, c.id)).toEqual({ ok: false, error: tooNew });
    // The newer version reads its own record back.
    expect(must(await CaseRecordV2.get(vault, c.id)).reviewStatus).toBe("reviewed");
  });

  it("a stored case that does not parse is still the case store's malformed-record refusal", async () => {
    const { vault } = await newTestVault(now);
    const c = newCase("Broken", now);
    must(await vault.put(CASES_TABLE, c.id, { ...c, title: 42 }));
    const loaded = await loadCase(vault, c.id);
    expect(loaded).toMatchObject({ ok: false, error: { kind: "case-refused", error: { kind: "malformed-record", record: "case" } } });
  });
});

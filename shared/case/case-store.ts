/**
 * Reading and writing the case work in an unlocked vault: registry entries
 * (their cards re-verified on every load), cases and panels. Failures are
 * values: a vault failure as it came, or a refusal (a CaseError).
 */
import { importIdentityCard, type VerifiedCard } from "../identity/identity-card";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import type { MalformedStored } from "../vault/record-kind";
import type { Case, Panel, RegistryEntry } from "./model";
import { CaseRecord } from "./records/case.record";
import { PanelRecord } from "./records/panel.record";
import { RegistryEntryRecord } from "./records/registry-entry.record";
import type { CaseError } from "./case-error";

export type CaseRefusal = { readonly kind: "case-refused"; readonly error: CaseError };
export type CaseStoreError = VaultError | CaseRefusal;
export const refusal = (error: CaseError): Result<never, CaseRefusal> => err({ kind: "case-refused", error });

export type EnrolledExpert = { readonly entry: RegistryEntry; readonly card: VerifiedCard };

/** A stored record through its definition, a malformed one being a refusal that says which record. */
async function load<T>(read: Promise<Result<T, VaultError | MalformedStored>>, record: "case" | "panel" | "registry-entry"): Promise<Result<T, CaseStoreError>> {
  const stored = await read;
  if (stored.ok || stored.error.kind !== "malformed-stored") return stored as Result<T, CaseStoreError>;
  return refusal({ kind: "malformed-record", record, issues: stored.error.issues });
}

export const loadCase = (v: UnlockedVault, id: string): Promise<Result<Case, CaseStoreError>> => load(CaseRecord.read(v, id), "case");

/** The panel of a case, or undefined when none has been composed yet. */
export async function loadPanel(v: UnlockedVault, caseId: string): Promise<Result<Panel | undefined, CaseStoreError>> {
  const panel = await load(PanelRecord.read(v, caseId), "panel");
  if (!panel.ok && panel.error.kind === "missing") return ok(undefined);
  return panel;
}

const loadEntry = (v: UnlockedVault, id: string): Promise<Result<RegistryEntry, CaseStoreError>> => load(RegistryEntryRecord.read(v, id), "registry-entry");

export async function loadExpert(v: UnlockedVault, id: string): Promise<Result<EnrolledExpert, CaseStoreError>> {
  const entry = await loadEntry(v, id);
  if (!entry.ok) return entry;
  const card = importIdentityCard(entry.value.cardFile);
  if (!card.ok || card.value.fingerprint !== entry.value.fingerprint) return refusal({ kind: "registry-card-invalid", name: entry.value.displayName });
  return ok({ entry: entry.value, card: card.value });
}

export async function loadAll<T>(v: UnlockedVault, table: string, one: (id: string) => Promise<Result<T, CaseStoreError>>): Promise<Result<T[], CaseStoreError>> {
  const ids = await v.list(table);
  if (!ids.ok) return ids;
  const out: T[] = [];
  for (const id of ids.value) {
    const item = await one(id);
    if (!item.ok) return item;
    out.push(item.value);
  }
  return ok(out);
}

export const loadRegistry = (v: UnlockedVault) => loadAll(v, RegistryEntryRecord.table, (id) => loadExpert(v, id));
/** The stored entries alone, their cards not verified again (for lookups that need no key). */
export const loadRegistryEntries = (v: UnlockedVault) => loadAll(v, RegistryEntryRecord.table, (id) => loadEntry(v, id));
export const loadCases = (v: UnlockedVault) => loadAll(v, CaseRecord.table, (id) => loadCase(v, id));

export type { Case, Panel, RegistryEntry };

/**
 * Vaults as the code before the versioned record index wrote them
 * (fixtures/vault-v1.json, see its note): a panelist who trusted the
 * secretariat as a contact, imported an attachment and the secretariat's
 * first packet of a case, and made a backup; and that secretariat. For the
 * upgrade tests here and in shared/case.
 */
import { fromBase64 } from "../crypto/sodium";
import fixture from "./fixtures/vault-v1.json";
import { MemoryVaultStorage } from "./memory-storage";

type StoredVault = { readonly header: Record<string, unknown>; readonly rows: readonly { table: string; id: string; nonce: string; ciphertext: string }[] };

const bytes = (base64: string): Uint8Array => {
  const decoded = fromBase64(base64);
  if (!decoded) throw new Error("fixture: not base64");
  return decoded;
};

function storageOf(vault: StoredVault): MemoryVaultStorage {
  const storage = new MemoryVaultStorage();
  storage.raw.setHeader(vault.header);
  for (const row of vault.rows) storage.raw.write(row.table, row.id, { table: row.table, id: row.id, nonce: bytes(row.nonce), ciphertext: bytes(row.ciphertext) });
  return storage;
}

export const LEGACY = {
  passphrase: fixture.passphrase,
  caseId: fixture.caseId,
  secretariatFingerprint: fixture.secretariatFingerprint,
  contactId: fixture.contactId,
  panelistMemberId: fixture.panelistMemberId,
  /** The ids of the panelist's rows as written (table → ids). */
  panelistIds: (table: string): string[] => fixture.panelist.rows.filter((r) => r.table === table).map((r) => r.id),
  /** A fresh profile holding the panelist's vault (call once per test: each gets its own copy). */
  panelist: (): MemoryVaultStorage => storageOf(fixture.panelist),
  secretariat: (): MemoryVaultStorage => storageOf(fixture.secretariat),
  /** The panelist's backup file, made before the upgrade. */
  panelistBackup: (): Uint8Array => bytes(fixture.panelistBackup),
} as const;

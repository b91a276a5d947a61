/** Reading the header back from storage, where anyone with the disk may have edited it. */
import { err, ok, type Result } from "../result";
import { issuesNote, issuesOf } from "../validation/issues";
import { KdfFailedError } from "./kdf";
import type { VaultStore } from "./storage-port";
import type { VaultError } from "./vault-error";
import { vaultHeaderSchema, type VaultHeader } from "./vault-header";

export async function readHeader(store: Pick<VaultStore, "getHeader">): Promise<Result<VaultHeader, VaultError>> {
  const stored = await store.getHeader();
  if (stored === undefined) return err({ kind: "no-vault" });
  const parsed = vaultHeaderSchema.safeParse(stored);
  if (!parsed.success) {
    return err({ kind: "header-malformed", detail: issuesNote(issuesOf(parsed.error)) });
  }
  return ok(parsed.data);
}

/**
 * Runs an operation whose storage calls may reject (a full disk, a closed
 * database) and turns a rejection into a value the interface can show.
 */
export async function guarded<T>(operation: () => Promise<Result<T, VaultError>>): Promise<Result<T, VaultError>> {
  try {
    return await operation();
  } catch (e) {
    // A derivation that gave no key is no storage failure: it travels on as its own value.
    if (e instanceof KdfFailedError) throw e;
    return err({ kind: "storage-failed", detail: e instanceof Error ? e.message : String(e) });
  }
}

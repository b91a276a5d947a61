/** The vault's one IndexedDB connection in the crypto worker, shared by the start-up answers and the services. */
import { DexieVaultStorage } from "../vault/dexie-storage";

export const vaultStorage = new DexieVaultStorage();

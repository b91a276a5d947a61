/** The bounds of the vault's settings, apart from their schema (shared/worker/contract.ts), so the first screen reads them without it. */
export const IDLE_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const;

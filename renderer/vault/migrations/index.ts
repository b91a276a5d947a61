import { migration0001 } from "./0001-initial";

/** Every migration, in order. Dexie applies the ones a profile has not seen yet. */
export const MIGRATIONS = [migration0001] as const;

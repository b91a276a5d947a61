/**
 * Migration 1: the encrypted vault. A shipped migration is never edited;
 * schema changes are new numbered files.
 *
 * - `header`: one row, key "vault": the vault header (KDF parameters, the
 *   wrapped vault key, the failed-unlock counter). No secrets in clear.
 * - `rows`: every encrypted record, keyed by [table+id]. Both are opaque ids;
 *   nothing else is indexed, so no title, name, date or marking is in clear.
 */
export const migration0001 = {
  version: 1,
  stores: {
    header: "",
    rows: "[table+id]",
  },
} as const;

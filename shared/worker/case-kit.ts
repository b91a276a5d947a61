/**
 * What the case-side handlers (registry, cases, packets) share: how a case
 * failure becomes the worker's refusal, and who the person is in custody
 * records and packets.
 */
import type { SaveCaseError } from "../case/secretariat";
import { identityByFingerprint } from "../identity/acting-identity";
import { wipeIdentity, type PersonalIdentity } from "../identity/identity";
import { ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { WorkerError } from "./contracts/envelope";
import { refused, refusedWith } from "./refusal";
import { loadIdentities } from "./service-kit";

export const caseRefused = (e: SaveCaseError): Result<never, WorkerError> =>
  e.kind === "case-refused" ? refusedWith({ kind: "case", error: e.error }) : e.kind === "unknown-country-codes" ? refusedWith({ kind: "case", error: e }) : refused(e);

/** The person's own identities, oldest first (each may receive packets; the one that signs is named by fingerprint). */
export async function myIdentities(v: UnlockedVault): Promise<Result<PersonalIdentity[], WorkerError>> {
  const identities = await loadIdentities(v);
  if (identities.ok && identities.value.length === 0) return refusedWith({ kind: "case", error: { kind: "no-identity" } });
  return identities;
}

/** Runs `use` with the vault's identities, wiping them after whatever happens. */
export async function withIdentities<T>(v: UnlockedVault, use: (identities: readonly PersonalIdentity[]) => Promise<Result<T, WorkerError>>): Promise<Result<T, WorkerError>> {
  const me = await myIdentities(v);
  if (!me.ok) return me;
  try {
    return await use(me.value);
  } finally {
    me.value.forEach(wipeIdentity);
  }
}

/** The identity whose signing-key fingerprint is `fingerprint` (the caller wipes it); the others are wiped here. */
export async function actingIdentity(v: UnlockedVault, fingerprint: string): Promise<Result<PersonalIdentity, WorkerError>> {
  const me = await loadIdentities(v);
  if (!me.ok) return me;
  const chosen = identityByFingerprint(me.value, fingerprint);
  for (const identity of me.value) if (!chosen.ok || identity !== chosen.value) wipeIdentity(identity);
  return chosen.ok ? chosen : refusedWith({ kind: "case", error: chosen.error });
}

/**
 * The name custody events record for this person: their identity's display
 * name when the vault holds exactly one. With several and none named, the
 * role (SECRETARIAT) is recorded rather than a guess at which person acted.
 */
export async function actorName(v: UnlockedVault): Promise<Result<string, WorkerError>> {
  const me = await myIdentities(v);
  if (!me.ok) return me;
  const [only] = me.value;
  const name = me.value.length === 1 && only ? only.details.displayName : SECRETARIAT;
  me.value.forEach(wipeIdentity);
  return ok(name);
}

/** Who custody events name when the person has no identity yet. */
export const SECRETARIAT = "Secretariat";

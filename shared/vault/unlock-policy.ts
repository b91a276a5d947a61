/**
 * The growing delay after wrong passphrases.
 *
 * Failed attempts happen while the vault is locked, when no key exists, so
 * the count lives in the header's clear `unlockFailures` field (a count and
 * the time of the last failure; nothing secret) and is not authenticated.
 * It is a brake on someone guessing at the keyboard, not a defence against
 * an attacker holding the disk: such an attacker can reset the counter, or
 * skip the app and attack the wrapped key offline, which is what Argon2id's
 * floor is for. At the next successful unlock the count is written into the
 * encrypted, chained audit log ("unlock-failed", with count and last time)
 * and reset, so the owner learns of the attempts.
 */
import type { UnlockFailures } from "./vault-header";

/** Failures allowed before any delay. */
export const FREE_ATTEMPTS = 3;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 5 * 60 * 1000;

/** How long to wait after `failedAttempts` consecutive failures: 0 for the first three, then 1 s doubling, at most 5 minutes. */
export function unlockDelay(failedAttempts: number): number {
  if (failedAttempts <= FREE_ATTEMPTS) return 0;
  const doublings = failedAttempts - FREE_ATTEMPTS - 1;
  // 2^9 s already exceeds the cap; avoid huge exponents.
  return doublings >= 9 ? MAX_DELAY_MS : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings);
}

/**
 * Milliseconds still to wait before another attempt. A clock that went
 * backwards never shortens the wait below the full delay's remainder nor
 * stretches it beyond the delay itself.
 */
export function remainingDelay(failures: UnlockFailures, now: Date): number {
  const delay = unlockDelay(failures.count);
  if (delay === 0 || failures.lastAt === null) return 0;
  const elapsed = now.getTime() - Date.parse(failures.lastAt);
  if (!(elapsed >= 0)) return delay;
  return Math.max(0, delay - elapsed);
}

/** The counter after one more failure at `now`. */
export function recordFailure(failures: UnlockFailures, now: Date): UnlockFailures {
  return { count: failures.count + 1, lastAt: now.toISOString() };
}

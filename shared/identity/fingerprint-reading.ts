/**
 * Fingerprints as people read them aloud and type them back, when they
 * compare a contact's key out of band (in person, by telephone, on paper).
 */
import type { SshFingerprint } from "../formats/openssh-key";

const PREFIX = "SHA256:";
export const FINGERPRINT_GROUP_LENGTH = 4;

/**
 * The base64 part of the fingerprint in groups of four characters, e.g.
 * "SHA256:AbCd…" → ["AbCd", …]; the last group may be shorter. Base64 is
 * case-sensitive, so the reader must say which letters are capitals.
 */
export function groupFingerprintForReading(fingerprint: SshFingerprint | string): readonly string[] {
  const body = fingerprint.startsWith(PREFIX) ? fingerprint.slice(PREFIX.length) : fingerprint;
  const groups: string[] = [];
  for (let i = 0; i < body.length; i += FINGERPRINT_GROUP_LENGTH) groups.push(body.slice(i, i + FINGERPRINT_GROUP_LENGTH));
  return groups;
}

/**
 * What a person typed, as a fingerprint: spaces, line breaks and hyphens
 * between groups are dropped (none is a base64 character) and the
 * "SHA256:" prefix is optional. Letter case is kept: it is significant.
 */
export function normalizeTypedFingerprint(typed: string): string {
  const compact = typed.replace(/[\s-]+/gu, "");
  return PREFIX + (compact.toUpperCase().startsWith(PREFIX) ? compact.slice(PREFIX.length) : compact);
}

/** The 1-based number of the first reading group that differs (so the person knows where to look), or undefined when none does. */
export function firstDifferingGroup(expected: string, typed: string): number | undefined {
  const a = groupFingerprintForReading(expected);
  const b = groupFingerprintForReading(typed);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i + 1;
  return undefined;
}

export type FingerprintMatch = {
  /** Reading groups typed so far that equal the fingerprint's group at the same place. */
  readonly matching: number;
  /** Reading groups in the fingerprint. */
  readonly total: number;
  /** Groups typed in full so far (more than `matching` means one is wrong). */
  readonly typed: number;
  /** The 1-based number of the first group typed in full that is wrong, if any. */
  readonly firstWrong: number | undefined;
  /** The typed text is the fingerprint exactly (as normalizeTypedFingerprint reads it). */
  readonly complete: boolean;
};

/**
 * How far what a person typed agrees with `expected`, group by group, for a
 * counter shown as they type ("3 of 11 groups match") while the fingerprint
 * itself stays hidden. A group counts only once it is typed in full, and in
 * its place; extra text after the last group makes the whole incomplete.
 */
export function fingerprintMatch(expected: SshFingerprint | string, typed: string): FingerprintMatch {
  const want = groupFingerprintForReading(expected);
  const got = groupFingerprintForReading(normalizeTypedFingerprint(typed));
  const matching = want.filter((group, i) => got[i] === group).length;
  const typedInFull = got.filter((group, i) => group.length === FINGERPRINT_GROUP_LENGTH || (i === want.length - 1 && group.length === want[i]?.length)).length;
  const complete = normalizeTypedFingerprint(expected) === normalizeTypedFingerprint(typed);
  const wrong = got.findIndex((group, i) => i < typedInFull && group !== want[i]);
  return { matching, total: want.length, typed: typedInFull, firstWrong: wrong === -1 ? undefined : wrong + 1, complete };
}

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

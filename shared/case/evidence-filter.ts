/**
 * Finding evidence items in a long case: a search over the words of each
 * item's title and description, and filters on its kind and marking. Pure,
 * so the secretariat's editor and the panelist's reader list the same items
 * for the same question.
 */
import type { Evidence, EvidenceKind, Tlp } from "./model";

export type EvidenceQuery = {
  /** Words that must all appear in the title, description or source (any case, any accents). */
  readonly text: string;
  /** Only these kinds; empty or absent: every kind. */
  readonly kinds?: readonly EvidenceKind[];
  /** Only these markings; empty or absent: every marking. */
  readonly markings?: readonly Tlp[];
};

export const EMPTY_QUERY: EvidenceQuery = { text: "" };

/** Lower case, accents and compatibility forms folded: "Énergie" is found by "energie". */
export const foldText = (s: string): string =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en");

const words = (text: string): string[] => foldText(text).split(/\s+/u).filter((w) => w !== "");

/** Whether `e` answers `query`. */
export function matchesEvidence(e: Pick<Evidence, "title" | "description" | "sourceDescription" | "kind" | "marking">, query: EvidenceQuery): boolean {
  if (query.kinds && query.kinds.length > 0 && !query.kinds.includes(e.kind)) return false;
  if (query.markings && query.markings.length > 0 && !query.markings.includes(e.marking)) return false;
  const wanted = words(query.text);
  if (wanted.length === 0) return true;
  const haystack = foldText(`${e.title}\n${e.description}\n${e.sourceDescription}`);
  return wanted.every((w) => haystack.includes(w));
}

/** The items that answer `query`, in the case's order. */
export function filterEvidence<E extends Pick<Evidence, "title" | "description" | "sourceDescription" | "kind" | "marking">>(items: readonly E[], query: EvidenceQuery): E[] {
  return items.filter((e) => matchesEvidence(e, query));
}

/**
 * The item to open after a move of `step` (+1 next, -1 previous) from
 * `current` among `ids` (the listed items); it stops at either end. With
 * nothing open (or the open item filtered out), a move opens the first item
 * (or, going back, the last).
 */
export function stepThrough(ids: readonly string[], current: string | undefined, step: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const at = current === undefined ? -1 : ids.indexOf(current);
  if (at === -1) return step === 1 ? ids[0] : ids[ids.length - 1];
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))];
}

/**
 * Keyboard entry in the ACH matrix: a shortcut key per consistency term,
 * derived from the rubric's codes so that a secretariat's own terms get keys
 * too. A one-letter code takes its letter (C → c), a doubled letter takes the
 * capital (CC → C, typed with Shift), any other code the first of its
 * letters still free (NA → a, since n is N's). Digits 1–9 pick the terms in
 * the rubric's order as well.
 */
export function consistencyShortcuts(terms: readonly { readonly id: string; readonly code: string }[]): Map<string, string> {
  const keys = new Map<string, string>();
  const take = (candidates: string[], id: string) => {
    const free = candidates.find((k) => !keys.has(k));
    if (free !== undefined) keys.set(free, id);
  };
  const letters = (code: string) => [...code].filter((c) => /\p{L}/u.test(c));
  // Single letters first, so "N" gets n before "NA" could.
  for (const t of terms) if (letters(t.code).length === 1 && t.code.length === 1) take([t.code.toLowerCase()], t.id);
  for (const t of terms) {
    const ls = letters(t.code);
    if (t.code.length === 1) continue;
    if (ls.length === 2 && ls[0] === ls[1]) take([(ls[0] as string).toUpperCase(), ...ls.map((l) => l.toLowerCase())], t.id);
    else take([...ls.map((l) => l.toLowerCase()), ...ls.map((l) => l.toUpperCase())], t.id);
  }
  terms.slice(0, 9).forEach((t, i) => keys.set(String(i + 1), t.id));
  return keys;
}

export type GridMove = "left" | "right" | "up" | "down" | "row-start" | "row-end" | "first" | "last" | "next";

/** The cell a move lands on, in a grid of `rows` × `cols`, clamped at the edges ("next" wraps to the following row). */
export function moveInGrid(at: { row: number; col: number }, move: GridMove, rows: number, cols: number): { row: number; col: number } {
  const clamp = (n: number, max: number) => Math.max(0, Math.min(max - 1, n));
  switch (move) {
    case "left":
      return { row: at.row, col: clamp(at.col - 1, cols) };
    case "right":
      return { row: at.row, col: clamp(at.col + 1, cols) };
    case "up":
      return { row: clamp(at.row - 1, rows), col: at.col };
    case "down":
      return { row: clamp(at.row + 1, rows), col: at.col };
    case "row-start":
      return { row: at.row, col: 0 };
    case "row-end":
      return { row: at.row, col: cols - 1 };
    case "first":
      return { row: 0, col: 0 };
    case "last":
      return { row: rows - 1, col: cols - 1 };
    case "next":
      return at.col + 1 < cols ? { row: at.row, col: at.col + 1 } : at.row + 1 < rows ? { row: at.row + 1, col: 0 } : at;
  }
}

/** The move a key asks for; arrows follow the writing direction (in Arabic, ArrowLeft goes to the next claim). */
export function moveForKey(key: string, ctrl: boolean, rtl: boolean): GridMove | undefined {
  switch (key) {
    case "ArrowLeft":
      return rtl ? "right" : "left";
    case "ArrowRight":
      return rtl ? "left" : "right";
    case "ArrowUp":
      return "up";
    case "ArrowDown":
      return "down";
    case "Home":
      return ctrl ? "first" : "row-start";
    case "End":
      return ctrl ? "last" : "row-end";
    default:
      return undefined;
  }
}

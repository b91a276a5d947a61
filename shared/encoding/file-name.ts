/**
 * File name stems from people's and cases' names, in any script: "Luísa
 * Ferreira" → "Luísa-Ferreira", "Лейла Ахмедова" → "Лейла-Ахмедова". Only
 * what a file system refuses or misreads is taken out:
 *
 * - the characters Windows forbids (/ \ : * ? " < > |), control characters,
 *   lone surrogates and the invisible direction controls that can make
 *   "gpj.exe" read as "exe.jpg"; runs of them, and of white space, become
 *   one hyphen;
 * - leading and trailing dots, spaces and hyphens (hidden files on Unix,
 *   names Windows trims);
 * - Windows' reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with
 *   or without an extension), which get an underscore;
 * - anything beyond MAX_STEM_BYTES of UTF-8, cut between whole characters
 *   as the reader sees them (grapheme clusters), so an accent or a joined
 *   emoji is never split.
 *
 * The text is in Unicode NFC, the composed form most systems write.
 */

/** Stems are joined into names such as `<case>--<person>--<n>.packet.age`; two of them plus that stay under the 255-byte limit of common file systems. */
export const MAX_STEM_BYTES = 100;

// Forbidden by Windows, control characters (C0, DEL, C1), lone surrogates, white space, and bidirectional controls.
const UNSAFE = /[/\\:*?"<>|\p{Cc}\p{Cs}\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/gu;
const EDGES = /^[.\s-]+|[.\s-]+$/gu;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** The longest run of whole grapheme clusters of `text` that fits in `maxBytes` of UTF-8. */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let kept = "";
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
    const size = utf8Length(segment);
    if (bytes + size > maxBytes) break;
    kept += segment;
    bytes += size;
  }
  return kept;
}

/** Windows refuses a name whose part before the first dot is a device name, whatever follows. */
const isReserved = (stem: string): boolean => RESERVED.test(stem.split(".")[0] ?? "");

/** A file name stem safe on Windows, macOS and Linux that keeps the letters of `name` in every script. */
export function fileStem(name: string, fallback = "identity"): string {
  const cleaned = (text: string) => text.replace(UNSAFE, "-").replace(/-{2,}/g, "-").replace(EDGES, "");
  const stem = cleaned(cutToBytes(cleaned(name.normalize("NFC")), MAX_STEM_BYTES));
  if (!stem) return fallback;
  if (!isReserved(stem)) return stem;
  // "nul.txt" → "nul_.txt": the device name itself is what must change.
  const dot = stem.indexOf(".");
  const marked = dot < 0 ? `${stem}_` : `${stem.slice(0, dot)}_${stem.slice(dot)}`;
  return cleaned(cutToBytes(marked, MAX_STEM_BYTES));
}

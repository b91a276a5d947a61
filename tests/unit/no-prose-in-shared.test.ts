/**
 * shared/ produces no user-facing prose (issue 11): failures are values and
 * the interface words them (renderer/i18n/problems/). A source scan keeps it
 * that way: no exported describe…/…Message function, no refusal made of a
 * code and a sentence, no English message on a zod check, no `detail`,
 * `reason` or `message` made of words (a string literal with a space): a
 * failure carries a `reason` id and the values a sentence needs. A line that
 * must keep such a literal says why in a `prose-allowed: <why>` comment on
 * that line or the one above.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SHARED = path.resolve(__dirname, "../../shared");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".testing.ts") ? [full] : [];
  });
}

const files = sources(SHARED).map((file) => ({ file: path.relative(SHARED, file), text: readFileSync(file, "utf8") }));

/**
 * A `detail:`, `reason:` or `message:` field given a string literal that has
 * a space in it (words), directly or as a fallback (`reason: x ?? "too weak"`).
 */
const PROSE_FIELD = /\b(?:detail|reason|message)\??\s*:[^,;{}"'`]*("(?:[^"\\]|\\.)*\s(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*\s(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*\s(?:[^`\\]|\\.)*`)/;
const ALLOWED = /prose-allowed:\s*\S/;

/** Lines of `text` that give a field prose, unless that line or the one above allows it. */
function proseFields(file: string, text: string): string[] {
  const lines = text.split("\n");
  return lines.flatMap((line, i) => (PROSE_FIELD.test(line) && !ALLOWED.test(line) && !ALLOWED.test(lines[i - 1] ?? "") ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** Lines of `text` that match `pattern`, as "file:line: text". */
const hits = (pattern: RegExp) =>
  files.flatMap(({ file, text }) => text.split("\n").flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));

describe("no prose in shared/", () => {
  it("scans the shared sources", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.file === path.join("worker", "problem.ts"))).toBe(true);
  });

  it("exports no describe… or …Message function", () => {
    expect(hits(/export\s+(async\s+)?(function\s+|const\s+)(describe[A-Z]\w*|\w+Message)\b/)).toEqual([]);
  });

  it("has no refusal made of a code and a sentence", () => {
    expect(hits(/refusedWith\(\s*["'`]|refusal\(\s*["'`]|code:\s*string;\s*(readonly\s+)?message:\s*string|kind:\s*"refused",\s*code:/)).toEqual([]);
  });

  it("gives no failure a detail, reason or message in words", () => {
    expect(files.flatMap(({ file, text }) => proseFields(file, text))).toEqual([]);
  });

  it("finds such a field, and lets a justified one be", () => {
    const found = (text: string) => proseFields("x.ts", text).length;
    expect(found(`fail({ kind: "tampered", detail: "the manifest is too large" });`)).toBe(1);
    expect(found("corrupt({ detail: `unit ${unit} does not decrypt` });")).toBe(1);
    expect(found(`err({ kind: "passphrase-weak", reason: strength.warning ?? "it is too weak." });`)).toBe(1);
    expect(found(`return { type: "failed", message: 'malformed request' };`)).toBe(1);
    expect(found(`fail({ kind: "tampered", reason: "manifest-too-large" });`)).toBe(0);
    expect(found(`err({ kind: "storage-failed", detail: e instanceof Error ? e.message : String(e) });`)).toBe(0);
    expect(found(`  readonly detail: string;`)).toBe(0);
    expect(found(`obj({ kind: lit("x"), reason: z.enum(["a-b", "c-d"]) }),`)).toBe(0);
    expect(found(`// prose-allowed: the format's own marker\nerr({ detail: "two words" });`)).toBe(0);
    expect(found(`err({ detail: "two words" }); // prose-allowed: the format's own marker`)).toBe(0);
    expect(found(`// prose-allowed:\nerr({ detail: "two words" });`)).toBe(1);
  });

  it("gives zod checks no English message (custom checks name a reason in params)", () => {
    expect(hits(/\.(min|max|regex|refine|length)\([^)]*,\s*["'`][A-Z a-z]/)).toEqual([]);
    expect(hits(/addIssue\(\{[^}]*message:/)).toEqual([]);
  });
});

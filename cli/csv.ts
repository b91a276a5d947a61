/**
 * A small CSV reader for the statistics tool's input: a table of cells.
 *
 * Why hand-written: no CSV library is installed in the project, and the
 * grammar needed is small — RFC 4180: records end at CRLF or LF (a final
 * line ending is optional), fields are separated by commas, a field may be
 * quoted with `"` (then it may hold commas, line endings and `""` for a
 * quote). Beyond RFC 4180: a UTF-8 byte order mark at the start is skipped,
 * spaces around an unquoted field are trimmed, and blank lines are skipped.
 * Text after a closing quote other than a comma or line ending, and a quote
 * left open at the end, are refused with their line number.
 */

export type CsvProblem = { readonly kind: "unclosed-quote"; readonly line: number } | { readonly kind: "text-after-quote"; readonly line: number };

export type CsvResult = { readonly ok: true; readonly rows: string[][] } | { readonly ok: false; readonly problem: CsvProblem };

export function parseCsv(text: string): CsvResult {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false; // the current field was quoted (and is closed)
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(quoted ? field : field.trim());
    field = "";
    quoted = false;
  };
  const endRow = () => {
    // A blank line is one empty unquoted field: skip it (`""` alone is a row with one empty cell).
    const blank = row.length === 0 && !quoted && field.trim() === "";
    endField();
    if (!blank) rows.push(row);
    row = [];
  };
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '"' && field.trim() === "" && !quoted) {
      // A quoted field: read to the closing quote.
      const start = line;
      field = "";
      i++;
      for (;;) {
        if (i >= input.length) return { ok: false, problem: { kind: "unclosed-quote", line: start } };
        const c = input[i] as string;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      quoted = true;
      // Only spaces may follow, then a separator or a line ending.
      while (input[i] === " " || input[i] === "\t") i++;
      const next = input[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") return { ok: false, problem: { kind: "text-after-quote", line } };
      continue;
    }
    if (ch === ",") {
      endField();
      i++;
    } else if (ch === "\r" && input[i + 1] === "\n") {
      endRow();
      line++;
      i += 2;
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      line++;
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || quoted || row.length > 0) endRow();
  return { ok: true, rows };
}

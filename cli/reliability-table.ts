/**
 * Reading a CSV table (csv.ts) as reliability data: rows are coders,
 * columns are units, an empty cell is a missing value. A header row (unit
 * names) and a header column (coder names) are allowed.
 *
 * Labels (`--labels`): `none`, `row`, `column`, `both`, or `auto` (the
 * default), which takes the first row as unit names when it holds a cell
 * that is not a number while the cells below it are numbers (or empty), and
 * the first column as coder names likewise; so a table of numbers with
 * names around it is read without being told. Nominal data whose categories
 * are words cannot be told from names that way: auto then reads every cell
 * as data, and `--labels` says otherwise.
 */

export const LABEL_MODES = ["auto", "none", "row", "column", "both"] as const;
export type LabelMode = (typeof LABEL_MODES)[number];

/** A finite decimal number as written in a CSV cell (`12`, `-0.5`, `1e-3`); not `0x10`, `Infinity` or `1,5`. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export const parseNumber = (cell: string): number | undefined => (NUMBER.test(cell) ? Number(cell) : undefined);
const isNumberOrEmpty = (cell: string) => cell === "" || parseNumber(cell) !== undefined;

export interface Table {
  readonly cells: readonly (readonly string[])[];
  readonly unitNames: readonly string[] | undefined;
  readonly coderNames: readonly string[] | undefined;
  /** Where the data start in the file: 1-based line of the first data row (records, not physical lines), column of the first data cell. */
  readonly firstRow: number;
  readonly firstColumn: number;
}

/** The table with its labels taken off, as `mode` says. */
export function takeLabels(rows: readonly (readonly string[])[], mode: LabelMode): Table {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const cell = (r: number, c: number) => rows[r]?.[c] ?? "";
  const body = (r0: number, c0: number) => {
    for (let r = r0; r < rows.length; r++) for (let c = c0; c < width; c++) if (!isNumberOrEmpty(cell(r, c))) return false;
    return true;
  };
  const rowHasText = (r: number, c0: number) => Array.from({ length: width - c0 }, (_, k) => cell(r, c0 + k)).some((v) => !isNumberOrEmpty(v));
  const columnHasText = (c: number, r0: number) => rows.slice(r0).some((_, k) => !isNumberOrEmpty(cell(r0 + k, c)));

  let header: { row: boolean; column: boolean };
  switch (mode) {
    case "none":
      header = { row: false, column: false };
      break;
    case "row":
      header = { row: true, column: false };
      break;
    case "column":
      header = { row: false, column: true };
      break;
    case "both":
      header = { row: true, column: true };
      break;
    case "auto":
      if (rows.length > 1 && width > 1 && body(1, 1) && rowHasText(0, 1) && columnHasText(0, 1)) header = { row: true, column: true };
      else if (body(1, 0) && rowHasText(0, 0)) header = { row: true, column: false };
      else if (width > 1 && body(0, 1) && columnHasText(0, 0)) header = { row: false, column: true };
      // Otherwise every cell is data.
      else header = { row: false, column: false };
      break;
  }
  const r0 = header.row ? 1 : 0;
  const c0 = header.column ? 1 : 0;
  const cells = rows.slice(r0).map((r) => Array.from({ length: width - c0 }, (_, c) => r[c0 + c] ?? ""));
  return {
    cells,
    unitNames: header.row ? Array.from({ length: width - c0 }, (_, c) => cell(0, c0 + c)) : undefined,
    coderNames: header.column ? rows.slice(r0).map((r) => r[0] ?? "") : undefined,
    firstRow: r0 + 1,
    firstColumn: c0 + 1,
  };
}

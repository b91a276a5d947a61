/**
 * `attribution-panel`: the project's command-line tool, reusing shared/
 * with Node I/O (DESIGN.md, "Statistics checkable outside the app"; the
 * publication issue adds `verify` and `demo`).
 *
 *   attribution-panel stats alpha --level nominal|ordinal|interval|ratio [--labels auto|none|row|column|both] FILE.csv
 *   attribution-panel stats pool [--unit percent|probability] [--labels auto|none|row] FILE.csv
 *   attribution-panel verify [--json] PATH        (a publication folder, its .zip, or its opinion.json)
 *
 * `main` takes the arguments and an I/O port, so tests run it in memory;
 * attribution-panel.ts binds it to the process. Exit codes: 0 done (for
 * verify: valid), 1 (verify) not valid, 2 bad input or usage (one English sentence on stderr: the tool is outside the
 * app's message catalogs).
 */
import { parseArgs } from "node:util";
import { ALPHA_LEVELS, krippendorffAlpha, type AlphaLevel, type AlphaOutcome } from "../shared/merge/stats/krippendorff";
import { linearPool, logOddsPool } from "../shared/merge/stats/pools";
import { spread } from "../shared/merge/stats/percentiles";
import { termOfValue, type TermOfValue } from "../shared/merge/stats/likelihood-term";
import { DEFAULT_RUBRIC } from "../shared/rubric/rubric";
import { loadCrypto } from "../shared/crypto/sodium";
import { verifyPublication } from "../shared/publication/verify";
import { looksLikeZip, unzipPublication } from "../shared/publication/zip";
import { parseCsv, type CsvProblem } from "./csv";
import { humanReport, jsonReport, unusableSentence, zipSentence, type ReadPublication } from "./verify";
import { LABEL_MODES, parseNumber, takeLabels, type LabelMode, type Table } from "./reliability-table";

export interface CliIo {
  /** The file's text (UTF-8); throws when it cannot be read (with a Node error `code`: ENOENT, EISDIR, EFBIG for a file over MAX_INPUT_BYTES, …). */
  readonly readText: (path: string) => Promise<string>;
  /**
   * A publication at `path`: a folder's files (relative paths, "/" separated), or one file read as opinion.json;
   * throws like readText (ENOENT, EFBIG for a file or folder over MAX_PUBLICATION_BYTES).
   */
  readonly readPublication: (path: string) => Promise<ReadPublication>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Inputs larger than this are refused: reliability data and one column of estimates are small. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** A publication larger than this is refused (its PDFs are the largest part). */
export const MAX_PUBLICATION_BYTES = 512 * 1024 * 1024;

export const USAGE = `Usage:
  attribution-panel stats alpha --level nominal|ordinal|interval|ratio [--labels auto|none|row|column|both] FILE.csv
      Krippendorff's alpha of a reliability-data matrix: rows are coders, columns are units,
      an empty cell is a missing value; a header row (unit names) and column (coder names) are allowed
      and found around numbers (--labels auto); for nominal data written as words, say --labels.
  attribution-panel stats pool [--unit percent|probability] [--labels auto|none|row] FILE.csv
      n, median, interquartile range (R type 7), linear and log-odds pools of one column of
      probabilities (percent by default; log-odds inputs clamped to 1-99%).
  attribution-panel verify [--json] PATH
      Checks a published opinion (its folder, its .zip, or its opinion.json alone): every signature, the released
      and withheld parts, the seats that co-signed or not, every file against the secretariat's statement
      and SHA256SUMS, and the stated aggregates recomputed from the released estimates.
      Exit 0 when valid, 1 when not (each reason a sentence), 2 for unusable input.
      --json prints a machine-readable report.
`;

class InputError extends Error {}
const fail = (sentence: string): never => {
  throw new InputError(sentence);
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { level: { type: "string" }, unit: { type: "string" }, labels: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    return fail(argumentSentence(e));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    io.stdout(USAGE);
    return positionals.length === 0 && !values.help ? 2 : 0;
  }
  const [command, sub, file, ...extra] = positionals;
  if (command === "verify") return verify(io, positionals.slice(1), values.json === true, values.level !== undefined || values.unit !== undefined || values.labels !== undefined);
  if (values.json !== undefined) return fail("--json applies to \"verify\" only.");
  if (command !== "stats") return fail(`Unknown command "${command}": this tool knows "stats" and "verify" (run "attribution-panel --help").`);
  if (sub !== "alpha" && sub !== "pool") return fail(`Unknown statistic "${sub ?? ""}": use "stats alpha" or "stats pool".`);
  if (file === undefined) return fail(`Name the CSV file to read, as in "attribution-panel stats ${sub} FILE.csv".`);
  if (extra.length > 0) return fail(`One file at a time, please: "${extra[0]}" is one argument too many.`);

  const labels = (values.labels ?? "auto") as LabelMode;
  if (!LABEL_MODES.includes(labels)) return fail(`--labels must be one of ${LABEL_MODES.join(", ")}, not "${values.labels}".`);
  const rows = await readTable(io, file);

  if (sub === "alpha") {
    if (values.unit !== undefined) return fail("--unit applies to \"stats pool\" only.");
    const level = values.level as AlphaLevel | undefined;
    if (level === undefined) return fail(`Say the level of measurement with --level ${ALPHA_LEVELS.join("|")}.`);
    if (!ALPHA_LEVELS.includes(level)) return fail(`--level must be one of ${ALPHA_LEVELS.join(", ")}, not "${level}".`);
    const table = takeLabels(rows, labels);
    io.stdout(alphaReport(level, table, krippendorffAlpha(reliabilityData(table, level, file), level)));
    return 0;
  }

  if (values.level !== undefined) return fail("--level applies to \"stats alpha\" only.");
  const unit = values.unit ?? "percent";
  if (unit !== "percent" && unit !== "probability") return fail(`--unit must be percent or probability, not "${unit}".`);
  if (labels === "column" || labels === "both") return fail("A pool reads one column of estimates: --labels may be auto, none or row.");
  const table = takeLabels(rows, labels);
  io.stdout(poolReport(estimates(table, unit, file), unit));
  return 0;
}

async function verify(io: CliIo, paths: readonly string[], json: boolean, statsOptions: boolean): Promise<number> {
  if (statsOptions) return fail("--level, --unit and --labels apply to \"stats\" only.");
  const [path, ...extra] = paths;
  if (path === undefined) return fail(`Name the publication to check, as in "attribution-panel verify ./publication" (its folder, or its opinion.json).`);
  if (extra.length > 0) return fail(`One publication at a time, please: "${extra[0]}" is one argument too many.`);
  let read: ReadPublication;
  try {
    read = await io.readPublication(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ENOENT") return fail(`There is no file or folder "${path}".`);
    if (code === "EFBIG") return fail(`"${path}" is larger than ${MAX_PUBLICATION_BYTES / 1024 / 1024} MiB, too large for a publication.`);
    return fail(`"${path}" could not be read (${typeof code === "string" ? code : "unknown error"}).`);
  }
  const loaded = await loadCrypto();
  if (!loaded.ok) throw new Error("libsodium did not load");
  let { files, scope } = read;
  const only = files.size === 1 ? files.values().next().value : undefined;
  if (scope === "opinion-json" && only !== undefined && looksLikeZip(only)) {
    const unzipped = unzipPublication(only);
    if (!unzipped.ok) return fail(zipSentence(path, unzipped.error));
    [files, scope] = [unzipped.value, "folder"];
  }
  const report = verifyPublication(files, scope);
  if (!report.ok) return fail(unusableSentence(path, report.error));
  io.stdout(json ? jsonReport(report.value) : humanReport(path, report.value));
  return report.value.valid ? 0 : 1;
}

/** A sentence for parseArgs's refusal (its own messages are long and name its internals). */
function argumentSentence(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : "";
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `Unknown option "${option ?? "?"}": run "attribution-panel --help" for the options.`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `The option "${option ?? "?"}" needs a value, as in "--level interval".`;
  return `The arguments could not be read: run "attribution-panel --help" for the usage.`;
}

async function readTable(io: CliIo, file: string): Promise<string[][]> {
  let text: string;
  try {
    text = await io.readText(file);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ENOENT") return fail(`There is no file "${file}".`);
    if (code === "EISDIR") return fail(`"${file}" is a folder, not a CSV file.`);
    if (code === "EFBIG") return fail(`"${file}" is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, too large for a table of ratings.`);
    return fail(`"${file}" could not be read (${typeof code === "string" ? code : "unknown error"}).`);
  }
  const csv = parseCsv(text);
  if (!csv.ok) return fail(csvSentence(file, csv.problem));
  if (csv.rows.length === 0) return fail(`"${file}" holds no rows.`);
  return csv.rows;
}

const csvSentence = (file: string, p: CsvProblem): string =>
  p.kind === "unclosed-quote" ? `"${file}" line ${p.line}: a quoted cell is never closed.` : `"${file}" line ${p.line}: text follows a closing quote; write a quote inside a quoted cell as "".`;

/** The cells as reliability data for `level`: numbers, or for nominal data numbers and words (categories). */
function reliabilityData(table: Table, level: AlphaLevel, file: string): (string | number | undefined)[][] {
  return table.cells.map((row, r) =>
    row.map((cell, c) => {
      if (cell === "") return undefined;
      const n = parseNumber(cell);
      if (n !== undefined) return n;
      if (level === "nominal") return cell;
      return fail(`"${file}" row ${r + table.firstRow}, column ${c + table.firstColumn}: "${cell}" is not a number, and ${level} data must be numbers (only nominal data may be words).`);
    }),
  );
}

function alphaReport(level: AlphaLevel, table: Table, outcome: AlphaOutcome): string {
  const coders = table.cells.length;
  const units = Math.max(0, ...table.cells.map((r) => r.length));
  const shape = `${coders} coder${coders === 1 ? "" : "s"} x ${units} unit${units === 1 ? "" : "s"}`;
  switch (outcome.kind) {
    case "alpha":
      return [
        `Krippendorff's alpha (${level}): ${round(outcome.value, 6)}`,
        `data: ${shape}; ${round(outcome.pairableValues, 6)} pairable values in ${outcome.pairableUnits} units`,
        `observed disagreement D_o ${round(outcome.observed, 6)}, expected D_e ${round(outcome.expected, 6)}`,
        "",
      ].join("\n");
    case "no-pairable-values":
      return `Krippendorff's alpha (${level}): undefined, no unit has two values to compare (${shape}).\n`;
    case "no-variation":
      return `Krippendorff's alpha (${level}): undefined, every pairable value is the same, so agreement cannot be told from chance (${shape}).\n`;
    case "invalid-value":
      // Numbers were checked while reading; only a negative ratio value is left.
      return fail(`Row ${outcome.coder + table.firstRow}, column ${outcome.unit + table.firstColumn}: ratio data cannot be negative.`);
  }
}

function estimates(table: Table, unit: "percent" | "probability", file: string): number[] {
  const width = Math.max(0, ...table.cells.map((r) => r.length));
  if (width === 0) fail(`"${file}" holds no estimates.`);
  if (width !== 1) fail(`"${file}" has ${width} columns; a pool reads one column of estimates.`);
  const out: number[] = [];
  table.cells.forEach((row, r) => {
    const cell = row[0] ?? "";
    if (cell === "") return;
    const n = parseNumber(cell);
    const max = unit === "percent" ? 100 : 1;
    if (n === undefined || n < 0 || n > max) fail(`"${file}" row ${r + table.firstRow}: "${cell}" is not a ${unit === "percent" ? "percentage between 0 and 100" : "probability between 0 and 1"}${unit === "percent" ? " (use --unit probability for values between 0 and 1)" : ""}.`);
    out.push(unit === "percent" ? (n as number) : (n as number) * 100);
  });
  if (out.length === 0) fail(`"${file}" holds no estimates.`);
  return out;
}

function poolReport(percents: readonly number[], unit: "percent" | "probability"): string {
  const s = spread(percents);
  const lin = linearPool(percents);
  const lo = logOddsPool(percents);
  if (s === undefined || lin === undefined || lo === undefined) throw new Error("estimates were checked to be there");
  const show = (percent: number) => (unit === "percent" ? `${round(percent, 4)}` : `${round(percent / 100, 6)}`);
  const term = (percent: number) => ` (ICD 203: ${termText(termOfValue(DEFAULT_RUBRIC.likelihood, percent))})`;
  return [
    `n: ${s.n}`,
    `median: ${show(s.median)}`,
    `interquartile range: ${show(s.p25)} to ${show(s.p75)} (IQR ${show(s.iqr)}; R type 7)`,
    `linear pool: ${show(lin)}${term(lin)}`,
    `log-odds pool: ${show(lo)}${term(lo)} (inputs clamped to ${unit === "percent" ? "1-99" : "0.01-0.99"})`,
    "",
  ].join("\n");
}

const termText = (t: TermOfValue): string => {
  switch (t.kind) {
    case "within":
      return t.term;
    case "boundary":
      return `${t.lower} / ${t.upper}`;
    case "below-scale":
    case "above-scale":
      return `nearest ${t.nearest}`;
    case "between-bands":
      return `between ${t.lower} and ${t.upper}`;
  }
};

/** At most `digits` decimals, without trailing zeros. */
const round = (x: number, digits: number): string => String(Number(x.toFixed(digits)));

import { describe, expect, it } from "vitest";
import { main, type CliIo } from "./main";
import { takeLabels } from "./reliability-table";
import { KRIPPENDORFF_2011_ALPHA } from "../shared/merge/stats/krippendorff.testing";
import { krippendorffCsv } from "./cli.testing";

/** Runs main on in-memory files; gives the exit code and what was written. */
async function run(argv: string[], files: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return text;
    },
    readPublication: async () => {
      throw Object.assign(new Error("missing"), { code: "ENOENT" });
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("attribution-panel stats alpha", () => {
  it.each(["nominal", "ordinal", "interval", "ratio"] as const)("prints Krippendorff's worked example at the %s level, with or without names", async (level) => {
    for (const names of [true, false]) {
      const r = await run(["stats", "alpha", "--level", level, "k.csv"], { "k.csv": krippendorffCsv(names) });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      const alpha = Number(/alpha \(\w+\): (\S+)/.exec(r.stdout)?.[1]);
      expect(alpha.toFixed(3)).toBe(KRIPPENDORFF_2011_ALPHA[level].toFixed(3));
      expect(r.stdout).toContain("4 coders x 12 units; 40 pairable values in 11 units");
    }
  });

  it("reads words as nominal categories, and says when alpha is undefined", async () => {
    const words = "yes,no,yes\nyes,no,no\n";
    const r = await run(["stats", "alpha", "--level", "nominal", "w.csv"], { "w.csv": words });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Krippendorff's alpha \(nominal\): -?\d/);
    const same = await run(["stats", "alpha", "--level", "interval", "s.csv"], { "s.csv": "3,3\n3,3\n" });
    expect(same).toMatchObject({ code: 0, stdout: expect.stringContaining("undefined, every pairable value is the same") });
    const lonely = await run(["stats", "alpha", "--level", "interval", "l.csv"], { "l.csv": "1,\n,2\n" });
    expect(lonely.stdout).toContain("undefined, no unit has two values");
  });

  it("answers bad input with one sentence on stderr and exit code 2", async () => {
    const files = { "k.csv": krippendorffCsv(true), "bad.csv": "1,2\n1,x\n", "neg.csv": "1,-2\n1,2\n", "open.csv": '1,"2\n', "empty.csv": "\n\n" };
    const cases: [string[], RegExp][] = [
      [["stats", "alpha", "k.csv"], /^Say the level of measurement with --level/],
      [["stats", "alpha", "--level", "fuzzy", "k.csv"], /^--level must be one of nominal, ordinal, interval, ratio, not "fuzzy"\.$/],
      [["stats", "alpha", "--level", "interval", "nope.csv"], /^There is no file "nope\.csv"\.$/],
      [["stats", "alpha", "--level", "interval", "bad.csv"], /^"bad\.csv" row 2, column 2: "x" is not a number, and interval data must be numbers/],
      [["stats", "alpha", "--level", "ratio", "neg.csv"], /^Row 1, column 2: ratio data cannot be negative\.$/],
      [["stats", "alpha", "--level", "ratio", "open.csv"], /^"open\.csv" line 1: a quoted cell is never closed\.$/],
      [["stats", "alpha", "--level", "ratio", "empty.csv"], /^"empty\.csv" holds no rows\.$/],
      [["stats", "alpha", "--level", "interval", "--bogus", "k.csv"], /^Unknown option "--bogus"/],
      [["stats", "alpha", "--level"], /^The option "--level" needs a value/],
      [["stats", "mean", "k.csv"], /^Unknown statistic "mean"/],
      [["publish", "k.csv"], /^Unknown command "publish": this tool knows "stats" and "verify"/],
      [["stats", "alpha", "--level", "interval"], /^Name the CSV file to read/],
      [["stats", "alpha", "--level", "interval", "k.csv", "k.csv"], /one argument too many/],
      [["stats", "alpha", "--level", "interval", "--labels", "top", "k.csv"], /^--labels must be one of/],
    ];
    for (const [argv, sentence] of cases) {
      const r = await run(argv, files);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 2, stdout: "" });
      expect(r.stderr.trimEnd()).toMatch(sentence);
      // One sentence, one line.
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });

  it("prints the usage for --help (exit 0) and for no arguments (exit 2)", async () => {
    expect(await run(["--help"], {})).toMatchObject({ code: 0, stdout: expect.stringContaining("attribution-panel stats alpha --level") });
    expect(await run([], {})).toMatchObject({ code: 2, stdout: expect.stringContaining("Usage:") });
  });
});

describe("attribution-panel stats pool", () => {
  it("prints n, median, IQR and both pools of one column of percentages, a header allowed", async () => {
    const r = await run(["stats", "pool", "p.csv"], { "p.csv": "best estimate\n10\n20\n\n90\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "n: 3",
        "median: 20",
        "interquartile range: 15 to 55 (IQR 40; R type 7)",
        "linear pool: 40 (ICD 203: unlikely)",
        "log-odds pool: 38.6488 (ICD 203: unlikely) (inputs clamped to 1-99)",
        "",
      ].join("\n"),
    );
  });

  it("reads probabilities between 0 and 1 with --unit probability", async () => {
    const r = await run(["stats", "pool", "--unit", "probability", "p.csv"], { "p.csv": "0.1\n0.2\n0.9\n" });
    expect(r.stdout).toContain("linear pool: 0.4 ");
    expect(r.stdout).toContain("log-odds pool: 0.386488 ");
  });

  it("refuses more than one column, values off the scale and an empty column", async () => {
    const files = { "two.csv": "1,2\n3,4\n", "big.csv": "50\n150\n", "frac.csv": "0.5\n1.5\n", "none.csv": "estimate\n\n" };
    expect(await run(["stats", "pool", "two.csv"], files)).toMatchObject({ code: 2, stderr: expect.stringMatching(/has 2 columns; a pool reads one column/) });
    expect(await run(["stats", "pool", "big.csv"], files)).toMatchObject({ code: 2, stderr: expect.stringMatching(/row 2: "150" is not a percentage between 0 and 100/) });
    expect(await run(["stats", "pool", "--unit", "probability", "frac.csv"], files)).toMatchObject({ code: 2, stderr: expect.stringMatching(/"1\.5" is not a probability between 0 and 1/) });
    expect(await run(["stats", "pool", "none.csv"], files)).toMatchObject({ code: 2, stderr: expect.stringMatching(/holds no estimates/) });
    expect(await run(["stats", "pool", "--level", "ordinal", "two.csv"], files)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--level applies to "stats alpha" only/) });
  });
});

describe("finding the names around a table", () => {
  it("finds a header row and column around numbers, either or both, or none", () => {
    expect(takeLabels([["", "u1", "u2"], ["A", "1", "2"], ["B", "", "3"]], "auto")).toMatchObject({ cells: [["1", "2"], ["", "3"]], unitNames: ["u1", "u2"], coderNames: ["A", "B"], firstRow: 2, firstColumn: 2 });
    expect(takeLabels([["u1", "u2"], ["1", "2"]], "auto")).toMatchObject({ cells: [["1", "2"]], unitNames: ["u1", "u2"], coderNames: undefined });
    expect(takeLabels([["A", "1", "2"], ["B", "3", ""]], "auto")).toMatchObject({ cells: [["1", "2"], ["3", ""]], unitNames: undefined, coderNames: ["A", "B"] });
    expect(takeLabels([["1", "2"], ["3", "4"]], "auto")).toMatchObject({ cells: [["1", "2"], ["3", "4"]], unitNames: undefined, coderNames: undefined });
  });

  it("reads words as data in auto mode unless told, as nominal categories cannot be told from names", () => {
    expect(takeLabels([["yes", "no"], ["no", "no"]], "auto").cells).toEqual([["yes", "no"], ["no", "no"]]);
    expect(takeLabels([["", "u1", "u2"], ["A", "yes", "no"], ["B", "no", "no"]], "both").cells).toEqual([["yes", "no"], ["no", "no"]]);
  });
});

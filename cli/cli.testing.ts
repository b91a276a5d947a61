/** Test inputs for the command-line tool. */
import { KRIPPENDORFF_2011_DATA } from "../shared/merge/stats/krippendorff.testing";

/** Krippendorff's 2011 example as CSV: rows are coders, columns units, an empty cell missing; with or without names around it. */
export function krippendorffCsv(names: boolean): string {
  const units = KRIPPENDORFF_2011_DATA[0]?.length ?? 0;
  const header = names ? [["coder", ...Array.from({ length: units }, (_, u) => `unit ${u + 1}`)].join(",")] : [];
  const rows = KRIPPENDORFF_2011_DATA.map((row, i) => [...(names ? [`coder ${"ABCD"[i] ?? i}`] : []), ...row.map((v) => (v === undefined ? "" : String(v)))].join(","));
  return [...header, ...rows].join("\n") + "\n";
}

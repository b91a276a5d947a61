/** The benchmark table and its JSON file. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type BenchRow = {
  readonly name: string;
  readonly ours: { readonly value: number; readonly unit: string; readonly peakMemoryMiB?: number };
  readonly reference?: { readonly tool: string; readonly value: number; readonly unit: string; readonly peakMemoryMiB?: number };
  readonly goal?: string;
};

const fmt = (n: number | undefined, digits = 1) => (n === undefined ? "" : n.toFixed(digits));

export function printTable(rows: readonly BenchRow[]): string {
  const header = ["benchmark", "ours", "reference", "ratio", "ours peak MiB", "ref peak MiB", "goal / note"];
  const lines = rows.map((r) => [
    r.name,
    `${fmt(r.ours.value)} ${r.ours.unit}`,
    r.reference ? `${fmt(r.reference.value)} ${r.reference.unit} (${r.reference.tool})` : "",
    r.reference ? fmt(r.ours.value / r.reference.value, 2) : "",
    fmt(r.ours.peakMemoryMiB),
    fmt(r.reference?.peakMemoryMiB),
    r.goal ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ").trimEnd();
  return [render(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(render)].join("\n");
}

export function writeJson(dir: string, rows: readonly BenchRow[], meta: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "bench.json");
  writeFileSync(file, `${JSON.stringify({ ...meta, rows: rows.map((r) => ({ ...r, ratio: r.reference ? r.ours.value / r.reference.value : undefined })) }, null, 2)}\n`);
  return file;
}

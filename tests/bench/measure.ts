/** Runs a command and reports its wall time and peak resident memory (VmHWM, polled from /proc). */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export type Measurement = { readonly seconds: number; readonly maxRssBytes: number };

/** The peak resident memory of a running process, in bytes (0 once it is gone). */
export function highWaterMark(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function measure(cmd: string, args: readonly string[], options: { stdoutFile?: number } = {}): Promise<Measurement & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", options.stdoutFile ?? "pipe", "pipe"] });
    let peak = 0;
    let stdout = "";
    let stderr = "";
    const poll = setInterval(() => (peak = Math.max(peak, highWaterMark(child.pid ?? -1))), 20);
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${stderr.trim()}`));
      else resolve({ seconds: (performance.now() - started) / 1000, maxRssBytes: peak, stdout });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

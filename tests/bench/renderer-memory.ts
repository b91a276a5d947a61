/**
 * Resident memory of the Chromium renderer processes this Node process
 * launched (the crypto Web Worker runs inside its page's renderer). Found by
 * walking /proc from our own pid, so another run's Chromium on the same
 * machine is never counted.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const MiB = 1 << 20;

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const next = children.get(queue.shift() as number) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

function isRenderer(pid: number): boolean {
  try {
    // Chromium rewrites its process title, so the arguments may be one space-separated string.
    return /(^|[\0 ])--type=renderer([\0 ]|$)/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return false;
  }
}

/** VmRSS and VmHWM in bytes, or undefined once the process is gone. */
function residentBytes(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { rss: kB("VmRSS"), hwm: kB("VmHWM") };
  } catch {
    return undefined;
  }
}

export type RendererMemory = {
  /** The highest resident memory of any one renderer process while sampling, in MiB (the page's renderer is by far the largest). */
  readonly peakMiB: number;
  /** That renderer's resident memory when sampling started, in MiB. */
  readonly startMiB: number;
  /** How many renderer processes were sampled; 0 if none was found, and then nothing was measured. */
  readonly renderers: number;
  /** Whether the kernel's high-water mark could be reset at the start (then the peak is exact, not only sampled). */
  readonly exactPeak: boolean;
};

/**
 * Samples every `intervalMs` until `stop` is called. At the start each
 * renderer's high-water mark is reset (writing 5 to /proc/<pid>/clear_refs),
 * so what an earlier step (the KDF at unlock) reached is not counted; what is
 * still resident from it is.
 */
export function sampleRendererMemory(intervalMs = 50): { stop: () => RendererMemory } {
  const peaks = new Map<number, number>();
  const starts = new Map<number, number>();
  let exactPeak = true;
  const rendererPids = () => descendantsOf(process.pid).filter(isRenderer);
  for (const pid of rendererPids()) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      exactPeak = false;
    }
    starts.set(pid, residentBytes(pid)?.rss ?? 0);
  }
  let pids = rendererPids();
  let ticks = 0;
  const sample = () => {
    // Processes come and go rarely; rescan the tree every 20 samples.
    if (++ticks % 20 === 0) pids = rendererPids();
    for (const pid of pids) {
      const now = residentBytes(pid);
      // The high-water mark counts if it was reset at the start, or the process started since.
      if (now) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, now.rss, exactPeak || !starts.has(pid) ? now.hwm : 0));
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const [pid, peak] = [...peaks].reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
      return { peakMiB: peak / MiB, startMiB: (starts.get(pid) ?? 0) / MiB, renderers: peaks.size, exactPeak };
    },
  };
}

/**
 * age throughput and peak memory: ours (Node, libsodium on WebAssembly,
 * Web Streams) against the reference `age` CLI on the same file, same run.
 */
import { execFileSync } from "node:child_process";
import { closeSync, openSync, statSync } from "node:fs";
import path from "node:path";
import { measure } from "./measure";
import { writeRandomFile } from "./random-file";
import type { BenchRow } from "./report";

export async function benchAge(workDir: string, sizeBytes: number, child: string): Promise<BenchRow[]> {
  const plain = path.join(workDir, "plain.bin");
  const key = path.join(workDir, "bench.key");
  execFileSync("age-keygen", ["-o", key], { stdio: "ignore" });
  const recipient = execFileSync("age-keygen", ["-y", key], { encoding: "utf8" }).trim();
  await writeRandomFile(plain, sizeBytes);

  const oursEnc = await measure(process.execPath, [child, "encrypt", plain, path.join(workDir, "ours.age"), key]);
  const cliFd = openSync(path.join(workDir, "cli.age"), "w");
  const cliEnc = await measure("age", ["-e", "-r", recipient, plain], { stdoutFile: cliFd });
  closeSync(cliFd);
  const oursDec = await measure(process.execPath, [child, "decrypt", path.join(workDir, "cli.age"), path.join(workDir, "ours.out"), key]);
  const cliDecFd = openSync(path.join(workDir, "cli.out"), "w");
  const cliDec = await measure("age", ["-d", "-i", key, path.join(workDir, "ours.age")], { stdoutFile: cliDecFd });
  closeSync(cliDecFd);

  // Each side decrypted the other's file: sizes must match the original.
  for (const f of ["ours.out", "cli.out"]) if (statSync(path.join(workDir, f)).size !== sizeBytes) throw new Error(`${f} has the wrong size`);

  const mib = sizeBytes / (1 << 20);
  const row = (name: string, ours: { seconds: number; maxRssBytes: number }, ref: { seconds: number; maxRssBytes: number }): BenchRow => ({
    name,
    ours: { value: mib / ours.seconds, unit: "MiB/s", peakMemoryMiB: ours.maxRssBytes / (1 << 20) },
    reference: { tool: "age CLI", value: mib / ref.seconds, unit: "MiB/s", peakMemoryMiB: ref.maxRssBytes / (1 << 20) },
  });
  const parse = (m: { stdout: string; maxRssBytes: number; seconds: number }) => {
    const reported = JSON.parse(m.stdout.trim()) as { seconds: number; maxRssBytes: number };
    return { seconds: m.seconds, maxRssBytes: Math.max(m.maxRssBytes, reported.maxRssBytes) };
  };
  return [row(`age encrypt ${mib} MiB`, parse(oursEnc), cliEnc), row(`age decrypt ${mib} MiB`, parse(oursDec), cliDec)];
}

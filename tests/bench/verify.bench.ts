/**
 * `attribution-panel verify` of a publication (the five-seat panel's, built
 * by shared/publication), each run a cold process, against the stock-tool
 * check of the same signatures and files in the same run: every command
 * VERIFY.md gives (`sha256sum -c SHA256SUMS` and one `ssh-keygen -Y verify`
 * per signature) in one shell. Goal (issue 16): within 2× of it, under
 * 300 ms absolute.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadCrypto } from "../../shared/crypto/sodium";
import { fromUtf8 } from "../../shared/encoding/bytes";
import { VERIFY_MD } from "../../shared/publication/publication";
import { publishedFiles } from "../../shared/publication/publication.testing";
import { measure, median } from "./measure";
import type { BenchRow } from "./report";

const RUNS = 9;

export async function benchVerify(workDir: string, cli: string): Promise<BenchRow[]> {
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const { files } = publishedFiles();
  const dir = path.join(workDir, "publication");
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  }
  const commands = (fromUtf8(files.get(VERIFY_MD) as Uint8Array) ?? "").split("\n").filter((l) => l.startsWith("ssh-keygen -Y verify") || l.startsWith("sha256sum -c"));
  const script = `cd '${dir}' && ${commands.map((c) => `${c} > /dev/null`).join(" && ")}`;
  const ours: number[] = [];
  const stock: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternated, so load on the machine falls on both alike.
    const mine = await measure(process.execPath, [cli, "verify", dir]);
    if (!mine.stdout.includes("VALID: every check passed.")) throw new Error("the publication did not verify");
    ours.push(mine.seconds * 1000);
    stock.push((await measure("sh", ["-c", script])).seconds * 1000);
  }
  const value = median(ours);
  const reference = median(stock);
  return [
    {
      name: `attribution-panel verify, cold process (${files.size} files, ${commands.length - 1} signatures; median of ${RUNS})`,
      ours: { value, unit: "ms" },
      reference: { tool: "sha256sum -c + ssh-keygen -Y verify per signature", value: reference, unit: "ms" },
      goal: `within 2x: ${value <= 2 * reference ? "yes" : "NO"}; < 300 ms: ${value < 300 ? "yes" : "NO"}`,
    },
  ];
}

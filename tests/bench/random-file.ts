/** Writes a file of pseudo-random bytes (incompressible, never all zeros), one MiB block at a time. */
import { randomFillSync } from "node:crypto";
import { createWriteStream } from "node:fs";

export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  const block = Buffer.alloc(1 << 20);
  for (let written = 0; written < bytes; written += block.length) {
    randomFillSync(block);
    if (!out.write(written + block.length <= bytes ? block : block.subarray(0, bytes - written))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

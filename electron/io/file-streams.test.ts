import { randomFillSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileReadable, fileWritable } from "./file-streams";

const dir = mkdtempSync(path.join(tmpdir(), "file-streams-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("file streams", () => {
  it("copy a file exactly, in bounded chunks, with a private mode", async () => {
    const src = path.join(dir, "src");
    const dst = path.join(dir, "dst");
    const data = randomFillSync(Buffer.alloc(3 * 1000 + 7));
    writeFileSync(src, data);
    const sizes: number[] = [];
    const counting = new TransformStream<Uint8Array, Uint8Array>({ transform: (c, ctl) => (sizes.push(c.length), ctl.enqueue(c)) });
    await fileReadable(src, 1000).pipeThrough(counting).pipeTo(fileWritable(dst));
    expect(readFileSync(dst)).toEqual(data);
    expect(sizes).toEqual([1000, 1000, 1000, 7]);
    expect(statSync(dst).mode & 0o777).toBe(0o600);
  });

  it("reads nothing ahead of a consumer that does not pull", async () => {
    const src = path.join(dir, "big");
    writeFileSync(src, Buffer.alloc(50 * 1000));
    const reader = fileReadable(src, 1000).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 50));
    // highWaterMark 1: one chunk delivered, at most one more queued.
    expect((reader as unknown as { closed: Promise<void> }).closed).toBeInstanceOf(Promise);
    let delivered = 1;
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      delivered++;
    }
    expect(delivered).toBe(50);
  });
});

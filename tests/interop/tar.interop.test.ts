/**
 * The packet archive against GNU tar: what we write, tar lists and extracts
 * byte for byte; what tar writes in ustar format, we read; and everything
 * outside the subset packets use is refused.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { concatBytes } from "../../shared/encoding/bytes";
import { readTar, TAR_END, tarHeader, tarPadding, TarError } from "../../shared/formats/tar";
import { requireTool, run, tempDir } from "../support/tools";

const files: [string, Uint8Array][] = [
  ["manifest.json", new TextEncoder().encode('{"a":1}')],
  ["attachments/0123abcd", new Uint8Array(1500).map((_, i) => (i * 7) & 0xff)],
  ["empty.txt", new Uint8Array(0)],
  ["roster/chair.card.json", new Uint8Array(512).fill(65)],
];

function archive(entries: [string, Uint8Array][]): Uint8Array {
  return concatBytes(...entries.flatMap(([p, bytes]) => [tarHeader(p, bytes.length, 1_700_000_000), bytes, tarPadding(bytes.length)]), TAR_END);
}

async function readAll(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const out: [string, Uint8Array][] = [];
  let parts: Uint8Array[] = [];
  await readTar(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), {
    begin: () => {
      parts = [];
    },
    data: (chunk) => {
      parts.push(chunk.slice());
    },
    end: (entry) => {
      out.push([entry.path, concatBytes(...parts)]);
    },
  });
  return out;
}

describe("ustar for case packets", () => {
  it("GNU tar lists and extracts what we write, byte for byte", async () => {
    requireTool("tar", "tar");
    const tmp = tempDir("tar-ours");
    try {
      writeFileSync(tmp.file("a.tar"), archive(files));
      const list = run("tar", ["-tf", tmp.file("a.tar")]);
      expect(list.status, list.stderr.toString()).toBe(0);
      const listed = list.stdout.toString().trim().split("\n");
      expect(listed).toEqual(files.map(([p]) => p));
      mkdirSync(tmp.file("out"));
      expect(run("tar", ["-xf", tmp.file("a.tar"), "-C", tmp.file("out")]).status).toBe(0);
      for (const [p, bytes] of files) expect(createHash("sha256").update(readFileSync(path.join(tmp.file("out"), p))).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    } finally {
      tmp.remove();
    }
  });

  it("reads what GNU tar writes in ustar format, and round-trips ours", async () => {
    requireTool("tar", "tar");
    const tmp = tempDir("tar-gnu");
    try {
      mkdirSync(tmp.file("src/attachments"), { recursive: true });
      for (const [p, bytes] of files) writeFileSync(path.join(tmp.file("src"), p.replace("roster/", "")), bytes);
      // Packets hold no owner or mode of the sender's machine: tar must be told to write the ones packets carry.
      const fixed = ["--owner=0", "--group=0", "--numeric-owner", "--mode=0644"];
      expect(run("tar", ["--format=ustar", ...fixed, "-cf", tmp.file("g.tar"), "-C", tmp.file("src"), "manifest.json", "attachments/0123abcd", "empty.txt"]).status).toBe(0);
      const read = await readAll(readFileSync(tmp.file("g.tar")));
      expect(read.map(([p]) => p)).toEqual(["manifest.json", "attachments/0123abcd", "empty.txt"]);
      expect(Buffer.from(read[1]![1]).equals(Buffer.from(files[1]![1]))).toBe(true);
      expect((await readAll(archive(files))).map(([p, b]) => [p, b.length])).toEqual(files.map(([p, b]) => [p, b.length]));
    } finally {
      tmp.remove();
    }
  });

  it("refuses links, bad checksums, unsafe paths, truncation and trailing data", async () => {
    requireTool("tar", "tar");
    const tmp = tempDir("tar-bad");
    try {
      writeFileSync(tmp.file("target"), "x");
      symlinkSync("target", tmp.file("link"));
      expect(run("tar", ["--format=ustar", "-cf", tmp.file("l.tar"), "-C", tmp.dir, "link"]).status).toBe(0);
      await expect(readAll(readFileSync(tmp.file("l.tar")))).rejects.toMatchObject({ problem: { reason: "not-a-regular-file" } });
    } finally {
      tmp.remove();
    }
    const good = archive(files);
    const flipped = good.slice();
    flipped[10] = 0x41;
    await expect(readAll(flipped)).rejects.toMatchObject({ problem: { reason: "checksum-mismatch" } });
    await expect(readAll(good.subarray(0, 1024 + 100))).rejects.toThrow(TarError);
    await expect(readAll(good.subarray(0, good.length - 512))).rejects.toMatchObject({ problem: { reason: "end-marker-truncated" } });
    await expect(readAll(concatBytes(good, new TextEncoder().encode("extra")))).rejects.toMatchObject({ problem: { reason: "data-after-end" } });
    expect(() => tarHeader("../etc/passwd", 1, 0)).toThrow(RangeError);
    expect(() => tarHeader("/abs", 1, 0)).toThrow(RangeError);
    expect(() => tarHeader("a/./b", 1, 0)).toThrow(RangeError);
    // A header whose path was edited to escape (checksum fixed up) is refused by the reader too.
    const header = tarHeader("aa/bb", 0, 0);
    header.set(new TextEncoder().encode("../b"), 0);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
    header.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    await expect(readAll(concatBytes(header, TAR_END))).rejects.toMatchObject({ problem: { reason: "path-not-allowed", path: "../bb" } });
  });
});

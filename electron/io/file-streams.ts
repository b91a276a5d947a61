/**
 * Web Streams over files for Node (the command-line tool, benchmarks and
 * tests), pull-based so at most one chunk is in flight: memory stays bounded
 * whatever the file size. (Node's Readable.toWeb counts its high-water mark in
 * chunks, not bytes, and reads far ahead of a slow consumer.)
 */
import { open, type FileHandle } from "node:fs/promises";

export const FILE_CHUNK_BYTES = 1 << 20;

export function fileReadable(path: string, chunkBytes = FILE_CHUNK_BYTES): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        handle = await open(path, "r");
      },
      async pull(controller) {
        const buffer = new Uint8Array(chunkBytes);
        const { bytesRead } = await (handle as FileHandle).read(buffer, 0, chunkBytes, null);
        if (bytesRead === 0) {
          await handle?.close();
          controller.close();
        } else {
          controller.enqueue(bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead));
        }
      },
      async cancel() {
        await handle?.close();
      },
    },
    { highWaterMark: 1 },
  );
}

export function fileWritable(path: string): WritableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  return new WritableStream<Uint8Array>(
    {
      async start() {
        handle = await open(path, "w", 0o600);
      },
      async write(chunk) {
        let offset = 0;
        while (offset < chunk.length) offset += (await (handle as FileHandle).write(chunk, offset, chunk.length - offset)).bytesWritten;
      },
      async close() {
        await handle?.sync();
        await handle?.close();
      },
      async abort() {
        await handle?.close();
      },
    },
    { highWaterMark: 1 },
  );
}

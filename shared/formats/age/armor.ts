/**
 * age's ASCII armor (C2SP age §"ASCII armor"): strict PEM with the label
 * AGE ENCRYPTED FILE, padded base64 in 64-column lines. Whitespace before
 * and after is ignored and lines may end in CRLF; nothing else is lenient.
 * Both directions are incremental so armored files stream too.
 */
import { fromBase64, toBase64 } from "../../crypto/sodium";
import { ByteQueue } from "../../encoding/byte-queue";
import { concatBytes, fromUtf8, utf8 } from "../../encoding/bytes";
import { AgeStreamError, type AgeArmorProblem } from "./errors";

export const ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
export const ARMOR_END = "-----END AGE ENCRYPTED FILE-----";
const COLUMNS = 64;
const BYTES_PER_LINE = 48;
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

const fail = (reason: AgeArmorProblem): never => {
  throw new AgeStreamError({ kind: "malformed-armor", reason });
};

export class ArmorWriter {
  #pending = new ByteQueue();
  #started = false;

  push(data: Uint8Array, emit: (chunk: Uint8Array) => void): void {
    if (!this.#started) {
      emit(utf8(`${ARMOR_BEGIN}\n`));
      this.#started = true;
    }
    this.#pending.push(data);
    const whole = this.#pending.length - (this.#pending.length % BYTES_PER_LINE);
    if (whole === 0) return;
    const text = toBase64(this.#pending.take(whole));
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += COLUMNS) lines.push(text.slice(i, i + COLUMNS));
    emit(utf8(`${lines.join("\n")}\n`));
  }

  finish(emit: (chunk: Uint8Array) => void): void {
    if (!this.#started) this.push(new Uint8Array(0), emit);
    const rest = this.#pending.takeAll();
    emit(utf8(`${rest.length > 0 ? `${toBase64(rest)}\n` : ""}${ARMOR_END}\n`));
  }
}

type ReaderState = "leading" | "begin" | "body" | "end" | "trailing";

export class ArmorReader {
  #queue = new ByteQueue();
  #state: ReaderState = "leading";

  push(data: Uint8Array, emit: (chunk: Uint8Array) => void): void {
    this.#queue.push(data);
    this.#drain(emit, false);
  }

  finish(emit: (chunk: Uint8Array) => void): void {
    this.#drain(emit, true);
    if (this.#state !== "trailing") fail("end-line-missing");
  }

  #drain(emit: (chunk: Uint8Array) => void, atEnd: boolean): void {
    // Decoded lines are handed on together: one push per drain, not one per 48 bytes.
    const decoded: Uint8Array[] = [];
    try {
      this.#drainLines(decoded, atEnd);
    } finally {
      if (decoded.length > 0) emit(concatBytes(...decoded));
    }
  }

  #drainLines(decoded: Uint8Array[], atEnd: boolean): void {
    for (;;) {
      if (this.#state === "leading" || this.#state === "trailing") {
        while (this.#queue.length > 0 && isSpace(this.#queue.peek() as number)) this.#queue.take(1);
        if (this.#queue.length === 0) return;
        if (this.#state === "trailing") fail("data-after-end");
        this.#state = "begin";
      }
      const newline = this.#queue.indexOf(0x0a);
      let raw: Uint8Array;
      if (newline >= 0) {
        raw = this.#queue.take(newline + 1).subarray(0, newline);
      } else if (atEnd && this.#queue.length > 0) {
        raw = this.#queue.takeAll(); // the last line may lack its newline
      } else {
        if (this.#queue.length > COLUMNS + 2) fail("line-too-long");
        if (atEnd) fail("end-line-missing");
        return;
      }
      if (raw[raw.length - 1] === 0x0d) raw = raw.subarray(0, raw.length - 1);
      const line = fromUtf8(raw);
      if (line === undefined) fail("not-ascii");
      this.#line(line as string, decoded);
    }
  }

  #line(line: string, decoded: Uint8Array[]): void {
    switch (this.#state) {
      case "begin":
        if (line !== ARMOR_BEGIN) fail("begin-line-wrong");
        this.#state = "body";
        return;
      case "body":
      case "end": {
        if (line === ARMOR_END) {
          this.#state = "trailing";
          return;
        }
        if (this.#state === "end") fail("short-line-not-last");
        if (line.length > COLUMNS) fail("line-too-long");
        const bytes = fromBase64(line, true);
        if (!bytes || bytes.length === 0) fail("line-not-base64");
        if ((bytes as Uint8Array).length < BYTES_PER_LINE) this.#state = "end";
        decoded.push(bytes as Uint8Array);
        return;
      }
      default:
        fail("unexpected-state");
    }
  }
}

/** Whether input starting with `head` is armored; undefined while too few bytes have arrived to tell. */
export function looksArmored(head: Uint8Array): boolean | undefined {
  // A binary age file never starts with whitespace: leading whitespace means armor.
  if (head.length > 0 && isSpace(head[0] as number)) return true;
  const marker = utf8("-----BEGIN");
  const seen = Math.min(head.length, marker.length);
  if (!marker.subarray(0, seen).every((b, k) => head[k] === b)) return false;
  return seen === marker.length ? true : undefined;
}

/**
 * Passphrase (scrypt) files against the reference `age` command-line tool, in
 * both directions: our files decrypt with `age -d`, and `age -p` output
 * decrypts with ours. age reads a passphrase only from the terminal, so it
 * runs under a pseudo-terminal made by util-linux `script`, and the
 * passphrase is typed once each prompt has appeared.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes } from "../../shared/crypto/sodium";
import { readAllBytes } from "../../shared/encoding/bytes";
import { decryptBytes, encryptStreamWithPassphrase } from "../../shared/formats/age/age";
import { parseHeader } from "../../shared/formats/age/header";
import { CHUNK_BYTES } from "../../shared/formats/age/stream";
import { requireTool, tempDir } from "../support/tools";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let age: string;
let script: string;
const tmp = tempDir("age-passphrase");

beforeAll(async () => {
  age = requireTool("age", "age");
  script = requireTool("script", "bsdutils");
  expect((await loadCrypto()).ok).toBe(true);
});
afterAll(() => tmp.remove());

/** One argument for `sh -c`, quoted so that no character in it is special. */
const shellQuote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

type Exchange = { readonly prompt: string; readonly answer: string };
type TerminalRun = { readonly status: number | null; readonly terminal: string; readonly answered: number };

/**
 * Runs `argv` with a pseudo-terminal as its controlling terminal (util-linux
 * `script`), typing each answer followed by Enter once its prompt has
 * appeared, in order. `terminal` is everything the program showed there.
 */
function runInTerminal(argv: readonly string[], dialogue: readonly Exchange[], timeoutMs = 30_000): Promise<TerminalRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(script, ["-qec", argv.map(shellQuote).join(" "), "/dev/null"], {
      env: { ...process.env, SHELL: "/bin/sh", LC_ALL: "C.UTF-8" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let terminal = "";
    let searchFrom = 0;
    let answered = 0;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${argv.join(" ")} did not finish in ${timeoutMs} ms; the terminal showed ${JSON.stringify(terminal)}`));
    }, timeoutMs);
    // The program may exit (wrong passphrase) before everything was typed.
    child.stdin.on("error", () => undefined);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      terminal += text;
      for (let next = dialogue[answered]; next; next = dialogue[answered]) {
        const at = terminal.indexOf(next.prompt, searchFrom);
        if (at < 0) break;
        searchFrom = at + next.prompt.length;
        child.stdin.write(`${next.answer}\n`);
        answered += 1;
      }
    });
    child.stderr.on("data", (text: string) => (terminal += text));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ status, terminal, answered });
    });
  });
}

async function sealWithPassphrase(plaintext: Uint8Array, passphrase: string, options: { armor: boolean; workFactor: number }): Promise<Uint8Array> {
  return readAllBytes(new Blob([plaintext as Uint8Array<ArrayBuffer>]).stream().pipeThrough(encryptStreamWithPassphrase(passphrase, options)));
}

const ENTER = "Enter passphrase";
const CONFIRM = "Confirm passphrase";
// Non-ASCII, a quote and spaces: typed as UTF-8 bytes at the terminal, as ours encodes it.
const PASSPHRASE = "it's a pässwörd ✓";

describe.each([false, true])("age and ours, passphrase files (armor: %s)", (armor) => {
  it("our file decrypts with age -d, and age refuses a wrong passphrase", async () => {
    const plaintext = randomBytes(CHUNK_BYTES + 1);
    const sealedFile = tmp.file(`ours ${armor}.age`);
    writeFileSync(sealedFile, await sealWithPassphrase(plaintext, PASSPHRASE, { armor, workFactor: 10 }));

    const outFile = tmp.file(`ours ${armor}.out`);
    const good = await runInTerminal([age, "-d", "-o", outFile, sealedFile], [{ prompt: ENTER, answer: PASSPHRASE }]);
    expect(good.answered, good.terminal).toBe(1);
    expect(good.status, good.terminal).toBe(0);
    expect(good.terminal).not.toContain("error");
    expect(sha(readFileSync(outFile))).toBe(sha(plaintext));

    const wrongFile = tmp.file(`ours ${armor}.wrong`);
    const wrong = await runInTerminal([age, "-d", "-o", wrongFile, sealedFile], [{ prompt: ENTER, answer: `${PASSPHRASE}!` }]);
    expect(wrong.answered, wrong.terminal).toBe(1);
    expect(wrong.status, wrong.terminal).not.toBe(0);
    expect(wrong.terminal).toContain("incorrect passphrase");
    expect(existsSync(wrongFile) ? readFileSync(wrongFile).length : 0).toBe(0);
  });

  it("age -p output (work factor 18) decrypts with ours, and ours refuses a wrong passphrase", async () => {
    const plaintext = randomBytes(CHUNK_BYTES + 1);
    const plainFile = tmp.file(`plain ${armor}`);
    writeFileSync(plainFile, plaintext);
    const sealedFile = tmp.file(`theirs ${armor}.age`);
    const made = await runInTerminal(
      [age, "-p", ...(armor ? ["-a"] : []), "-o", sealedFile, plainFile],
      [
        { prompt: ENTER, answer: PASSPHRASE },
        { prompt: CONFIRM, answer: PASSPHRASE },
      ],
    );
    expect(made.answered, made.terminal).toBe(2);
    expect(made.status, made.terminal).toBe(0);
    // age did not fall back to a passphrase of its own: we typed one.
    expect(made.terminal).not.toMatch(/autogenerated passphrase/i);

    const sealed = new Uint8Array(readFileSync(sealedFile));
    const text = new TextDecoder().decode(sealed.subarray(0, 40));
    expect(text.startsWith(armor ? "-----BEGIN AGE ENCRYPTED FILE-----" : "age-encryption.org/v1\n")).toBe(true);
    if (!armor) {
      const header = parseHeader(sealed);
      expect(header).toMatchObject({ ok: true, value: { stanzas: [{ type: "scrypt", args: [expect.any(String), "18"] }] } });
    }
    expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: PASSPHRASE }])).toEqual({ ok: true, value: plaintext });
    expect(await decryptBytes(sealed, [{ kind: "passphrase", passphrase: `${PASSPHRASE}!` }])).toEqual({ ok: false, error: { kind: "not-a-recipient" } });
  });
});

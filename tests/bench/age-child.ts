/**
 * One age run of ours in its own process, so its peak memory is its own:
 *   node age-child.mjs encrypt|decrypt <in> <out> <key file>
 * Prints one JSON line: { seconds, maxRssBytes }.
 */
import { readFileSync } from "node:fs";
import { fileReadable, fileWritable } from "../../electron/io/file-streams";
import { loadCrypto, x25519Base } from "../../shared/crypto/sodium";
import { decryptStream, encryptStream, parseIdentity } from "../../shared/formats/age/age";

async function main(): Promise<void> {
  const [mode, input, output, keyFile] = process.argv.slice(2);
  if (!mode || !input || !output || !keyFile) throw new Error("usage: age-child encrypt|decrypt <in> <out> <key file>");
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const identity = parseIdentity(readFileSync(keyFile, "utf8").split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1")) ?? "");
  if (!identity.ok) throw new Error("bad identity");
  const started = performance.now();
  const stage = mode === "encrypt" ? encryptStream([x25519Base(identity.value)]) : decryptStream([{ kind: "x25519", secretKey: identity.value }]);
  await fileReadable(input).pipeThrough(stage).pipeTo(fileWritable(output));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

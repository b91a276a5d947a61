/**
 * SSHSIG signatures per second, ours (libsodium on WebAssembly, including
 * SHA-512 of the message, the SSHSIG blob and its armor) against Node's
 * native Ed25519 (OpenSSL) signing and verifying the same signed data.
 */
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { ed25519KeyPair, loadCrypto, randomBytes } from "../../shared/crypto/sodium";
import { parseSshsig, signSshsig, SIGNATURE_NAMESPACES, verifySshsig } from "../../shared/formats/sshsig";
import type { BenchRow } from "./report";

function rate(seconds: number, run: () => void): number {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    run();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

export async function benchSshsig(): Promise<BenchRow[]> {
  if (!(await loadCrypto()).ok) throw new Error("libsodium did not load");
  const keyPair = ed25519KeyPair(randomBytes(32));
  const message = randomBytes(1024);
  const ns = SIGNATURE_NAMESPACES.scoresheet;
  const armored = signSshsig(message, keyPair, ns);
  const parsed = parseSshsig(armored);
  if (!parsed.ok) throw new Error("own signature did not parse");

  // The reference signs what SSHSIG signs: 1 KiB stands in for the signed blob.
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.from(keyPair.secretKey.subarray(0, 32))]);
  const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const nativeSig = sign(null, message, privateKey);

  const oursSign = rate(2, () => signSshsig(message, keyPair, ns));
  const refSign = rate(2, () => sign(null, message, privateKey));
  const oursVerify = rate(2, () => {
    if (!verifySshsig(armored, message, { namespace: ns, trustedKeys: [keyPair.publicKey] }).ok) throw new Error("verify failed");
  });
  const refVerify = rate(2, () => {
    if (!verify(null, message, publicKey, nativeSig)) throw new Error("verify failed");
  });
  return [
    { name: "SSHSIG sign (1 KiB message)", ours: { value: oursSign, unit: "ops/s" }, reference: { tool: "Node/OpenSSL Ed25519", value: refSign, unit: "ops/s" } },
    { name: "SSHSIG verify (1 KiB message)", ours: { value: oursVerify, unit: "ops/s" }, reference: { tool: "Node/OpenSSL Ed25519", value: refVerify, unit: "ops/s" } },
  ];
}

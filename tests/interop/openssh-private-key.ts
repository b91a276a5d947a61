/**
 * Writes an unencrypted OpenSSH private key file (PROTOCOL.key,
 * "openssh-key-v1") for an Ed25519 key pair, so ssh-keygen can sign with a
 * key whose seed the tests chose. Test-only on purpose: the product never
 * exports secret keys, so this lives in tests/, not shared/.
 */
import { concatBytes, utf8 } from "../../shared/encoding/bytes";
import { ed25519PublicKeyBlob } from "../../shared/formats/openssh-key";
import { sshString, sshUint32 } from "../../shared/formats/ssh-wire";
import type { Ed25519KeyPair } from "../../shared/crypto/sodium";

const AUTH_MAGIC = utf8("openssh-key-v1\0");
// Cipher "none" has a block size of 8; the private section is padded to it.
const BLOCK_SIZE = 8;
// Any value will do as long as both copies agree (they detect a wrong
// passphrase when encrypted); a fixed one keeps the file deterministic.
const CHECK_INT = 0x5eed_5eed;

export function openSshPrivateKey(keyPair: Ed25519KeyPair, comment = ""): string {
  const { publicKey, secretKey } = keyPair;
  const unpadded = concatBytes(
    sshUint32(CHECK_INT),
    sshUint32(CHECK_INT),
    sshString("ssh-ed25519"),
    sshString(publicKey),
    sshString(secretKey), // libsodium's 64 bytes: seed || public key, as OpenSSH stores it
    sshString(comment),
  );
  const padding = Uint8Array.from({ length: (BLOCK_SIZE - (unpadded.length % BLOCK_SIZE)) % BLOCK_SIZE }, (_, i) => i + 1);
  const file = concatBytes(
    AUTH_MAGIC,
    sshString("none"), // ciphername
    sshString("none"), // kdfname
    sshString(new Uint8Array(0)), // kdfoptions
    sshUint32(1), // number of keys
    sshString(ed25519PublicKeyBlob(publicKey)),
    sshString(concatBytes(unpadded, padding)),
  );
  const base64 = Buffer.from(file).toString("base64");
  const lines = base64.match(/.{1,70}/g) ?? [];
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

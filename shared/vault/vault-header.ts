/**
 * The vault header: the only thing stored in clear besides opaque rows. It
 * holds what unlocking needs before any key exists: the KDF parameters and the
 * vault key wrapped under the passphrase-derived key.
 *
 * The wrap's associated data is the canonical JSON of { purpose, vaultId,
 * formatVersion, kdf }, so editing any of them makes the unwrap fail. The
 * `unlockFailures` counter is deliberately outside the associated data: it is
 * written while the vault is locked, when no key exists to authenticate it
 * (see unlock-policy.ts for what that means for an attacker).
 */
import { z } from "../validation/zod";
import { fromBase64, randomBytes, toBase64, wipe, xchacha20Poly1305Open, xchacha20Poly1305Seal, XCHACHA20POLY1305_NONCE_BYTES } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { canonicalJson } from "../formats/jcs";
import { deriveHere, kdfParamsSchema, type KdfParams, type KeyDeriver } from "./kdf";
import { toBase64Url } from "./record-slot";

export const VAULT_FORMAT_VERSION = 1;
export const VAULT_KEY_BYTES = 32;

const base64Bytes = (length: { min: number; max?: number }) =>
  z.string().refine((text) => {
    const bytes = fromBase64(text);
    return bytes !== undefined && bytes.length >= length.min && bytes.length <= (length.max ?? length.min);
  }, "bad base64 or length");

export const unlockFailuresSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  /** When the last one happened, so the delay holds across restarts. */
  lastAt: z.iso.datetime().nullable(),
});

export type UnlockFailures = z.infer<typeof unlockFailuresSchema>;

export const vaultHeaderSchema = z.strictObject({
  format: z.literal("attribution-panel-vault"),
  formatVersion: z.literal(VAULT_FORMAT_VERSION),
  vaultId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  kdf: kdfParamsSchema,
  wrappedKey: z.strictObject({
    nonce: base64Bytes({ min: XCHACHA20POLY1305_NONCE_BYTES }),
    // The 32-byte key and the 16-byte tag.
    ciphertext: base64Bytes({ min: VAULT_KEY_BYTES + 16 }),
  }),
  unlockFailures: unlockFailuresSchema,
});

export type VaultHeader = z.infer<typeof vaultHeaderSchema>;

function wrapAssociatedData(vaultId: string, kdf: KdfParams): Uint8Array {
  const ad = canonicalJson({ purpose: "vault-key-wrap", vaultId, formatVersion: VAULT_FORMAT_VERSION, kdf });
  if (!ad.ok) throw new Error("header associated data is not serialisable");
  return ad.value;
}

// NFC, so the same passphrase typed through different input methods derives the same key.
const passphraseBytes = (passphrase: string): Uint8Array => utf8(passphrase.normalize("NFC"));

/** Wraps `vaultKey` under `passphrase` with `kdf` (already checked against the floor). */
async function wrap(vaultKey: Uint8Array, passphrase: string, vaultId: string, kdf: KdfParams, derive: KeyDeriver): Promise<VaultHeader["wrappedKey"]> {
  const secret = passphraseBytes(passphrase);
  const kek = await derive(secret, kdf).finally(() => wipe(secret));
  try {
    const nonce = randomBytes(XCHACHA20POLY1305_NONCE_BYTES);
    const ciphertext = xchacha20Poly1305Seal(vaultKey, nonce, kek, wrapAssociatedData(vaultId, kdf));
    return { nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  } finally {
    wipe(kek);
  }
}

/** A new header and its freshly generated vault key (the caller keeps and later wipes the key). */
export async function createHeader(passphrase: string, kdf: KdfParams, derive: KeyDeriver = deriveHere): Promise<{ header: VaultHeader; vaultKey: Uint8Array }> {
  const vaultKey = randomBytes(VAULT_KEY_BYTES);
  const vaultId = toBase64Url(randomBytes(16));
  const header: VaultHeader = {
    format: "attribution-panel-vault",
    formatVersion: VAULT_FORMAT_VERSION,
    vaultId,
    kdf,
    wrappedKey: await wrap(vaultKey, passphrase, vaultId, kdf, derive).catch((e: unknown) => {
      wipe(vaultKey);
      throw e;
    }),
    unlockFailures: { count: 0, lastAt: null },
  };
  return { header, vaultKey };
}

/**
 * The vault key, or undefined when the passphrase is wrong or the header's
 * vault id, version or KDF parameters were altered (the two cannot be told
 * apart: both are a failed authentication). Check the KDF floor first.
 */
export async function unwrapVaultKey(header: VaultHeader, passphrase: string, derive: KeyDeriver = deriveHere): Promise<Uint8Array | undefined> {
  const secret = passphraseBytes(passphrase);
  const kek = await derive(secret, header.kdf).finally(() => wipe(secret));
  try {
    const nonce = fromBase64(header.wrappedKey.nonce);
    const ciphertext = fromBase64(header.wrappedKey.ciphertext);
    if (!nonce || !ciphertext) return undefined;
    const key = xchacha20Poly1305Open(ciphertext, nonce, kek, wrapAssociatedData(header.vaultId, header.kdf));
    if (key && key.length !== VAULT_KEY_BYTES) {
      wipe(key);
      return undefined;
    }
    return key;
  } finally {
    wipe(kek);
  }
}

/** The same vault key under a new passphrase and new KDF parameters; records are untouched. */
export async function rewrapHeader(header: VaultHeader, vaultKey: Uint8Array, passphrase: string, kdf: KdfParams, derive: KeyDeriver = deriveHere): Promise<VaultHeader> {
  return { ...header, kdf, wrappedKey: await wrap(vaultKey, passphrase, header.vaultId, kdf, derive), unlockFailures: { count: 0, lastAt: null } };
}

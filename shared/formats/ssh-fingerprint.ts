/**
 * The shape of an OpenSSH key fingerprint, apart from the code that computes one (openssh-key.ts, which needs
 * libsodium): the case model and the command line check the shape without loading cryptography.
 */

/** `SHA256:` and the unpadded base64 SHA-256 of the key blob, as `ssh-keygen -l` prints it. */
export type SshFingerprint = string & { readonly __brand: "SshFingerprint" };
export const SSH_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
/** Whether a string is shaped as an OpenSSH fingerprint (sshFingerprint computes them, of type SshFingerprint). */
export const isSshFingerprint = (value: unknown): value is SshFingerprint => typeof value === "string" && SSH_FINGERPRINT.test(value);

/**
 * Identity cards against stock tools: the card's self-signature verifies
 * with `ssh-keygen -Y verify`, its fingerprint is what `ssh-keygen -lf`
 * prints, and the exported age identity decrypts, with the `age` tool, a
 * file we encrypted to the card's recipient. The tools are required: a
 * missing one fails these tests with instructions, never skips them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrypto, randomBytes } from "../../shared/crypto/sodium";
import { encryptBytes, parseRecipient } from "../../shared/formats/age/age";
import { allowedSignersLine } from "../../shared/formats/openssh-key";
import { SIGNATURE_NAMESPACES } from "../../shared/formats/sshsig";
import { exportAgeIdentity, exportAgeIdentityFile } from "../../shared/identity/age-identity-export";
import { exportIdentityCard, importIdentityCard, type VerifiedCard } from "../../shared/identity/identity-card";
import { testIdentity } from "../../shared/identity/identity.testing";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { requireTool, run, tempDir } from "../support/tools";

const PRINCIPAL = "panelist@example.org";
const NAMESPACE = SIGNATURE_NAMESPACES.identityCard;
let keygen: string;
let age: string;
let ageKeygen: string;
const tmp = tempDir("identity-card-interop");
let identity: PersonalIdentity;
let cardFile: string;
let card: VerifiedCard;

beforeAll(async () => {
  keygen = requireTool("ssh-keygen", "openssh-client");
  age = requireTool("age", "age");
  ageKeygen = requireTool("age-keygen", "age");
  expect((await loadCrypto()).ok).toBe(true);
  identity = testIdentity({ displayName: "Zoë Ñúñez 李小龍", region: "latin-american-and-caribbean-states", nationality: "UY" });
  cardFile = exportIdentityCard(identity);
  const imported = importIdentityCard(cardFile);
  if (!imported.ok) throw new Error(`our own card was refused: ${imported.error.kind}`);
  card = imported.value;
});
afterAll(() => tmp.remove());

/** A private HOME and no agent: ssh-keygen must use only the files given here. */
function sshKeygen(args: readonly string[], input?: Uint8Array) {
  const result = run("env", ["-i", `PATH=${process.env.PATH ?? "/usr/bin:/bin"}`, `HOME=${tmp.dir}`, keygen, ...args], input);
  if (result.error) throw new Error(`could not run ssh-keygen: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

/** `ssh-keygen -Y verify` of the card's signature over `message`, with an allowed_signers line for the card's key. */
function keygenVerify(message: Uint8Array, signature: string, namespace: string = NAMESPACE) {
  writeFileSync(tmp.file("allowed_signers"), `${allowedSignersLine(PRINCIPAL, card.signingPublicKey, [NAMESPACE])}\n`);
  writeFileSync(tmp.file("card.json"), message);
  writeFileSync(tmp.file("card.sig"), signature);
  return sshKeygen(["-Y", "verify", "-f", tmp.file("allowed_signers"), "-I", PRINCIPAL, "-n", namespace, "-s", tmp.file("card.sig")], readFileSync(tmp.file("card.json")));
}

describe("ssh-keygen", () => {
  it("verifies the card's signature over the exact canonical card bytes", () => {
    const result = keygenVerify(card.cardBytes, card.signature);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(card.fingerprint);
  });

  it("verifies it over the bytes cut out of the file by position, with no JSON library", () => {
    // What a person with a text editor would do: the message lies between
    // `{"card":` and `,"signature":"`; the signature is the JSON string after it.
    const start = cardFile.indexOf('{"card":') + '{"card":'.length;
    const end = cardFile.indexOf(',"signature":"');
    const signatureText = cardFile.slice(end + ',"signature":"'.length, cardFile.lastIndexOf('"}')).replace(/\\n/g, "\n");
    const result = keygenVerify(new TextEncoder().encode(cardFile.slice(start, end)), signatureText);
    expect(result.status, result.stderr).toBe(0);
  });

  it("refuses the signature over a changed card, or in another namespace (so the checks above can fail)", () => {
    const changed = new TextEncoder().encode(new TextDecoder().decode(card.cardBytes).replace('"nationality":"UY"', '"nationality":"UA"'));
    expect(keygenVerify(changed, card.signature).status).not.toBe(0);
    expect(keygenVerify(card.cardBytes, card.signature, SIGNATURE_NAMESPACES.opinion).status).not.toBe(0);
  });

  it("prints the card's fingerprint for the card's public key line", () => {
    writeFileSync(tmp.file("card.pub"), `${card.card.signingKey}\n`);
    const result = sshKeygen(["-l", "-E", "sha256", "-f", tmp.file("card.pub")]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split(" ")[1]).toBe(card.card.fingerprint);
    expect(result.stdout).toContain("(ED25519)");
  });
});

describe("age", () => {
  /** Encrypts `plaintext` with our age writer to the card's recipient, and has `age -d` decrypt it with `who`'s exported identity. */
  async function ageDecrypt(plaintext: Uint8Array, who: PersonalIdentity) {
    const recipient = parseRecipient(card.card.ageRecipient);
    if (!recipient.ok) throw new Error("the card's recipient was refused");
    writeFileSync(tmp.file("file.age"), await encryptBytes(plaintext, [recipient.value]));
    writeFileSync(tmp.file("age.key"), `${exportAgeIdentity(who)}\n`, { mode: 0o600 });
    return run(age, ["-d", "-i", tmp.file("age.key"), tmp.file("file.age")]);
  }

  it("decrypts, with the exported identity, a file we encrypted to the card's recipient", async () => {
    const plaintext = randomBytes(200_000);
    const result = await ageDecrypt(plaintext, identity);
    expect(result.status, result.stderr.toString()).toBe(0);
    expect(new Uint8Array(result.stdout)).toEqual(plaintext);
  });

  it("refuses that file with another person's exported identity (so the check above can fail)", async () => {
    const result = await ageDecrypt(randomBytes(1000), testIdentity());
    expect(result.status).not.toBe(0);
    expect(result.stdout.length).toBe(0);
  });

  it("age-keygen -y prints the card's recipient for the exported identity and identity file", () => {
    writeFileSync(tmp.file("age.key"), `${exportAgeIdentity(identity)}\n`, { mode: 0o600 });
    writeFileSync(tmp.file("age-file.key"), exportAgeIdentityFile(identity), { mode: 0o600 });
    for (const file of ["age.key", "age-file.key"]) {
      const result = run(ageKeygen, ["-y", tmp.file(file)]);
      expect(result.status, result.stderr.toString()).toBe(0);
      expect(result.stdout.toString().trim()).toBe(card.card.ageRecipient);
    }
  });
});

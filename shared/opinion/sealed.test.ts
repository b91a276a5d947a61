import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { fromUtf8, readAllBytes, utf8 } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { mustCanonicalJson } from "../formats/jcs";
import { sshFingerprint } from "../formats/openssh-key";
import { cryptoRandom } from "../formats/selective-disclosure";
import { archiveJsonFile, buildArchiveManifest, manifestSha256, writeSignedArchive, type ArchiveFile } from "../formats/signed-archive";
import type { PersonalIdentity } from "../identity/identity";
import { sha256Hex, type RosterSeat } from "./co-signature";
import { buildPayload, signPayload } from "./payload";
import { KAT_CASE_ID, KAT_PAYLOAD_SHA256 } from "./payload.testing";
import { SEAL_PATH, SEALED_OPINION_FILE, coSignaturePath, openSealedOpinion, sealOf, sealOpinion, sealedOpinionBuild, sealedOpinionFileName, type Seal, type SealInput } from "./sealed";
import type { SignedPayload } from "./sealed-archive";
import {
  DEADLINE,
  INPUTS,
  KAT_CONCUR_STATEMENT,
  KAT_DISSENT_STATEMENT,
  KAT_DISSENT_STATEMENT_SIGNATURE,
  KAT_SEAL,
  KAT_SEALED_MANIFEST_SHA256,
  SEALED_AT,
  coSign,
  fivePanel,
  forgedPayload,
  katSeal,
  opinionEntry,
} from "./sealed.testing";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const P = fivePanel();
const key = (who: PersonalIdentity) => ({ kind: "age" as const, identity: who.encryption.secretKey, myRecipient: encodeRecipient(who.encryption.publicKey) });
const seatOf = (who: PersonalIdentity) => P.roster[[P.chair, ...P.members].indexOf(who)]?.fingerprint ?? "";
const secretariat = key(P.secretariat);
const seal = (input: SealInput = P.sealInput, chair = P.chair) => sealOpinion(input, chair.signing, P.secretariat.encryption.publicKey, SEALED_AT);

/** The archive sealOpinion writes, with seal.json and the files changed as a dishonest or broken sealer would. */
function reseal(change: { readonly seal?: (s: Seal) => unknown; readonly files?: (files: ArchiveFile[]) => ArchiveFile[] }, input: SealInput = P.sealInput): Promise<Uint8Array> {
  const build = sealedOpinionBuild(input, P.chair.signing, P.secretariat.encryption.publicKey, SEALED_AT);
  const original = sealOf(input, SEALED_AT);
  let files = build.files.map((f) => (f.path === SEAL_PATH && change.seal ? archiveJsonFile(SEAL_PATH, change.seal(original)) : f));
  if (change.files) files = change.files(files);
  return readAllBytes(writeSignedArchive(SEALED_OPINION_FILE, { ...build, files }));
}

describe("the sealed opinion's known answer", () => {
  const k = katSeal();

  it("makes the co-signature statements, seal.json and the manifest byte for byte", () => {
    const [dissent, concur] = k.coSignatures;
    expect(fromUtf8(dissent!.bytes)).toBe(KAT_DISSENT_STATEMENT);
    expect(dissent!.signature).toBe(KAT_DISSENT_STATEMENT_SIGNATURE);
    expect(fromUtf8(concur!.bytes)).toBe(KAT_CONCUR_STATEMENT);
    expect(dissent!.statement.payloadSha256).toBe(KAT_PAYLOAD_SHA256);
    expect(fromUtf8(mustCanonicalJson(sealOf(k.sealInput, SEALED_AT), "seal"))).toBe(KAT_SEAL);
    const manifest = buildArchiveManifest(SEALED_OPINION_FILE, sealedOpinionBuild(k.sealInput, k.kat.keys.chair, k.secretariat.publicKey, SEALED_AT));
    expect(manifestSha256(manifest)).toBe(KAT_SEALED_MANIFEST_SHA256);
  });

  it("opens at the secretariat with its roster, every part verified", async () => {
    const file = await sealOpinion(k.sealInput, k.kat.keys.chair, k.secretariat.publicKey, SEALED_AT);
    const opened = await openSealedOpinion(file, { kind: "age", identity: k.secretariat.secretKey }, k.kat.keys.roster);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.payload.sha256).toBe(KAT_PAYLOAD_SHA256);
    expect(opened.value.coSignatures.map((c) => c.statement.stance)).toEqual(["dissent", "concur"]);
    expect(opened.value.seal.notSigned).toEqual([]);
    expect(fromUtf8(mustCanonicalJson(opened.value.seal, "seal"))).toBe(KAT_SEAL);
  });
});

describe("the sealed opinion across a five-seat panel", () => {
  it("carries the payload, every disclosure and co-signature, and records the member who did not sign", async () => {
    const file = await seal();
    const opened = await openSealedOpinion(file, secretariat, P.roster);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const o = opened.value;
    expect(o.bytes).toEqual(P.payload.bytes);
    expect(o.signature).toBe(P.payload.signature);
    expect(o.signer.fingerprint).toBe(seatOf(P.chair));
    expect(o.disclosures.draft).toHaveLength(P.draft.disclosures.length);
    expect(o.disclosures.separateOpinions).toHaveLength(2);
    expect(o.payload.separateOpinions.map((e) => e.bytes)).toEqual(expect.arrayContaining([P.dissent.bytes, P.separate.bytes]));
    expect(o.coSignatures.map((c) => [c.statement.fingerprint, c.statement.stance])).toEqual([
      [seatOf(P.m1), "dissent"],
      [seatOf(P.m2), "concur-separate"],
      [seatOf(P.m3), "concur"],
    ]);
    for (const c of o.coSignatures) expect(c.statement.payloadSha256).toBe(sha256Hex(o.bytes));
    expect(o.seal.notSigned).toEqual([{ fingerprint: seatOf(P.m4) }]);
    expect(o.seal.inputs).toEqual(INPUTS);
    expect(o.seal.deadline).toBe(DEADLINE.toISOString());
    expect(sealedOpinionFileName(KAT_CASE_ID)).toBe("sealed-opinion-case-0000000.age");
  });

  it("records every member as signing, or none", async () => {
    const all = { ...P.sealInput, coSignatures: [...P.coSignatures, coSign(P.m4, sha256Hex(P.payload.bytes), "concur")] };
    const everyone = await openSealedOpinion(await seal(all), secretariat, P.roster);
    expect(everyone.ok && everyone.value.seal.notSigned).toEqual([]);
    const none = await openSealedOpinion(await seal({ ...P.sealInput, coSignatures: [] }), secretariat, P.roster);
    expect(none.ok && none.value.seal.notSigned.map((s) => s.fingerprint)).toEqual(P.members.map(seatOf));
  });
});

describe("the secretariat's refusals, each a value", () => {
  it("refuses an archive not signed by the chair of the secretariat's own roster", async () => {
    expect(await openSealedOpinion(await seal(P.sealInput, P.m1), secretariat, P.roster)).toEqual({ ok: false, error: { kind: "not-from-chair", fingerprint: seatOf(P.m1) } });
    const otherChair: RosterSeat[] = P.roster.map((s) => (s.role === "chair" ? { role: "chair", fingerprint: seatOf(P.m4) } : s));
    expect(await openSealedOpinion(await seal(), secretariat, otherChair)).toMatchObject({ ok: false, error: { kind: "not-from-chair" } });
    expect(await openSealedOpinion(await seal(), key(P.m1), P.roster)).toMatchObject({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("refuses when its roster differs from the secretariat's: a seat it does not hold, a seat left unaccounted", async () => {
    const withoutM4 = P.roster.filter((s) => s.fingerprint !== seatOf(P.m4));
    expect(await openSealedOpinion(await seal(), secretariat, withoutM4)).toEqual({ ok: false, error: { kind: "not-a-member", fingerprint: seatOf(P.m4) } });
    const strangerSeat = sshFingerprint(P.stranger.signing.publicKey);
    const withStranger: RosterSeat[] = [...P.roster, { role: "member", fingerprint: strangerSeat }];
    expect(await openSealedOpinion(await seal(), secretariat, withStranger)).toEqual({ ok: false, error: { kind: "seat-unaccounted", fingerprint: strangerSeat } });
  });

  it("refuses a payload changed after co-signing", async () => {
    const built = buildPayload(P.draft.bytes, [P.dissent, P.separate], P.roster, cryptoRandom);
    if (!built.ok) throw new Error(built.error.kind);
    const changed: SignedPayload = { bytes: built.value.bytes, signature: signPayload(built.value.bytes, P.chair.signing), draftDisclosures: P.draft.disclosures, separateOpinionDisclosures: built.value.disclosures, decoys: [...P.draft.decoys, ...built.value.decoys] };
    const opened = await openSealedOpinion(await seal({ ...P.sealInput, payload: changed }), secretariat, P.roster);
    expect(opened).toMatchObject({ ok: false, error: { kind: "co-signature", index: 0, problem: { kind: "co-signature", error: { kind: "other-payload", expected: built.value.sha256, actual: sha256Hex(P.payload.bytes) } } } });
  });

  it("refuses a member's altered dissent: one changed word under the member's signature, co-signed by the others", async () => {
    const altered = fromUtf8(P.dissent.bytes)?.replace("uncorroborated", "corroborated") ?? "";
    expect(altered).not.toBe(fromUtf8(P.dissent.bytes));
    const forged = forgedPayload(P, [opinionEntry(P.dissent, altered), opinionEntry(P.separate)]);
    const sha = sha256Hex(forged.bytes);
    const input = { ...P.sealInput, payload: forged, coSignatures: [coSign(P.m2, sha, "concur"), coSign(P.m3, sha, "concur")] };
    expect(await openSealedOpinion(await seal(input), secretariat, P.roster)).toMatchObject({ ok: false, error: { kind: "payload", error: { kind: "separate-opinion", error: { kind: "signature" } } } });
  });

  it("refuses a payload without the dissent its author co-signed as a dissenter, and a statement changed after signing", async () => {
    const built = buildPayload(P.draft.bytes, [P.separate], P.roster, cryptoRandom);
    if (!built.ok) throw new Error(built.error.kind);
    const without: SignedPayload = { bytes: built.value.bytes, signature: signPayload(built.value.bytes, P.chair.signing), draftDisclosures: P.draft.disclosures, separateOpinionDisclosures: built.value.disclosures, decoys: [...P.draft.decoys, ...built.value.decoys] };
    const dissentOnIt = coSign(P.m1, built.value.sha256, "dissent", P.dissent);
    const r = await openSealedOpinion(await seal({ ...P.sealInput, payload: without, coSignatures: [dissentOnIt] }), secretariat, P.roster);
    expect(r).toEqual({ ok: false, error: { kind: "co-signature", index: 0, problem: { kind: "stance", reason: "opinion-not-in-payload", fingerprint: seatOf(P.m1) } } });

    const restated = (f: ArchiveFile) => (f.path === coSignaturePath(0) && f.kind === "json" ? { ...f, bytes: utf8((fromUtf8(f.bytes) ?? "").replace('"dissent"', '"concur-separate"')) } : f);
    const opened = await openSealedOpinion(await reseal({ files: (files) => files.map(restated) }), secretariat, P.roster);
    expect(opened).toMatchObject({ ok: false, error: { kind: "co-signature", index: 0, problem: { kind: "co-signature", error: { kind: "signature" } } } });
  });

  it("refuses a seat both signed and not signed, listed twice, or a statement listed under another seat", async () => {
    const open = async (change: Parameters<typeof reseal>[0], input?: SealInput) => openSealedOpinion(await reseal(change, input), secretariat, P.roster);
    expect(await open({ seal: (s) => ({ ...s, notSigned: [...s.notSigned, { fingerprint: seatOf(P.m3) }] }) })).toEqual({ ok: false, error: { kind: "signed-and-not-signed", fingerprint: seatOf(P.m3) } });
    expect(await open({ seal: (s) => ({ ...s, notSigned: [...s.notSigned, ...s.notSigned] }) })).toEqual({ ok: false, error: { kind: "duplicate-seat", fingerprint: seatOf(P.m4) } });
    expect(await open({ seal: (s) => ({ ...s, notSigned: [] }) })).toEqual({ ok: false, error: { kind: "seat-unaccounted", fingerprint: seatOf(P.m4) } });
    expect(await open({ seal: (s) => ({ ...s, notSigned: [...s.notSigned, { fingerprint: seatOf(P.chair) }] }) })).toEqual({ ok: false, error: { kind: "not-a-member", fingerprint: seatOf(P.chair) } });
    const swapped = (s: Seal) => ({ ...s, coSignatures: s.coSignatures.map((c, i) => (i === 1 ? { ...c, fingerprint: s.coSignatures[2]!.fingerprint } : c)) });
    expect(await open({ seal: swapped })).toEqual({ ok: false, error: { kind: "co-signature-seat", index: 1, listed: seatOf(P.m3), signed: seatOf(P.m2) } });
    // Two statements of one seat (signed at different times), each listed under it.
    const sha = sha256Hex(P.payload.bytes);
    const twice = { ...P.sealInput, coSignatures: [coSign(P.m3, sha, "concur"), coSign(P.m3, sha, "concur", undefined, new Date("2026-12-04T00:00:00.000Z"))] };
    expect(() => sealOf(twice, SEALED_AT)).toThrow(/two co-signatures of one seat/);
    const dup = (s: Seal) => ({ ...s, coSignatures: [0, 1].map((i) => ({ fingerprint: seatOf(P.m3), statement: coSignaturePath(i) })), notSigned: [seatOf(P.m1), seatOf(P.m2), seatOf(P.m4)].map((fingerprint) => ({ fingerprint })) });
    const twiceBuild = { ...P.sealInput, coSignatures: [P.coSignatures[2]!, coSign(P.m3, sha, "concur", undefined, new Date("2026-12-04T00:00:00.000Z"))] };
    // sealOf refuses it, so build with distinct seats and rewrite seal.json and the files.
    const files = (fs: ArchiveFile[]) =>
      fs.map((f) => {
        const i = [0, 1].find((n) => f.path === coSignaturePath(n));
        const j = [0, 1].find((n) => f.path === `${coSignaturePath(n)}.sig`);
        if (i !== undefined) return { ...f, bytes: twiceBuild.coSignatures[i]!.bytes };
        if (j !== undefined) return { ...f, bytes: utf8(twiceBuild.coSignatures[j]!.signature) };
        return f;
      });
    expect(await open({ seal: dup, files }, { ...P.sealInput, coSignatures: P.coSignatures.slice(0, 2) })).toEqual({ ok: false, error: { kind: "duplicate-seat", fingerprint: seatOf(P.m3) } });
  });

  it("refuses members recorded as not signing before their deadline has passed", async () => {
    const early = new Date(DEADLINE.getTime() - 60_000);
    expect(() => sealOf(P.sealInput, early)).toThrow(/before the deadline/);
    // Sealing early is fine once everyone has signed.
    const all = { ...P.sealInput, coSignatures: [...P.coSignatures, coSign(P.m4, sha256Hex(P.payload.bytes), "concur")] };
    expect(await openSealedOpinion(await sealOpinion(all, P.chair.signing, P.secretariat.encryption.publicKey, early), secretariat, P.roster)).toMatchObject({ ok: true });
    const input = { ...P.sealInput, deadline: new Date(SEALED_AT.getTime() + 60_000) };
    const forged = await reseal({ seal: (s) => ({ ...s, deadline: input.deadline.toISOString() }) });
    expect(await openSealedOpinion(forged, secretariat, P.roster)).toEqual({ ok: false, error: { kind: "sealed-before-deadline", deadline: input.deadline.toISOString(), sealedAt: SEALED_AT.toISOString() } });
  });

  it("refuses a seal.json that does not match the manifest or the payload, and files that are not the listed ones", async () => {
    const open = async (change: Parameters<typeof reseal>[0]) => openSealedOpinion(await reseal(change), secretariat, P.roster);
    expect(await open({ seal: (s) => ({ ...s, payloadSha256: "0".repeat(64) }) })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "seal-mismatch" } });
    expect(await open({ seal: (s) => ({ ...s, sealedAt: "2026-12-11T09:00:00.000Z" }) })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "seal-mismatch" } });
    expect(await open({ seal: (s) => ({ ...s, inputs: { ...s.inputs, round: 2 } }) })).toEqual({ ok: false, error: { kind: "other-round", payload: 1, inputs: 2 } });
    expect(await open({ seal: (s) => ({ ...s, inputs: { ...s.inputs, scoresheets: [...s.inputs.scoresheets, s.inputs.scoresheets[0]] } }) })).toMatchObject({ ok: false, error: { kind: "invalid-content", reason: "seal-invalid" } });
    expect(await open({ seal: (s) => ({ ...s, notSigned: "none" }) })).toMatchObject({ ok: false, error: { kind: "invalid-content", reason: "seal-invalid" } });
    expect(await open({ seal: (s) => ({ ...s, coSignatures: s.coSignatures.slice(1) }) })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    expect(await open({ files: (fs) => fs.filter((f) => f.path !== `${coSignaturePath(2)}.sig`) })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    expect(await open({ files: (fs) => [...fs, archiveJsonFile("notes.json", { note: "extra" })] })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    expect(await open({ files: (fs) => fs.filter((f) => f.path !== "disclosures.json") })).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    expect(await open({ files: (fs) => fs.map((f) => (f.path === "opinion.json.sig" ? { ...f, bytes: utf8(signPayload(P.payload.bytes, P.m1.signing)) } : f)) })).toMatchObject({
      ok: false,
      error: { kind: "payload", error: { kind: "not-the-chair" } },
    });
  });
});

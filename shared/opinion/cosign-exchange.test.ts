import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { cryptoRandom } from "../formats/selective-disclosure";
import { readAllBytes } from "../encoding/bytes";
import { archiveJsonFile, writeSignedArchive } from "../formats/signed-archive";
import type { PersonalIdentity } from "../identity/identity";
import { sha256Hex, signCoSignature, type Sha256Hex } from "./co-signature";
import {
  COSIGN_REQUEST_FILE,
  COSIGN_RETURN_FILE,
  checkCoSignature,
  cosignRequestFileName,
  openCosignRequest,
  openCosignReturn,
  sealCosignRequest,
  sealCosignReturn,
  type CosignRequest,
} from "./cosign-exchange";
import { KAT_CASE_ID, KAT_MARKS } from "./payload.testing";
import { buildPayload, signPayload, verifyPayload } from "./payload";
import { DISCLOSURES_PATH, PAYLOAD_PATH, PAYLOAD_SIGNATURE_PATH, disclosuresFile, type SignedPayload } from "./sealed-archive";
import { DEADLINE, SIGNED_AT, coSign, fivePanel, forgedPayload, opinionEntry } from "./sealed.testing";
import { signSeparateOpinion } from "./separate-opinion";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const P = fivePanel();
const NOW = new Date("2026-12-03T09:00:00.000Z");
const key = (who: PersonalIdentity) => ({ kind: "age" as const, identity: who.encryption.secretKey, myRecipient: encodeRecipient(who.encryption.publicKey) });
/** The seat `who` holds (fivePanel's roster is the chair, then the members in order). */
const seat = (who: PersonalIdentity) => (P.roster[[P.chair, ...P.members].indexOf(who)]?.fingerprint ?? "") as CosignRequest["recipient"]["fingerprint"];
const requestFor = (who: PersonalIdentity, payload: SignedPayload = P.payload): CosignRequest => ({ caseId: KAT_CASE_ID, payload, recipient: { fingerprint: seat(who), encryptionKey: who.encryption.publicKey }, deadline: DEADLINE });
const allDisclosures = (p: SignedPayload) => [...p.draftDisclosures, ...p.separateOpinionDisclosures].map((d) => d.encoded);

/** A payload built honestly from the same draft with the opinions given. */
function payloadWith(opinions: Parameters<typeof buildPayload>[1]): SignedPayload {
  const built = buildPayload(P.draft.bytes, opinions, P.roster, cryptoRandom);
  if (!built.ok) throw new Error(built.error.kind);
  return { bytes: built.value.bytes, signature: signPayload(built.value.bytes, P.chair.signing), draftDisclosures: P.draft.disclosures, separateOpinionDisclosures: built.value.disclosures, decoys: [...P.draft.decoys, ...built.value.decoys] };
}

describe("the request for co-signature", () => {
  it("reaches each of the four members with the full text, their own opinion found byte for byte", async () => {
    const mine = new Map([
      [P.m1, P.dissent],
      [P.m2, P.separate],
    ]);
    for (const member of P.members) {
      const file = await sealCosignRequest(requestFor(member), P.chair.signing, NOW);
      const own = mine.get(member);
      const opened = await openCosignRequest(file, key(member), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(member), ...(own === undefined ? {} : { mine: own }) });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      const r = opened.value;
      expect(r.payload.sha256).toBe(sha256Hex(P.payload.bytes));
      expect(r.bytes).toEqual(P.payload.bytes);
      expect(r.signature).toBe(P.payload.signature);
      expect(r.deadline).toBe(DEADLINE.toISOString());
      // Everything withheld is revealed to the member, each with the chair's reason.
      expect(r.disclosures.draft.map((d) => d.reason)).toEqual(P.draft.disclosures.map((d) => d.reason));
      expect([...r.disclosures.draft.map((d) => d.reason)].sort()).toEqual(KAT_MARKS.map((m) => m.reason).sort());
      expect((r.payload.document["reasoning"] as string[]).length).toBe(2);
      expect((r.payload.document["roster"] as { affiliation?: string }[])[2]?.affiliation).toBe("NASK");
      expect(r.payload.separateOpinions.map((e) => e.opinion.kind).sort()).toEqual(["dissent", "separate"]);
      expect(r.mine === undefined ? undefined : r.payload.separateOpinions[r.mine]?.bytes).toEqual(own?.bytes);
    }
    expect(cosignRequestFileName(KAT_CASE_ID, seat(P.m1))).toMatch(/^cosign-request-case-0000000-[A-Za-z0-9]{8}\.age$/);
  });

  it("is refused unless the chair seat signed it and it is for this member", async () => {
    const fromMember = await sealCosignRequest(requestFor(P.m1), P.m2.signing, NOW);
    expect(await openCosignRequest(fromMember, key(P.m1), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m1), mine: P.dissent })).toEqual({ ok: false, error: { kind: "not-from-chair", fingerprint: seat(P.m2) } });
    const forM3 = await sealCosignRequest({ ...requestFor(P.m3), recipient: { fingerprint: seat(P.m3), encryptionKey: P.m4.encryption.publicKey } }, P.chair.signing, NOW);
    expect(await openCosignRequest(forM3, key(P.m4), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m4) })).toEqual({ ok: false, error: { kind: "not-for-this-seat" } });
    const otherCase = await sealCosignRequest({ ...requestFor(P.m1), caseId: "case-0000000000000002" }, P.chair.signing, NOW);
    expect(await openCosignRequest(otherCase, key(P.m1), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m1), mine: P.dissent })).toEqual({
      ok: false,
      error: { kind: "other-case", expected: KAT_CASE_ID, actual: "case-0000000000000002" },
    });
    const toM1 = await sealCosignRequest(requestFor(P.m1), P.chair.signing, NOW);
    expect(await openCosignRequest(toM1, key(P.m2), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m2), mine: P.separate })).toMatchObject({ ok: false, error: { kind: "not-addressed-to-you" } });
  });

  it("refuses a member's altered dissent: one changed word under the member's signature", async () => {
    const altered = fromUtf8(P.dissent.bytes)?.replace("uncorroborated", "corroborated") ?? "";
    const forged = forgedPayload(P, [opinionEntry(P.dissent, altered), opinionEntry(P.separate)]);
    const file = await sealCosignRequest(requestFor(P.m3, forged), P.chair.signing, NOW);
    const opened = await openCosignRequest(file, key(P.m3), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m3) });
    expect(opened).toMatchObject({ ok: false, error: { kind: "payload", error: { kind: "separate-opinion", error: { kind: "signature" } } } });
  });

  it("refuses a payload that leaves out the member's opinion, carries an earlier version, or carries one they did not send", async () => {
    const without = payloadWith([P.separate]);
    const f1 = await sealCosignRequest(requestFor(P.m1, without), P.chair.signing, NOW);
    expect(await openCosignRequest(f1, key(P.m1), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m1), mine: P.dissent })).toEqual({ ok: false, error: { kind: "my-opinion", error: { kind: "missing" } } });

    const later = signSeparateOpinion({ caseId: KAT_CASE_ID, seat: "member", kind: "dissent", draftSha256: P.draft.sha256, text: ["My revised dissent."] }, P.m1.signing, new Date("2026-12-02T14:00:00.000Z"));
    const f2 = await sealCosignRequest(requestFor(P.m1), P.chair.signing, NOW);
    expect(await openCosignRequest(f2, key(P.m1), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m1), mine: later })).toMatchObject({ ok: false, error: { kind: "my-opinion", error: { kind: "other-version" } } });

    expect(await openCosignRequest(f2, key(P.m1), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m1) })).toMatchObject({ ok: false, error: { kind: "opinion-not-sent" } });
  });

  it("refuses a payload signed by another seat than the chair, a changed disclosure, and files that are not the three", async () => {
    const memberSigned = { ...P.payload, signature: signPayload(P.payload.bytes, P.m2.signing) };
    const f1 = await sealCosignRequest(requestFor(P.m3, memberSigned), P.chair.signing, NOW);
    expect(await openCosignRequest(f1, key(P.m3), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m3) })).toMatchObject({ ok: false, error: { kind: "payload", error: { kind: "not-the-chair" } } });

    const write = (files: Parameters<typeof writeSignedArchive>[1]["files"], payloadSha256 = sha256Hex(P.payload.bytes)) =>
      readAllBytes(
        writeSignedArchive(COSIGN_REQUEST_FILE, {
          sender: P.chair.signing,
          recipients: [P.m3.encryption.publicKey],
          createdAt: NOW,
          fields: { caseId: KAT_CASE_ID, recipient: seat(P.m3), payloadSha256, deadline: DEADLINE.toISOString() },
          files,
        }),
      );
    const payloadFile = { path: PAYLOAD_PATH, kind: "json" as const, bytes: P.payload.bytes };
    const sigFile = { path: PAYLOAD_SIGNATURE_PATH, kind: "json" as const, bytes: utf8(P.payload.signature) };
    const open = async (file: Promise<Uint8Array>) => openCosignRequest(await file, key(P.m3), { roster: P.roster, caseId: KAT_CASE_ID, seat: seat(P.m3) });

    const disclosures = disclosuresFile(P.payload);
    const [first, ...rest] = disclosures.draft;
    const changed = { ...disclosures, draft: [{ ...first!, disclosure: `${first!.disclosure.slice(0, -2)}AA` }, ...rest] };
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, changed)]))).toMatchObject({ ok: false, error: { kind: "payload", error: { kind: "disclosures" } } });
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, { ...disclosures, draft: [{ ...first!, reason: "national-security" }] })]))).toMatchObject({
      ok: false,
      error: { kind: "invalid-content", reason: "disclosures-invalid" },
    });
    // A part hidden from the member: a disclosure left out, or a real digest passed off as a decoy.
    const hidden = { ...disclosures, draft: disclosures.draft.slice(0, -1) };
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, hidden)]))).toEqual({ ok: false, error: { kind: "undisclosed-parts", count: 1 } });
    const fewerDecoys = { ...disclosures, decoys: disclosures.decoys.slice(1) };
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, fewerDecoys)]))).toEqual({ ok: false, error: { kind: "undisclosed-parts", count: 1 } });
    // A pointer that is not where its disclosure's content is, and a separate opinion's disclosure filed among the draft's.
    const [second, ...after] = rest;
    const swapped = { ...disclosures, draft: [{ ...first!, pointer: second!.pointer }, { ...second!, pointer: first!.pointer }, ...after] };
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, swapped)]))).toEqual({ ok: false, error: { kind: "invalid-content", reason: "disclosure-mismatch", index: 0 } });
    const misfiled = { ...disclosures, draft: disclosures.draft.slice(0, -1), separateOpinions: [...disclosures.separateOpinions, disclosures.draft.at(-1)!.disclosure] };
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, misfiled)]))).toEqual({
      ok: false,
      error: { kind: "invalid-content", reason: "disclosure-mismatch", index: misfiled.draft.length },
    });
    const intoDraft = { ...disclosures, draft: [...disclosures.draft, { pointer: "/separateOpinions/0", disclosure: disclosures.separateOpinions[0]!, reason: "personal-data" as const }], separateOpinions: disclosures.separateOpinions.slice(1) };
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, intoDraft)]))).toEqual({
      ok: false,
      error: { kind: "invalid-content", reason: "disclosure-mismatch", index: disclosures.draft.length },
    });
    expect(await open(write([payloadFile, sigFile]))).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, disclosures)], "0".repeat(64) as Sha256Hex))).toEqual({ ok: false, error: { kind: "invalid-content", reason: "manifest-mismatch" } });
    // The same files as sealCosignRequest writes them open.
    expect(await open(write([payloadFile, sigFile, archiveJsonFile(DISCLOSURES_PATH, disclosures)]))).toMatchObject({ ok: true });
  });
});

describe("the co-signature returned", () => {
  const [d1, s2, c3] = P.coSignatures as [(typeof P.coSignatures)[0], (typeof P.coSignatures)[0], (typeof P.coSignatures)[0]];
  const chairKey = key(P.chair);
  const expected = { roster: P.roster, payload: P.verified };

  it("reaches the chair from each member who signs, with the stance that fits the payload", async () => {
    for (const [signed, member] of [
      [d1, P.m1],
      [s2, P.m2],
      [c3, P.m3],
    ] as const) {
      const file = await sealCosignReturn(signed, member.signing, P.chair.encryption.publicKey, NOW);
      const opened = await openCosignReturn(file, chairKey, expected);
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      expect(opened.value.bytes).toEqual(signed.bytes);
      expect(opened.value.signature).toBe(signed.signature);
      expect(opened.value.statement).toEqual(signed.statement);
    }
  });

  it("refuses a co-signature of a payload changed after co-signing", async () => {
    const changed = payloadWith([P.dissent, P.separate]);
    expect(changed.bytes).not.toEqual(P.payload.bytes);
    const verified = verifyPayload(changed.bytes, changed.signature, P.roster, allDisclosures(changed));
    if (!verified.ok) throw new Error(verified.error.kind);
    const file = await sealCosignReturn(c3, P.m3.signing, P.chair.encryption.publicKey, NOW);
    expect(await openCosignReturn(file, chairKey, { roster: P.roster, payload: verified.value })).toEqual({
      ok: false,
      error: { kind: "other-payload", expected: verified.value.sha256, actual: sha256Hex(P.payload.bytes) },
    });
    // The statement alone, against the changed payload.
    expect(checkCoSignature(c3.bytes, c3.signature, verified.value, P.roster)).toMatchObject({ ok: false, error: { kind: "co-signature", error: { kind: "other-payload" } } });
  });

  it("refuses an archive not signed by a member seat, and a member sending another member's statement", async () => {
    const byStranger = await sealCosignReturn(c3, P.stranger.signing, P.chair.encryption.publicKey, NOW);
    expect(await openCosignReturn(byStranger, chairKey, expected)).toMatchObject({ ok: false, error: { kind: "not-from-member" } });
    const byChair = await sealCosignReturn(c3, P.chair.signing, P.chair.encryption.publicKey, NOW);
    expect(await openCosignReturn(byChair, chairKey, expected)).toMatchObject({ ok: false, error: { kind: "not-from-member" } });
    const forwarded = await sealCosignReturn(c3, P.m4.signing, P.chair.encryption.publicKey, NOW);
    expect(await openCosignReturn(forwarded, chairKey, expected)).toEqual({ ok: false, error: { kind: "not-the-senders-statement", sender: seat(P.m4), named: seat(P.m3) } });
  });

  it("refuses a statement whose signature or bytes were changed, and files that are not the two", async () => {
    const altered = { ...c3, bytes: utf8((fromUtf8(c3.bytes) ?? "").replace('"concur"', '"dissent"')) };
    const file = await sealCosignReturn(altered, P.m3.signing, P.chair.encryption.publicKey, NOW);
    expect(await openCosignReturn(file, chairKey, expected)).toMatchObject({ ok: false, error: { kind: "co-signature", error: { kind: "signature" } } });
    const oneFile = await readAllBytes(
      writeSignedArchive(COSIGN_RETURN_FILE, {
        sender: P.m3.signing,
        recipients: [P.chair.encryption.publicKey],
        createdAt: NOW,
        fields: { caseId: KAT_CASE_ID, payloadSha256: sha256Hex(P.payload.bytes) },
        files: [{ path: "statement.json", kind: "json", bytes: c3.bytes }],
      }),
    );
    expect(await openCosignReturn(oneFile, chairKey, expected)).toEqual({ ok: false, error: { kind: "invalid-content", reason: "wrong-files" } });
  });

  it("checks the stance against the payload: a dissent or separate concurrence names the seat's opinion in it, of its kind; a concurrence has none", () => {
    const sha = sha256Hex(P.payload.bytes);
    const check = (s: { bytes: Uint8Array; signature: string }) => checkCoSignature(s.bytes, s.signature, P.verified, P.roster);
    expect(check(coSign(P.m1, sha, "concur"))).toMatchObject({ ok: false, error: { kind: "stance", reason: "concur-with-opinion-in-payload" } });
    expect(check(coSign(P.m1, sha, "concur-separate", P.dissent))).toMatchObject({ ok: false, error: { kind: "stance", reason: "stance-not-the-opinions-kind" } });
    const unsent = signSeparateOpinion({ caseId: KAT_CASE_ID, seat: "member", kind: "dissent", draftSha256: P.draft.sha256, text: ["Never sent."] }, P.m3.signing, SIGNED_AT);
    expect(check(coSign(P.m3, sha, "dissent", unsent))).toMatchObject({ ok: false, error: { kind: "stance", reason: "opinion-not-in-payload" } });
    // A member's altered dissent: the statement names the dissent as the member wrote it, not what the payload holds.
    const otherText = signSeparateOpinion({ caseId: KAT_CASE_ID, seat: "member", kind: "dissent", draftSha256: P.draft.sha256, text: ["Another text."] }, P.m1.signing, SIGNED_AT);
    expect(check(coSign(P.m1, sha, "dissent", otherText))).toMatchObject({ ok: false, error: { kind: "stance", reason: "opinion-not-in-payload" } });
    const chairCo = signCoSignature({ payloadSha256: P.verified.sha256, caseId: KAT_CASE_ID, seat: "chair", stance: "concur" }, P.chair.signing, SIGNED_AT);
    expect(check(chairCo)).toMatchObject({ ok: false, error: { kind: "not-a-member" } });
    expect(check(coSign(P.stranger, sha, "concur"))).toMatchObject({ ok: false, error: { kind: "co-signature", error: { kind: "not-on-roster" } } });
    expect(check(coSign(P.m4, sha, "concur"))).toMatchObject({ ok: true });
  });
});

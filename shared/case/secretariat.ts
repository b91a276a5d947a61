/**
 * What the secretariat does with its vault: enrol experts, keep cases
 * (custody append-only), attach files with a custody event carrying the
 * hash just computed, import STIX bundles, compose panels, load the sample.
 * Each change is one vault write with its audit entry.
 */
import { exportIdentityCard, importReceivedCard } from "../identity/identity-card";
import { createIdentity, wipeIdentity } from "../identity/identity";
import { timestampOf } from "../identity/identity-details";
import { normalizeTypedFingerprint } from "../identity/fingerprint-reading";
import { isCountryCode, unknownCountryCodes } from "../identity/countries";
import { sshFingerprint } from "../formats/openssh-key";
import { err, ok, type Result } from "../result";
import type { AttachmentInfo, StagedAttachment } from "../vault/attachments";
import { newRecordId } from "../vault/record-slot";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { issuesOf } from "../validation/issues";
import { attachmentIdOf, newCaseId, newClaimId, newEvidenceId, newExpertId } from "./ids";
import { CaseDraftRecord } from "./records/case-draft.record";
import { CaseRecord } from "./records/case.record";
import { PanelRecord } from "./records/panel.record";
import { RegistryEntryRecord } from "./records/registry-entry.record";
import { unknownCaseCountries, type UnknownCountriesError } from "./case-countries";
import { isBlankStatement } from "./claim-text";
import { loadCase, loadRegistryEntries, refusal, type CaseStoreError } from "./case-store";
import { isAppendOnly } from "./custody";
import { DEFAULT_COMPOSITION } from "./composition";
import { CASE_FORMAT_VERSION, CaseSchema, PanelSchema, RegistryEntrySchema, type Case, type CustodyEvent, type Evidence, type Panel, type RegistryEntry } from "./model";
import { buildSampleCase, SAMPLE_REGISTRY_PEOPLE } from "./sample/sample-case";
import { CASE_MAX_CLAIMS, CASE_MAX_EVIDENCE, importStixBundle, type StixEvidence, type StixLimit } from "./stix";

export type EnrolRequest = {
  readonly cardFile: string | Uint8Array;
  /** The fingerprint as confirmed out of band (typed or read back); must match the card. */
  readonly confirmedFingerprint: string;
  readonly affiliationStates: readonly string[];
  readonly declaredInterests: string;
};

export async function enrolExpert(v: UnlockedVault, request: EnrolRequest, now: Date): Promise<Result<RegistryEntry, CaseStoreError>> {
  const card = importReceivedCard(request.cardFile);
  if (!card.ok) return refusal({ kind: "invalid-card", error: card.error });
  if (normalizeTypedFingerprint(request.confirmedFingerprint) !== card.value.fingerprint)
    return refusal({ kind: "fingerprint-mismatch" });
  const registry = await loadRegistryEntries(v);
  if (!registry.ok) return registry;
  if (registry.value.some((e) => e.fingerprint === card.value.fingerprint)) return refusal({ kind: "already-enrolled", name: card.value.card.displayName });
  // A code an earlier version let through ("SW") would escape the conflict-of-interest check.
  if (!isCountryCode(card.value.card.nationality))
    return refusal({ kind: "unknown-nationality", nationality: card.value.card.nationality, name: card.value.card.displayName });
  const states = [...new Set(request.affiliationStates.map((s) => s.trim().toUpperCase()).filter((s) => s !== ""))];
  const unknownStates = unknownCountryCodes(states);
  if (unknownStates.length > 0) return refusal({ kind: "unknown-state-code", codes: unknownStates });
  const entry = RegistryEntrySchema.safeParse({
    format: "attribution-panel/registry-entry",
    version: 1,
    id: newExpertId(),
    cardFile: card.value.file,
    displayName: card.value.card.displayName,
    fingerprint: card.value.fingerprint,
    region: card.value.card.region,
    nationality: card.value.card.nationality,
    affiliations: [card.value.card.affiliation],
    affiliationStates: states,
    declaredInterests: request.declaredInterests,
    verifiedAt: timestampOf(now),
  });
  if (!entry.success) return refusal({ kind: "invalid-entry", issues: issuesOf(entry.error) });
  const written = await v.write({ put: [RegistryEntryRecord.change(entry.data.id, entry.data)] }, { event: "expert-enrolled", detail: { expert: entry.data.id, fingerprint: entry.data.fingerprint } });
  return written.ok ? ok(entry.data) : written;
}

export async function removeExpert(v: UnlockedVault, id: string): Promise<Result<void, CaseStoreError>> {
  const panels = await PanelRecord.list(v);
  if (!panels.ok) return panels;
  for (const caseId of panels.value) {
    const panel = await PanelRecord.get(v, caseId);
    if (!panel.ok) return panel;
    if ([panel.value.chairId, ...panel.value.memberIds].some((seat) => seat === id)) return refusal({ kind: "on-a-panel" });
  }
  return v.write({ delete: [{ table: RegistryEntryRecord.table, id }] }, { event: "expert-removed", detail: { expert: id } });
}

/** A new, empty case: one claim still to be written (blank, never template text) and the catch-all claim. */
export function newCase(title: string, now: Date): Case {
  const time = timestampOf(now);
  return {
    format: "attribution-panel/case",
    version: CASE_FORMAT_VERSION,
    id: newCaseId(),
    title,
    summary: "",
    incidentWindow: { start: time, end: time },
    sectors: [],
    civilianImpact: "",
    parties: { accusing: [], accused: [], affected: [] },
    marking: "AMBER",
    deadline: timestampOf(new Date(now.getTime() + 42 * 24 * 3600 * 1000)),
    claims: [
      { id: newClaimId(), statement: "", catchAll: false },
      { id: newClaimId(), statement: "", catchAll: true },
    ],
    evidence: [],
    composition: { ...DEFAULT_COMPOSITION },
    created: time,
    updated: time,
  };
}

/** Why a case was not saved: a refusal, or states named by codes no country has. */
export type SaveCaseError = CaseStoreError | UnknownCountriesError;

/**
 * Saves a case after checking it: valid, every state it names a country code
 * (a stored case holding an unknown one stays readable, and is saved again
 * once it is corrected), custody append-only against the stored version (an
 * earlier event is never edited or removed), attachments only those the
 * vault holds with the hash they record.
 */
export async function saveCase(v: UnlockedVault, candidate: unknown, now: Date, staged: readonly StagedAttachment[] = []): Promise<Result<Case, SaveCaseError>> {
  const checked = checkCase(candidate);
  if (!checked.ok) return checked;
  const next: Case = { ...checked.value, updated: timestampOf(now) };
  const before = await loadCase(v, next.id);
  if (!before.ok && before.error.kind !== "missing") return before;
  if (before.ok) {
    const afterById = new Map(next.evidence.map((x) => [x.id, x]));
    for (const e of before.value.evidence) {
      const after = afterById.get(e.id);
      if (after && !isAppendOnly(e.custody, after.custody)) return refusal({ kind: "custody-rewritten", title: e.title });
    }
  }
  const stored = await v.attachments.list();
  if (!stored.ok) return stored;
  const byId = new Map(stored.value.map((a) => [a.id, a]));
  // Attachments staged for this save become attachments in its transaction.
  for (const a of staged) byId.set(a.id, a.info);
  for (const e of next.evidence) {
    for (const a of e.attachments) {
      const info = byId.get(a.id);
      if (!info || info.sha256 !== a.sha256) return refusal({ kind: "attachment-unknown", title: e.title, name: a.name });
    }
  }
  // The saved case supersedes its draft: both change in one transaction.
  const draft = await CaseDraftRecord.deletion(v, next.id);
  if (!draft.ok) return draft;
  const written = await v.write(
    { put: [CaseRecord.change(next.id, next)], delete: draft.value, attachments: staged },
    { event: "case-saved", detail: { case: next.id, ...(staged.length > 0 ? { attachments: staged.length } : {}) } },
  );
  return written.ok ? ok(next) : written;
}

/** A case that is valid and names only country codes (what `saveCase` checks before looking at the vault). */
function checkCase(candidate: unknown): Result<Case, SaveCaseError> {
  const parsed = CaseSchema.safeParse(candidate);
  if (!parsed.success) return refusal({ kind: "invalid-case", issues: issuesOf(parsed.error, 6) });
  const unknownStates = unknownCaseCountries(parsed.data);
  if (unknownStates.length > 0) return err({ kind: "unknown-country-codes", fields: unknownStates });
  return ok(parsed.data);
}

export async function deleteCase(v: UnlockedVault, id: string): Promise<Result<void, CaseStoreError>> {
  const panel = await PanelRecord.deletion(v, id);
  if (!panel.ok) return panel;
  const draft = await CaseDraftRecord.deletion(v, id);
  if (!draft.ok) return draft;
  const deletes = [{ table: CaseRecord.table, id }, ...panel.value, ...draft.value];
  return v.write({ delete: deletes }, { event: "case-deleted", detail: { case: id } });
}

const custodyOnArrival = (info: AttachmentInfo, actor: string, note: string): CustodyEvent => ({ action: "received", actor, time: info.importedAt, sha256: info.sha256, attachmentId: attachmentIdOf(info), note });

/** Adds an attachment (already imported into the vault) to an evidence item, with a custody event carrying the hash computed on import. */
export async function attachToEvidence(v: UnlockedVault, caseId: string, evidenceId: string, info: AttachmentInfo, actor: string, now: Date): Promise<Result<Case, SaveCaseError>> {
  const c = await loadCase(v, caseId);
  if (!c.ok) return c;
  const evidence = c.value.evidence.find((e) => e.id === evidenceId);
  if (!evidence) return refusal({ kind: "no-such-evidence" });
  const updated: Evidence = {
    ...evidence,
    attachments: [...evidence.attachments, { id: attachmentIdOf(info), name: info.name, mediaType: info.mediaType, size: info.size, sha256: info.sha256 }],
    custody: [...evidence.custody, custodyOnArrival(info, actor, "Imported into the secretariat's vault; SHA-256 computed while encrypting.")],
  };
  return saveCase(v, { ...c.value, evidence: c.value.evidence.map((e) => (e.id === evidenceId ? updated : e)) }, now);
}

/** The attachment bytes a source hands over, imported into the vault. */
async function importBytes(v: UnlockedVault, name: string, mediaType: string, bytes: Uint8Array): Promise<Result<AttachmentInfo, CaseStoreError>> {
  return v.attachments.import({ name, mediaType, size: bytes.length, stream: new Blob([bytes as Uint8Array<ArrayBuffer>]).stream() });
}

export type StixSummary = {
  readonly case: Case;
  readonly claims: number;
  readonly evidence: number;
  readonly skipped: Readonly<Record<string, number>>;
  /** Codes the bundle gave as a claim's state that no country has ("SW"): left out of those claims (the person chooses the state), each once. */
  readonly unknownStates: readonly string[];
};

export type StixImportOptions = { readonly signal?: AbortSignal; readonly onProgress?: (done: number, total: number) => void };

const overLimit = (limit: StixLimit, max: number, found: number) => refusal({ kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "over-limit", limit, max, found } }], total: 1 });

/**
 * Adds a STIX bundle's claims and evidence to a case (each original object
 * kept as an attachment). Every limit and the case as it will be saved are
 * checked before anything is stored; the originals are then staged, and
 * become attachments in the one transaction that saves the case, with one
 * audit entry. A refused, failed or cancelled import changes nothing: every
 * error is reported with its JSON path. `onProgress` counts the bytes of the
 * originals stored.
 */
export async function importStixIntoCase(
  v: UnlockedVault,
  caseId: string,
  bundle: Uint8Array,
  actor: string,
  now: Date,
  options: StixImportOptions = {},
): Promise<Result<StixSummary, SaveCaseError | { readonly kind: "cancelled" }>> {
  const c = await loadCase(v, caseId);
  if (!c.ok) return c;
  const read = importStixBundle(bundle);
  if (!read.ok) return refusal({ kind: "invalid-stix", errors: read.error.slice(0, 20), total: read.error.length });
  const known = new Set(c.value.claims.map((x) => x.statement));
  const unknownStates = new Set<string>();
  const claims = read.value.claims
    .filter((x) => !known.has(x.statement))
    .map(({ attributedState, ...x }) => {
      // A code no country has would make the case unsaveable: the claim comes in without it, and the person is told.
      if (attributedState !== undefined && !isCountryCode(attributedState)) unknownStates.add(attributedState);
      return { ...x, ...(attributedState !== undefined && isCountryCode(attributedState) ? { attributedState } : {}), id: newClaimId() };
    });
  // Claims not written yet (a new case's empty one, or template text) give way to the bundle's.
  const kept = c.value.claims.filter((x) => !x.catchAll && !(claims.length > 0 && isBlankStatement(x.statement)));
  const allClaims = [...kept, ...claims, ...c.value.claims.filter((x) => x.catchAll)];
  if (allClaims.length > CASE_MAX_CLAIMS) return overLimit("case-claims", CASE_MAX_CLAIMS, allClaims.length);
  const knownStix = new Set(c.value.evidence.map((e) => e.stixId).filter((x) => x !== undefined));
  const incoming = read.value.evidence.filter((e) => !knownStix.has(e.stixId));
  if (c.value.evidence.length + incoming.length > CASE_MAX_EVIDENCE) return overLimit("case-evidence", CASE_MAX_EVIDENCE, c.value.evidence.length + incoming.length);

  const note = `Imported from STIX bundle ${read.value.bundleId}; the original object is the attachment. Grade the source before sending.`;
  const evidenceOf = (item: StixEvidence, info: AttachmentInfo): Evidence => ({
    id: newEvidenceId(),
    kind: item.kind,
    title: item.title,
    description: item.description,
    sourceDescription: item.sourceDescription,
    grading: { reliability: "F", credibility: "6" },
    marking: item.marking,
    attachments: [{ id: attachmentIdOf(info), name: info.name, mediaType: info.mediaType, size: info.size, sha256: info.sha256 }],
    custody: [custodyOnArrival(info, actor, note)],
    stixId: item.stixId,
  });
  const caseWith = (evidence: readonly Evidence[]) => ({ ...c.value, claims: allClaims, evidence: [...c.value.evidence, ...evidence] });
  // The case as it will be saved, with stand-ins of the same shape for the attachments: refused now, nothing was stored.
  const standIn = (item: StixEvidence): AttachmentInfo => ({ id: newRecordId(), name: item.original.name, mediaType: item.original.mediaType, size: item.original.bytes.length, sha256: "0".repeat(64), importedAt: now.toISOString() });
  const checked = checkCase(caseWith(incoming.map((item) => evidenceOf(item, standIn(item)))));
  if (!checked.ok) return checked;

  const staged: StagedAttachment[] = [];
  const discardAll = async () => {
    for (const s of staged) await s.discard().catch(() => undefined);
  };
  const total = incoming.reduce((n, item) => n + item.original.bytes.length, 0);
  let done = 0;
  let reported = 0;
  try {
    for (const item of incoming) {
      if (options.signal?.aborted) {
        await discardAll();
        return err({ kind: "cancelled" });
      }
      const { name, mediaType, bytes } = item.original;
      const writer = await v.attachments.stage({ name, mediaType, size: bytes.length });
      if (!writer.ok) {
        await discardAll();
        return writer;
      }
      await writer.value.write(bytes);
      const finished = await writer.value.finish();
      if (!finished.ok) {
        await discardAll();
        return finished;
      }
      staged.push(finished.value);
      done += bytes.length;
      if (done - reported >= 256 * 1024 || done === total) {
        reported = done;
        options.onProgress?.(done, total);
      }
    }
  } catch (e) {
    await discardAll();
    throw e;
  }
  if (options.signal?.aborted) {
    await discardAll();
    return err({ kind: "cancelled" });
  }
  const evidence = incoming.map((item, i) => evidenceOf(item, (staged[i] as StagedAttachment).info));
  const saved = await saveCase(v, caseWith(evidence), now, staged);
  if (!saved.ok) {
    await discardAll();
    return saved;
  }
  return ok({ case: saved.value, claims: claims.length, evidence: evidence.length, skipped: read.value.skipped, unknownStates: [...unknownStates] });
}

/** The sample case, its attachments imported into the vault with custody events carrying their hashes. */
export async function loadSampleCase(v: UnlockedVault, actor: string, now: Date): Promise<Result<Case, SaveCaseError>> {
  const sample = buildSampleCase(now, newRecordId);
  const evidence = sample.case.evidence.map((e) => ({ ...e, attachments: [...e.attachments], custody: [...e.custody] }));
  for (const a of sample.attachments) {
    const info = await importBytes(v, a.name, a.mediaType, a.bytes);
    if (!info.ok) return info;
    const item = evidence[a.evidenceIndex] as (typeof evidence)[number];
    item.attachments.push({ id: attachmentIdOf(info.value), name: info.value.name, mediaType: info.value.mediaType, size: info.value.size, sha256: info.value.sha256 });
    item.custody.push(custodyOnArrival(info.value, actor, "Sample attachment imported into the secretariat's vault."));
  }
  return saveCase(v, { ...sample.case, evidence }, now);
}

export async function savePanel(v: UnlockedVault, candidate: unknown): Promise<Result<Panel, CaseStoreError>> {
  const parsed = PanelSchema.safeParse(candidate);
  if (!parsed.success) return refusal({ kind: "invalid-panel", issues: issuesOf(parsed.error) });
  const c = await loadCase(v, parsed.data.caseId);
  if (!c.ok) return c;
  const written = await v.write({ put: [PanelRecord.change(parsed.data.caseId, parsed.data)] }, { event: "panel-saved", detail: { case: parsed.data.caseId, seats: 1 + parsed.data.memberIds.length } });
  return written.ok ? ok(parsed.data) : written;
}

/**
 * The sample registry, for demonstrations: each fictional expert gets a key
 * pair made here, whose secret half is wiped at once (so no packet sent to
 * them can ever be read), and is enrolled with the card's own fingerprint.
 */
export async function loadSampleRegistry(v: UnlockedVault, now: Date): Promise<Result<RegistryEntry[], CaseStoreError>> {
  const entries: RegistryEntry[] = [];
  for (const person of SAMPLE_REGISTRY_PEOPLE) {
    const identity = createIdentity({ displayName: person.displayName, region: person.region, nationality: person.nationality, affiliation: person.affiliation }, now);
    if (!identity.ok) throw new Error(`a sample person is invalid: ${identity.error.kind}`);
    const cardFile = exportIdentityCard(identity.value);
    const fingerprint = sshFingerprint(identity.value.signing.publicKey);
    wipeIdentity(identity.value);
    const entry = await enrolExpert(v, { cardFile, confirmedFingerprint: fingerprint, affiliationStates: person.affiliationStates, declaredInterests: person.declaredInterests }, now);
    if (!entry.ok) return entry;
    entries.push(entry.value);
  }
  return ok(entries);
}

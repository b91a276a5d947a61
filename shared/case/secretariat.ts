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
import type { AttachmentInfo } from "../vault/attachments";
import { newRecordId } from "../vault/record-slot";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { issuesOf } from "../validation/issues";
import { CASE_DRAFTS_TABLE, CASES_TABLE, PANELS_TABLE, REGISTRY_TABLE } from "./case-records";
import { unknownCaseCountries, type UnknownCountriesError } from "./case-countries";
import { isBlankStatement } from "./claim-text";
import { loadCase, loadRegistryEntries, refusal, type CaseStoreError } from "./case-store";
import { isAppendOnly } from "./custody";
import { DEFAULT_COMPOSITION } from "./composition";
import { CASE_FORMAT_VERSION, CaseSchema, PanelSchema, RegistryEntrySchema, type Case, type CustodyEvent, type Evidence, type Panel, type RegistryEntry } from "./model";
import { buildSampleCase, SAMPLE_REGISTRY_PEOPLE } from "./sample/sample-case";
import { importStixBundle } from "./stix";

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
    id: newRecordId(),
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
  const written = await v.write({ put: [{ table: REGISTRY_TABLE, id: entry.data.id, value: entry.data }] }, { event: "expert-enrolled", detail: { expert: entry.data.id, fingerprint: entry.data.fingerprint } });
  return written.ok ? ok(entry.data) : written;
}

export async function removeExpert(v: UnlockedVault, id: string): Promise<Result<void, CaseStoreError>> {
  const panels = await v.list(PANELS_TABLE);
  if (!panels.ok) return panels;
  for (const caseId of panels.value) {
    const panel = await v.get(PANELS_TABLE, caseId, PanelSchema);
    if (!panel.ok) return panel;
    if ([panel.value.chairId, ...panel.value.memberIds].includes(id)) return refusal({ kind: "on-a-panel" });
  }
  return v.write({ delete: [{ table: REGISTRY_TABLE, id }] }, { event: "expert-removed", detail: { expert: id } });
}

/** A new, empty case: one claim still to be written (blank, never template text) and the catch-all claim. */
export function newCase(title: string, now: Date): Case {
  const time = timestampOf(now);
  return {
    format: "attribution-panel/case",
    version: CASE_FORMAT_VERSION,
    id: newRecordId(),
    title,
    summary: "",
    incidentWindow: { start: time, end: time },
    sectors: [],
    civilianImpact: "",
    parties: { accusing: [], accused: [], affected: [] },
    marking: "AMBER",
    deadline: timestampOf(new Date(now.getTime() + 42 * 24 * 3600 * 1000)),
    claims: [
      { id: newRecordId(), statement: "", catchAll: false },
      { id: newRecordId(), statement: "", catchAll: true },
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
export async function saveCase(v: UnlockedVault, candidate: unknown, now: Date): Promise<Result<Case, SaveCaseError>> {
  const parsed = CaseSchema.safeParse(candidate);
  if (!parsed.success) return refusal({ kind: "invalid-case", issues: issuesOf(parsed.error, 6) });
  const unknownStates = unknownCaseCountries(parsed.data);
  if (unknownStates.length > 0) return err({ kind: "unknown-country-codes", fields: unknownStates });
  const next: Case = { ...parsed.data, updated: timestampOf(now) };
  const before = await loadCase(v, next.id);
  if (!before.ok && before.error.kind !== "missing") return before;
  if (before.ok) {
    for (const e of before.value.evidence) {
      const after = next.evidence.find((x) => x.id === e.id);
      if (after && !isAppendOnly(e.custody, after.custody)) return refusal({ kind: "custody-rewritten", title: e.title });
    }
  }
  const stored = await v.attachments.list();
  if (!stored.ok) return stored;
  const byId = new Map(stored.value.map((a) => [a.id, a]));
  for (const e of next.evidence) {
    for (const a of e.attachments) {
      const info = byId.get(a.id);
      if (!info || info.sha256 !== a.sha256) return refusal({ kind: "attachment-unknown", title: e.title, name: a.name });
    }
  }
  // The saved case supersedes its draft: both change in one transaction.
  const drafts = await v.list(CASE_DRAFTS_TABLE);
  if (!drafts.ok) return drafts;
  const draft = drafts.value.includes(next.id) ? [{ table: CASE_DRAFTS_TABLE, id: next.id }] : [];
  const written = await v.write({ put: [{ table: CASES_TABLE, id: next.id, value: next }], delete: draft }, { event: "case-saved", detail: { case: next.id } });
  return written.ok ? ok(next) : written;
}

export async function deleteCase(v: UnlockedVault, id: string): Promise<Result<void, CaseStoreError>> {
  const panel = await v.list(PANELS_TABLE);
  if (!panel.ok) return panel;
  const drafts = await v.list(CASE_DRAFTS_TABLE);
  if (!drafts.ok) return drafts;
  const deletes = [{ table: CASES_TABLE, id }, ...(panel.value.includes(id) ? [{ table: PANELS_TABLE, id }] : []), ...(drafts.value.includes(id) ? [{ table: CASE_DRAFTS_TABLE, id }] : [])];
  return v.write({ delete: deletes }, { event: "case-deleted", detail: { case: id } });
}

const custodyOnArrival = (info: AttachmentInfo, actor: string, note: string): CustodyEvent => ({ action: "received", actor, time: info.importedAt, sha256: info.sha256, attachmentId: info.id, note });

/** Adds an attachment (already imported into the vault) to an evidence item, with a custody event carrying the hash computed on import. */
export async function attachToEvidence(v: UnlockedVault, caseId: string, evidenceId: string, info: AttachmentInfo, actor: string, now: Date): Promise<Result<Case, SaveCaseError>> {
  const c = await loadCase(v, caseId);
  if (!c.ok) return c;
  const evidence = c.value.evidence.find((e) => e.id === evidenceId);
  if (!evidence) return refusal({ kind: "no-such-evidence" });
  const updated: Evidence = {
    ...evidence,
    attachments: [...evidence.attachments, { id: info.id, name: info.name, mediaType: info.mediaType, size: info.size, sha256: info.sha256 }],
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

/**
 * Adds a STIX bundle's claims and evidence to a case (each original object
 * kept as an attachment). An invalid bundle changes nothing: every error is
 * reported with its JSON path.
 */
export async function importStixIntoCase(v: UnlockedVault, caseId: string, bundle: Uint8Array, actor: string, now: Date): Promise<Result<StixSummary, SaveCaseError>> {
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
      return { ...x, ...(attributedState !== undefined && isCountryCode(attributedState) ? { attributedState } : {}), id: newRecordId() };
    });
  // Claims not written yet (a new case's empty one, or template text) give way to the bundle's.
  const kept = c.value.claims.filter((x) => !x.catchAll && !(claims.length > 0 && isBlankStatement(x.statement)));
  const knownStix = new Set(c.value.evidence.map((e) => e.stixId).filter((x) => x !== undefined));
  const incoming = read.value.evidence.filter((e) => !knownStix.has(e.stixId));
  const evidence: Evidence[] = [];
  const imported: AttachmentInfo[] = [];
  for (const item of incoming) {
    const info = await importBytes(v, item.original.name, item.original.mediaType, item.original.bytes);
    if (!info.ok) {
      for (const done of imported) await v.attachments.delete(done.id);
      return info;
    }
    imported.push(info.value);
    evidence.push({
      id: newRecordId(),
      kind: item.kind,
      title: item.title,
      description: item.description,
      sourceDescription: item.sourceDescription,
      grading: { reliability: "F", credibility: "6" },
      marking: item.marking,
      attachments: [{ id: info.value.id, name: info.value.name, mediaType: info.value.mediaType, size: info.value.size, sha256: info.value.sha256 }],
      custody: [custodyOnArrival(info.value, actor, `Imported from STIX bundle ${read.value.bundleId}; the original object is the attachment. Grade the source before sending.`)],
      stixId: item.stixId,
    });
  }
  const saved = await saveCase(v, { ...c.value, claims: [...kept, ...claims, ...c.value.claims.filter((x) => x.catchAll)], evidence: [...c.value.evidence, ...evidence] }, now);
  if (!saved.ok) {
    for (const done of imported) await v.attachments.delete(done.id);
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
    item.attachments.push({ id: info.value.id, name: info.value.name, mediaType: info.value.mediaType, size: info.value.size, sha256: info.value.sha256 });
    item.custody.push(custodyOnArrival(info.value, actor, "Sample attachment imported into the secretariat's vault."));
  }
  return saveCase(v, { ...sample.case, evidence }, now);
}

export async function savePanel(v: UnlockedVault, candidate: unknown): Promise<Result<Panel, CaseStoreError>> {
  const parsed = PanelSchema.safeParse(candidate);
  if (!parsed.success) return refusal({ kind: "invalid-panel", issues: issuesOf(parsed.error) });
  const c = await loadCase(v, parsed.data.caseId);
  if (!c.ok) return c;
  const written = await v.write({ put: [{ table: PANELS_TABLE, id: parsed.data.caseId, value: parsed.data }] }, { event: "panel-saved", detail: { case: parsed.data.caseId, seats: 1 + parsed.data.memberIds.length } });
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

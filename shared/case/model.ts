/**
 * The confidential case file and the panel, as versioned zod schemas: one
 * definition serves the editor, the vault records, the case packet and the
 * STIX import, so a value accepted in one place is accepted in all.
 *
 * - Markings: TLP 2.0 (FIRST), with AMBER+STRICT.
 * - Source grading: the Admiralty (NATO AJP-2.1) scale, reliability A–F and
 *   credibility 1–6.
 * - Chain of custody: append-only events, each with the SHA-256 observed.
 */
import { z } from "../validation/zod";
import { isSshFingerprint, type SshFingerprint } from "../formats/ssh-fingerprint";
import { RecordedCountryCodeSchema } from "../identity/countries";
import { personText, TimestampSchema } from "../identity/identity-details";
import { UnRegionSchema } from "../identity/un-regions";

export const CASE_FORMAT_VERSION = 1;

export const TLP_MARKINGS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export const TlpSchema = z.enum(TLP_MARKINGS);
export type Tlp = z.infer<typeof TlpSchema>;

/** TLP order, most shareable first: a packet's marking is the most restrictive of its parts. */
export function mostRestrictive(markings: readonly Tlp[]): Tlp {
  return markings.reduce<Tlp>((worst, m) => (TLP_MARKINGS.indexOf(m) > TLP_MARKINGS.indexOf(worst) ? m : worst), "CLEAR");
}

/** Admiralty grades (the interface names them: renderer/i18n/vocabulary.ts). */
export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export const CREDIBILITY_GRADES = ["1", "2", "3", "4", "5", "6"] as const;
export const AdmiraltySchema = z.strictObject({
  reliability: z.enum(RELIABILITY_GRADES),
  credibility: z.enum(CREDIBILITY_GRADES),
});
export type Admiralty = z.infer<typeof AdmiraltySchema>;
export const admiraltyCode = (g: Admiralty): string => `${g.reliability}${g.credibility}`;

export const SECTORS = ["health", "energy", "water", "communications", "finance", "government", "other"] as const;
export const SectorSchema = z.enum(SECTORS);

export const EVIDENCE_KINDS = [
  "malware-sample",
  "network-capture",
  "log-extract",
  "forensic-image",
  "technical-report",
  "intelligence-assessment",
  "witness-statement",
  "open-source",
  "other",
] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

export const CUSTODY_ACTIONS = ["collected", "received", "transferred", "verified", "exported", "imported", "sealed", "other"] as const;

/**
 * Ids of case objects: random, opaque, usable as vault record ids. Each kind
 * of object has its own brand, given at parse (or where the id is minted:
 * ids.ts), so an evidence id passed where a claim id is expected (a claim ×
 * evidence matrix, a waiver naming a case) is a type error, not a silent
 * swap. All share one shape, so any stored id reads as before.
 */
export const ObjectIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
export const CaseIdSchema = ObjectIdSchema.brand<"CaseId">();
export type CaseId = z.infer<typeof CaseIdSchema>;
export const ClaimIdSchema = ObjectIdSchema.brand<"ClaimId">();
export type ClaimId = z.infer<typeof ClaimIdSchema>;
export const EvidenceIdSchema = ObjectIdSchema.brand<"EvidenceId">();
export type EvidenceId = z.infer<typeof EvidenceIdSchema>;
/** The vault attachment holding an evidence file's bytes. */
export const AttachmentIdSchema = ObjectIdSchema.brand<"AttachmentId">();
export type AttachmentId = z.infer<typeof AttachmentIdSchema>;
/** An expert of the secretariat's registry: the registry entry's id, and how a panel names its chair and members. */
export const ExpertIdSchema = ObjectIdSchema.brand<"ExpertId">();
export type ExpertId = z.infer<typeof ExpertIdSchema>;
/**
 * A seat of a panel, named by the signing-key fingerprint of the person who
 * holds it (OpenSSH's `SHA256:` and 43 base64 characters): what a roster, a
 * scoresheet and the chair's dashboard key seats by, never a list position.
 */
export type SeatId = SshFingerprint;
export const SeatIdSchema = z.custom<SeatId>(isSshFingerprint);
const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * A state's ISO 3166-1 alpha-2 code as a record holds it: the shape only, so
 * a case or registry entry saved by an earlier version (which checked no
 * more) is still read. New codes are checked against the list where they are
 * entered (isCountryCode, unknownCountryCodes in identity/countries.ts).
 */
export const StateCodeSchema = RecordedCountryCodeSchema;

const text = (max: number) => personText(max);
/** Longer free text: paragraphs allowed (line breaks), other control characters not. */
export const prose = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[^\P{Cc}\t\n]|[\u202A-\u202E\u2066-\u2069]/u.test(s), { params: { reason: "control-characters" } });

/** Text that may be left blank while a case is drafted; when written, the rules of `schema`. */
const blankOr = (schema: z.ZodType<string>) =>
  z.string().superRefine((s, ctx) => {
    if (s === "") return;
    const checked = schema.safeParse(s);
    if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue });
  });

export const ClaimSchema = z.strictObject({
  id: ClaimIdSchema,
  /**
   * The hypothesis, e.g. "Campaign X was conducted by the armed forces of
   * State A". Blank while the case is drafted (the editor shows a
   * placeholder, never stores one); a packet is never built with a blank one.
   */
  statement: blankOr(text(500)),
  /** The state the claim attributes the conduct to, if any. */
  attributedState: StateCodeSchema.optional(),
  /** The catch-all hypothesis every case keeps. */
  catchAll: z.boolean(),
  /** Where the claim came from (for instance the STIX object it was imported from). */
  source: prose(500).optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

/**
 * The catch-all claim is the flag `catchAll: true` with an empty statement;
 * the interface words it in each language. Earlier versions stored this
 * English sentence as its statement (in vault records and signed packets):
 * such a claim reads as the flag alone.
 */
export const LEGACY_CATCH_ALL_STATEMENT = "Another actor, or an actor that cannot be identified, conducted the campaign.";

/** A stored claim as this version reads it: the legacy catch-all sentence dropped. */
export function readLegacyClaim(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const claim = value as { catchAll?: unknown; statement?: unknown };
  return claim.catchAll === true && claim.statement === LEGACY_CATCH_ALL_STATEMENT ? { ...claim, statement: "" } : value;
}
/** Claims as stored or received, legacy catch-all statements read as the flag. */
const ClaimsSchema = z.array(z.preprocess(readLegacyClaim, ClaimSchema));

export const CustodyEventSchema = z.strictObject({
  action: z.enum(CUSTODY_ACTIONS),
  actor: text(200),
  time: TimestampSchema,
  place: text(200).optional(),
  note: prose(2000).optional(),
  /** The SHA-256 of the attachment as observed at this event, if one was checked. */
  sha256: Sha256HexSchema.optional(),
  attachmentId: AttachmentIdSchema.optional(),
});
export type CustodyEvent = z.infer<typeof CustodyEventSchema>;

export const AttachmentRefSchema = z.strictObject({
  /** The vault attachment holding the bytes. */
  id: AttachmentIdSchema,
  name: z.string().min(1).max(255),
  mediaType: z.string().max(127),
  size: z.number().int().nonnegative(),
  sha256: Sha256HexSchema,
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

export const EvidenceSchema = z.strictObject({
  id: EvidenceIdSchema,
  kind: EvidenceKindSchema,
  title: text(200),
  description: prose(20_000),
  sourceDescription: prose(2000),
  grading: AdmiraltySchema,
  marking: TlpSchema,
  attachments: z.array(AttachmentRefSchema).max(1000),
  custody: z.array(CustodyEventSchema).max(10_000),
  /** The STIX object this item was imported from, if any (its id). */
  stixId: z.string().max(200).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const PartiesSchema = z.strictObject({
  accusing: z.array(StateCodeSchema).max(50),
  accused: z.array(StateCodeSchema).max(50),
  affected: z.array(StateCodeSchema).max(50),
});

/** The case's fields, without the checks across fields (for drafts, which keep what the person typed). */
export const CaseFieldsSchema = z.strictObject({
  format: z.literal("attribution-panel/case"),
  version: z.literal(CASE_FORMAT_VERSION),
  id: CaseIdSchema,
  title: text(200),
  summary: prose(20_000),
  incidentWindow: z.strictObject({ start: TimestampSchema, end: TimestampSchema }),
  sectors: z.array(SectorSchema).max(SECTORS.length),
  civilianImpact: prose(5000),
  parties: PartiesSchema,
  marking: TlpSchema,
  deadline: TimestampSchema,
  claims: ClaimsSchema.min(2).max(50),
  evidence: z.array(EvidenceSchema).max(10_000),
  /** Per-case composition rules (defaults in composition.ts). */
  composition: z.strictObject({ minRegions: z.number().int().min(1).max(5), maxRegionShare: z.number().min(0.2).max(1) }),
  created: TimestampSchema,
  updated: TimestampSchema,
});

export const CaseSchema = CaseFieldsSchema.superRefine((c, ctx) => {
  if (c.incidentWindow.end < c.incidentWindow.start) ctx.addIssue({ code: "custom", path: ["incidentWindow", "end"], params: { reason: "incident-window-reversed" } });
  if (c.claims.filter((claim) => claim.catchAll).length !== 1) ctx.addIssue({ code: "custom", path: ["claims"], params: { reason: "catch-all-count" } });
  c.claims.forEach((claim, i) => {
    if (claim.catchAll && claim.statement !== "") ctx.addIssue({ code: "custom", path: ["claims", i, "statement"], params: { reason: "catch-all-statement" } });
  });
  const ids = [...c.claims.map((x) => x.id), ...c.evidence.map((x) => x.id)];
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["claims"], params: { reason: "duplicate-ids" } });
});
export type Case = z.infer<typeof CaseSchema>;

/** An entry of the secretariat's expert registry: a verified identity card and what the secretariat knows. */
export const RegistryEntrySchema = z.strictObject({
  format: z.literal("attribution-panel/registry-entry"),
  version: z.literal(1),
  id: ExpertIdSchema,
  /** The card file exactly as received (re-verified on every load). */
  cardFile: z.string().max(16 * 1024),
  /** Copied from the card when enrolled, kept for display and composition. */
  displayName: z.string(),
  fingerprint: z.string(),
  region: UnRegionSchema,
  nationality: RecordedCountryCodeSchema,
  affiliations: z.array(text(200)).min(1).max(20),
  /** States the expert's affiliations are tied to (a ministry, a contractor, a state university). */
  affiliationStates: z.array(StateCodeSchema).max(20),
  declaredInterests: prose(5000),
  /** When the fingerprint was confirmed out of band. */
  verifiedAt: TimestampSchema,
});
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;

export const WaiverSchema = z.strictObject({
  memberId: ExpertIdSchema,
  reason: text(1000),
  recordedAt: TimestampSchema,
});
export type Waiver = z.infer<typeof WaiverSchema>;

export const PanelSchema = z.strictObject({
  format: z.literal("attribution-panel/panel"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  chairId: ExpertIdSchema,
  memberIds: z.array(ExpertIdSchema).max(50),
  rubricId: z.string().min(1).max(100),
  deadline: TimestampSchema,
  waivers: z.array(WaiverSchema).max(50),
});
export type Panel = z.infer<typeof PanelSchema>;

/**
 * The chair of a panel being composed, before one is chosen: held by the
 * editor and its draft (DraftPanelSchema), refused by PanelSchema, so a
 * panel is never saved or sent without a chair.
 */
export const NO_CHAIR = "" as ExpertId;

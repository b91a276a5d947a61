/**
 * STIX 2.1 bundle import (OASIS STIX 2.1, 2021). Pure: the caller stores the
 * results. The whole bundle is validated first; an invalid bundle yields
 * every error with its JSON path, and nothing is imported.
 *
 * - campaign, intrusion-set, threat-actor → candidate claims; an actor's
 *   state comes from a "located-at" / "attributed-to" relationship to a
 *   location with a country code.
 * - indicator, observed-data, malware, report, note → evidence items, the
 *   original object kept as an attachment (its canonical JSON).
 * - TLP 1.0 (definition_type "tlp") and TLP 2.0 (the OASIS extension and its
 *   fixed marking ids) map to our TLP 2.0 markings; TLP 1.0 WHITE is CLEAR.
 */
import { z } from "../validation/zod";
import { canonicalJson, MAX_JSON_DEPTH, parseStrictJson, type JsonError } from "../formats/jcs";
import { issueOf, type Issue } from "../validation/issues";
import { err, ok, type Result } from "../result";
import { mostRestrictive, type Claim, type EvidenceKind, type Tlp } from "./model";

/** The OASIS TLP 2.0 marking definitions (fixed ids), and TLP 1.0's. */
export const TLP_MARKING_IDS: Readonly<Record<string, Tlp>> = {
  "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": "CLEAR",
  "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": "GREEN",
  "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": "AMBER",
  "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": "AMBER+STRICT",
  "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": "RED",
  "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "CLEAR",
  "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "GREEN",
  "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "AMBER",
  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "RED",
};
const TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
const TLP_WORDS: Readonly<Record<string, Tlp>> = { white: "CLEAR", clear: "CLEAR", green: "GREEN", amber: "AMBER", "amber+strict": "AMBER+STRICT", red: "RED" };

/** A table lookup that sees only the table's own entries, never Object.prototype's ("constructor", "__proto__"). */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A bundle far larger than any case file is refused before it is read. */
export const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
/** Objects in one bundle (a case holds at most 10,000 evidence items): counted before parsing. */
export const MAX_BUNDLE_OBJECTS = 10_000;
/** JSON values in one bundle (strings, numbers, keys, arrays, objects…): bounds the parser's memory, counted before parsing. */
export const MAX_BUNDLE_VALUES = 1_000_000;
/** As the case model (model.ts): claims (the catch-all included) and evidence items of a case. */
export const CASE_MAX_CLAIMS = 50;
export const CASE_MAX_EVIDENCE = 10_000;
/** The originals kept as attachments, all together (their canonical JSON can be longer than the bundle's text). */
export const MAX_ORIGINALS_BYTES = MAX_BUNDLE_BYTES;

/**
 * Which limit a bundle exceeds. "claims" and "evidence" count the bundle's
 * own candidates (`max` leaves room for the catch-all claim); "case-claims" and
 * "case-evidence" count what the case would hold with them.
 */
export type StixLimit = "objects" | "values" | "claims" | "evidence" | "originals" | "case-claims" | "case-evidence";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const idOf = (type: string) => {
  const pattern = new RegExp(`^${type}--${UUID}$`);
  return z.string().refine((s) => pattern.test(s), { params: { reason: "not-a-stix-id", subject: type } });
};
const ANY_ID = new RegExp(`^[a-z0-9][a-z0-9-]*[a-z0-9]--${UUID}$`);
const anyId = z.string().refine((s) => ANY_ID.test(s), { params: { reason: "not-a-stix-id" } });
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
/** RFC 3339 in UTC with a real date and time of day (":60" allowed for a leap second). */
function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 60;
}
const timestamp = z.string().refine(isTimestamp, { params: { reason: "not-a-stix-timestamp" } });
/** A timestamp as text that sorts by instant: "…:00Z" equals "…:00.000Z" and comes before "…:00.5Z". */
const instant = (t: unknown): string => (typeof t === "string" ? t.replace(/(?:\.(\d+))?Z$/, (_, fraction: string | undefined) => `.${(fraction ?? "").padEnd(9, "0")}Z`) : "");

const common = (type: string) => ({
  type: z.literal(type),
  spec_version: z.literal("2.1"),
  id: idOf(type),
  created: timestamp,
  modified: timestamp,
  created_by_ref: idOf("identity").optional(),
  object_marking_refs: z.array(idOf("marking-definition")).optional(),
  granular_markings: z.array(z.looseObject({ marking_ref: idOf("marking-definition").optional(), selectors: z.array(z.string()).min(1) })).optional(),
  name: z.string().max(1000).optional(),
  description: z.string().max(100_000).optional(),
  confidence: z.number().int().min(0).max(100).optional(),
});

const refs = z.array(anyId).min(1);

const SDO_SCHEMAS = {
  campaign: z.looseObject({ ...common("campaign"), name: z.string().min(1).max(1000) }),
  "intrusion-set": z.looseObject({ ...common("intrusion-set"), name: z.string().min(1).max(1000) }),
  "threat-actor": z.looseObject({ ...common("threat-actor"), name: z.string().min(1).max(1000) }),
  indicator: z.looseObject({ ...common("indicator"), pattern: z.string().min(1), pattern_type: z.string().min(1), valid_from: timestamp }),
  "observed-data": z.looseObject({ ...common("observed-data"), first_observed: timestamp, last_observed: timestamp, number_observed: z.number().int().min(1).max(999_999_999), object_refs: refs }),
  malware: z.looseObject({ ...common("malware"), is_family: z.boolean() }).refine((m) => !m.is_family || (m.name ?? "") !== "", { params: { reason: "unnamed-malware-family" }, path: ["name"] }),
  report: z.looseObject({ ...common("report"), name: z.string().min(1).max(1000), published: timestamp, object_refs: refs }),
  note: z.looseObject({ ...common("note"), content: z.string().min(1).max(100_000), abstract: z.string().max(1000).optional(), object_refs: refs }),
  identity: z.looseObject({ ...common("identity"), name: z.string().min(1).max(1000) }),
  location: z.looseObject({ ...common("location"), country: z.string().optional() }),
  relationship: z.looseObject({ ...common("relationship"), relationship_type: z.string().min(1), source_ref: anyId, target_ref: anyId }),
  "marking-definition": z.looseObject({
    type: z.literal("marking-definition"),
    spec_version: z.literal("2.1"),
    id: idOf("marking-definition"),
    created: timestamp,
    definition_type: z.string().optional(),
    definition: z.record(z.string(), z.unknown()).optional(),
    extensions: z.record(z.string(), z.unknown()).optional(),
  }),
} as const;

const ObjectHeadSchema = z.looseObject({ type: z.string().refine((s) => /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/.test(s), { params: { reason: "not-a-stix-type" } }), id: anyId });
const BundleSchema = z.looseObject({ type: z.literal("bundle"), id: idOf("bundle"), objects: z.array(z.unknown()).max(MAX_BUNDLE_OBJECTS) });

/** What is wrong at one place of a bundle. */
export type StixProblem =
  | { readonly kind: "too-large"; readonly maxBytes: number }
  /** `found`: how many there are, when counted to the end (objects and values are counted only up to the limit). */
  | { readonly kind: "over-limit"; readonly limit: StixLimit; readonly max: number; readonly found?: number }
  | { readonly kind: "not-json"; readonly error: JsonError }
  | { readonly kind: "issue"; readonly issue: Issue }
  | { readonly kind: "id-type-mismatch"; readonly type: string }
  | { readonly kind: "duplicate-version"; readonly previous: number }
  | { readonly kind: "not-canonical"; readonly error: JsonError };
/** `path` is where in the bundle, as "$.objects[3].name". */
export type StixError = { readonly path: string; readonly problem: StixProblem };

export type StixEvidence = {
  readonly stixId: string;
  readonly kind: EvidenceKind;
  readonly title: string;
  readonly description: string;
  readonly sourceDescription: string;
  readonly marking: Tlp;
  /** The original object, as a file: its canonical JSON. */
  readonly original: { readonly name: string; readonly mediaType: "application/json"; readonly bytes: Uint8Array };
};

export type StixImport = {
  readonly bundleId: string;
  readonly claims: readonly Omit<Claim, "id">[];
  readonly evidence: readonly StixEvidence[];
  /** Objects of other types, counted, not imported. */
  readonly skipped: Readonly<Record<string, number>>;
};

const CLAIM_TYPES = ["campaign", "intrusion-set", "threat-actor"] as const;
const EVIDENCE_KIND: Readonly<Record<string, EvidenceKind>> = {
  indicator: "technical-report",
  "observed-data": "log-extract",
  malware: "technical-report",
  report: "technical-report",
  note: "intelligence-assessment",
};

// Text from other tools, made to fit the case model (model.ts): one-line fields like personText
// (NFC, trimmed, no control or direction characters), prose with line breaks but no other controls.
const NOT_IN_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]+/gu;
const NOT_IN_PROSE = /[^\P{Cc}\t\n]+|[\u202A-\u202E\u2066-\u2069]+/gu;
/** At most `max` UTF-16 units, never splitting a surrogate pair. */
const cut = (s: string, max: number): string => (s.length <= max ? s : s.slice(0, /[\uD800-\uDBFF]/.test(s.charAt(max - 1)) ? max - 1 : max));
const line = (s: string, max: number): string => cut(s.normalize("NFC").replace(NOT_IN_LINE, " ").replace(/ {2,}/g, " ").trim(), max).trimEnd();
const prose = (s: string, max: number): string => cut(s.normalize("NFC").replace(/\r\n?/g, "\n").replace(NOT_IN_PROSE, " "), max);

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : `${out}.${String(p)}`), "$");
}

/** The marking a marking-definition object stands for, if it is TLP 1.0 or 2.0. */
function tlpOf(definition: z.infer<(typeof SDO_SCHEMAS)["marking-definition"]>): Tlp | undefined {
  const fixed = own(TLP_MARKING_IDS, definition.id);
  if (fixed) return fixed;
  const v1 = definition.definition_type === "tlp" ? definition.definition?.["tlp"] : undefined;
  if (typeof v1 === "string") return own(TLP_WORDS, v1.toLowerCase());
  const v2 = definition.extensions?.[TLP2_EXTENSION];
  if (v2 && typeof v2 === "object" && "tlp_2_0" in v2 && typeof v2.tlp_2_0 === "string") return own(TLP_WORDS, v2.tlp_2_0.toLowerCase());
  return undefined;
}

const isScalarStart = (c: number): boolean => c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;

/**
 * Counts, in one pass over the bytes and before anything is parsed, the
 * elements of the bundle's top-level arrays ("objects") and all JSON values
 * (keys included), stopping at the first limit exceeded. Only counts: a text
 * that is not JSON is left for the parser to refuse, with its position.
 */
function countBundle(bytes: Uint8Array): StixProblem | undefined {
  // Which container is open at each depth ("[" or "{"); deeper than the parser allows is the parser's to refuse.
  const open = new Uint8Array(MAX_JSON_DEPTH + 2);
  let depth = 0;
  let inString = false;
  let previous = 0;
  let objects = 0;
  let values = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    const startsValue = c === 0x22 || c === 0x5b || c === 0x7b || ((previous === 0 || previous === 0x2c || previous === 0x3a || previous === 0x5b) && isScalarStart(c));
    if (startsValue) {
      if (++values > MAX_BUNDLE_VALUES) return { kind: "over-limit", limit: "values", max: MAX_BUNDLE_VALUES };
      if (depth === 2 && open[1] === 0x7b && open[2] === 0x5b && (previous === 0x5b || previous === 0x2c) && ++objects > MAX_BUNDLE_OBJECTS)
        return { kind: "over-limit", limit: "objects", max: MAX_BUNDLE_OBJECTS };
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return undefined;
      open[depth] = c;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
    previous = c;
  }
  return undefined;
}

/**
 * Reads a bundle, refusing it whole when it exceeds a limit: the size, the
 * number of objects and of JSON values (counted before parsing), the claims
 * and evidence items it holds, and the size of the originals it would keep.
 * `defaultMarking` applies to objects without a TLP marking
 * (a conservative AMBER unless the secretariat says otherwise).
 */
export function importStixBundle(input: string | Uint8Array, options: { readonly defaultMarking?: Tlp } = {}): Result<StixImport, readonly StixError[]> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (bytes.length > MAX_BUNDLE_BYTES) return err([{ path: "$", problem: { kind: "too-large", maxBytes: MAX_BUNDLE_BYTES } }]);
  const over = countBundle(bytes);
  if (over) return err([{ path: "$", problem: over }]);
  const json = parseStrictJson(bytes);
  if (!json.ok) return err([{ path: "$", problem: { kind: "not-json", error: json.error } }]);
  const bundle = BundleSchema.safeParse(json.value);
  if (!bundle.success) return err(bundle.error.issues.map((i) => ({ path: pathText(i.path), problem: { kind: "issue", issue: issueOf(i) } })));

  const errors: StixError[] = [];
  const objects: { index: number; type: string; value: Record<string, unknown> & { id: string } }[] = [];
  // Each version seen: id and "modified" instant → index in the bundle.
  const versions = new Map<string, number>();
  bundle.data.objects.forEach((raw, index) => {
    const head = ObjectHeadSchema.safeParse(raw);
    if (!head.success) {
      for (const i of head.error.issues) errors.push({ path: pathText(["objects", index, ...i.path]), problem: { kind: "issue", issue: issueOf(i) } });
      return;
    }
    const mismatch = !head.data.id.startsWith(`${head.data.type}--`);
    if (mismatch) errors.push({ path: pathText(["objects", index, "id"]), problem: { kind: "id-type-mismatch", type: head.data.type } });
    // The raw value is kept (validated, not replaced by zod's copy): it is the original, and a copy would turn a "__proto__" property into a prototype.
    const value = raw as Record<string, unknown> & { id: string };
    // STIX allows several versions of one object (same id, different "modified"); the newest one wins below.
    const version = `${head.data.id} ${instant(value["modified"])}`;
    const previous = versions.get(version);
    if (previous !== undefined) errors.push({ path: pathText(["objects", index, "id"]), problem: { kind: "duplicate-version", previous } });
    const schema = own<z.ZodType>(SDO_SCHEMAS, head.data.type);
    if (schema) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          // A mismatched id is reported once, above.
          if (!(mismatch && i.path.length === 1 && i.path[0] === "id")) errors.push({ path: pathText(["objects", index, ...i.path]), problem: { kind: "issue", issue: issueOf(i) } });
        }
        return;
      }
    }
    if (previous === undefined) versions.set(version, index);
    objects.push({ index, type: head.data.type, value });
  });
  if (errors.length > 0) return err(errors);

  // The newest version of each object.
  const latest = new Map<string, (typeof objects)[number]>();
  for (const o of objects) {
    const seen = latest.get(o.value.id);
    if (!seen || instant(o.value["modified"]) > instant(seen.value["modified"])) latest.set(o.value.id, o);
  }
  const all = [...latest.values()];
  const markings = new Map<string, Tlp>();
  for (const o of all) {
    if (o.type !== "marking-definition") continue;
    const tlp = tlpOf(o.value as z.infer<(typeof SDO_SCHEMAS)["marking-definition"]>);
    if (tlp) markings.set(o.value.id, tlp);
  }
  const markingOf = (o: (typeof all)[number]): Tlp => {
    // Granular markings count too: the original, kept whole, carries the text they mark.
    const granular = ((o.value["granular_markings"] as { marking_ref?: string }[] | undefined) ?? []).flatMap((g) => (g.marking_ref ? [g.marking_ref] : []));
    const refs = [...((o.value["object_marking_refs"] as string[] | undefined) ?? []), ...granular];
    const known = refs.map((r) => markings.get(r) ?? own(TLP_MARKING_IDS, r)).filter((m): m is Tlp => m !== undefined);
    return known.length > 0 ? mostRestrictive(known) : (options.defaultMarking ?? "AMBER");
  };
  const identityName = (ref: unknown): string | undefined => {
    const o = typeof ref === "string" ? latest.get(ref) : undefined;
    return o?.type === "identity" ? line(String(o.value["name"]), 300) || undefined : undefined;
  };
  // Actor → state, through located-at / attributed-to → location.country (ISO 3166-1 alpha-2).
  const stateOf = new Map<string, string>();
  for (const o of all) {
    if (o.type !== "relationship") continue;
    const rel = o.value as unknown as { relationship_type: string; source_ref: string; target_ref: string };
    if (rel.relationship_type !== "located-at" && rel.relationship_type !== "attributed-to") continue;
    const country = latest.get(rel.target_ref)?.value["country"];
    if (typeof country === "string" && /^[A-Za-z]{2}$/.test(country)) stateOf.set(rel.source_ref, country.toUpperCase());
  }

  // Counted before any original is built.
  const claimCount = all.filter((o) => (CLAIM_TYPES as readonly string[]).includes(o.type)).length;
  if (claimCount > CASE_MAX_CLAIMS - 1) return err([{ path: "$.objects", problem: { kind: "over-limit", limit: "claims", max: CASE_MAX_CLAIMS - 1, found: claimCount } }]);
  const evidenceCount = all.filter((o) => own(EVIDENCE_KIND, o.type)).length;
  if (evidenceCount > CASE_MAX_EVIDENCE) return err([{ path: "$.objects", problem: { kind: "over-limit", limit: "evidence", max: CASE_MAX_EVIDENCE, found: evidenceCount } }]);

  const claims: Omit<Claim, "id">[] = [];
  const evidence: StixEvidence[] = [];
  const skipped: Record<string, number> = {};
  let originalBytes = 0;
  for (const o of all) {
    const name = typeof o.value["name"] === "string" ? line(o.value["name"] as string, 1000) : "";
    const creator = identityName(o.value["created_by_ref"]);
    const source = `STIX ${o.type} ${o.value.id}${creator ? `, from ${creator}` : ""}`;
    if ((CLAIM_TYPES as readonly string[]).includes(o.type)) {
      const state = stateOf.get(o.value.id);
      const actor = name || `The ${o.type} ${o.value.id}`;
      const statement = o.type === "campaign" ? `The campaign reported as "${name || o.value.id}" was conducted as its source describes.` : `${actor} conducted the campaign.`;
      claims.push({ statement: line(statement, 500), catchAll: false, source, ...(state ? { attributedState: state } : {}) });
    } else if (own(EVIDENCE_KIND, o.type)) {
      const canonical = canonicalJson(o.value);
      if (!canonical.ok) {
        errors.push({ path: pathText(["objects", o.index]), problem: { kind: "not-canonical", error: canonical.error } });
        continue;
      }
      originalBytes += canonical.value.length;
      if (originalBytes > MAX_ORIGINALS_BYTES) return err([{ path: "$.objects", problem: { kind: "over-limit", limit: "originals", max: MAX_ORIGINALS_BYTES } }]);
      const description = [o.value["description"], o.value["pattern"], o.value["content"], o.value["abstract"]].filter((x) => typeof x === "string" && x !== "").join("\n\n");
      evidence.push({
        stixId: o.value.id,
        kind: own(EVIDENCE_KIND, o.type) as EvidenceKind,
        title: line(name || (typeof o.value["abstract"] === "string" ? line(o.value["abstract"] as string, 200) : "") || `${o.type} ${o.value.id.slice(o.type.length + 2, o.type.length + 10)}`, 200),
        description: prose(description, 20_000),
        sourceDescription: source,
        marking: markingOf(o),
        original: { name: `${o.value.id}.json`, mediaType: "application/json", bytes: canonical.value },
      });
    } else if (o.type !== "marking-definition" && o.type !== "relationship" && o.type !== "identity" && o.type !== "location") {
      skipped[o.type] = (own(skipped, o.type) ?? 0) + 1;
    }
  }
  if (errors.length > 0) return err(errors);
  return ok({ bundleId: bundle.data.id, claims, evidence, skipped });
}

/** Claims for a new case from a bundle: the bundle's candidates plus the catch-all, always present. */
export function claimsWithCatchAll(claims: readonly Omit<Claim, "id">[]): Omit<Claim, "id">[] {
  return [...claims.filter((c) => !c.catchAll), { statement: "", catchAll: true }];
}

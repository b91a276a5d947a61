/**
 * The domain vocabularies as catalog messages, keyed by the ids the code
 * stores and signs. Files carry the ids; the interface names them here, in
 * the current language. Each table is a `Record` over its id union, so a new
 * id without a label is a compile error.
 *
 * Render a descriptor with `i18n._(descriptor)` (`useLingui().i18n` in a
 * component) or `<Trans id={d.id} message={d.message} />`. Never call `t`
 * at module level.
 *
 * Not translated, by rule: TLP labels ("TLP:RED" — FIRST TLP 2.0: "labels
 * MUST remain in their original form, even when used in other languages"),
 * the Admiralty codes (B2), the ACH codes (CC … NA): they are notation, the
 * same in every language; their meanings are messages below.
 */
import type { I18n, MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import type { Admiralty, Claim, EvidenceKind, Tlp } from "../../shared/case/model";
import type { CUSTODY_ACTIONS, SECTORS } from "../../shared/case/model";
import type { UnRegion } from "../../shared/identity/un-regions";
import {
  DEFAULT_RUBRIC_ID,
  isCatalogTerm,
  localizedText,
  type AGREEMENT_LEVELS,
  type CatalogTerm,
  type CONFIDENCE_LEVELS,
  type CONSISTENCY_TERMS,
  type EVIDENCE_BASIS_LEVELS,
  type LEGAL_BASES,
  type LIKELIHOOD_TERMS,
  type LocalizedText,
  type Rubric,
  type RubricScale,
  type RubricTerm,
  type STATE_RESPONSIBILITY_LEVELS,
} from "../../shared/rubric/rubric";

type Labels<Id extends string> = Readonly<Record<Id, MessageDescriptor>>;

// ---------------------------------------------------------------- markings

/** FIRST TLP 2.0: who may receive information under each marking (the label itself, "TLP:RED", is never translated). */
export const TLP_RULE: Labels<Tlp> = {
  CLEAR: msg({ message: "May be shared freely, without restriction.", context: "TLP:CLEAR sharing rule" }),
  GREEN: msg({ message: "May be shared within the community, but not publicly.", context: "TLP:GREEN sharing rule" }),
  AMBER: msg({ message: "Limited to the recipients' organisation and its clients, on a need-to-know basis.", context: "TLP:AMBER sharing rule" }),
  "AMBER+STRICT": msg({ message: "Limited to the recipients' organisation only.", context: "TLP:AMBER+STRICT sharing rule" }),
  RED: msg({ message: "For the named recipients only; no further sharing.", context: "TLP:RED sharing rule" }),
};

/** "TLP:AMBER+STRICT": the label as FIRST writes it, the same in every language. */
export const tlpLabel = (marking: Tlp): string => `TLP:${marking}`;

// ---------------------------------------------------------------- Admiralty grading

/** Admiralty (NATO AJP-2.1) source reliability, A–F. */
export const RELIABILITY_LABEL: Labels<Admiralty["reliability"]> = {
  A: msg({ message: "Completely reliable", context: "Admiralty source reliability A" }),
  B: msg({ message: "Usually reliable", context: "Admiralty source reliability B" }),
  C: msg({ message: "Fairly reliable", context: "Admiralty source reliability C" }),
  D: msg({ message: "Not usually reliable", context: "Admiralty source reliability D" }),
  E: msg({ message: "Unreliable", context: "Admiralty source reliability E" }),
  F: msg({ message: "Reliability cannot be judged", context: "Admiralty source reliability F" }),
};

/** Admiralty (NATO AJP-2.1) information credibility, 1–6. */
export const CREDIBILITY_LABEL: Labels<Admiralty["credibility"]> = {
  "1": msg({ message: "Confirmed by other sources", context: "Admiralty information credibility 1" }),
  "2": msg({ message: "Probably true", context: "Admiralty information credibility 2" }),
  "3": msg({ message: "Possibly true", context: "Admiralty information credibility 3" }),
  "4": msg({ message: "Doubtful", context: "Admiralty information credibility 4" }),
  "5": msg({ message: "Improbable", context: "Admiralty information credibility 5" }),
  "6": msg({ message: "Truth cannot be judged", context: "Admiralty information credibility 6" }),
};

// ---------------------------------------------------------------- case file

export const EVIDENCE_KIND_LABEL: Labels<EvidenceKind> = {
  "malware-sample": msg({ message: "Malware sample", context: "evidence kind" }),
  "network-capture": msg({ message: "Network capture", context: "evidence kind" }),
  "log-extract": msg({ message: "Log extract", context: "evidence kind" }),
  "forensic-image": msg({ message: "Forensic image", context: "evidence kind (disk or memory image)" }),
  "technical-report": msg({ message: "Technical report", context: "evidence kind" }),
  "intelligence-assessment": msg({ message: "Intelligence assessment", context: "evidence kind" }),
  "witness-statement": msg({ message: "Witness statement", context: "evidence kind" }),
  "open-source": msg({ message: "Open source", context: "evidence kind: open-source information (OSINT), not software" }),
  other: msg({ message: "Other", context: "evidence kind" }),
};

export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];
/** Chain-of-custody events: what was done to the item (past participle, as in a log). */
export const CUSTODY_ACTION_LABEL: Labels<CustodyAction> = {
  collected: msg({ message: "Collected", context: "chain-of-custody event" }),
  received: msg({ message: "Received", context: "chain-of-custody event" }),
  transferred: msg({ message: "Transferred", context: "chain-of-custody event" }),
  verified: msg({ message: "Verified", context: "chain-of-custody event" }),
  exported: msg({ message: "Exported", context: "chain-of-custody event" }),
  imported: msg({ message: "Imported", context: "chain-of-custody event" }),
  sealed: msg({ message: "Sealed", context: "chain-of-custody event" }),
  other: msg({ message: "Other", context: "chain-of-custody event" }),
};

export type Sector = (typeof SECTORS)[number];
/** Sectors a campaign affected. */
export const SECTOR_LABEL: Labels<Sector> = {
  health: msg({ message: "Health", context: "affected sector" }),
  energy: msg({ message: "Energy", context: "affected sector" }),
  water: msg({ message: "Water", context: "affected sector" }),
  communications: msg({ message: "Communications", context: "affected sector" }),
  finance: msg({ message: "Finance", context: "affected sector" }),
  government: msg({ message: "Government", context: "affected sector" }),
  other: msg({ message: "Other", context: "affected sector" }),
};

export type PartyRole = "accusing" | "accused" | "affected";
/** The roles of the states party to a case (shared/case/model.ts PartiesSchema). */
export const PARTY_ROLE_LABEL: Labels<PartyRole> = {
  accusing: msg({ message: "Accusing states", context: "states party to a case" }),
  accused: msg({ message: "Accused states", context: "states party to a case" }),
  affected: msg({ message: "Affected states", context: "states party to a case" }),
};

/** The catch-all claim every case keeps: stored as `catchAll: true`, never as this sentence. */
export const CATCH_ALL_STATEMENT = msg({
  message: "Another actor, or an actor that cannot be identified, conducted the campaign.",
  context: "the catch-all hypothesis every case keeps",
});

/** A claim's statement in the current language: the catch-all claim's from the catalog, any other as written. */
export const claimStatement = (i18n: I18n, claim: Pick<Claim, "catchAll" | "statement">): string => (claim.catchAll ? i18n._(CATCH_ALL_STATEMENT) : claim.statement);

// ---------------------------------------------------------------- people and panels

/** The five United Nations regional groups, by their official names. */
export const UN_REGION_NAME: Labels<UnRegion> = {
  "african-states": msg({ message: "African States", context: "UN regional group" }),
  "asia-pacific-states": msg({ message: "Asia-Pacific States", context: "UN regional group" }),
  "eastern-european-states": msg({ message: "Eastern European States", context: "UN regional group" }),
  "latin-american-and-caribbean-states": msg({ message: "Latin American and Caribbean States", context: "UN regional group" }),
  "western-european-and-others-states": msg({ message: "Western European and other States", context: "UN regional group" }),
};

/** Their usual abbreviations (GRULAC and WEOG are commonly kept as they are in other languages). */
export const UN_REGION_ABBREVIATION: Labels<UnRegion> = {
  "african-states": msg({ message: "AG", context: "abbreviation of the UN African States group" }),
  "asia-pacific-states": msg({ message: "APG", context: "abbreviation of the UN Asia-Pacific States group" }),
  "eastern-european-states": msg({ message: "EEG", context: "abbreviation of the UN Eastern European States group" }),
  "latin-american-and-caribbean-states": msg({ message: "GRULAC", context: "abbreviation of the UN Latin American and Caribbean States group" }),
  "western-european-and-others-states": msg({ message: "WEOG", context: "abbreviation of the UN Western European and other States group" }),
};

const isUnRegion = (id: string): id is UnRegion => Object.hasOwn(UN_REGION_NAME, id);

/** "African States (AG)" for a region id, in the current language; an unknown id as it is. */
export function regionLabel(i18n: I18n, id: string): string {
  if (!isUnRegion(id)) return id;
  const name = i18n._(UN_REGION_NAME[id]);
  const abbreviation = i18n._(UN_REGION_ABBREVIATION[id]);
  return i18n._(msg({ message: `${name} (${abbreviation})`, context: "UN regional group with its abbreviation" }));
}

/** A regional group's name alone, in the current language; an unknown id as it is. */
export const regionName = (i18n: I18n, id: string): string => (isUnRegion(id) ? i18n._(UN_REGION_NAME[id]) : id);

export type TrustState = "unverified" | "trusted" | "revoked";
/** Whether a contact's card was confirmed (shared/worker/contract.ts TrustSchema). */
export const TRUST_STATE_LABEL: Labels<TrustState> = {
  unverified: msg({ message: "Unverified", context: "contact trust state" }),
  trusted: msg({ message: "Trusted", context: "contact trust state" }),
  revoked: msg({ message: "Revoked", context: "contact trust state" }),
};

export type PanelRole = "chair" | "member";
export const PANEL_ROLE_LABEL: Labels<PanelRole> = {
  chair: msg({ message: "Chair", context: "panel role" }),
  member: msg({ message: "Member", context: "panel role" }),
};

// ---------------------------------------------------------------- the rubric's catalog terms

/** ICD 203 expressions of likelihood (the default rubric's). */
export const LIKELIHOOD_LABEL: Labels<(typeof LIKELIHOOD_TERMS)[number]> = {
  "almost-no-chance": msg({ message: "Almost no chance", context: "ICD 203 likelihood, 1–5%" }),
  "very-unlikely": msg({ message: "Very unlikely", context: "ICD 203 likelihood, 5–20%" }),
  unlikely: msg({ message: "Unlikely", context: "ICD 203 likelihood, 20–45%" }),
  "roughly-even-chance": msg({ message: "Roughly even chance", context: "ICD 203 likelihood, 45–55%" }),
  likely: msg({ message: "Likely", context: "ICD 203 likelihood, 55–80%" }),
  "very-likely": msg({ message: "Very likely", context: "ICD 203 likelihood, 80–95%" }),
  "almost-certain": msg({ message: "Almost certain", context: "ICD 203 likelihood, 95–99%" }),
};

/** Analytic confidence in a judgment. */
export const CONFIDENCE_LABEL: Labels<(typeof CONFIDENCE_LEVELS)[number]> = {
  low: msg({ message: "Low", context: "analytic confidence" }),
  moderate: msg({ message: "Moderate", context: "analytic confidence" }),
  high: msg({ message: "High", context: "analytic confidence" }),
};

/** The evidence a confidence rests on (IPCC guidance's terms). */
export const EVIDENCE_BASIS_LABEL: Labels<(typeof EVIDENCE_BASIS_LEVELS)[number]> = {
  limited: msg({ message: "Limited", context: "IPCC: type, amount, quality of evidence" }),
  medium: msg({ message: "Medium", context: "IPCC: type, amount, quality of evidence" }),
  robust: msg({ message: "Robust", context: "IPCC: type, amount, quality of evidence" }),
};

/** How far sources and analysts agree (IPCC guidance's terms). */
export const AGREEMENT_LABEL: Labels<(typeof AGREEMENT_LEVELS)[number]> = {
  low: msg({ message: "Low", context: "IPCC: degree of agreement" }),
  medium: msg({ message: "Medium", context: "IPCC: degree of agreement" }),
  high: msg({ message: "High", context: "IPCC: degree of agreement" }),
};

/** Healey's spectrum of state responsibility ("Beyond Attribution", 2012). */
export const STATE_RESPONSIBILITY_LABEL: Labels<(typeof STATE_RESPONSIBILITY_LEVELS)[number]> = {
  "state-prohibited": msg({ message: "State-prohibited", context: "Healey's spectrum of state responsibility, level 1" }),
  "state-prohibited-but-inadequate": msg({ message: "State-prohibited but inadequate", context: "Healey's spectrum of state responsibility, level 2" }),
  "state-ignored": msg({ message: "State-ignored", context: "Healey's spectrum of state responsibility, level 3" }),
  "state-encouraged": msg({ message: "State-encouraged", context: "Healey's spectrum of state responsibility, level 4" }),
  "state-shaped": msg({ message: "State-shaped", context: "Healey's spectrum of state responsibility, level 5" }),
  "state-coordinated": msg({ message: "State-coordinated", context: "Healey's spectrum of state responsibility, level 6" }),
  "state-ordered": msg({ message: "State-ordered", context: "Healey's spectrum of state responsibility, level 7" }),
  "state-rogue-conducted": msg({ message: "State-rogue-conducted", context: "Healey's spectrum of state responsibility, level 8" }),
  "state-executed": msg({ message: "State-executed", context: "Healey's spectrum of state responsibility, level 9" }),
  "state-integrated": msg({ message: "State-integrated", context: "Healey's spectrum of state responsibility, level 10" }),
};

/** Tallinn Manual 2.0 bases for attributing conduct to a state. */
export const LEGAL_BASIS_LABEL: Labels<(typeof LEGAL_BASES)[number]> = {
  "state-organ": msg({ message: "Act of a state organ (Tallinn 2.0 rule 15)", context: "legal basis for attribution" }),
  "instructions-direction-control": msg({ message: "Non-state actor under the state's instructions, direction or control (rule 17)", context: "legal basis for attribution" }),
  "acknowledged-adopted": msg({ message: "Conduct acknowledged and adopted by the state (rule 17)", context: "legal basis for attribution" }),
  "due-diligence": msg({ message: "Failure of due diligence (rules 6–7)", context: "legal basis for attribution" }),
  "not-attributable": msg({ message: "Not attributable to a state", context: "legal basis for attribution" }),
};

/** Analysis of Competing Hypotheses: how an evidence item bears on a claim (its code, CC … NA, is not translated). */
export const CONSISTENCY_LABEL: Labels<(typeof CONSISTENCY_TERMS)[number]> = {
  "very-consistent": msg({ message: "Very consistent", context: "ACH: evidence against a hypothesis, CC" }),
  consistent: msg({ message: "Consistent", context: "ACH: evidence against a hypothesis, C" }),
  neutral: msg({ message: "Neutral", context: "ACH: evidence against a hypothesis, N" }),
  inconsistent: msg({ message: "Inconsistent", context: "ACH: evidence against a hypothesis, I" }),
  "very-inconsistent": msg({ message: "Very inconsistent", context: "ACH: evidence against a hypothesis, II" }),
  "not-applicable": msg({ message: "Not applicable", context: "ACH: evidence against a hypothesis, NA" }),
};

/** Per rubric scale, the catalog's labels for its terms. */
export const RUBRIC_TERM_LABEL: { readonly [S in RubricScale]: Labels<CatalogTerm<S>> } = {
  likelihood: LIKELIHOOD_LABEL,
  confidence: CONFIDENCE_LABEL,
  evidenceBasis: EVIDENCE_BASIS_LABEL,
  agreement: AGREEMENT_LABEL,
  stateResponsibility: STATE_RESPONSIBILITY_LABEL,
  legalBasis: LEGAL_BASIS_LABEL,
  consistency: CONSISTENCY_LABEL,
};

/** The name of each rubric scale, for headings and form labels. */
export const RUBRIC_SCALE_LABEL: Labels<RubricScale> = {
  likelihood: msg({ message: "Likelihood", context: "rubric scale" }),
  confidence: msg({ message: "Analytic confidence", context: "rubric scale" }),
  evidenceBasis: msg({ message: "Evidence", context: "rubric scale: the basis of confidence (IPCC)" }),
  agreement: msg({ message: "Agreement", context: "rubric scale: the basis of confidence (IPCC)" }),
  stateResponsibility: msg({ message: "Degree of state responsibility", context: "rubric scale" }),
  legalBasis: msg({ message: "Legal basis", context: "rubric scale" }),
  consistency: msg({ message: "Evidence against the claim", context: "rubric scale: ACH consistency" }),
};

export const DEFAULT_RUBRIC_TITLE = msg({
  message: "Default rubric: ICD 203 likelihood, analytic confidence, Healey's spectrum, Tallinn Manual 2.0, ACH, Admiralty",
  context: "title of the default rubric",
});

/**
 * Text from a rubric in the current language. `lang` is set when the text
 * is in another language than the interface's (a secretariat's rubric not
 * written in it), so the element showing it can carry `lang={lang}`.
 */
export type RubricText = { readonly text: string; readonly lang?: string };

const fromLocalized = (i18n: I18n, text: LocalizedText): RubricText => {
  const picked = localizedText(text, i18n.locale);
  return picked.language === i18n.locale ? { text: picked.text } : { text: picked.text, lang: picked.language };
};

/**
 * A rubric term's label: its own (a secretariat's term, in the current
 * language or the fallback of `localizedText`), else the catalog's, else its
 * id (the schema refuses a term with neither, so only a bug shows an id).
 */
export function rubricTermLabel<S extends RubricScale>(i18n: I18n, scale: S, term: RubricTerm): RubricText {
  if (term.label !== undefined) return fromLocalized(i18n, term.label);
  if (isCatalogTerm(scale, term.id)) return { text: i18n._(RUBRIC_TERM_LABEL[scale][term.id]) };
  return { text: term.id, lang: "zxx" };
}

/** A rubric's title: its own, else the default rubric's from the catalog, else its id. */
export function rubricTitle(i18n: I18n, rubric: Pick<Rubric, "id" | "title">): RubricText {
  if (rubric.title !== undefined) return fromLocalized(i18n, rubric.title);
  if (rubric.id === DEFAULT_RUBRIC_ID) return { text: i18n._(DEFAULT_RUBRIC_TITLE) };
  return { text: rubric.id, lang: "zxx" };
}

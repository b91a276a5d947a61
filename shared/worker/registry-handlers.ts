/**
 * The crypto worker's handlers for the secretariat's expert registry: a
 * card examined before enrolment, experts enrolled once their fingerprint
 * was checked out of band, listed and removed; the sample registry. Loaded
 * with the rest of case work (case-work.ts).
 */
import { loadRegistry, type EnrolledExpert } from "../case/case-store";
import type { RegistryEntry } from "../case/model";
import { enrolExpert, loadSampleRegistry, removeExpert } from "../case/secretariat";
import { groupFingerprintForReading } from "../identity/fingerprint-reading";
import { importReceivedCard, MAX_CARD_FILE_BYTES } from "../identity/identity-card";
import { ok } from "../result";
import { caseRefused } from "./case-kit";
import type { RegistryHandlers, RegistryView } from "./contracts/registry";
import { refusedWith } from "./refusal";
import { readSmallFile } from "./service-kit";
import type { VaultAccess } from "./vault-session";

function registryView(entry: RegistryEntry): RegistryView {
  return {
    id: entry.id,
    displayName: entry.displayName,
    region: entry.region,
    nationality: entry.nationality,
    affiliations: [...entry.affiliations],
    affiliationStates: [...entry.affiliationStates],
    declaredInterests: entry.declaredInterests,
    fingerprint: entry.fingerprint,
    fingerprintGroups: [...groupFingerprintForReading(entry.fingerprint)],
    verifiedAt: entry.verifiedAt,
  };
}

const byName = (a: RegistryView, b: RegistryView) => a.displayName.localeCompare(b.displayName);

export function createRegistryHandlers({ withVault, clock }: VaultAccess): RegistryHandlers {
  return {
    "registry:list": () =>
      withVault(async (v) => {
        const all = await loadRegistry(v);
        return all.ok ? ok(all.value.map((e: EnrolledExpert) => registryView(e.entry)).sort(byName)) : caseRefused(all.error);
      }),

    "registry:examine": async ({ file }) => {
      const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "identity-card");
      if (!bytes.ok) return bytes;
      const card = importReceivedCard(bytes.value);
      if (!card.ok) return refusedWith({ kind: "card", error: card.error });
      const { displayName, region, nationality, affiliation } = card.value.card;
      return ok({ displayName, region, nationality, affiliation, fingerprint: card.value.fingerprint, fingerprintGroups: [...groupFingerprintForReading(card.value.fingerprint)] });
    },

    "registry:enrol": ({ file, fingerprint, affiliationStates, declaredInterests }) =>
      withVault(async (v) => {
        const bytes = await readSmallFile(file, MAX_CARD_FILE_BYTES, "identity-card");
        if (!bytes.ok) return bytes;
        const entry = await enrolExpert(v, { cardFile: bytes.value, confirmedFingerprint: fingerprint, affiliationStates, declaredInterests }, clock());
        return entry.ok ? ok(registryView(entry.value)) : caseRefused(entry.error);
      }),

    "registry:remove": ({ id }) =>
      withVault(async (v) => {
        const removed = await removeExpert(v, id);
        return removed.ok ? ok({}) : caseRefused(removed.error);
      }),

    "registry:load-sample": () =>
      withVault(async (v) => {
        const entries = await loadSampleRegistry(v, clock());
        return entries.ok ? ok(entries.value.map(registryView).sort(byName)) : caseRefused(entries.error);
      }),
  };
}

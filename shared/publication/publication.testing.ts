/** A sealed opinion as the secretariat holds it, from the five-seat panel of sealed.testing.ts, and its publication. */
import { fromUtf8 } from "../encoding/bytes";
import type { Opinion } from "../opinion/opinion";
import { disclosuresFile } from "../opinion/sealed-archive";
import { sealOf } from "../opinion/sealed";
import { SEALED_AT, fivePanel } from "../opinion/sealed.testing";
import { planRelease, proposedWithholding, type HeldForRelease } from "./release";
import { buildPublication } from "./publication";

export const PUBLISHED_AT = new Date("2026-12-11T10:00:00.000Z");

const text = (bytes: Uint8Array): string => {
  const t = fromUtf8(bytes);
  if (t === undefined) throw new Error("not UTF-8");
  return t;
};

/** The five-seat panel's sealed opinion, held: the chair's payload, every disclosure, the seal and three co-signatures. */
export function heldPanel(adjust?: (opinion: Opinion) => Opinion) {
  const panel = fivePanel(adjust);
  const held: HeldForRelease = {
    payload: text(panel.payload.bytes),
    signature: panel.payload.signature,
    disclosures: disclosuresFile(panel.payload),
    seal: sealOf(panel.sealInput, SEALED_AT),
    coSignatures: panel.coSignatures.map((c) => ({ statement: text(c.bytes), signature: c.signature })),
  };
  return { panel, held };
}

/** The publication's files, withholding `withhold` (by default what the chair proposed). */
export function publishedFiles(adjust?: (opinion: Opinion) => Opinion, withhold?: (held: HeldForRelease) => string[], extraFiles?: ReadonlyMap<string, Uint8Array>) {
  const { panel, held } = heldPanel(adjust);
  const release = planRelease(held, (withhold ?? proposedWithholding)(held));
  if (!release.ok) throw new Error(`release: ${release.error.kind}`);
  const files = buildPublication({ held, release: release.value, secretariat: panel.secretariat.signing, publishedAt: PUBLISHED_AT, ...(extraFiles ? { extraFiles } : {}) });
  if (!files.ok) throw new Error(`publication: ${files.error.kind}`);
  return { panel, held, release: release.value, files: files.value };
}

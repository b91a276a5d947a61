/** Sentences of the case editor that several of its parts say. Each reads the catalog: call them while rendering. */
import { plural, t } from "@lingui/core/macro";
import type { DraftContent } from "../../../../shared/case/case-draft";
import type { Unsaved } from "../../../../shared/case/draft-state";
import { formatTimestamp } from "../../../components/case/format";
import { formatList, formatNumber } from "../../../i18n/format";

/**
 * What is unsaved, for the line beside Save: "Unsaved changes (case and a
 * custody event being typed)", with the time the draft was kept when it is
 * up to date. At least one part is unsaved.
 */
export function unsavedSentence(unsaved: Unsaved, keptAt: string | undefined): string {
  const parts = formatList(
    [
      unsaved.case && t({ message: "case", context: "what has unsaved changes: the case" }),
      unsaved.panel && t({ message: "panel", context: "what has unsaved changes: the case's panel" }),
      unsaved.custody && t({ message: "a custody event being typed", context: "what has unsaved changes" }),
    ].filter((p): p is string => typeof p === "string"),
  );
  if (keptAt === undefined) return t`Unsaved changes (${parts})`;
  const time = formatTimestamp(keptAt);
  return t`Unsaved changes (${parts}), kept as a draft at ${time}`;
}

/** "to the case and its panel", "a custody event being typed"… for the offer of a kept draft (which holds at least one). */
export function offerParts(offer: DraftContent): string {
  return formatList(
    [
      offer.case && t({ message: "to the case", context: "a kept draft has unsaved changes…" }),
      offer.panel && t({ message: "to its panel", context: "a kept draft has unsaved changes…" }),
      offer.custody && t({ message: "a custody event being typed", context: "what has unsaved changes" }),
    ].filter((p): p is string => typeof p === "string"),
  );
}

/** What a STIX import did, one sentence each: counts, what was skipped, states no country has. */
export function stixImportSentences(result: { readonly claims: number; readonly evidence: number; readonly skipped: Readonly<Record<string, number>>; readonly unknownStates: readonly string[] }): string[] {
  const { claims, evidence } = result;
  const sentences = [
    t`Imported ${plural(claims, { one: "# claim", other: "# claims" })} and ${plural(evidence, { one: "# evidence item", other: "# evidence items" })} from STIX.`,
  ];
  const skippedTypes = Object.entries(result.skipped).map(([type, n]) => {
    const count = formatNumber(n);
    return t({ message: `${type}: ${count}`, comment: "A STIX object type (kept in English, as STIX names it) and how many objects of it were skipped, e.g. indicator: 3" });
  });
  if (skippedTypes.length > 0) {
    const list = formatList(skippedTypes);
    sentences.push(t`Objects of other types were skipped (${list}).`);
  }
  sentences.push(t`Grade each new source before sending.`);
  if (result.unknownStates.length > 0) {
    const states = formatList(result.unknownStates.map((code) => t({ message: `“${code}”`, comment: "A code quoted, e.g. “SW”" })));
    sentences.push(
      plural(result.unknownStates.length, {
        one: `The bundle attributes claims to ${states}, which is not a country code: choose the state of those claims on the Claims tab.`,
        other: `The bundle attributes claims to ${states}, which are not country codes: choose the state of those claims on the Claims tab.`,
      }),
    );
  }
  return sentences;
}

/** "Claim 1 has no statement yet." / "Claims 1 and 3 have no statement yet." */
export function blankClaimsSentence(positions: readonly number[]): string {
  const list = formatList(positions.map((p) => formatNumber(p)));
  return plural(positions.length, { one: `Claim ${list} has no statement yet.`, other: `Claims ${list} have no statement yet.` });
}

/**
 * The words of the rubric screens: the questions a rubric may ask, how it
 * asks them, the languages its labels are written in, and the issues the
 * schema finds, said next to the field they are about.
 */
import type { I18n, MessageDescriptor } from "@lingui/core";
import { msg, t } from "@lingui/core/macro";
import { RUBRIC_LANGUAGES, type Requirement, type RubricLanguage, type RubricQuestion } from "../../../../shared/rubric/rubric";
import type { Issue } from "../../../../shared/validation/issues";
import { describeIssueMessage } from "../../../i18n/problems/issues";
import { intlTag, isAnyLocale, languageTag } from "../../../i18n/locales";

/** The questions a rubric may ask, as the secretariat chooses them (the likelihood is always asked). */
export const QUESTION_LABEL: Readonly<Record<RubricQuestion, MessageDescriptor>> = {
  range: msg({ message: "Lowest and highest plausible values (IDEA protocol)", context: "a question a rubric may ask of each claim" }),
  confidence: msg({ message: "Analytic confidence, with its basis (evidence, agreement)", context: "a question a rubric may ask of each claim" }),
  stateResponsibility: msg({ message: "Degree of state responsibility", context: "a question a rubric may ask of each claim" }),
  legalBasis: msg({ message: "Legal basis", context: "a question a rubric may ask of each claim" }),
  claimRationale: msg({ message: "Rationale for each claim", context: "a question a rubric may ask of each claim" }),
  ach: msg({ message: "Evidence against each claim (ACH matrix)", context: "a question a rubric may ask" }),
  civilianHarm: msg({ message: "Civilian harm", context: "a question a rubric may ask once per scoresheet" }),
  proportionality: msg({ message: "Proportionality of any response discussed", context: "a question a rubric may ask once per scoresheet" }),
  overallRationale: msg({ message: "Overall rationale", context: "a question a rubric may ask once per scoresheet" }),
};

/** How a rubric asks a question. */
export const REQUIREMENT_LABEL: Readonly<Record<Requirement, MessageDescriptor>> = {
  off: msg({ message: "Not asked", context: "how a rubric asks a question" }),
  optional: msg({ message: "Optional", context: "how a rubric asks a question" }),
  required: msg({ message: "Required", context: "how a rubric asks a question" }),
};

/** A language's name in the interface's language ("French", "francés"), from the runtime's own names. */
export function languageName(i18n: I18n, language: RubricLanguage): string {
  const locale = isAnyLocale(i18n.locale) ? i18n.locale : "en";
  try {
    return new Intl.DisplayNames([intlTag(locale)], { type: "language" }).of(languageTag(language)) ?? language;
  } catch {
    return language;
  }
}

/** The `lang` and `dir` of a field where text in `language` is typed. */
export const inputLanguage = (language: RubricLanguage) => ({ lang: languageTag(language), dir: language === "ar" ? ("rtl" as const) : ("ltr" as const) });

/** Where inside a term an issue is, said before what is wrong: "Label (French): …". Reads the catalog: call while rendering. */
export function describeTermIssue(i18n: I18n, issue: Issue): string {
  const what = describeIssueMessage(issue);
  const [, , field, language] = issue.path;
  if (field === "label" && typeof language === "string" && isRubricLanguage(language)) {
    const name = languageName(i18n, language);
    return t({ message: `Label (${name}): ${what}`, context: "an error in a rubric term's label in one language" });
  }
  if (field === "label") return t({ message: `Labels: ${what}`, context: "an error in a rubric term's labels" });
  if (field === "low") return t({ message: `From: ${what}`, context: "an error in the lower end of a likelihood term's band" });
  if (field === "high") return t({ message: `To: ${what}`, context: "an error in the upper end of a likelihood term's band" });
  if (field === "code") return t({ message: `Code: ${what}`, context: "an error in an ACH term's code" });
  if (field === "id") return t({ message: `Id: ${what}`, context: "an error in a rubric term's id" });
  return what;
}

const isRubricLanguage = (value: string): value is RubricLanguage => (RUBRIC_LANGUAGES as readonly string[]).includes(value);

/**
 * Passphrase strength, estimated by zxcvbn-ts (a maintained estimator with
 * English and common dictionaries, keyboard patterns and l33t handling)
 * rather than a home-made rule. The vault refuses what this does not accept.
 *
 * The dictionaries weigh about 1.5 MB of script and are needed only where a
 * passphrase is chosen (creating the vault, changing its passphrase), so they
 * are loaded on first use, not at start-up: bundlers split the dynamic imports
 * below into a chunk of their own, in the interface and in the crypto worker.
 */
import type { TranslationKeys, ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn's top score: at least 10^10 guesses to find. */
export const MIN_SCORE = 4;
export const MIN_LENGTH = 12;

/** What zxcvbn-ts finds wrong, as its key ("commonNames"), or ours: too short, or simply too guessable. */
export type PassphraseWarning = keyof TranslationKeys["warnings"] | "too-short" | "too-guessable";
/** Every warning key, for validating one that crossed a boundary (a record, so a key zxcvbn-ts gains fails to compile here). */
const WARNING_KEYS: Readonly<Record<PassphraseWarning, true>> = {
  "too-short": true,
  "too-guessable": true,
  straightRow: true,
  keyPattern: true,
  simpleRepeat: true,
  extendedRepeat: true,
  sequences: true,
  recentYears: true,
  dates: true,
  topTen: true,
  topHundred: true,
  common: true,
  similarToCommon: true,
  wordByItself: true,
  namesByThemselves: true,
  commonNames: true,
  userInputs: true,
  pwned: true,
};
export const PASSPHRASE_WARNINGS = Object.keys(WARNING_KEYS) as [PassphraseWarning, ...PassphraseWarning[]];

/** zxcvbn-ts's advice, as its key ("useWords"). */
export type PassphraseSuggestion = keyof TranslationKeys["suggestions"];

export type PassphraseAssessment = {
  readonly acceptable: boolean;
  /** 0 (trivial) … 4 (strong). */
  readonly score: 0 | 1 | 2 | 3 | 4;
  readonly guessesLog10: number;
  /** What is wrong, when something is: one sentence. */
  readonly warning: string | undefined;
  readonly suggestions: readonly string[];
  /** The same as keys, for the interface to say in its own language (the sentences above are zxcvbn's English). */
  readonly warningKey: PassphraseWarning | undefined;
  readonly suggestionKeys: readonly PassphraseSuggestion[];
};

/**
 * Assesses a passphrase. `related` holds words an attacker would try first
 * (the person's name, affiliation, the app's name), which count against it.
 */
export type PassphraseEstimator = (passphrase: string, related?: readonly string[]) => PassphraseAssessment;

/** The factory runs without translations, so its feedback is keys; `english` turns them into zxcvbn's English sentences. */
function estimatorFrom(factory: ZxcvbnFactory, english: TranslationKeys): PassphraseEstimator {
  return (passphrase, related = []) => {
    const result = factory.check(passphrase, ["attribution", "panel", ...related]);
    const tooShort = [...passphrase].length < MIN_LENGTH;
    const found = (result.feedback.warning || undefined) as keyof TranslationKeys["warnings"] | undefined;
    const warningKey: PassphraseWarning | undefined = tooShort ? "too-short" : (found ?? (result.score < MIN_SCORE ? "too-guessable" : undefined));
    const suggestionKeys = result.feedback.suggestions as PassphraseSuggestion[];
    const warning =
      warningKey === "too-short"
        ? `Use at least ${MIN_LENGTH} characters; several unrelated words work well.`
        : warningKey === "too-guessable"
          ? "This passphrase is too easy to guess."
          : warningKey && english.warnings[warningKey];
    return {
      acceptable: !tooShort && result.score >= MIN_SCORE,
      score: result.score,
      guessesLog10: result.guessesLog10,
      warning,
      suggestions: suggestionKeys.map((key) => english.suggestions[key]),
      warningKey,
      suggestionKeys,
    };
  };
}

let loading: Promise<PassphraseEstimator> | undefined;

/** Loads the dictionaries once (later calls share the first load); a failed load is retried on the next call. */
export function loadPassphraseEstimator(): Promise<PassphraseEstimator> {
  loading ??= (async () => {
    const [core, common, english] = await Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]);
    return estimatorFrom(
      new core.ZxcvbnFactory({
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
        useLevenshteinDistance: true,
      }),
      english.translations,
    );
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

export async function assessPassphrase(passphrase: string, related: readonly string[] = []): Promise<PassphraseAssessment> {
  return (await loadPassphraseEstimator())(passphrase, related);
}

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
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn's top score: at least 10^10 guesses to find. */
export const MIN_SCORE = 4;
export const MIN_LENGTH = 12;

export type PassphraseAssessment = {
  readonly acceptable: boolean;
  /** 0 (trivial) … 4 (strong). */
  readonly score: 0 | 1 | 2 | 3 | 4;
  readonly guessesLog10: number;
  /** What is wrong, when something is: one sentence. */
  readonly warning: string | undefined;
  readonly suggestions: readonly string[];
};

/**
 * Assesses a passphrase. `related` holds words an attacker would try first
 * (the person's name, affiliation, the app's name), which count against it.
 */
export type PassphraseEstimator = (passphrase: string, related?: readonly string[]) => PassphraseAssessment;

function estimatorFrom(factory: ZxcvbnFactory): PassphraseEstimator {
  return (passphrase, related = []) => {
    const result = factory.check(passphrase, ["attribution", "panel", ...related]);
    const tooShort = [...passphrase].length < MIN_LENGTH;
    const warning = tooShort ? `Use at least ${MIN_LENGTH} characters; several unrelated words work well.` : result.feedback.warning || undefined;
    return {
      acceptable: !tooShort && result.score >= MIN_SCORE,
      score: result.score,
      guessesLog10: result.guessesLog10,
      warning: warning ?? (result.score < MIN_SCORE ? "This passphrase is too easy to guess." : undefined),
      suggestions: result.feedback.suggestions,
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
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
        useLevenshteinDistance: true,
      }),
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

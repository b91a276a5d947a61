/**
 * Passphrase strength, estimated by zxcvbn-ts (a maintained estimator with
 * English and common dictionaries, keyboard patterns and l33t handling)
 * rather than a home-made rule. The vault refuses what this does not accept.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

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

let estimator: ZxcvbnFactory | undefined;

function factory(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    useLevenshteinDistance: true,
  });
  return estimator;
}

/**
 * Assesses a passphrase. `related` holds words an attacker would try first
 * (the person's name, affiliation, the app's name), which count against it.
 */
export function assessPassphrase(passphrase: string, related: readonly string[] = []): PassphraseAssessment {
  const result: ZxcvbnResult = factory().check(passphrase, ["attribution", "panel", ...related]);
  const tooShort = [...passphrase].length < MIN_LENGTH;
  const warning = tooShort ? `Use at least ${MIN_LENGTH} characters; several unrelated words work well.` : result.feedback.warning || undefined;
  return {
    acceptable: !tooShort && result.score >= MIN_SCORE,
    score: result.score,
    guessesLog10: result.guessesLog10,
    warning: warning ?? (result.score < MIN_SCORE ? "This passphrase is too easy to guess." : undefined),
    suggestions: result.feedback.suggestions,
  };
}

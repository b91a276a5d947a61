/**
 * The strength estimator's feedback in our own words: zxcvbn-ts reports keys
 * (shared/security/passphrase-strength.ts), and each key has its sentence in
 * the message catalogs, so its English never reaches the screen. A key the
 * estimator gains fails to compile here until it has its sentence.
 */
import { msg } from "@lingui/core/macro";
import type { MessageDescriptor } from "@lingui/core";
import { MIN_LENGTH, type PassphraseAssessment, type PassphraseSuggestion, type PassphraseWarning } from "../../shared/security/passphrase-strength";

/** The estimator's score (0…4) in words. */
export const STRENGTH_LABEL: Readonly<Record<PassphraseAssessment["score"], MessageDescriptor>> = {
  0: msg({ message: "Very weak", context: "passphrase strength" }),
  1: msg({ message: "Weak", context: "passphrase strength" }),
  2: msg({ message: "Fair", context: "passphrase strength" }),
  3: msg({ message: "Good", context: "passphrase strength" }),
  4: msg({ message: "Strong", context: "passphrase strength" }),
};

export const WARNING: Readonly<Record<Exclude<PassphraseWarning, "too-short">, MessageDescriptor>> = {
  "too-guessable": msg`This passphrase is too easy to guess.`,
  straightRow: msg`Straight rows of keys on the keyboard are easy to guess.`,
  keyPattern: msg`Short keyboard patterns are easy to guess.`,
  simpleRepeat: msg`Repeated characters such as “aaa” are easy to guess.`,
  extendedRepeat: msg`Repeated patterns such as “abcabcabc” are easy to guess.`,
  sequences: msg`Common sequences such as “abc” are easy to guess.`,
  recentYears: msg`Recent years are easy to guess.`,
  dates: msg`Dates are easy to guess.`,
  topTen: msg`This is one of the most used passwords.`,
  topHundred: msg`This is a very frequently used password.`,
  common: msg`This is a commonly used password.`,
  similarToCommon: msg`This is close to a commonly used password.`,
  wordByItself: msg`A single word is easy to guess.`,
  namesByThemselves: msg`A single first name or surname is easy to guess.`,
  commonNames: msg`Common first names and surnames are easy to guess.`,
  userInputs: msg`It contains your own details or words from this application.`,
  pwned: msg`This passphrase appeared in a published data breach.`,
};

export const SUGGESTION: Readonly<Record<PassphraseSuggestion, MessageDescriptor>> = {
  l33t: msg`Avoid predictable substitutions such as “@” for “a”.`,
  reverseWords: msg`Avoid common words spelt backwards.`,
  allUppercase: msg`Capitalise some letters, not all.`,
  capitalization: msg`Capitalise more than the first letter.`,
  dates: msg`Avoid dates and years associated with you.`,
  recentYears: msg`Avoid recent years.`,
  associatedYears: msg`Avoid years associated with you.`,
  sequences: msg`Avoid common character sequences.`,
  repeated: msg`Avoid repeated words and characters.`,
  longerKeyboardPattern: msg`Use longer keyboard patterns that change direction several times.`,
  anotherWord: msg`Add more words, less common ones.`,
  useWords: msg`Use several words, but avoid common phrases.`,
  noNeed: msg`A strong passphrase needs no symbols, digits or capitals.`,
  pwned: msg`If you use this passphrase anywhere else, change it there.`,
};

/** What is wrong with a passphrase the vault would refuse, in the interface's language. */
export function warningDescriptor(key: PassphraseWarning): MessageDescriptor {
  if (key === "too-short") return msg`Use at least ${MIN_LENGTH} characters; several unrelated words work well.`;
  return WARNING[key];
}

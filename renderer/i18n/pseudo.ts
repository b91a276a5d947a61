/**
 * The development pseudo-locale, made at run time from the English catalog:
 * every letter accented, every message about 30% longer and bracketed, so a
 * screen shows at once which text did not come from the catalog (plain ASCII)
 * and which would be clipped by a longer language.
 */
import type { Messages } from "@lingui/core";
import pseudolocale from "pseudolocale";

type Token = string | [string, string?, unknown?];
type Compiled = string | Token[];

const accent = (text: string): string => (text.trim() === "" ? text : pseudolocale(text, { prepend: "", append: "", delimiter: "\u0000", extend: 0.3, extendCharacter: "~" }));

function choices(format: unknown): unknown {
  if (typeof format !== "object" || format === null) return format;
  return Object.fromEntries(Object.entries(format).map(([key, value]) => [key, key === "offset" ? value : pseudoMessage(value as Compiled)]));
}

function pseudoMessage(message: Compiled): Token[] {
  const tokens: Token[] = typeof message === "string" ? [message] : message;
  return tokens.map((token): Token => (typeof token === "string" ? accent(token) : token.length >= 3 ? [token[0], token[1], choices(token[2])] : token));
}

export function pseudoMessages(english: Messages): Messages {
  return Object.fromEntries(Object.entries(english).map(([id, message]) => [id, ["⟦", ...pseudoMessage(message as Compiled), "⟧"]]));
}

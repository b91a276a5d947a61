/**
 * The language an end-to-end journey runs in (`E2E_LOCALE`, English unless
 * set: tests/vitest.e2e-ar.config.ts runs the journeys in Arabic), and the
 * interface's texts as that language shows them, read from the catalogs:
 * `T("Create vault")` is a plain message, `TF(message, values)` renders one
 * with placeholders and plurals exactly as the app does (Lingui, with the
 * same Intl formatting), and `TX(message, values)` is a regular expression
 * for a rendered message whose values are only partly known (a date, a
 * size). Call `await useLocale()` in the file's beforeAll first; the rest is
 * synchronous. Numbers, sizes and dates inside messages come from the app's
 * own helpers (renderer/i18n/format.ts), which read the same `i18n`.
 */
import { createRequire } from "node:module";
import { i18n, type Messages } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { generateMessageId } from "@lingui/message-utils/generateMessageId";
import { isLocale, languageTag, direction, type Locale } from "../../renderer/i18n/locales";
import { countryOptions, type CountryNameTable } from "../../shared/identity/countries";
import { catalogOf, loadCatalogs, tr } from "./catalog";

const requested = process.env.E2E_LOCALE ?? "en";
if (!isLocale(requested)) throw new Error(`E2E_LOCALE="${requested}" is not a language of the interface`);

/** The catalog locale of this run ("ar"). */
export const LOCALE: Locale = requested;
/** What Chromium is started with (`--lang`). */
export const CHROMIUM_LANG = languageTag(LOCALE);
/** The document's direction in this language. */
export const DIR = direction(LOCALE);

/** English message (and context) → its id, to look the translation up in `i18n`. */
const ids = new Map<string, string>();
const key = (english: string, context?: string) => `${context ?? ""}\u0004${english}`;
let ready: Promise<void> | undefined;
/** Country code → its name in this run's language, from the table the app ships. */
let countryNames: ReadonlyMap<string, string> = new Map();

/** Loads this run's catalog into `i18n` (compiled as the build compiles it) and makes it current. */
export function useLocale(): Promise<void> {
  ready ??= (async () => {
    await loadCatalogs(LOCALE);
    const catalog = await catalogOf(LOCALE);
    const messages: Messages = {};
    for (const entry of Object.values(catalog)) {
      if (!entry.message) continue;
      const id = generateMessageId(entry.message, entry.context);
      ids.set(key(entry.message, entry.context), id);
      if (!ids.has(key(entry.message))) ids.set(key(entry.message), id);
      const text = LOCALE === "en" ? entry.translation || entry.message : entry.translation;
      if (text) messages[id] = compileMessage(text);
    }
    i18n.loadAndActivate({ locale: LOCALE, messages });
    const table = createRequire(import.meta.url)(`i18n-iso-countries/langs/${LOCALE}.json`) as CountryNameTable;
    countryNames = new Map(countryOptions(table).map((o) => [o.code, o.name]));
  })();
  return ready;
}

/** A message without placeholders, in this run's language (throws when missing or untranslated). */
export const T = (english: string, context?: string): string => tr(LOCALE, english, context);

type Values = Record<string, unknown>;

function render(english: string, values: Values, context?: string): string {
  const id = ids.get(key(english, context));
  if (!id) throw new Error(`"${english}" is not a message of the ${LOCALE} catalog (useLocale() first?)`);
  if (!(id in i18n.messages)) throw new Error(`"${english}" is not translated in the ${LOCALE} catalog`);
  return i18n._(id, values);
}

/** A message with placeholders or plurals, rendered with `values` as the app renders it (tags dropped, their text kept). */
// Rich-text tags (<0>…</0>, <0/>) are elements in the page: only their text is read.
export const TF = (english: string, values: Values, context?: string): string => render(english, values, context).replace(/<\/?\d+\/?>/g, "");

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A regular expression matching the message rendered with `values`, where a
 * value given as a RegExp stands for whatever the app put there (a date, a
 * size), and so does an element without text in the message (`<0/>`, a
 * date the app renders itself): `TX("Sent packet {number} on <0/>", { number: 1 })`.
 */
export function TX(english: string, values: Values = {}, context?: string, flags = ""): RegExp {
  const holes: string[] = [];
  const plain: Values = {};
  for (const [name, value] of Object.entries(values)) {
    if (value instanceof RegExp) {
      plain[name] = `\uE000${holes.length}\uE000`;
      holes.push(value.source);
    } else plain[name] = value;
  }
  const text = render(english, plain, context)
    .replace(/<\d+\/>/g, () => `\uE000${holes.push(ANY.source) - 1}\uE000`)
    .replace(/<\/?\d+>/g, "");
  const source = escape(text).replace(/\uE000(\d+)\uE000/g, (_, n: string) => `(?:${holes[Number(n)]})`);
  return new RegExp(source, flags);
}

/** A country as the interface names it: "Switzerland (CH)", "سويسرا (CH)". */
export function country(code: string): string {
  const name = countryNames.get(code);
  if (!name) throw new Error(`no country ${code} (useLocale() first?)`);
  return TF("{name} ({code})", { name, code });
}

/** A literal text (a country's name, a file name) as a regular expression. */
export const literal = (text: string): RegExp => new RegExp(escape(text));

/** Anything, on one or more lines. */
export const ANY = /[\s\S]*?/;

/**
 * Countries by their ISO 3166-1 alpha-2 code: the nationality on an identity
 * card, the states an expert's affiliations are tied to, the parties of a
 * case. Only the codes live here (a few hundred bytes, loaded everywhere);
 * the names, one table per language, come from the i18n-iso-countries
 * package and are loaded by the screens that need them (see
 * countryOptions), never at start-up.
 *
 * The named list is the one i18n-iso-countries ships (a test keeps them
 * equal): the officially assigned codes plus XK, the user-assigned code in
 * general use for Kosovo. The other user-assigned codes (AA, QM-QZ, XA-XZ,
 * ZZ) are accepted too, unnamed: ISO keeps them free for private use, and
 * exercises use them for fictional states (the sample case's XA-XD).
 */
import { z } from "../validation/zod";

const CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
  "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT " +
  "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
  "NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
  "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/** Every accepted alpha-2 code, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = CODES.split(" ");
const KNOWN = new Set(COUNTRY_CODES);

const USER_ASSIGNED = /^(?:AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** One of ISO 3166-1's user-assigned codes, which name no country of the standard. */
export const isUserAssignedCode = (code: string): boolean => USER_ASSIGNED.test(code);

/** A code of COUNTRY_CODES, or a user-assigned one. */
export const isCountryCode = (code: string): boolean => KNOWN.has(code) || isUserAssignedCode(code);

/** A country code as new input must give it (see isCountryCode). */
export const CountryCodeSchema = z.string().refine(isCountryCode, { params: { reason: "not-a-country-code" } });

/**
 * A country code as a stored record or a signed card may hold it: earlier
 * versions checked only the shape (two capitals), so "SW" for Switzerland
 * could be recorded. Such a record is read back (never refused, a signed
 * card cannot be corrected by its reader); new input is held to
 * CountryCodeSchema, and the interface flags the code as unknown.
 */
export const RecordedCountryCodeSchema = z.string().refine((s) => /^[A-Z]{2}$/.test(s), { params: { reason: "not-a-country-code" } });

/** The codes in `codes` that are not country codes, each once, in order. */
export function unknownCountryCodes(codes: readonly string[]): readonly string[] {
  return [...new Set(codes.filter((c) => !isCountryCode(c)))];
}

/**
 * One language's country names as i18n-iso-countries' locale files hold
 * them: code → the usual name, or a list whose first entry is the usual name
 * and the rest other names people search by ("UK", "Ivory Coast").
 */
export type CountryNameTable = { readonly locale: string; readonly countries: Readonly<Record<string, string | readonly string[]>> };

export type CountryOption = {
  readonly code: string;
  readonly name: string;
  /** Other names it is known by, for searching. */
  readonly otherNames: readonly string[];
  /** A user-assigned code, which has no name: `name` is the code. */
  readonly userAssigned?: true;
};

/** Every country of COUNTRY_CODES with its name in `table` (the code itself where the table has none), sorted by name for `table.locale`. */
export function countryOptions(table: CountryNameTable): readonly CountryOption[] {
  const options = COUNTRY_CODES.map((code): CountryOption => {
    const entry = table.countries[code];
    const names = entry === undefined ? [code] : typeof entry === "string" ? [entry] : entry.length > 0 ? entry : [code];
    return { code, name: names[0] ?? code, otherNames: names.slice(1) };
  });
  const collator = new Intl.Collator(table.locale);
  return options.sort((a, b) => collator.compare(a.name, b.name));
}

/** Lower case, without accents or punctuation, so "cote d ivoire" finds "Côte d'Ivoire". */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("und")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The options matching what a person typed, best first: the code itself
 * ("ch"), then a name equal to the text ("uk"), then names starting with it,
 * then names with a word starting with it, then names containing it; other names count like the name. An
 * empty query matches everything, in the given order.
 */
export function searchCountries(options: readonly CountryOption[], query: string): readonly CountryOption[] {
  const q = foldForSearch(query);
  if (q === "") return options;
  // A user-assigned code is found by the code itself only.
  const code = q.toUpperCase();
  const extra: CountryOption[] = isUserAssignedCode(code) && !options.some((o) => o.code === code) ? [{ code, name: code, otherNames: [], userAssigned: true }] : [];
  const rank = (option: CountryOption): number => {
    if (option.code.toLowerCase() === q) return 0;
    let best = Number.POSITIVE_INFINITY;
    for (const name of [option.name, ...option.otherNames]) {
      const folded = foldForSearch(name);
      if (folded === q) best = Math.min(best, 1);
      else if (folded.startsWith(q)) best = Math.min(best, 2);
      else if (folded.split(" ").some((word) => word.startsWith(q))) best = Math.min(best, 3);
      else if (folded.includes(q)) best = Math.min(best, 4);
    }
    return best;
  };
  return options
    .map((option, index) => ({ option, index, rank: rank(option) }))
    .filter((x) => Number.isFinite(x.rank))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.option)
    .concat(extra);
}

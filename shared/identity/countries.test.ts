import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import fr from "i18n-iso-countries/langs/fr.json";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, CountryCodeSchema, isUserAssignedCode, RecordedCountryCodeSchema, countryOptions, foldForSearch, isCountryCode, searchCountries, unknownCountryCodes, type CountryNameTable } from "./countries";

const UN_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"] as const;

describe("the country code list", () => {
  it("is exactly the one i18n-iso-countries ships, so codes and names cannot drift apart", () => {
    expect([...COUNTRY_CODES]).toEqual(Object.keys(countries.getAlpha2Codes()).sort());
  });

  it("has a name for every code in each of the six UN languages", async () => {
    for (const language of UN_LANGUAGES) {
      const table = (await import(`i18n-iso-countries/langs/${language}.json`)) as { default: CountryNameTable };
      const missing = COUNTRY_CODES.filter((code) => table.default.countries[code] === undefined);
      expect(missing, language).toEqual([]);
    }
  });
});

describe("CountryCodeSchema", () => {
  it("accepts real codes and refuses look-alikes", () => {
    for (const code of ["CH", "FR", "SN", "XK"]) expect(CountryCodeSchema.safeParse(code).success, code).toBe(true);
    // "SW" is what the old form kept of "Switzerland"; UK is reserved, not assigned.
    for (const code of ["SW", "UK", "EU", "ch", "CHE", "", "C"]) expect(CountryCodeSchema.safeParse(code).success, code).toBe(false);
  });

  it("accepts ISO's user-assigned codes, which exercises use for fictional states", () => {
    for (const code of ["AA", "QM", "QZ", "XA", "XB", "XZ", "ZZ"]) expect(isCountryCode(code), code).toBe(true);
    for (const code of ["QL", "ZY", "AB"]) expect(isCountryCode(code), code).toBe(false);
    expect(isUserAssignedCode("XB")).toBe(true);
    expect(isUserAssignedCode("CH")).toBe(false);
  });

  it("is stricter than the recorded shape, which old records keep", () => {
    expect(RecordedCountryCodeSchema.safeParse("SW").success).toBe(true);
    expect(RecordedCountryCodeSchema.safeParse("sw").success).toBe(false);
    expect(COUNTRY_CODES.every((code) => RecordedCountryCodeSchema.safeParse(code).success)).toBe(true);
  });

  it("names the unknown codes of a list", () => {
    expect(unknownCountryCodes(["FR", "SW", "DE", "SW", "ZY"])).toEqual(["SW", "ZY"]);
    expect(unknownCountryCodes([])).toEqual([]);
    expect(isCountryCode("CH")).toBe(true);
  });
});

describe("searchCountries", () => {
  const english = countryOptions(en as CountryNameTable);
  const codes = (query: string) => searchCountries(english, query).map((o) => o.code);

  it("finds Switzerland from the first letters of its name, in any case", () => {
    expect(codes("Switz")).toEqual(["CH"]);
    expect(codes("switzerland")).toEqual(["CH"]);
  });

  it("puts the exact code first, then names that start with the text", () => {
    expect(codes("ch")[0]).toBe("CH");
    expect(codes("ch")).toContain("CL"); // Chile
    const afterCode = codes("ch").slice(1);
    expect(afterCode.slice(0, 4)).toEqual(expect.arrayContaining(["TD", "CL", "CN"])); // Chad, Chile, China: names that start with it
    expect(afterCode.indexOf("CN")).toBeLessThan(afterCode.indexOf("LI")); // before Liechtenstein, which has "ch" only inside a word
  });

  it("finds a country by another of its names, and ignores accents and punctuation", () => {
    expect(codes("Ivory")).toEqual(["CI"]);
    expect(codes("cote d ivoire")).toEqual(["CI"]);
    expect(codes("UK")[0]).toBe("GB");
    expect(codes("Türk")[0]).toBe("TR");
    expect(codes("turkiye")).toEqual(["TR"]);
  });

  it("offers a user-assigned code only when it is typed in full", () => {
    expect(searchCountries(english, "xb")).toEqual([{ code: "XB", name: "XB", otherNames: [], userAssigned: true }]);
    expect(codes("xk")[0]).toBe("XK"); // Kosovo has a name
    expect(codes("x")).not.toContain("XB");
  });

  it("finds words inside a name", () => {
    expect(codes("Korea")).toEqual(expect.arrayContaining(["KP", "KR"]));
    expect(codes("zzzz")).toEqual([]);
  });

  it("returns every country for an empty query, sorted by name for the language", () => {
    expect(codes("  ")).toHaveLength(COUNTRY_CODES.length);
    expect(english[0]?.name).toBe("Afghanistan");
    const french = countryOptions(fr as CountryNameTable);
    expect(french.find((o) => o.code === "CH")?.name).toBe("Suisse");
    expect(french.findIndex((o) => o.code === "ZA")).toBeLessThan(french.findIndex((o) => o.code === "AL")); // Afrique du Sud before Albanie
  });

  it("falls back to the code for a country a table does not name", () => {
    const options = countryOptions({ locale: "en", countries: { CH: "Switzerland" } });
    expect(options.find((o) => o.code === "FR")?.name).toBe("FR");
  });

  it("folds text for searching", () => {
    expect(foldForSearch("  Côte d'Ivoire ")).toBe("cote d ivoire");
  });
});

import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { searchCountries } from "../../shared/identity/countries";
import { countryLabel, countryLanguageOf, loadCountries, withEnglishNames } from "./country-names";

describe("country names in the interface's language", () => {
  beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

  it("names countries in French, found by the French name, the English name and the code", async () => {
    const fr = await loadCountries("fr");
    expect(fr.byCode.get("IE")?.name).toBe("Irlande");
    for (const query of ["Irlande", "irla", "Ireland", "IE"]) expect(searchCountries(fr.options, query)[0]?.code, query).toBe("IE");
    expect(searchCountries(fr.options, "Switzerland")[0]?.code).toBe("CH");
    expect(countryLabel("IE", fr)).toBe("Irlande (IE)");
  });

  it("names countries in Chinese and Arabic, still found in English", async () => {
    const zh = await loadCountries("zh");
    expect(zh.byCode.get("CH")?.name).toBe("瑞士");
    expect(searchCountries(zh.options, "Switz")[0]?.code).toBe("CH");
    const ar = await loadCountries("ar");
    expect(ar.byCode.get("CH")?.name).not.toMatch(/[A-Za-z]/);
    expect(searchCountries(ar.options, "Switzerland")[0]?.code).toBe("CH");
  });

  it("English is loaded alone and its names are not repeated as other names", async () => {
    const en = await loadCountries("en");
    expect(en.byCode.get("CH")?.name).toBe("Switzerland");
    expect(en.byCode.get("CH")?.otherNames).not.toContain("Switzerland");
    const merged = withEnglishNames([{ code: "GB", name: "Royaume-Uni", otherNames: ["UK"] }], [{ code: "GB", name: "United Kingdom", otherNames: ["UK", "Great Britain"] }]);
    expect(merged[0]?.otherNames).toEqual(["UK", "United Kingdom", "Great Britain"]);
  });

  it("flags codes without a name, and maps the pseudo-locale to English names", () => {
    expect(countryLabel("XB", undefined)).toBe("XB (user-assigned code)");
    expect(countryLabel("SW", undefined)).toBe("SW (not a country code)");
    expect(countryLabel("CH", undefined)).toBe("CH");
    expect(countryLanguageOf("pseudo")).toBe("en");
    expect(countryLanguageOf("ru")).toBe("ru");
  });
});

import { describe, expect, it } from "vitest";
import { direction, intlTag, isLocale, languageTag, LOCALES, matchLocale } from "./locales";

describe("locales", () => {
  it("offers the six UN languages", () => {
    expect([...LOCALES].sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
  });
  it("matches the system language by its primary subtag, first supported wins", () => {
    expect(matchLocale(["fr-CA", "en"])).toBe("fr");
    expect(matchLocale(["zh-TW"])).toBe("zh");
    expect(matchLocale(["de-DE", "ru-RU", "en"])).toBe("ru");
    expect(matchLocale(["AR"])).toBe("ar");
    expect(matchLocale(["de", "it"])).toBe("en");
    expect(matchLocale([])).toBe("en");
  });
  it("writes Arabic right to left and the rest left to right", () => {
    expect(LOCALES.filter((l) => direction(l) === "rtl")).toEqual(["ar"]);
    expect(direction("pseudo")).toBe("ltr");
  });
  it("tags Chinese as simplified script and formats the pseudo-locale as English", () => {
    expect(languageTag("zh")).toBe("zh-Hans");
    expect(intlTag("pseudo")).toBe("en");
    expect(isLocale("pseudo")).toBe(false);
    expect(isLocale("de")).toBe(false);
  });
});

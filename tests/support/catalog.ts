/**
 * The interface's sentences as a language shows them, read from the message
 * catalogs, so that an end-to-end journey written against the English text
 * runs unchanged in Arabic or Chinese: `tr("ar", "Create vault")` is the
 * Arabic catalog's translation of that message (its msgid is the English).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatter } from "@lingui/format-po";
import type { CatalogType } from "@lingui/conf";

const CATALOGS = path.resolve(import.meta.dirname, "..", "..", "renderer", "locales");
const po = formatter({ lineNumbers: false });
const loaded = new Map<string, CatalogType>();

/** `locale`'s catalog as parsed from its PO file (each file read once per run). */
export async function catalogOf(locale: string): Promise<CatalogType> {
  let catalog = loaded.get(locale);
  if (!catalog) {
    const file = path.join(CATALOGS, locale, "messages.po");
    catalog = await po.parse(readFileSync(file, "utf8"), { locale, sourceLocale: "en", filename: file });
    loaded.set(locale, catalog);
  }
  return catalog;
}

/** Loads the catalogs a run needs; `tr` is synchronous afterwards. */
export async function loadCatalogs(...locales: string[]): Promise<void> {
  await Promise.all(["en", ...locales].map(catalogOf));
}

/**
 * `english` (a message of the English catalog, without placeholders) as
 * `locale` shows it; throws when the message is not in the catalog or is not
 * translated, so that a journey never silently looks for English text.
 */
export function tr(locale: string, english: string, context?: string): string {
  if (locale === "en") return english;
  const catalog = loaded.get(locale);
  if (!catalog) throw new Error(`loadCatalogs("${locale}") first`);
  const entry = Object.values(catalog).find((e) => e.message === english && (context === undefined || e.context === context));
  if (!entry) throw new Error(`"${english}" is not a message of the ${locale} catalog`);
  if (!entry.translation) throw new Error(`"${english}" is not translated in the ${locale} catalog`);
  return entry.translation;
}

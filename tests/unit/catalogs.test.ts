/**
 * The message catalogs are complete: the English catalog holds every message
 * the interface's code marks (extracted afresh here), and each of the five
 * other languages translates every one of them, with the same placeholders
 * and every plural form its language needs (Arabic six, Russian four...).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CatalogType } from "@lingui/conf";
import { formatter } from "@lingui/format-po";
import { parse, type Token } from "@messageformat/parser";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const CATALOGS = path.join(ROOT, "renderer", "locales");
const TRANSLATED = ["ar", "es", "fr", "ru", "zh"] as const;
const po = formatter({ lineNumbers: false });

async function catalog(file: string, locale: string): Promise<CatalogType> {
  return po.parse(readFileSync(file, "utf8"), { locale, sourceLocale: "en", filename: file });
}

/** Placeholder names and, per plural/select, the categories a message uses. */
function shape(message: string): { args: Set<string>; plurals: Map<string, Set<string>> } {
  const args = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === "argument" || token.type === "function") args.add(token.arg);
      if (token.type === "plural" || token.type === "select" || token.type === "selectordinal") {
        args.add(token.arg);
        const cases = plurals.get(token.arg) ?? new Set<string>();
        for (const c of token.cases) {
          cases.add(c.key);
          walk(c.tokens);
        }
        if (token.type === "plural") plurals.set(token.arg, cases);
      }
    }
  };
  walk(parse(message));
  return { args, plurals };
}

describe("message catalogs", () => {
  it("the English catalog has exactly the messages the interface marks", async () => {
    const dir = path.join(ROOT, "node_modules", ".cache", "lingui-check");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const config = path.join(dir, "lingui.config.mjs");
    writeFileSync(
      config,
      `import base from ${JSON.stringify(path.join(ROOT, "lingui.config.ts"))};\n` +
        `export default { ...base, rootDir: ${JSON.stringify(ROOT)}, locales: ["en"], fallbackLocales: {}, catalogs: [{ ...base.catalogs[0], path: ${JSON.stringify(path.join(dir, "{locale}", "messages"))} }] };\n`,
    );
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "@lingui", "cli", "dist", "lingui.js"), "extract", "--config", config], { cwd: ROOT, stdio: "pipe" });
    const fresh = Object.keys(await catalog(path.join(dir, "en", "messages.po"), "en")).sort();
    const committed = Object.keys(await catalog(path.join(CATALOGS, "en", "messages.po"), "en")).sort();
    expect(fresh.length).toBeGreaterThan(0);
    expect({ missing: fresh.filter((id) => !committed.includes(id)), obsolete: committed.filter((id) => !fresh.includes(id)) }, "run `npm run i18n:extract` and translate the new messages").toEqual({ missing: [], obsolete: [] });
  }, 120_000);

  it.each(TRANSLATED)("%s translates every message, with the source's placeholders and its own plural forms", async (locale) => {
    const source = await catalog(path.join(CATALOGS, "en", "messages.po"), "en");
    const target = await catalog(path.join(CATALOGS, locale, "messages.po"), locale);
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [id, entry] of Object.entries(source)) {
      const english = entry.message ?? id;
      const translation = target[id]?.translation;
      if (!translation) {
        problems.push(`missing: ${english}`);
        continue;
      }
      let theirs: ReturnType<typeof shape>;
      try {
        theirs = shape(translation);
      } catch (e) {
        problems.push(`not valid ICU (${String(e)}): ${translation}`);
        continue;
      }
      const ours = shape(english);
      if ([...ours.args].sort().join() !== [...theirs.args].sort().join()) problems.push(`placeholders differ: ${english} → ${translation}`);
      for (const [arg, cases] of theirs.plurals) {
        const lacking = needed.filter((c) => !cases.has(c) && !(c === "other"));
        if (!cases.has("other") || lacking.length > 0) problems.push(`plural {${arg}} lacks ${[...lacking, ...(cases.has("other") ? [] : ["other"])].join(", ")}: ${translation}`);
      }
    }
    for (const id of Object.keys(target)) if (!(id in source) && !target[id]?.obsolete) problems.push(`not in the English catalog: ${target[id]?.message ?? id}`);
    expect(problems).toEqual([]);
  });
});

/**
 * Build glue: runs Lingui's macro transform (Babel) on the files that import
 * a Lingui macro, before the React plugin strips TypeScript and JSX. Written
 * here rather than through @rolldown/plugin-babel because that plugin needs a
 * newer Node than the one this project supports (20).
 */
import { transformAsync } from "@babel/core";
import type { Plugin } from "vite";

const MACRO_IMPORT = /from\s+["']@lingui\/(core|react)\/macro["']/;

export function linguiMacro(): Plugin {
  return {
    name: "attribution-panel:lingui-macro",
    enforce: "pre",
    async transform(code, id) {
      const file = id.split("?")[0] ?? id;
      if (!/\.(ts|tsx)$/.test(file) || file.includes("/node_modules/") || !MACRO_IMPORT.test(code)) return null;
      const result = await transformAsync(code, {
        filename: file,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: ["typescript", "jsx"] },
        plugins: ["@lingui/babel-plugin-lingui-macro"],
      });
      if (!result?.code) throw new Error(`Lingui's macro transform returned nothing for ${file}`);
      return { code: result.code, map: result.map ?? null };
    },
  };
}

/**
 * The architecture cannot drift silently: the lint rules that keep shared/
 * pure, keep Node and Electron out of renderer/, and confine libsodium to one
 * module must fire on code that breaks them (and stay quiet on code that does not).
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..", "..") });

async function ruleHits(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}:${m.line}`);
}

describe("layer boundaries (lint, error level)", () => {
  it("keep shared/ free of Node, Electron, React, Dexie, the DOM and libsodium", async () => {
    const code = [
      'import fs from "node:fs";',
      'import path from "path";',
      'import { app } from "electron";',
      'import { useState } from "react";',
      'import Dexie from "dexie";',
      'import sodium from "libsodium-wrappers-sumo";',
      'import { App } from "../renderer/app/App";',
      "export const all = [fs, path, app, useState, Dexie, sodium, App, window.location, document.title];",
    ].join("\n");
    const hits = await ruleHits("shared/probe.ts", code);
    expect(hits.filter((h) => h.startsWith("no-restricted-imports")).map((h) => h.split(":")[1])).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(hits.filter((h) => h.startsWith("no-restricted-globals"))).toHaveLength(2);
  });

  it("keep Node and Electron out of renderer/", async () => {
    const hits = await ruleHits("renderer/probe.ts", 'import os from "node:os";\nimport { ipcRenderer } from "electron";\nexport const x = [os, ipcRenderer];\n');
    expect(hits).toEqual(["no-restricted-imports:1", "no-restricted-imports:2"]);
  });

  it("allow libsodium in shared/crypto/sodium.ts only", async () => {
    const code = 'import sodium from "libsodium-wrappers-sumo";\nexport const s = sodium;\n';
    expect(await ruleHits("shared/crypto/sodium.ts", code)).toEqual([]);
    expect(await ruleHits("shared/formats/other.ts", code)).toEqual(["no-restricted-imports:1"]);
    expect(await ruleHits("electron/other.ts", code)).toEqual(["no-restricted-imports:1"]);
  });

  it("allow zod in shared/validation/zod.ts only, which configures it for the CSP before any schema exists", async () => {
    const code = 'import { z } from "zod";\nexport const s = z.string();\n';
    expect(await ruleHits("shared/validation/zod.ts", code)).toEqual([]);
    for (const file of ["shared/case/other.ts", "renderer/other.tsx", "electron/other.ts", "tests/other.test.ts"]) expect(await ruleHits(file, code)).toEqual(["no-restricted-imports:1"]);
  });

  it("let electron/ use Node and Electron", async () => {
    expect(await ruleHits("electron/probe.ts", 'import fs from "node:fs";\nimport { app } from "electron";\nexport const x = [fs, app];\n')).toEqual([]);
  });
});

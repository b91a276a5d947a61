/**
 * `npm start`: make sure the Electron runtime is there (running electron's own
 * download script when it is not), check for a display, then open the app.
 * When something is missing, print a short explanation and exit non-zero.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { explainLaunchProblem, hasDisplay, locateRuntime, summariseFailure, type LaunchProblem } from "./launch-plan";

// Bundled to dist/electron/launcher/start.cjs.
const projectDir = path.resolve(__dirname, "..", "..", "..");
const electronDir = path.join(projectDir, "node_modules", "electron");
const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000;

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function probeRuntime(): string | undefined {
  return locateRuntime({
    pathTxt: readOptional(path.join(electronDir, "path.txt")),
    overrideDistPath: process.env["ELECTRON_OVERRIDE_DIST_PATH"],
    electronDir,
    exists: existsSync,
    join: path.join,
  });
}

function fail(problem: LaunchProblem, code: number): never {
  process.stderr.write(`${explainLaunchProblem(problem)}\n`);
  process.exit(code);
}

function electronVersion(): string {
  const pkg = JSON.parse(readOptional(path.join(electronDir, "package.json")) ?? "{}") as { version?: string };
  return pkg.version ?? "(unknown)";
}

function ensureRuntime(): string {
  const present = probeRuntime();
  if (present) return present;
  const installer = path.join(electronDir, "install.js");
  if (!existsSync(installer)) fail({ kind: "runtime-missing", electronVersion: electronVersion(), detail: "the electron package is not installed; run `npm install`" }, 2);
  process.stdout.write("The Electron runtime is missing; trying to download it with electron's install script…\n");
  const run = spawnSync(process.execPath, [installer], { cwd: electronDir, encoding: "utf8", timeout: DOWNLOAD_TIMEOUT_MS });
  const installed = probeRuntime();
  if (installed) return installed;
  fail({ kind: "runtime-missing", electronVersion: electronVersion(), detail: summariseFailure(`${run.stderr ?? ""}\n${run.stdout ?? ""}`, run.status) }, 2);
}

const runtime = ensureRuntime();
if (!hasDisplay(process.platform, process.env)) fail({ kind: "no-display" }, 3);
const child = spawn(runtime, [projectDir], { stdio: "inherit", env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

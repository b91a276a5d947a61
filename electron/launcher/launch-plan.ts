/**
 * What `npm start` decides, as pure functions: whether the Electron runtime
 * is there, whether there is a display to open a window on, and the short
 * explanation a person gets when either is missing.
 */
export type RuntimeProbe = {
  /** Contents of node_modules/electron/path.txt, if that file exists. */
  readonly pathTxt: string | undefined;
  /** ELECTRON_OVERRIDE_DIST_PATH, if set. */
  readonly overrideDistPath: string | undefined;
  readonly electronDir: string;
  readonly exists: (file: string) => boolean;
  readonly join: (...parts: string[]) => string;
};

/** The path of the Electron executable, or undefined when it is not installed. */
export function locateRuntime(probe: RuntimeProbe): string | undefined {
  const relative = probe.pathTxt?.trim();
  if (probe.overrideDistPath) {
    const candidate = probe.join(probe.overrideDistPath, relative || "electron");
    return probe.exists(candidate) ? candidate : undefined;
  }
  if (!relative) return undefined;
  const candidate = probe.join(probe.electronDir, "dist", relative);
  return probe.exists(candidate) ? candidate : undefined;
}

/** Linux and the BSDs need an X11 or Wayland display; macOS and Windows always have one. */
export function hasDisplay(platform: string, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform === "darwin" || platform === "win32") return true;
  return Boolean(env["DISPLAY"] || env["WAYLAND_DISPLAY"]);
}

export type LaunchProblem =
  | { readonly kind: "runtime-missing"; readonly electronVersion: string; readonly detail: string }
  | { readonly kind: "no-display" };

export function explainLaunchProblem(problem: LaunchProblem): string {
  switch (problem.kind) {
    case "runtime-missing":
      return [
        `Attribution Panel cannot open: the Electron ${problem.electronVersion} runtime is not installed, and downloading it failed (${problem.detail}).`,
        "This machine probably cannot reach Electron's download host (an offline or firewalled machine).",
        "To run the app, do one of these, then run `npm start` again:",
        "  - on a connected machine, run `npx install-electron` in a copy of this folder, then copy its node_modules/electron/dist and node_modules/electron/path.txt here;",
        "  - point ELECTRON_MIRROR at an internal mirror, or electron_config_cache at a folder holding the Electron zip;",
        "  - set ELECTRON_OVERRIDE_DIST_PATH to a folder containing an Electron build of that version.",
        "Everything else (`npm test`, `npm run build`) works without the runtime.",
      ].join("\n");
    case "no-display":
      return [
        "Attribution Panel cannot open: there is no display to show its window on (neither DISPLAY nor WAYLAND_DISPLAY is set).",
        "Run `npm start` from a desktop session, or under a virtual display such as `xvfb-run npm start`.",
      ].join("\n");
  }
}

/** A one-line summary of a failed download, without a stack trace. */
export function summariseFailure(output: string, exitCode: number | null): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const message = lines.find((l) => /error|failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/i.test(l) && !l.startsWith("at "));
  return message ?? (exitCode === null ? "the download timed out" : `the download script exited with code ${exitCode}`);
}

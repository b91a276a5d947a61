/**
 * What every end-to-end file sets up once: a recording proxy (so traffic
 * that leaves loopback is counted), Debian's Chromium behind it, the
 * production build served with the app's headers, and a temporary folder.
 * Chromium speaks the run's language (`E2E_LOCALE`, see locale.ts), whose
 * catalog is loaded for T()/TF().
 * The fields are filled in by the file's beforeAll and released by its afterAll.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, startRecordingProxy, type RecordingProxy } from "./chromium";
import { CHROMIUM_LANG, useLocale } from "./locale";
import { startStaticServer, type StaticServer } from "./static-server";
import { tempDir } from "./tools";

export type E2eWorld = { proxy: RecordingProxy; browser: Browser; server: StaticServer; temp: ReturnType<typeof tempDir> };

export function e2eWorld(name: string): E2eWorld {
  const world = {} as E2eWorld;
  beforeAll(async () => {
    await useLocale();
    world.proxy = await startRecordingProxy();
    world.browser = await launchChromium(world.proxy, { lang: CHROMIUM_LANG });
    world.server = await startStaticServer();
    world.temp = tempDir(name);
  }, 120_000);
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
    await world.proxy?.close();
    world.temp?.remove();
  });
  return world;
}

/// <reference types="vite/client" />
declare const __APP_VERSION__: string;

/** A message catalog, compiled at build time by @lingui/vite-plugin from its PO file. */
declare module "*.po" {
  import type { Messages } from "@lingui/core";
  export const messages: Messages;
}

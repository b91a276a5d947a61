/**
 * The one place the app imports zod. zod 4 probes `new Function` the first
 * time it parses an object, to decide whether to compile parsers; under the
 * app's Content-Security-Policy (no eval) that probe is blocked and reported
 * as a violation in whichever thread makes it. Configuring zod here, before
 * any schema exists, turns the probe off in every thread: every module that
 * defines a schema imports `z` from this file (a lint rule enforces it), so
 * this runs first wherever zod is used.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };

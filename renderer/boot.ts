/**
 * The page's entry script, kept tiny: it starts the crypto worker first (its
 * libsodium then loads on the worker's thread while this thread parses and
 * renders the interface), requests the interface language's catalog, then
 * loads the interface. The Arabic and Chinese font faces (fonts.css, about
 * 100 KB of rules) load beside it rather than before this script: a
 * stylesheet in the page would hold this script back until it was parsed.
 */
import { cryptoWorkers } from "./crypto/spawn-crypto-worker";
import { startLanguage } from "./i18n/i18n";
import "./styles.css";

cryptoWorkers.prewarm();
void import("./fonts.css");
void startLanguage();
void import("./main");

/**
 * The page's entry script, kept tiny: it starts the crypto worker first (its
 * libsodium then loads on the worker's thread while this thread parses and
 * renders the interface), requests the interface language's catalog, then
 * loads the interface.
 */
import { cryptoWorkers } from "./crypto/spawn-crypto-worker";
import { startLanguage } from "./i18n/i18n";
import "./styles.css";

cryptoWorkers.prewarm();
void startLanguage();
void import("./main");

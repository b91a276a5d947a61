import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { startCrypto } from "./app/useCrypto";
import { askVaultStatusEarly } from "./vault/VaultContext";
import { activateLocale, startLanguage } from "./i18n/i18n";
import { LanguageProvider } from "./i18n/LanguageContext";

// Ask the crypto worker (started by boot.ts) for its status and the vault's now, not after the first render.
void startCrypto();
askVaultStatusEarly();

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
const root = createRoot(container);
// The catalog was requested by boot.ts beside this chunk; the first render speaks the chosen language
// (English if that catalog could not be loaded).
void startLanguage()
  .catch(() => activateLocale("en"))
  .finally(() =>
  root.render(
    <StrictMode>
      <LanguageProvider>
        <App />
      </LanguageProvider>
    </StrictMode>,
  ),
);

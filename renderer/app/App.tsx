import { useEffect, useRef } from "react";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { AboutPage } from "../pages/AboutPage";
import { HomePage } from "../pages/HomePage";
import { RolePage } from "../pages/RolePage";
import { PanelistPage } from "../pages/panelist/PanelistPage";
import { SecretariatPage } from "../pages/secretariat/SecretariatPage";
import { VaultPage } from "../pages/vault/VaultPage";
import { useVault, VaultProvider } from "../vault/VaultContext";
import { ROUTES, hrefFor, type RouteId } from "./routes";
import { useCrypto, type CryptoState } from "./useCrypto";
import { useRoute } from "./useRoute";

function Screen({ route, crypto }: { route: RouteId; crypto: CryptoState }) {
  switch (route) {
    case "home":
      return <HomePage />;
    case "about":
      return <AboutPage crypto={crypto} />;
    case "vault":
      return <VaultPage />;
    case "panelist":
      return <PanelistPage />;
    case "secretariat":
      return <SecretariatPage />;
    case "chair":
    case "verify":
      return <RolePage role={route} />;
  }
}

export function App() {
  return (
    <VaultProvider>
      <Shell />
    </VaultProvider>
  );
}

/** The vault's state in the header, with the Lock button while it is open. */
function VaultBadge() {
  const { state, lock } = useVault();
  if (state.phase !== "unlocked") {
    return (
      <a className="vault-badge" href={hrefFor("vault")} data-testid="vault-state">
        {state.phase === "locked" ? "Vault locked" : state.phase === "none" ? "No vault yet" : "Vault"}
      </a>
    );
  }
  return (
    <span className="vault-badge">
      <span data-testid="vault-state">Vault unlocked</span>{" "}
      <button type="button" onClick={() => void lock("Locked.")} aria-keyshortcuts="Control+L" title="Lock now (Ctrl+L)">
        Lock
      </button>
    </span>
  );
}

function Shell() {
  const { state, lock } = useVault();
  // Ctrl+L (Cmd+L) locks from anywhere, as in password managers.
  useEffect(() => {
    if (state.phase !== "unlocked") return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "l") {
        event.preventDefault();
        void lock("Locked.");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state.phase, lock]);

  const route = useRoute();
  const crypto = useCrypto();
  const heading = useRef<HTMLHeadingElement>(null);
  const current = ROUTES.find((r) => r.id === route) ?? ROUTES[0];

  // Move focus to the new screen's heading so keyboard and screen-reader users follow navigation.
  const first = useRef(true);
  useEffect(() => {
    document.title = route === "home" ? "Attribution Panel" : `${current.label} — Attribution Panel`;
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [route, current.label]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <span className="brand">Attribution Panel</span>
        <VaultBadge />
        <span className={`crypto-badge crypto-${crypto.status}`} data-testid="crypto-status" role="status">
          {crypto.status === "loading" ? "Starting cryptography…" : crypto.status === "ready" ? "Offline · libsodium on WebAssembly" : "Cryptography unavailable"}
        </span>
      </header>
      <nav className="shell-nav" aria-label="Roles">
        <ul>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a href={hrefFor(r.id)} aria-current={r.id === route ? "page" : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        {crypto.status === "failed" && (
          <div className="alert" role="alert" data-testid="crypto-error">
            {crypto.message}
          </div>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {current.title}
        </h1>
        <ErrorBoundary key={route}>
          <Screen route={route} crypto={crypto} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

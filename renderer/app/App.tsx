import { Trans, useLingui } from "@lingui/react/macro";
import { lazy, Suspense, useEffect, useRef } from "react";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { LanguagePicker } from "../components/LanguagePicker";
import { WorkerErrorText } from "../components/WorkerErrorText";
import { HomePage } from "../pages/HomePage";
import { useVault, VaultProvider } from "../vault/VaultContext";
import { hrefTo, SCREENS, screenOf, type Route } from "./routes";
import { useCrypto, type CryptoState } from "./useCrypto";
import { useRoute } from "./useRoute";

// Each role's screens are a chunk of their own, loaded when first opened, so
// start-up parses only the shell and the overview.
const AboutPage = lazy(() => import("../pages/AboutPage").then((m) => ({ default: m.AboutPage })));
const VaultPage = lazy(() => import("../pages/vault/VaultPage").then((m) => ({ default: m.VaultPage })));
const PanelistPage = lazy(() => import("../pages/panelist/PanelistPage").then((m) => ({ default: m.PanelistPage })));
const SecretariatPage = lazy(() => import("../pages/secretariat/SecretariatPage").then((m) => ({ default: m.SecretariatPage })));
const ChairPage = lazy(() => import("../pages/chair/ChairPage").then((m) => ({ default: m.ChairPage })));
const VerifyPage = lazy(() => import("../pages/verify/VerifyPage").then((m) => ({ default: m.VerifyPage })));

/** The screen of `route`, given the route's params (every route of the table is named here). */
function Screen({ route, crypto }: { route: Route; crypto: CryptoState }) {
  switch (route.name) {
    case "home":
      return <HomePage />;
    case "about":
      return <AboutPage crypto={crypto} />;
    case "vault":
      return <VaultPage panel={route.params.panel ?? "identity"} />;
    case "panelist":
    case "panelist.case":
    case "panelist.score":
      return <PanelistPage route={route} />;
    case "secretariat":
    case "secretariat.cases":
    case "secretariat.case":
    case "secretariat.registry":
    case "secretariat.rubrics":
    case "secretariat.rubric":
      return <SecretariatPage route={route} />;
    case "chair":
      return <ChairPage />;
    case "verify":
      return <VerifyPage />;
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
  const { t } = useLingui();
  const { state, lock } = useVault();
  if (state.phase !== "unlocked") {
    return (
      <a className="vault-badge" href={hrefTo("vault")} data-testid="vault-state" data-phase={state.phase}>
        {state.phase === "locked" ? t`Vault locked` : state.phase === "none" ? t`No vault yet` : t`Vault`}
      </a>
    );
  }
  return (
    <span className="vault-badge">
      <span data-testid="vault-state" data-phase={state.phase}>
        <Trans>Vault unlocked</Trans>
      </span>{" "}
      <button type="button" onClick={() => void lock({ kind: "manual" })} aria-keyshortcuts="Control+L" title={t`Lock now (Ctrl+L)`}>
        <Trans>Lock</Trans>
      </button>
    </span>
  );
}

/**
 * Marked on the page's performance timeline once the first screen is usable:
 * cryptography ready and the vault's state known (the cold-start benchmark
 * reads it; zero is the navigation's start).
 */
export const READY_MARK = "attribution-panel:ready";

function Shell() {
  const { t, i18n } = useLingui();
  const { state, lock } = useVault();
  // Ctrl+L (Cmd+L) locks from anywhere, as in password managers.
  useEffect(() => {
    if (state.phase !== "unlocked") return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "l") {
        event.preventDefault();
        void lock({ kind: "manual" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state.phase, lock, t]);

  const route = useRoute();
  const screen = screenOf(route);
  const crypto = useCrypto();
  const ready = crypto.status === "ready" && state.phase !== "starting";
  useEffect(() => {
    if (ready && performance.getEntriesByName(READY_MARK).length === 0) performance.mark(READY_MARK);
  }, [ready]);
  const heading = useRef<HTMLHeadingElement>(null);
  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0];

  // Move focus to the new screen's heading so keyboard and screen-reader users follow navigation
  // (from one screen to another; within a screen, the link followed keeps the focus or the screen moves it).
  const first = useRef(true);
  const label = i18n._(current.label);
  const appName = t`Attribution Panel`;
  useEffect(() => {
    document.title = screen === "home" ? appName : t`${label} — ${appName}`;
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [screen, label, appName, t]);

  return (
    <div className="shell">
      {/* Moves the focus without touching the hash, which names the route. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        <Trans>Skip to content</Trans>
      </a>
      <header className="shell-header">
        <span className="brand">{appName}</span>
        <VaultBadge />
        <span className={`crypto-badge crypto-${crypto.status}`} data-testid="crypto-status" data-status={crypto.status} role="status">
          {crypto.status === "loading" ? t`Starting cryptography…` : crypto.status === "ready" ? t`Offline · libsodium on WebAssembly` : t`Cryptography unavailable`}
        </span>
        <LanguagePicker />
      </header>
      <nav className="shell-nav" aria-label={t`Roles`}>
        <ul>
          {SCREENS.map((r) => (
            <li key={r.id}>
              <a href={hrefTo(r.id)} aria-current={r.id === screen ? "page" : undefined}>
                {i18n._(r.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        {crypto.status === "failed" && (
          <div className="alert" role="alert" data-testid="crypto-error">
            <WorkerErrorText error={crypto.error} />
          </div>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {i18n._(current.title)}
        </h1>
        <ErrorBoundary key={screen}>
          <Suspense
            fallback={
              <p role="status" className="muted" data-testid="screen-loading">
                <Trans>Opening…</Trans>
              </p>
            }
          >
            <Screen route={route} crypto={crypto} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

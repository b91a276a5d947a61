import { useEffect, useRef } from "react";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { AboutPage } from "../pages/AboutPage";
import { HomePage } from "../pages/HomePage";
import { RolePage } from "../pages/RolePage";
import { ROUTES, hrefFor, type RouteId } from "./routes";
import { useCrypto, type CryptoState } from "./useCrypto";
import { useRoute } from "./useRoute";

function Screen({ route, crypto }: { route: RouteId; crypto: CryptoState }) {
  switch (route) {
    case "home":
      return <HomePage />;
    case "about":
      return <AboutPage crypto={crypto} />;
    case "panelist":
    case "chair":
    case "secretariat":
    case "verify":
      return <RolePage role={route} />;
  }
}

export function App() {
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

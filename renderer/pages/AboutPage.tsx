import { useEffect, useState } from "react";
import { fetchShellInfo, type ShellInfo } from "../app/bridge";
import type { CryptoState } from "../app/useCrypto";
import type { Result } from "../../shared/result";

export function AboutPage({ crypto }: { crypto: CryptoState }) {
  const [shell, setShell] = useState<Result<ShellInfo, string> | undefined>();
  useEffect(() => {
    let live = true;
    void fetchShellInfo().then((r) => live && setShell(r));
    return () => {
      live = false;
    };
  }, []);

  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd data-testid="app-version">{__APP_VERSION__}</dd>
      <dt>Cryptography</dt>
      <dd data-testid="crypto-backend">
        {crypto.status === "ready"
          ? `libsodium ${crypto.backend.version} on WebAssembly`
          : crypto.status === "loading"
            ? "Loading…"
            : crypto.message}
      </dd>
      <dt>Application shell</dt>
      <dd data-testid="shell-info">
        {shell === undefined
          ? "Asking…"
          : !shell.ok
            ? shell.error
            : shell.value.kind === "browser"
              ? "Web browser (no desktop shell): storage stays in this browser profile"
              : `Electron ${shell.value.info.versions.electron}, Chromium ${shell.value.info.versions.chrome}, ${shell.value.info.platform}/${shell.value.info.arch}`}
      </dd>
      <dt>Network</dt>
      <dd>None. The app is offline by design; every request leaving its own origin is refused.</dd>
    </dl>
  );
}

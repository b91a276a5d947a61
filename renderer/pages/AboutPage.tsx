import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useState } from "react";
import { fetchShellInfo, type ShellInfo } from "../app/bridge";
import type { CryptoState } from "../app/useCrypto";
import { WorkerErrorText } from "../components/WorkerErrorText";
import type { Result } from "../../shared/result";

export function AboutPage({ crypto }: { crypto: CryptoState }) {
  const { t } = useLingui();
  const [shell, setShell] = useState<Result<ShellInfo, string> | undefined>();
  useEffect(() => {
    let live = true;
    void fetchShellInfo().then((r) => live && setShell(r));
    return () => {
      live = false;
    };
  }, []);

  const version = crypto.status === "ready" ? crypto.backend.version : "";
  const info = shell?.ok && shell.value.kind === "electron" ? shell.value.info : undefined;
  const { electron, chrome } = info?.versions ?? { electron: "", chrome: "" };
  const { platform, arch } = info ?? { platform: "", arch: "" };
  return (
    <dl className="facts">
      <dt>
        <Trans>Version</Trans>
      </dt>
      <dd data-testid="app-version">{__APP_VERSION__}</dd>
      <dt>
        <Trans>Cryptography</Trans>
      </dt>
      <dd data-testid="crypto-backend">
        {crypto.status === "ready"
          ? t`libsodium ${version} on WebAssembly`
          : crypto.status === "loading"
            ? t`Loading…`
            : <WorkerErrorText error={crypto.error} />}
      </dd>
      <dt>
        <Trans>Application shell</Trans>
      </dt>
      <dd data-testid="shell-info">
        {shell === undefined
          ? t`Asking…`
          : !shell.ok
            ? shell.error
            : shell.value.kind === "browser"
              ? t`Web browser (no desktop shell): storage stays in this browser profile`
              : t`Electron ${electron}, Chromium ${chrome}, ${platform}/${arch}`}
      </dd>
      <dt>
        <Trans>Network</Trans>
      </dt>
      <dd>
        <Trans>None. The app is offline by design; every request leaving its own origin is refused.</Trans>
      </dd>
    </dl>
  );
}

import { Plural, Trans } from "@lingui/react/macro";
import type { Dashboard } from "../../../shared/merge/dashboard";
import type { FileResult } from "../../../shared/merge/import-scoresheets";
import { Ltr } from "../../components/Ltr";
import { formatNumber } from "../../i18n/format";
import { describeIncomingRefusal, describeVaultError } from "../../i18n/problems";

/** What the last import did, file by file: accepted (seat, revision), already held, or refused with the reason. */
export function ImportResults({ results, dashboard }: { results: readonly FileResult[]; dashboard: Dashboard | undefined }) {
  const nameOf = (fingerprint: string) => dashboard?.seats.find((s) => s.fingerprint === fingerprint)?.displayName ?? fingerprint;
  const accepted = results.filter((r) => r.outcome === "accepted").length;
  const refused = results.filter((r) => r.outcome === "refused" || r.outcome === "failed").length;
  const held = results.filter((r) => r.outcome === "already-held").length;
  return (
    <div className="import-results" data-testid="import-results">
      <p role="status">
        <Plural value={accepted} one="# scoresheet imported." other="# scoresheets imported." />{" "}
        {held > 0 && <Plural value={held} one="# file was already held; nothing changed." other="# files were already held; nothing changed." />}{" "}
        {refused > 0 && <Plural value={refused} one="# file refused; nothing of it was stored." other="# files refused; nothing of them was stored." />}
      </p>
      <ul>
        {results.map((r, i) => (
          <li key={i} className={r.outcome === "refused" || r.outcome === "failed" ? "refused" : r.outcome} data-testid="import-result" data-outcome={r.outcome} data-refusal={r.outcome === "refused" ? r.refusal.kind : undefined}>
            <Ltr>{r.name}</Ltr>: <ResultSentence result={r} nameOf={nameOf} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResultSentence({ result, nameOf }: { result: FileResult; nameOf: (fingerprint: string) => string }) {
  switch (result.outcome) {
    case "accepted": {
      const who = nameOf(result.fingerprint);
      const revision = formatNumber(result.revision);
      return <Trans>Accepted: revision {revision} from {who}.</Trans>;
    }
    case "already-held": {
      const who = nameOf(result.fingerprint);
      const revision = formatNumber(result.revision);
      return <Trans>Already held: revision {revision} from {who} is in your vault; nothing changed.</Trans>;
    }
    case "refused":
      return (
        <>
          <Trans>Refused.</Trans> {describeIncomingRefusal(result.refusal)}
        </>
      );
    case "failed":
      return (
        <>
          <Trans>Not stored.</Trans> {describeVaultError(result.error)}
        </>
      );
  }
}

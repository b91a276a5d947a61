import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import type { InboxImport, ReceivedSummary } from "../../../shared/worker/contract";
import { hrefTo } from "../../app/routes";
import { Timestamp } from "../../components/case/format";
import { TlpBadge } from "../../components/case/TlpBadge";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { describePacketProblem } from "../../i18n/problems";
import { ConfirmSigner, type SignerQuestion } from "./ConfirmSigner";

type Imported = Extract<InboxImport, { outcome: "imported" }>;

/**
 * The panelist's inbox: import a case packet (the first from a secretariat
 * asks for its fingerprint), and the cases received. `onImported` is told
 * the case just imported, to open it.
 */
export function Inbox({ openCaseId, onImported }: { openCaseId: string | undefined; onImported: (caseId: string) => void }) {
  const { t } = useLingui();
  const importing = useOperation();
  const listing = useOperation();
  const [pending, setPending] = useState<{ file: File; signer: SignerQuestion } | undefined>();
  const [imported, setImported] = useState<Imported | undefined>();
  // Why the last file picked was not imported, in words (the worker gives the reason as a value).
  // `jump`: the packet's number when it jumps far beyond the last one seen, which the person may confirm.
  const [problem, setProblem] = useState<{ text: string; harmless: boolean; jump?: { file: File; sequence: number } } | undefined>();
  const [cases, reload] = useWorkerList(listing, t`Reading your inbox…`, "inbox:list");

  const importPacket = async (file: File, confirmSigner?: string, confirmSequence?: number) => {
    setImported(undefined);
    setProblem(undefined);
    const request = { file, ...(confirmSigner === undefined ? {} : { confirmSigner }), ...(confirmSequence === undefined ? {} : { confirmSequence }) };
    const fileName = file.name;
    const result = await importing.run(t`Checking and decrypting ${fileName}…`, (o) => cryptoWorker.call("inbox:import", request, o), { cancellable: true });
    if (!result) return;
    if (result.outcome === "confirm-signer") {
      setPending({ file, signer: result });
      return;
    }
    setPending(undefined);
    if (result.outcome === "refused") {
      // The same packet again is no danger: said as a notice, not an alert.
      const p = result.problem;
      setProblem({ text: describePacketProblem(p), harmless: p.kind === "already-imported", ...(p.kind === "sequence-jump" ? { jump: { file, sequence: p.sequence } } : {}) });
      return;
    }
    setImported(result);
    await reload();
    onImported(result.caseId);
  };

  return (
    <section aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">
        <Trans>Inbox</Trans>
      </h2>
      <p className="muted">
        <Trans>
          Import the case packet the secretariat gave you on removable media. Its signature, its packet number and the hash of every file are checked before
          anything is stored.
        </Trans>
      </p>
      <FilePicker
        id="packet-file"
        label={t`Import a case packet (.packet.age)`}
        accept=".age"
        disabled={importing.running !== undefined}
        onFile={(file) => {
          setPending(undefined);
          void importPacket(file);
        }}
      />
      <OperationStatus operation={importing} />
      {problem && (
        <div className={problem.harmless ? "notice" : "alert"} role={problem.harmless ? "status" : "alert"} data-testid="import-problem">
          {problem.text}
          {problem.jump && (
            <p>
              <button type="button" data-testid="confirm-sequence" disabled={importing.running !== undefined} onClick={() => problem.jump && void importPacket(problem.jump.file, undefined, problem.jump.sequence)}>
                <Trans>The secretariat confirmed this number: import it</Trans>
              </button>
            </p>
          )}
        </div>
      )}
      {pending && (
        <ConfirmSigner
          question={pending.signer}
          busy={importing.running !== undefined}
          onConfirm={() => void importPacket(pending.file, pending.signer.fingerprint)}
          onCancel={() => setPending(undefined)}
        />
      )}
      {imported && (
        <p className="notice" role="status" data-testid="import-status">
          <ImportedSentences imported={imported} />
        </p>
      )}
      <OperationStatus operation={listing} unit="items" />
      <ReceivedList cases={cases} openCaseId={openCaseId} />
    </section>
  );
}

/** What an import did, one message per sentence: imported and checked; the key now confirmed; what it replaced. */
function ImportedSentences({ imported }: { imported: Imported }) {
  const { title, sequence, newlyPinned, replaced } = imported;
  const previous = replaced?.sequence ?? 0;
  const changes = replaced?.changes ?? 0;
  return (
    <>
      <Trans>
        Imported “{title}” (packet number {sequence}). Its signature and the SHA-256 of every file were checked.
      </Trans>
      {newlyPinned && (
        <>
          {" "}
          <Trans>The secretariat's key is now confirmed: later packets must be signed by the same key.</Trans>
        </>
      )}
      {replaced && (
        <>
          {" "}
          {changes === 0 ? (
            <Trans>It replaces packet {previous}: nothing in the case changed.</Trans>
          ) : (
            plural(changes, {
              one: `It replaces packet ${previous}: # change, listed under “What changed in packet ${sequence}”.`,
              other: `It replaces packet ${previous}: # changes, listed under “What changed in packet ${sequence}”.`,
            })
          )}
        </>
      )}
    </>
  );
}

/** The cases received, each a link to its reader. */
function ReceivedList({ cases, openCaseId }: { cases: readonly ReceivedSummary[] | undefined; openCaseId: string | undefined }) {
  if (!cases) return null;
  if (cases.length === 0) {
    return (
      <p>
        <Trans>No case packets imported yet.</Trans>
      </p>
    );
  }
  return (
    <table className="received">
      <caption className="visually-hidden">
        <Trans>Cases you have received</Trans>
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <Trans context="column heading: a case file">Case</Trans>
          </th>
          <th scope="col">
            <Trans context="column heading: the TLP marking">Marking</Trans>
          </th>
          <th scope="col">
            <Trans>Deadline</Trans>
          </th>
          <th scope="col">
            <Trans context="column heading: when the packet was imported">Imported</Trans>
          </th>
          <th scope="col">
            <Trans>Packet number</Trans>
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.caseId} data-testid="received-case">
            <td>
              <a href={hrefTo("panelist.case", { caseId: c.caseId })} aria-current={c.caseId === openCaseId ? "page" : undefined}>
                {c.title}
              </a>
              <div className="muted small">
                {plural(c.evidence, { one: "# evidence item", other: "# evidence items" })}
              </div>
            </td>
            <td>
              <TlpBadge marking={c.marking} />
            </td>
            <td>
              <Timestamp iso={c.deadline} />
            </td>
            <td>
              <Timestamp iso={c.importedAt} />
            </td>
            <td>{c.sequence}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

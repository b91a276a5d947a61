import { msg, plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReceivedCase } from "../../../shared/case/case-records";
import { CaseIdSchema } from "../../../shared/case/model";
import type { I18n } from "@lingui/core";
import { claimStatement, PANEL_ROLE_LABEL, regionName, SECTOR_LABEL } from "../../i18n/vocabulary";
import type { InboxImport, ReceivedSummary } from "../../../shared/worker/contract";
import { hashSegments, hrefFor } from "../../app/routes";
import { useHash } from "../../app/useRoute";
import { Timestamp } from "../../components/case/format";
import { TlpBadge } from "../../components/case/TlpBadge";
import { countryLabel, useCountries, type Countries } from "../../components/country-names";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { Ltr } from "../../components/Ltr";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatBytes, formatList } from "../../i18n/format";
import { RequireVault } from "../vault/VaultGate";
import { CaseChanges } from "./CaseChanges";
import { CaseReaderEvidence } from "./CaseReaderEvidence";
import { describePacketProblem } from "../../i18n/problems";

/** The case open in the reader, from a hash such as `#/panelist/<caseId>`. */
function caseIdFromHash(hash: string): string | undefined {
  const [route, id] = hashSegments(hash);
  return route === "panelist" && CaseIdSchema.safeParse(id).success ? id : undefined;
}
const caseHref = (caseId: string): string => `${hrefFor("panelist")}/${caseId}`;

/** The open case follows the URL hash, so Back returns to the inbox. */
function useOpenCase(): [string | undefined, (caseId: string | undefined) => void] {
  const caseId = useHash(caseIdFromHash);
  // The hashchange event brings the new id back through useHash.
  const open = useCallback((id: string | undefined) => {
    window.location.hash = id ? caseHref(id) : hrefFor("panelist");
  }, []);
  return [caseId, open];
}

/** The panelist's screen: import case packets, then read the case. */
export function PanelistPage() {
  const { t } = useLingui();
  return (
    <RequireVault purpose={t`Case packets are decrypted into your vault and read from there.`}>
      <PanelistWorkspace />
    </RequireVault>
  );
}

type SignerQuestion = Extract<InboxImport, { outcome: "confirm-signer" }>;
type Imported = Extract<InboxImport, { outcome: "imported" }>;

function PanelistWorkspace() {
  const { t } = useLingui();
  const [caseId, open] = useOpenCase();
  const importing = useOperation();
  const listing = useOperation();
  const [pending, setPending] = useState<{ file: File; signer: SignerQuestion } | undefined>();
  const [imported, setImported] = useState<Imported | undefined>();
  // Why the last file picked was not imported, in words (the worker gives the reason as a value).
  // `jump`: the packet's number when it jumps far beyond the last one seen, which the person may confirm.
  const [problem, setProblem] = useState<{ text: string; harmless: boolean; jump?: { file: File; sequence: number } } | undefined>();
  // Bumped on every import, so a case imported again is read again.
  const [generation, setGeneration] = useState(0);

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
    setGeneration((g) => g + 1);
    await reload();
    open(result.caseId);
  };

  return (
    <>
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
        <FilePicker id="packet-file" label={t`Import a case packet (.packet.age)`} accept=".age" disabled={importing.running !== undefined} onFile={(file) => {
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
        <ReceivedList cases={cases} openCaseId={caseId} />
      </section>
      {caseId && <CaseReader key={`${caseId}:${generation}`} caseId={caseId} onClose={() => open(undefined)} />}
    </>
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

function ConfirmSigner({ question, busy, onConfirm, onCancel }: { question: SignerQuestion; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useLingui();
  const heading = useRef<HTMLHeadingElement>(null);
  const [typed, setTyped] = useState("");
  const matched = fingerprintConfirmed(question.fingerprint, typed);
  useEffect(() => {
    setTyped("");
    heading.current?.focus();
  }, [question.fingerprint]);
  return (
    <form
      className="card confirm-signer"
      data-testid="confirm-signer"
      aria-labelledby="confirm-signer-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (matched) onConfirm();
      }}
    >
      <h3 id="confirm-signer-heading" ref={heading} tabIndex={-1}>
        <Trans>Confirm the secretariat's key</Trans>
      </h3>
      <p>
        <Trans>This packet is signed by a secretariat key you have not confirmed yet. Nothing has been imported.</Trans>
      </p>
      <p>
        <Trans>
          Ask the secretariat to read you its fingerprint out of band: in person, by telephone or from paper it gave you, never from the same message as the
          packet. Type it here as you hear it; the packet is imported only once every group matches, and from then on packets must be signed by this key.
        </Trans>
      </p>
      <FingerprintCheck
        id="signer-fingerprint"
        label={t`Type the secretariat's fingerprint as it is read to you`}
        fingerprint={question.fingerprint}
        groups={question.fingerprintGroups}
        typed={typed}
        onTyped={setTyped}
        owner="secretariat"
      />
      <div className="actions">
        <button type="submit" disabled={busy || !matched}>
          <Trans>The fingerprint matches: import</Trans>
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          <Trans>Cancel</Trans>
        </button>
      </div>
    </form>
  );
}

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
              <a href={caseHref(c.caseId)} aria-current={c.caseId === openCaseId ? "page" : undefined}>
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

/** No state (or sector) is named for this part of the case. */
const NONE_NAMED = msg({ message: "none named", context: "no states or sectors are named for this part of a case" });
const states = (i18n: I18n, list: readonly string[], countries: Countries | undefined): string =>
  list.length === 0 ? i18n._(NONE_NAMED) : formatList(list.map((code) => countryLabel(code, countries)));

function CaseReader({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const [received, setReceived] = useState<ReceivedCase | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const countries = useCountries();

  const { run } = operation;
  useEffect(() => {
    let live = true;
    void run(t`Opening the case…`, (o) => cryptoWorker.call("inbox:get", { caseId }, o)).then((read) => {
      if (live && read) setReceived(read);
    });
    return () => {
      live = false;
    };
  }, [run, caseId]);
  // Keyboard and screen-reader users land on the case once it is on screen.
  useEffect(() => {
    if (received) heading.current?.focus();
  }, [received]);

  if (!received) {
    return (
      <section aria-label={t({ message: "Case", context: "a case file" })} className="subsection">
        <OperationStatus operation={operation} unit="items" />
      </section>
    );
  }
  const c = received.case;
  const p = received.packet;
  const size = formatBytes(p.bytes);
  return (
    <section aria-labelledby="case-heading" className="subsection case-reader" data-testid="case-reader">
      <h2 id="case-heading" ref={heading} tabIndex={-1}>
        {c.title}
      </h2>
      <p className="case-marking">
        <Trans context="the case's TLP marking">
          Marking: <TlpBadge marking={c.marking} />
        </Trans>
      </p>
      <p>
        <a
          href={hrefFor("panelist")}
          onClick={(e) => {
            e.preventDefault();
            onClose();
          }}
        >
          <Trans>Close this case</Trans>
        </a>
      </p>
      {received.changesSince && <CaseChanges sequence={p.sequence} since={received.changesSince.sequence} changes={received.changesSince.changes} />}
      <p className="prose case-summary">{c.summary}</p>
      <dl className="facts">
        <dt>
          <Trans>Deadline</Trans>
        </dt>
        <dd>
          <Timestamp iso={received.deadline} />
        </dd>
        <dt>
          <Trans>Incident window</Trans>
        </dt>
        <dd>
          <Trans context="a time span: from one moment to another">
            <Timestamp iso={c.incidentWindow.start} /> to <Timestamp iso={c.incidentWindow.end} />
          </Trans>
        </dd>
        <dt>
          <Trans>Sectors</Trans>
        </dt>
        <dd>{c.sectors.length === 0 ? i18n._(NONE_NAMED) : formatList(c.sectors.map((s) => i18n._(SECTOR_LABEL[s])))}</dd>
        <dt>
          <Trans>Accusing states</Trans>
        </dt>
        <dd data-testid="parties-accusing">{states(i18n, c.parties.accusing, countries)}</dd>
        <dt>
          <Trans>Accused states</Trans>
        </dt>
        <dd data-testid="parties-accused">{states(i18n, c.parties.accused, countries)}</dd>
        <dt>
          <Trans>Affected states</Trans>
        </dt>
        <dd data-testid="parties-affected">{states(i18n, c.parties.affected, countries)}</dd>
      </dl>

      <h3>
        <Trans>Civilian impact</Trans>
      </h3>
      <p className="prose">{c.civilianImpact || t`None described.`}</p>

      <h3>
        <Trans>Claims</Trans>
      </h3>
      <ol className="claims">
        {c.claims.map((claim) => (
          <li key={claim.id} data-testid="claim">
            {claimStatement(i18n, claim)}
            {claim.attributedState && <AttributedTo country={countryLabel(claim.attributedState, countries)} />}{" "}
            {claim.catchAll && (
              <span className="badge">
                <Trans context="badge on the catch-all claim">Catch-all</Trans>
              </span>
            )}
            {claim.source && <ClaimSource source={claim.source} />}
          </li>
        ))}
      </ol>

      <h3>
        <Trans context="heading: the experts on the case's panel">Panel</Trans>
      </h3>
      <table className="roster">
        <caption className="visually-hidden">
          <Trans>The panel for this case</Trans>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Trans context="column heading: role on the panel">Role</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: a person's name">Name</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: UN regional group">Region</Trans>
            </th>
            <th scope="col">
              <Trans>Nationality</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: a key's fingerprint">Fingerprint</Trans>
            </th>
          </tr>
        </thead>
        <tbody>
          {received.roster.map((person) => (
            <tr key={person.fingerprint} data-testid="roster-seat">
              <td>{i18n._(PANEL_ROLE_LABEL[person.role])}</td>
              <td>
                {person.displayName}
                {person.affiliation && <div className="muted small">{person.affiliation}</div>}
              </td>
              <td>{regionName(i18n, person.region)}</td>
              <td>{countryLabel(person.nationality, countries)}</td>
              <td>
                <span className="mono small" title={person.fingerprint}>
                  <Ltr>{person.fingerprint.slice(0, 19)}…</Ltr>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>
        <Trans context="heading: the case's evidence items">Evidence</Trans>
      </h3>
      <CaseReaderEvidence evidence={c.evidence} />

      <h3>
        <Trans context="heading: the case packet file">Packet</Trans>
      </h3>
      <dl className="facts" data-testid="packet-facts">
        <dt>
          <Trans>Packet number</Trans>
        </dt>
        <dd>{p.sequence}</dd>
        <dt>
          <Trans>Signed by (secretariat)</Trans>
        </dt>
        <dd className="mono small wrap">
          <Ltr>{p.senderFingerprint}</Ltr>
        </dd>
        <dt>
          <Trans context="when the packet was made">Created</Trans>
        </dt>
        <dd>
          <Timestamp iso={p.createdAt} />
        </dd>
        <dt>
          <Trans context="when the packet was imported">Imported</Trans>
        </dt>
        <dd>
          <Timestamp iso={p.importedAt} />
        </dd>
        <dt>
          <Trans context="what the packet holds">Contents</Trans>
        </dt>
        <dd>{plural(p.files, { one: `# file, ${size}`, other: `# files, ${size}` })}</dd>
      </dl>
    </section>
  );
}

function AttributedTo({ country }: { country: string }) {
  return (
    <span className="muted">
      {" "}
      <Trans>(attributed to {country})</Trans>
    </span>
  );
}

function ClaimSource({ source }: { source: string }) {
  return (
    <div className="muted small prose">
      <Trans context="where a claim comes from">Source: {source}</Trans>
    </div>
  );
}

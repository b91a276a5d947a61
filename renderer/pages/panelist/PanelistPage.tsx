import { useCallback, useEffect, useRef, useState } from "react";
import type { ReceivedCase } from "../../../shared/case/case-records";
import { CaseIdSchema } from "../../../shared/case/model";
import { UN_REGIONS } from "../../../shared/identity/un-regions";
import type { InboxImport, ReceivedSummary } from "../../../shared/worker/contract";
import { formatBytes } from "../../app/progress";
import { hashSegments, hrefFor } from "../../app/routes";
import { useHash } from "../../app/useRoute";
import { SECTOR_LABEL, Timestamp } from "../../components/case/format";
import { TlpBadge } from "../../components/case/TlpBadge";
import { countryLabel, useCountries, type Countries } from "../../components/country-names";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { RequireVault } from "../vault/VaultGate";
import { CaseChanges } from "./CaseChanges";
import { CaseReaderEvidence } from "./CaseReaderEvidence";
import { describePacketProblem } from "./packet-problem";

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
  return (
    <RequireVault purpose="Case packets are decrypted into your vault and read from there.">
      <PanelistWorkspace />
    </RequireVault>
  );
}

type SignerQuestion = Extract<InboxImport, { outcome: "confirm-signer" }>;

function PanelistWorkspace() {
  const [caseId, open] = useOpenCase();
  const importing = useOperation();
  const listing = useOperation();
  const [pending, setPending] = useState<{ file: File; signer: SignerQuestion } | undefined>();
  const [imported, setImported] = useState<string | undefined>();
  // Why the last file picked was not imported, in words (the worker gives the reason as a value).
  const [problem, setProblem] = useState<{ text: string; harmless: boolean } | undefined>();
  // Bumped on every import, so a case imported again is read again.
  const [generation, setGeneration] = useState(0);

  const [cases, reload] = useWorkerList(listing, "Reading your inbox…", "inbox:list");

  const importPacket = async (file: File, confirmSigner?: string) => {
    setImported(undefined);
    setProblem(undefined);
    const request = confirmSigner === undefined ? { file } : { file, confirmSigner };
    const result = await importing.run(`Checking and decrypting ${file.name}…`, (o) => cryptoWorker.call("inbox:import", request, o), { cancellable: true });
    if (!result) return;
    if (result.outcome === "confirm-signer") {
      setPending({ file, signer: result });
      return;
    }
    setPending(undefined);
    if (result.outcome === "refused") {
      // The same packet again is no danger: said as a notice, not an alert.
      setProblem({ text: describePacketProblem(result.problem), harmless: result.problem.kind === "already-imported" });
      return;
    }
    const replaced = result.replaced;
    setImported(
      `Imported “${result.title}” (packet number ${result.sequence}). Its signature and the SHA-256 of every file were checked.` +
        (result.newlyPinned ? " The secretariat's key is now confirmed: later packets must be signed by the same key." : "") +
        (replaced
          ? ` It replaces packet ${replaced.sequence}: ${replaced.changes === 0 ? "nothing in the case changed" : `${replaced.changes} change${replaced.changes === 1 ? "" : "s"}, listed under “What changed in packet ${result.sequence}”`}.`
          : ""),
    );
    setGeneration((g) => g + 1);
    await reload();
    open(result.caseId);
  };

  return (
    <>
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">Inbox</h2>
        <p className="muted">
          Import the case packet the secretariat gave you on removable media. Its signature, its packet number and the hash of every file are checked
          before anything is stored.
        </p>
        <FilePicker id="packet-file" label="Import a case packet (.packet.age)" accept=".age" disabled={importing.running !== undefined} onFile={(file) => {
            setPending(undefined);
            void importPacket(file);
          }}
        />
        <OperationStatus operation={importing} />
        {problem && (
          <div className={problem.harmless ? "notice" : "alert"} role={problem.harmless ? "status" : "alert"} data-testid="import-problem">
            {problem.text}
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
            {imported}
          </p>
        )}
        <OperationStatus operation={listing} unit="items" />
        <ReceivedList cases={cases} openCaseId={caseId} />
      </section>
      {caseId && <CaseReader key={`${caseId}:${generation}`} caseId={caseId} onClose={() => open(undefined)} />}
    </>
  );
}

function ConfirmSigner({ question, busy, onConfirm, onCancel }: { question: SignerQuestion; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
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
        Confirm the secretariat's key
      </h3>
      <p>
        This packet is signed by a secretariat key you have not confirmed yet. Nothing has
        been imported.
      </p>
      <p>
        Ask the secretariat to read you its fingerprint out of band: in person, by telephone or from paper it gave you, never from the same message as the
        packet. Type it here as you hear it; the packet is imported only once every group matches, and from then on packets must be signed by this key.
      </p>
      <FingerprintCheck
        id="signer-fingerprint"
        label="Type the secretariat's fingerprint as it is read to you"
        fingerprint={question.fingerprint}
        groups={question.fingerprintGroups}
        typed={typed}
        onTyped={setTyped}
        owner="The secretariat's"
      />
      <div className="actions">
        <button type="submit" disabled={busy || !matched}>
          The fingerprint matches: import
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ReceivedList({ cases, openCaseId }: { cases: readonly ReceivedSummary[] | undefined; openCaseId: string | undefined }) {
  if (!cases) return null;
  if (cases.length === 0) return <p>No case packets imported yet.</p>;
  return (
    <table className="received">
      <caption className="visually-hidden">Cases you have received</caption>
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Marking</th>
          <th scope="col">Deadline</th>
          <th scope="col">Imported</th>
          <th scope="col">Packet number</th>
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
                {c.evidence} evidence item{c.evidence === 1 ? "" : "s"}
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

const regionName = (id: string): string => UN_REGIONS.find((r) => r.id === id)?.name ?? id;
const states = (list: readonly string[], countries: Countries | undefined): string => (list.length === 0 ? "none named" : list.map((code) => countryLabel(code, countries)).join(", "));

function CaseReader({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const operation = useOperation();
  const [received, setReceived] = useState<ReceivedCase | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const countries = useCountries();

  const { run } = operation;
  useEffect(() => {
    let live = true;
    void run("Opening the case…", (o) => cryptoWorker.call("inbox:get", { caseId }, o)).then((read) => {
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
      <section aria-label="Case" className="subsection">
        <OperationStatus operation={operation} unit="items" />
      </section>
    );
  }
  const c = received.case;
  const p = received.packet;
  return (
    <section aria-labelledby="case-heading" className="subsection case-reader" data-testid="case-reader">
      <h2 id="case-heading" ref={heading} tabIndex={-1}>
        {c.title}
      </h2>
      <p className="case-marking">
        Marking: <TlpBadge marking={c.marking} />
      </p>
      <p>
        <a
          href={hrefFor("panelist")}
          onClick={(e) => {
            e.preventDefault();
            onClose();
          }}
        >
          Close this case
        </a>
      </p>
      {received.changesSince && <CaseChanges sequence={p.sequence} since={received.changesSince.sequence} changes={received.changesSince.changes} />}
      <p className="prose case-summary">{c.summary}</p>
      <dl className="facts">
        <dt>Deadline</dt>
        <dd>
          <Timestamp iso={received.deadline} />
        </dd>
        <dt>Incident window</dt>
        <dd>
          <Timestamp iso={c.incidentWindow.start} /> to <Timestamp iso={c.incidentWindow.end} />
        </dd>
        <dt>Sectors</dt>
        <dd>{c.sectors.length === 0 ? "none named" : c.sectors.map((s) => SECTOR_LABEL[s]).join(", ")}</dd>
        <dt>Accusing states</dt>
        <dd data-testid="parties-accusing">{states(c.parties.accusing, countries)}</dd>
        <dt>Accused states</dt>
        <dd data-testid="parties-accused">{states(c.parties.accused, countries)}</dd>
        <dt>Affected states</dt>
        <dd data-testid="parties-affected">{states(c.parties.affected, countries)}</dd>
      </dl>

      <h3>Civilian impact</h3>
      <p className="prose">{c.civilianImpact || "None described."}</p>

      <h3>Claims</h3>
      <ol className="claims">
        {c.claims.map((claim) => (
          <li key={claim.id} data-testid="claim">
            {claim.statement}
            {claim.attributedState && <span className="muted"> (attributed to {countryLabel(claim.attributedState, countries)})</span>}{" "}
            {claim.catchAll && <span className="badge">Catch-all</span>}
            {claim.source && <div className="muted small prose">Source: {claim.source}</div>}
          </li>
        ))}
      </ol>

      <h3>Panel</h3>
      <table className="roster">
        <caption className="visually-hidden">The panel for this case</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Name</th>
            <th scope="col">Region</th>
            <th scope="col">Nationality</th>
            <th scope="col">Fingerprint</th>
          </tr>
        </thead>
        <tbody>
          {received.roster.map((person) => (
            <tr key={person.fingerprint} data-testid="roster-seat">
              <td>{person.role === "chair" ? "Chair" : "Member"}</td>
              <td>
                {person.displayName}
                {person.affiliation && <div className="muted small">{person.affiliation}</div>}
              </td>
              <td>{regionName(person.region)}</td>
              <td>{countryLabel(person.nationality, countries)}</td>
              <td>
                <span className="mono small" title={person.fingerprint}>
                  {person.fingerprint.slice(0, 19)}…
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Evidence</h3>
      <CaseReaderEvidence evidence={c.evidence} />

      <h3>Packet</h3>
      <dl className="facts" data-testid="packet-facts">
        <dt>Packet number</dt>
        <dd>{p.sequence}</dd>
        <dt>Signed by (secretariat)</dt>
        <dd className="mono small wrap">{p.senderFingerprint}</dd>
        <dt>Created</dt>
        <dd>
          <Timestamp iso={p.createdAt} />
        </dd>
        <dt>Imported</dt>
        <dd>
          <Timestamp iso={p.importedAt} />
        </dd>
        <dt>Contents</dt>
        <dd>
          {p.files} file{p.files === 1 ? "" : "s"}, {formatBytes(p.bytes)}
        </dd>
      </dl>
    </section>
  );
}

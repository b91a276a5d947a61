import type { I18n } from "@lingui/core";
import { msg, plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useRef, useState } from "react";
import type { ReceivedCase } from "../../../shared/case/case-records";
import { hrefTo } from "../../app/routes";
import { navigate } from "../../app/useRoute";
import { Timestamp } from "../../components/case/format";
import { TlpBadge } from "../../components/case/TlpBadge";
import { countryLabel, useCountries, type Countries } from "../../components/country-names";
import { Ltr } from "../../components/Ltr";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatBytes, formatList } from "../../i18n/format";
import { claimStatement, PANEL_ROLE_LABEL, regionName, SECTOR_LABEL } from "../../i18n/vocabulary";
import { CaseChanges } from "./CaseChanges";
import { CaseReaderEvidence } from "./CaseReaderEvidence";
import { FeedbackSection } from "./round-two/FeedbackSection";
import { CommentSection } from "./comment/CommentSection";
import { CosignSection } from "./cosign/CosignSection";

/** No state (or sector) is named for this part of the case. */
const NONE_NAMED = msg({ message: "none named", context: "no states or sectors are named for this part of a case" });
const states = (i18n: I18n, list: readonly string[], countries: Countries | undefined): string =>
  list.length === 0 ? i18n._(NONE_NAMED) : formatList(list.map((code) => countryLabel(code, countries)));

/** A case received, as its packet gave it: facts, claims, the panel, the evidence and the packet itself. */
export function CaseReader({ caseId }: { caseId: string }) {
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
        <a href={hrefTo("panelist")}>
          <Trans>Close this case</Trans>
        </a>
      </p>
      <div className="actions">
        <button type="button" onClick={() => navigate(hrefTo("panelist.score", { caseId }))}>
          <Trans>Score this case</Trans>
        </button>
      </div>
      <FeedbackSection caseId={caseId} received={received} />
      <CommentSection caseId={caseId} received={received} />
      <CosignSection caseId={caseId} received={received} />
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

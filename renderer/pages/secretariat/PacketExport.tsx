import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useState } from "react";
import type { Case, Panel } from "../../../shared/case/model";
import type { OutboxEntry } from "../../../shared/case/outbox";
import type { IdentitySummary, RegistryView } from "../../../shared/worker/contract";
import { saveFile } from "../../app/download";
import { Timestamp } from "../../components/case/format";
import { Ltr } from "../../components/Ltr";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatBytes, formatNumber } from "../../i18n/format";
import { PANEL_ROLE_LABEL } from "../../i18n/vocabulary";

/** The command that prints a file's SHA-256 (a name, never translated). */
const CHECKSUM_COMMAND = "sha256sum";

/**
 * One packet per seat: encrypted to that person and to the secretariat's own
 * key, signed by the secretariat, every file hashed in the signed manifest.
 * Each file is offered for saving to removable media as soon as it is built.
 * The outbox (kept in the vault) says, per seat, which packet went out when,
 * under which file name, with the SHA-256 of the file.
 */
export function PacketExport({ c, registry, panel }: { c: Case; registry: readonly RegistryView[]; panel: Panel | null }) {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const listing = useOperation();
  const identityListing = useOperation();
  const [outbox, setOutbox] = useState<readonly OutboxEntry[] | undefined>();
  const [current, setCurrent] = useState<string | undefined>();
  const [identities, setIdentities] = useState<readonly IdentitySummary[] | undefined>();
  const [chosenSigner, setChosenSigner] = useState<string>("");
  /** The signer chosen last time, as the vault's settings remember it. */
  const [rememberedSigner, setRememberedSigner] = useState<string | undefined>();
  const { run } = operation;
  const list = listing.run;
  const listIdentities = identityListing.run;

  const reload = useCallback(async () => {
    const entries = await list(t`Reading the outbox…`, (o) => cryptoWorker.call("packet:outbox", { caseId: c.id }, o));
    if (entries) setOutbox(entries);
  }, [list, c.id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    void listIdentities(t`Reading your identities…`, (o) => cryptoWorker.call("identity:list", {}, o)).then((read) => read && setIdentities(read));
  }, [listIdentities]);
  useEffect(() => {
    void cryptoWorker.call("vault:settings", {}).then((settings) => {
      const remembered = settings.ok ? settings.value.packetSigner : undefined;
      if (!remembered) return;
      setRememberedSigner(remembered);
      setChosenSigner((chosen) => chosen || remembered);
    });
  }, []);
  // The choice is remembered with the vault (its settings), so the next packets are signed by the same identity.
  const chooseSigner = (fingerprint: string) => {
    setChosenSigner(fingerprint);
    if (fingerprint) void cryptoWorker.call("vault:set-settings", { packetSigner: fingerprint }).then((saved) => saved.ok && setRememberedSigner(fingerprint));
  };
  // Packets are signed by the identity the person names: the only one, or the one chosen when the vault holds several.
  const signer = identities?.length === 1 ? identities[0]?.fingerprint : identities?.some((i) => i.fingerprint === chosenSigner) ? chosenSigner : undefined;

  if (panel === null)
    return (
      <p>
        <Trans>Compose and save the panel first (the Panel tab).</Trans>
      </p>
    );

  const seats = [panel.chairId, ...panel.memberIds].map((id) => ({
    id,
    role: i18n._(PANEL_ROLE_LABEL[id === panel.chairId ? "chair" : "member"]),
    person: registry.find((r) => r.id === id),
  }));
  // The person's name, or a stand-in for a seat whose expert left the registry.
  const nameOf = (seat: { person: RegistryView | undefined }): string => seat.person?.displayName ?? t`this seat`;
  const exportOne = async (seat: { id: string; person: RegistryView | undefined }): Promise<boolean> => {
    if (!signer) return false;
    setCurrent(seat.id);
    const name = nameOf(seat);
    const file = await run(t`Building the packet for ${name}…`, (o) => cryptoWorker.call("packet:export", { caseId: c.id, memberId: seat.id, signer }, o), { cancellable: true });
    setCurrent(undefined);
    // Also after a failure: the number it took is in the outbox, as not completed.
    await reload();
    if (!file) return false;
    saveFile(file);
    return true;
  };
  const exportAll = async () => {
    for (const seat of seats) if (!(await exportOne(seat))) return;
  };

  return (
    <div>
      <p className="muted">
        <Trans>Each packet is a single file for removable media.</Trans>{" "}
        <Trans>It carries the case, its evidence and attachments, the panel's identity cards and the rubric, in a manifest signed with your identity.</Trans>{" "}
        <Trans>Packets are numbered; a panelist's app refuses an older or replayed one.</Trans>{" "}
        <Trans>
          The outbox below is kept in your vault: compare a file's SHA-256 with <Ltr className="mono">{CHECKSUM_COMMAND}</Ltr> before handing it over.
        </Trans>
      </p>
      <SignerChoice identities={identities} chosen={chosenSigner} remembered={rememberedSigner} onChoose={chooseSigner} />
      <div className="actions">
        <button type="button" onClick={() => void exportAll()} disabled={operation.running !== undefined || signer === undefined}>
          <Trans>Export a packet for every seat</Trans>
        </button>
      </div>
      <OperationStatus operation={operation} />
      <OperationStatus operation={listing} unit="items" />
      <OperationStatus operation={identityListing} unit="items" />
      <table className="packet-outbox">
        <caption className="visually-hidden">
          <Trans>Packets per seat</Trans>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Trans context="table column: chair or member">Seat</Trans>
            </th>
            <th scope="col">
              <Trans context="table column">Expert</Trans>
            </th>
            <th scope="col">
              <Trans context="table column">Packets sent</Trans>
            </th>
            <th scope="col">
              <Trans context="table column: the buttons of a row">Action</Trans>
            </th>
          </tr>
        </thead>
        <tbody>
          {seats.map((seat) => {
            const name = nameOf(seat);
            return (
              <tr key={seat.id} data-testid="packet-seat">
                <td>{seat.role}</td>
                <td>{seat.person?.displayName ?? t`Not in the registry`}</td>
                <td data-testid="packet-status">
                  {current === seat.id ? t({ message: "Building…", context: "a packet is being built" }) : <SeatOutbox entries={outbox?.filter((e) => e.memberId === seat.id)} />}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => void exportOne(seat)} disabled={operation.running !== undefined || signer === undefined} aria-label={t`Export the packet for ${name}`}>
                    <Trans context="verb, button: build and save a packet">Export</Trans>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Which of the person's identities signs the packets: the only one, named;
 * or, when the vault holds several, a choice (none preselected the first
 * time: a packet signed with the wrong identity is refused by panelists who
 * pinned the other; then the one chosen last, which they pinned).
 */
function SignerChoice({
  identities,
  chosen,
  remembered,
  onChoose,
}: {
  identities: readonly IdentitySummary[] | undefined;
  chosen: string;
  remembered: string | undefined;
  onChoose: (fingerprint: string) => void;
}) {
  const { t } = useLingui();
  if (!identities) return null;
  const [only] = identities;
  if (!only)
    return (
      <p className="warning" data-testid="packet-signer">
        <Trans>Packets are signed with your identity, and this vault holds none yet: create it first (My vault → Identity).</Trans>
      </p>
    );
  if (identities.length === 1) return <SignedWith identity={only} />;
  const picked = identities.find((i) => i.fingerprint === chosen);
  return (
    <div className="field packet-signer">
      <label htmlFor="packet-signer">
        <Trans>Sign the packets with</Trans>
      </label>
      <select id="packet-signer" value={chosen} onChange={(e) => onChoose(e.target.value)} aria-describedby="packet-signer-hint">
        <option value="">{t`Choose one of your identities`}</option>
        {identities.map(({ displayName: name, fingerprint }) => {
          // An <option> holds text only: the fingerprint is isolated left-to-right with Unicode marks instead of <Ltr>.
          const key = `\u2066${fingerprint}\u2069`;
          return (
            <option key={fingerprint} value={fingerprint}>
              {t`${name} (${key})`}
            </option>
          );
        })}
      </select>
      <p id="packet-signer-hint" className="small muted">
        <Trans>This vault holds several identities. Panelists check the packet against the secretariat fingerprint they confirmed, so choose that identity.</Trans>
      </p>
      {picked && <SignedWith identity={picked} />}
      {picked && picked.fingerprint === remembered ? (
        <p className="small muted" data-testid="packet-signer-remembered">
          <Trans>Your last choice, remembered by this vault.</Trans>
        </p>
      ) : null}
    </div>
  );
}

/** The identity that signs, with its whole fingerprint (the one panelists confirm). */
function SignedWith({ identity }: { identity: IdentitySummary }) {
  const name = identity.displayName;
  return (
    <p data-testid="packet-signer">
      <Trans>
        Packets are signed with your identity {name}, fingerprint <Ltr className="mono wrap">{identity.fingerprint}</Ltr>.
      </Trans>
    </p>
  );
}

/** One sent packet in words: number, date, file name, size, SHA-256. */
function SentPacket({ entry }: { entry: OutboxEntry }) {
  const number = formatNumber(entry.sequence);
  if (!entry.sha256) {
    return (
      <span className="muted">
        <Trans>
          Packet {number}, started on <Timestamp iso={entry.createdAt} />, was not completed (cancelled or failed); no file of it went out.
        </Trans>
      </span>
    );
  }
  const fileName = entry.fileName;
  const size = entry.size === undefined ? undefined : formatBytes(entry.size);
  return (
    <>
      <span className="ok">
        {fileName === undefined ? (
          <Trans>
            Sent packet {number} on <Timestamp iso={entry.createdAt} />
          </Trans>
        ) : size === undefined ? (
          <Trans>
            Sent packet {number} on <Timestamp iso={entry.createdAt} /> as <Ltr className="mono wrap">{fileName}</Ltr>
          </Trans>
        ) : (
          <Trans>
            Sent packet {number} on <Timestamp iso={entry.createdAt} /> as <Ltr className="mono wrap">{fileName}</Ltr> ({size})
          </Trans>
        )}
      </span>
      <span className="outbox-sha256 small">
        SHA-256{" "}
        <Ltr className="mono wrap">
          <span data-testid="packet-sha256">{entry.sha256}</span>
        </Ltr>
      </span>
    </>
  );
}

/** The seat's latest packet, then the earlier ones folded away. */
function SeatOutbox({ entries }: { entries: readonly OutboxEntry[] | undefined }) {
  if (!entries) return null;
  const [latest, ...earlier] = entries;
  if (!latest)
    return (
      <span className="muted">
        <Trans>No packet sent yet</Trans>
      </span>
    );
  return (
    <div className="seat-outbox">
      <SentPacket entry={latest} />
      {earlier.length > 0 && (
        <details>
          <summary>
            <Plural value={earlier.length} one="# earlier packet" other="# earlier packets" />
          </summary>
          <ul>
            {earlier.map((e) => (
              <li key={e.packetId}>
                <SentPacket entry={e} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

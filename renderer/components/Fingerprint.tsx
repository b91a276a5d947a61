import { Trans, useLingui } from "@lingui/react/macro";
import { Ltr } from "./Ltr";

/** A fingerprint shown large and in groups of four, for reading aloud; the groups are numbered so a listener can say where a difference is. */
export function Fingerprint({ fingerprint, groups }: { fingerprint: string; groups: readonly string[] }) {
  const { t } = useLingui();
  return (
    <figure className="fingerprint">
      <figcaption>
        <Trans context="noun, the key's fingerprint">
          Fingerprint{" "}
          <Ltr className="mono muted">{fingerprint}</Ltr>
        </Trans>
      </figcaption>
      {/* The groups are read in their own order, whatever the direction of the interface. */}
      <ol className="fingerprint-groups" dir="ltr" aria-label={t`Fingerprint in groups of four characters; letter case matters`}>
        {groups.map((group, i) => (
          <li key={i}>
            <span className="group-number" aria-hidden="true">
              {i + 1}
            </span>
            <span className="mono">{group}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** A fingerprint shown large and in groups of four, for reading aloud; the groups are numbered so a listener can say where a difference is. */
export function Fingerprint({ fingerprint, groups }: { fingerprint: string; groups: readonly string[] }) {
  return (
    <figure className="fingerprint">
      <figcaption>
        Fingerprint <span className="mono muted">{fingerprint}</span>
      </figcaption>
      <ol className="fingerprint-groups" aria-label="Fingerprint in groups of four characters; letter case matters">
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

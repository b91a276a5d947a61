import { hrefFor } from "../app/routes";

export function HomePage() {
  return (
    <>
      <p className="lead">
        Independent expert panels review contested attributions of state-linked cyber campaigns. Each panelist scores the competing
        hypotheses on their own, the chair merges the signed scoresheets into a non-binding opinion, and the secretariat publishes a
        redacted version that anyone can verify.
      </p>
      <p>This application never opens a network connection. Everything that moves between people moves as one encrypted, signed file.</p>
      <ul className="role-cards">
        <li>
          <a href={hrefFor("panelist")}>Panelist</a> — read a case file and score every hypothesis independently.
        </li>
        <li>
          <a href={hrefFor("chair")}>Chair</a> — verify scoresheets, see agreement and dissent, draft the consolidated opinion.
        </li>
        <li>
          <a href={hrefFor("secretariat")}>Secretariat</a> — keep the expert registry, build cases and panels, redact and publish.
        </li>
        <li>
          <a href={hrefFor("verify")}>Verify</a> — check that a published opinion is authentic and signed by its panel.
        </li>
      </ul>
    </>
  );
}

import { Trans } from "@lingui/react/macro";
import { hrefTo } from "../app/routes";

export function HomePage() {
  return (
    <>
      <p className="lead">
        <Trans>
          Independent expert panels review contested attributions of state-linked cyber campaigns. Each panelist scores the competing hypotheses on their own,
          the chair merges the signed scoresheets into a non-binding opinion, and the secretariat publishes a redacted version that anyone can verify.
        </Trans>
      </p>
      <p>
        <Trans>This application never opens a network connection. Everything that moves between people moves as one encrypted, signed file.</Trans>
      </p>
      <ul className="role-cards">
        <li>
          <Trans>
            <a href={hrefTo("panelist")}>Panelist</a> — read a case file and score every hypothesis independently.
          </Trans>
        </li>
        <li>
          <Trans>
            <a href={hrefTo("chair")}>Chair</a> — verify scoresheets, see agreement and dissent, draft the consolidated opinion.
          </Trans>
        </li>
        <li>
          <Trans>
            <a href={hrefTo("secretariat")}>Secretariat</a> — keep the expert registry, build cases and panels, redact and publish.
          </Trans>
        </li>
        <li>
          <Trans>
            <a href={hrefTo("verify")}>Verify</a> — check that a published opinion is authentic and signed by its panel.
          </Trans>
        </li>
      </ul>
    </>
  );
}

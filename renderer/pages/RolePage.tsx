import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { hrefTo } from "../app/routes";

type Role = "panelist" | "chair" | "secretariat" | "verify";

const STEPS: Readonly<Record<Role, readonly MessageDescriptor[]>> = {
  panelist: [
    msg`Import the case packet you received on removable media; its signature and every hash are checked first.`,
    msg`Read the evidence and score every claim: likelihood, confidence, state responsibility, legal basis, evidence consistency.`,
    msg`Sign and export your scoresheet, encrypted to the chair and the secretariat.`,
  ],
  chair: [
    msg`Import every panelist's signed scoresheet; each is verified against the panel roster.`,
    msg`Review the aggregate per claim, the agreement statistics, the regional breakdown and dissent; run a second round if needed.`,
    msg`Draft the consolidated opinion, gather co-signatures and seal it to the secretariat.`,
  ],
  secretariat: [
    msg`Enrol experts after checking their identity card fingerprints out of band.`,
    msg`Build the case file and compose a regionally balanced panel free of conflicts of interest.`,
    msg`Send one encrypted, signed case packet per panelist; redact and publish the final opinion.`,
  ],
  verify: [
    msg`Open a published opinion (JSON).`,
    msg`Its signatures, disclosures and declared redactions are checked against the panel's public keys.`,
    msg`The same check can be made with the command-line verifier or with stock ssh-keygen.`,
  ],
};

/** The role's workflow at a glance; each step becomes a working screen as the capability lands. */
export function RolePage({ role }: { role: Role }) {
  const { t, i18n } = useLingui();
  return (
    <section aria-label={t`Workflow`}>
      <h2>
        <Trans>Workflow</Trans>
      </h2>
      <ol className="steps">
        {STEPS[role].map((step, i) => (
          <li key={i}>{i18n._(step)}</li>
        ))}
      </ol>
      {role === "chair" && (
        <p>
          <Trans>
            The chair receives a case packet like every panelist: import it in the <a href={hrefTo("panelist")}>Panelist inbox</a>.
          </Trans>
        </p>
      )}
      <p className="muted">
        <Trans>These steps open here as each capability is released.</Trans>
      </p>
    </section>
  );
}

type Role = "panelist" | "chair" | "secretariat" | "verify";

const STEPS: Readonly<Record<Role, readonly string[]>> = {
  panelist: [
    "Import the case packet you received on removable media; its signature and every hash are checked first.",
    "Read the evidence and score every claim: likelihood, confidence, state responsibility, legal basis, evidence consistency.",
    "Sign and export your scoresheet, encrypted to the chair and the secretariat.",
  ],
  chair: [
    "Import every panelist's signed scoresheet; each is verified against the panel roster.",
    "Review the aggregate per claim, the agreement statistics, the regional breakdown and dissent; run a second round if needed.",
    "Draft the consolidated opinion, gather co-signatures and seal it to the secretariat.",
  ],
  secretariat: [
    "Enrol experts after checking their identity card fingerprints out of band.",
    "Build the case file and compose a regionally balanced panel free of conflicts of interest.",
    "Send one encrypted, signed case packet per panelist; redact and publish the final opinion.",
  ],
  verify: [
    "Open a published opinion (JSON).",
    "Its signatures, disclosures and declared redactions are checked against the panel's public keys.",
    "The same check can be made with the command-line verifier or with stock ssh-keygen.",
  ],
};

/** The role's workflow at a glance; each step becomes a working screen as the capability lands. */
export function RolePage({ role }: { role: Role }) {
  return (
    <section aria-label="Workflow">
      <h2>Workflow</h2>
      <ol className="steps">
        {STEPS[role].map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {role === "chair" && (
        <p>
          The chair receives a case packet like every panelist: import it in the <a href="#/panelist">Panelist inbox</a>.
        </p>
      )}
      <p className="muted">These steps open here as each capability is released.</p>
    </section>
  );
}

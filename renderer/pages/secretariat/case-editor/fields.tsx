import type { I18n } from "@lingui/core";
import { t } from "@lingui/core/macro";
import type { ReactNode } from "react";
import { CREDIBILITY_GRADES, CUSTODY_ACTIONS, EVIDENCE_KINDS, RELIABILITY_GRADES, TLP_MARKINGS, type Case } from "../../../../shared/case/model";
import { CREDIBILITY_LABEL, CUSTODY_ACTION_LABEL, EVIDENCE_KIND_LABEL, RELIABILITY_LABEL, tlpLabel } from "../../../i18n/vocabulary";

/** How a tab changes the case being edited: a change from the current draft to the next (shared/case/case-edit.ts). */
export type CaseEdit = (change: (draft: Case) => Case) => void;

/** A labelled field of the case editor. */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** A labelled select over fixed values. */
export function Choice<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T; options: readonly (readonly [T, string])[]; onChange: (value: T) => void }) {
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** "B: Usually reliable": an Admiralty grade's code and its meaning. */
const gradeOption = (code: string, meaning: string): string => t({ message: `${code}: ${meaning}`, comment: "An Admiralty grade's code and its meaning, e.g. B: Usually reliable" });

/** The choices of the fixed vocabularies, in the interface's language: call while rendering. */
export function vocabularyOptions(i18n: I18n) {
  return {
    tlp: TLP_MARKINGS.map((m) => [m, tlpLabel(m)] as const),
    kind: EVIDENCE_KINDS.map((k) => [k, i18n._(EVIDENCE_KIND_LABEL[k])] as const),
    reliability: RELIABILITY_GRADES.map((g) => [g, gradeOption(g, i18n._(RELIABILITY_LABEL[g]))] as const),
    credibility: CREDIBILITY_GRADES.map((g) => [g, gradeOption(g, i18n._(CREDIBILITY_LABEL[g]))] as const),
    action: CUSTODY_ACTIONS.map((a) => [a, i18n._(CUSTODY_ACTION_LABEL[a])] as const),
  };
}

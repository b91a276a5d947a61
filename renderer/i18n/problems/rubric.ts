import { plural, t } from "@lingui/core/macro";
import type { RubricError } from "../../../shared/rubric/rubric-error";
import { formatNumber } from "../format";
import { describeIssues } from "./issues";

/** Text always read left to right (a rubric id), isolated inside a sentence of either direction (LRI … PDI). */
const ltr = (value: string): string => `\u2066${value}\u2069`;

/** Why the secretariat's rubrics refused an operation (shared/rubric/rubric-error.ts). */
export function describeRubricError(error: RubricError): string {
  switch (error.kind) {
    case "invalid-rubric": {
      const issues = describeIssues(error.issues);
      return t`The rubric was not saved: ${issues}.`;
    }
    case "invalid-id": {
      const id = ltr(error.rubricId);
      return t`“${id}” cannot be a rubric id: use lowercase letters a–z, digits and hyphens (not at the start or end), up to 100 characters, such as treaty-panel-2026.`;
    }
    case "id-reserved": {
      const id = ltr(error.rubricId);
      return t`Ids starting with “default” belong to the app's own rubrics; choose another id than “${id}”.`;
    }
    case "id-taken": {
      const id = ltr(error.rubricId);
      return t`A rubric with the id “${id}” exists already (perhaps retired); ids are never reused, so choose another.`;
    }
    case "unknown-rubric": {
      const id = ltr(error.rubricId);
      return t`There is no rubric with the id “${id}” in your vault.`;
    }
    case "no-such-revision": {
      const id = ltr(error.rubricId);
      const revision = formatNumber(error.revision);
      return t`The rubric “${id}” has no revision ${revision}.`;
    }
    case "read-only":
      return t`The default rubric is built in and cannot be changed or retired; duplicate it to make your own.`;
    case "retired": {
      const id = ltr(error.rubricId);
      return t`The rubric “${id}” is retired: restore it before editing it or choosing it for a panel.`;
    }
    case "stale": {
      const id = ltr(error.rubricId);
      const latest = formatNumber(error.latest);
      return t`The rubric “${id}” was saved elsewhere while you edited it (it is now at revision ${latest}); your changes were not saved. Reopen it and make them again.`;
    }
    case "too-many-revisions": {
      const id = ltr(error.rubricId);
      return plural(error.limit, {
        one: `The rubric “${id}” has reached # revision, the most one rubric can have; duplicate it to go on.`,
        other: `The rubric “${id}” has reached # revisions, the most one rubric can have; duplicate it to go on.`,
      });
    }
  }
}

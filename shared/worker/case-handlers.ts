/**
 * The crypto worker's handlers for the secretariat's cases: listed, created,
 * read, saved (checked here), deleted; the sample case; files attached to
 * evidence; STIX bundles imported; each case's encrypted draft and its panel.
 * Loaded with the rest of case work (case-work.ts).
 */
import { CaseDraftRecord } from "../case/records/case-draft.record";
import { PanelRecord } from "../case/records/panel.record";
import { discardCaseDraft, keepCaseDraft, loadCaseDraft } from "../case/case-draft";
import { loadCase, loadCases, loadPanel } from "../case/case-store";
import { PanelSchema, type Case } from "../case/model";
import { attachToEvidence, deleteCase, importStixIntoCase, loadSampleCase, newCase, saveCase, savePanel } from "../case/secretariat";
import { MAX_BUNDLE_BYTES } from "../case/stix";
import { checkPanelRubric } from "../rubric/rubric-store";
import { err, ok } from "../result";
import { actorName, caseRefused, SECRETARIAT } from "./case-kit";
import type { CaseHandlers, CaseSummary } from "./contracts/case";
import { refused, refusedWith } from "./refusal";
import { rubricRefused } from "./rubric-handlers";
import { fileSource, progressOptions, readSmallFile } from "./service-kit";
import type { VaultAccess } from "./vault-session";

function caseSummary(c: Case, panels: ReadonlySet<string>, drafts: ReadonlyMap<string, string>): CaseSummary {
  const { id, title, marking, deadline, updated } = c;
  const draftSavedAt = drafts.get(id);
  return {
    id,
    title,
    marking,
    deadline,
    updated,
    claims: c.claims.length,
    evidence: c.evidence.length,
    attachments: c.evidence.reduce((n, e) => n + e.attachments.length, 0),
    panel: panels.has(id),
    ...(draftSavedAt ? { draftSavedAt } : {}),
  };
}

export function createCaseHandlers({ withVault, clock }: VaultAccess): CaseHandlers {
  return {
    "case:list": () =>
      withVault(async (v) => {
        const panels = await PanelRecord.list(v);
        if (!panels.ok) return refused(panels.error);
        const cases = await loadCases(v);
        if (!cases.ok) return caseRefused(cases.error);
        const withPanel = new Set(panels.value);
        const draftIds = await CaseDraftRecord.list(v);
        if (!draftIds.ok) return refused(draftIds.error);
        const drafts = new Map<string, string>();
        for (const id of draftIds.value) {
          const draft = await loadCaseDraft(v, id);
          if (!draft.ok) return refused(draft.error);
          if (draft.value) drafts.set(id, draft.value.savedAt);
        }
        return ok(cases.value.map((c) => caseSummary(c, withPanel, drafts)).sort((a, b) => b.updated.localeCompare(a.updated)));
      }),

    "case:create": ({ title }) =>
      withVault(async (v) => {
        const saved = await saveCase(v, newCase(title.trim(), clock()), clock());
        return saved.ok ? ok(saved.value) : caseRefused(saved.error);
      }),

    "case:get": ({ id }) =>
      withVault(async (v) => {
        const c = await loadCase(v, id);
        return c.ok ? ok(c.value) : caseRefused(c.error);
      }),

    "case:save": ({ case: candidate }) =>
      withVault(async (v) => {
        const saved = await saveCase(v, candidate, clock());
        return saved.ok ? ok(saved.value) : caseRefused(saved.error);
      }),

    "case:delete": ({ id }) =>
      withVault(async (v) => {
        const deleted = await deleteCase(v, id);
        return deleted.ok ? ok({}) : caseRefused(deleted.error);
      }),

    "case:load-sample": () =>
      withVault(async (v) => {
        const actor = await actorName(v);
        const c = await loadSampleCase(v, actor.ok ? actor.value : SECRETARIAT, clock());
        return c.ok ? ok(c.value) : caseRefused(c.error);
      }),

    "case:attach": ({ caseId, evidenceId, file }, context) =>
      withVault(async (v) => {
        const actor = await actorName(v);
        if (!actor.ok) return actor;
        const info = await v.attachments.import(fileSource(file), progressOptions(context));
        if (!info.ok) return refused(info.error);
        const updated = await attachToEvidence(v, caseId, evidenceId, info.value, actor.value, clock());
        if (updated.ok) return ok(updated.value);
        await v.attachments.delete(info.value.id);
        return caseRefused(updated.error);
      }),

    "case:import-stix": ({ caseId, file }, context) =>
      withVault(async (v) => {
        // Refused by its size, named, before it is read; the bundle's other limits are checked before anything is stored.
        if (file.size > MAX_BUNDLE_BYTES) return refusedWith({ kind: "case", error: { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "too-large", maxBytes: MAX_BUNDLE_BYTES } }], total: 1 } });
        const bytes = await readSmallFile(file, MAX_BUNDLE_BYTES, "stix-bundle");
        if (!bytes.ok) return bytes;
        const actor = await actorName(v);
        const imported = await importStixIntoCase(v, caseId, bytes.value, actor.ok ? actor.value : SECRETARIAT, clock(), progressOptions(context));
        if (imported.ok) return ok({ ...imported.value, skipped: { ...imported.value.skipped }, unknownStates: [...imported.value.unknownStates] });
        return imported.error.kind === "cancelled" ? err({ kind: "cancelled" }) : caseRefused(imported.error);
      }),

    "panel:get": ({ caseId }) =>
      withVault(async (v) => {
        const panel = await loadPanel(v, caseId);
        return panel.ok ? ok(panel.value ?? null) : caseRefused(panel.error);
      }),

    "panel:save": ({ panel }) =>
      withVault(async (v) => {
        // Its rubric must be one a panel may choose: not retired, unless this panel named it already.
        const parsed = PanelSchema.safeParse(panel);
        if (parsed.success) {
          const stored = await loadPanel(v, parsed.data.caseId);
          if (!stored.ok) return caseRefused(stored.error);
          const choosable = await checkPanelRubric(v, parsed.data.rubricId, stored.value?.rubricId);
          if (!choosable.ok) return rubricRefused(choosable.error);
        }
        const saved = await savePanel(v, panel);
        return saved.ok ? ok(saved.value) : caseRefused(saved.error);
      }),

    "case:draft-get": ({ caseId }) =>
      withVault(async (v) => {
        const draft = await loadCaseDraft(v, caseId);
        return draft.ok ? ok(draft.value ?? null) : refused(draft.error);
      }),

    "case:draft-keep": ({ draft }) =>
      withVault(async (v) => {
        const kept = await keepCaseDraft(v, draft);
        if (kept.ok) return ok({ savedAt: kept.value?.savedAt ?? null });
        const e = kept.error;
        if (e.kind === "draft-invalid") return refusedWith({ kind: "case", error: { kind: "draft-invalid", issues: e.issues } });
        if (e.kind === "draft-for-another-case") return refusedWith({ kind: "case", error: { kind: "draft-for-another-case" } });
        return refused(e);
      }),

    "case:draft-discard": ({ caseId }) =>
      withVault(async (v) => {
        const discarded = await discardCaseDraft(v, caseId);
        return discarded.ok ? ok({}) : refused(discarded.error);
      }),
  };
}

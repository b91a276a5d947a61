import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Result } from "../../shared/result";
import type { WorkerError, WorkerRequestOf, WorkerResponseOf } from "../../shared/worker/contract";
import { describeWorkerError } from "../i18n/problems";
import { describeProgress } from "../app/progress";
import { formatPercent } from "../i18n/format";
import { cryptoWorker, type CallOptions } from "../crypto/worker-client";
import { WORK_PROGRESS_EVENT } from "../vault/idle-lock";

type Running = { readonly label: string; readonly done: number; readonly total: number | undefined; readonly startedAt: number; readonly cancellable: boolean };

export type Operation = {
  readonly running: Running | undefined;
  readonly error: string | undefined;
  readonly clearError: () => void;
  /**
   * Runs one worker call with progress and, when `cancellable`, a Cancel
   * button. Resolves to the value, or undefined after a failure (whose
   * sentence is in `error`) or a cancellation.
   */
  run<T>(label: string, call: (options: CallOptions) => Promise<Result<T, WorkerError>>, options?: { cancellable?: boolean }): Promise<T | undefined>;
  cancel(): void;
};

export function useOperation(): Operation {
  const [running, setRunning] = useState<Running | undefined>();
  const [error, setError] = useState<string | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);

  const run = useCallback(async <T,>(label: string, call: (options: CallOptions) => Promise<Result<T, WorkerError>>, options: { cancellable?: boolean } = {}) => {
    const abort = new AbortController();
    controller.current = abort;
    setError(undefined);
    const startedAt = performance.now();
    setRunning({ label, done: 0, total: undefined, startedAt, cancellable: options.cancellable ?? false });
    try {
      const result = await call({
        signal: abort.signal,
        onProgress: (done, total) => {
          setRunning((r) => (r ? { ...r, done, total } : r));
          window.dispatchEvent(new Event(WORK_PROGRESS_EVENT));
        },
      });
      if (result.ok) return result.value;
      if (result.error.kind !== "cancelled") setError(describeWorkerError(result.error));
      return undefined;
    } finally {
      controller.current = undefined;
      setRunning(undefined);
    }
  }, []);

  return {
    running,
    error,
    clearError: useCallback(() => setError(undefined), []),
    run,
    cancel: useCallback(() => controller.current?.abort(), []),
  };
}

/** The worker calls that read what a vault screen lists; none takes arguments. */
type ListMethod = "identity:list" | "contact:list" | "attachment:list" | "audit:list" | "registry:list" | "case:list" | "inbox:list";

/**
 * What a screen lists, read through `operation` when it opens; `reload` reads
 * it again after a change. Undefined until the first read succeeds.
 */
export function useWorkerList<M extends ListMethod>(operation: Operation, label: string, method: M): [WorkerResponseOf<M> | undefined, () => Promise<void>] {
  const [value, setValue] = useState<WorkerResponseOf<M> | undefined>();
  const { run } = operation;
  const reload = useCallback(async () => {
    // Every list method takes the empty request; TypeScript cannot see that through the generic.
    const read = await run(label, (o) => cryptoWorker.call(method, {} as WorkerRequestOf<M>, o));
    if (read) setValue(read);
  }, [run, label, method]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [value, reload];
}

/** The progress of `operation` (or nothing), and its last error. */
export function OperationStatus({ operation, unit = "bytes" }: { operation: Operation; unit?: "bytes" | "items" }) {
  const { running, error } = operation;
  return (
    <>
      {running && <ProgressView running={running} unit={unit} onCancel={operation.cancel} />}
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
    </>
  );
}

function ProgressView({ running, unit, onCancel }: { running: Running; unit: "bytes" | "items"; onCancel: () => void }) {
  const { t } = useLingui();
  const view = describeProgress(running.done, running.total, performance.now() - running.startedAt, unit);
  // Screen readers hear the label and then every tenth, not twenty updates a second.
  const tenth = view.fraction === undefined ? undefined : Math.floor(view.fraction * 10) * 10;
  return (
    <div className="progress" data-testid="progress" aria-busy="true">
      <span className="visually-hidden" role="status">
        {tenth === undefined ? running.label : t({ message: `${running.label} ${formatPercent(tenth / 100)}`, comment: "An operation in progress and how far it is, such as: Importing report.pdf… 40%" })}
      </span>
      <div className="progress-label">{running.label}</div>
      <progress max={1} value={view.fraction} aria-label={running.label} />
      <div className="progress-text" data-testid="progress-text">
        {running.total === undefined && running.done === 0 ? t`Working…` : view.text}
      </div>
      {running.cancellable && (
        <button type="button" onClick={onCancel}>
          <Trans>Cancel</Trans>
        </button>
      )}
    </div>
  );
}

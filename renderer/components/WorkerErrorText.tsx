import { useLingui } from "@lingui/react/macro";
import { useEffect, useState } from "react";
import type { WorkerError } from "../../shared/worker/contract";

// The sentences of every error kind are a chunk of their own: start-up needs them only when something failed.
const loadProblems = () => import("../i18n/problems");

/**
 * A worker failure in the interface's language, worded when it is shown (so
 * it follows a later change of language), from a chunk loaded on demand.
 */
export function WorkerErrorText({ error }: { error: WorkerError }) {
  const { i18n } = useLingui();
  const [text, setText] = useState<string>();
  useEffect(() => {
    let live = true;
    void loadProblems().then((problems) => live && setText(problems.describeWorkerError(error)));
    return () => {
      live = false;
    };
  }, [error, i18n.locale]);
  return <>{text ?? ""}</>;
}

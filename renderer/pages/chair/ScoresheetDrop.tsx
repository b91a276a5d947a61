import { Trans, useLingui } from "@lingui/react/macro";
import { FileDrop } from "../../components/FileDrop";

/**
 * Where the chair hands over scoresheet files: a file input that takes
 * several files (keyboard: Tab to it, Enter or Space opens the chooser), and
 * the same area as a drop target for files dragged from removable media.
 */
export function ScoresheetDrop({ id, busy, onFiles }: { id: string; busy: boolean; onFiles: (files: readonly File[]) => void }) {
  const { t } = useLingui();
  return (
    <FileDrop
      id={id}
      busy={busy}
      multiple
      accept=".age"
      className="scoresheet-drop"
      testId="scoresheet-drop"
      label={t`Import scoresheets (.age), several at once`}
      hint={
        <Trans>Or drop the files here. Each is decrypted with your key, its signature checked against the panel roster, and only then stored; a file that fails a check changes nothing.</Trans>
      }
      onFiles={onFiles}
    />
  );
}

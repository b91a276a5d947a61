/**
 * The out-of-band fingerprint check: the person types the fingerprint as its
 * owner reads it to them. The card's own fingerprint stays hidden until what
 * was typed matches it (a counter says how many groups match so far), and
 * pasting or dropping text into the box is refused: either would let the
 * check pass without anyone having listened.
 */
import { plural } from "@lingui/core/macro";
import { Trans } from "@lingui/react/macro";
import { useState, type ClipboardEvent, type DragEvent } from "react";
import { fingerprintMatch } from "../../shared/identity/fingerprint-reading";
import { Fingerprint } from "./Fingerprint";

type Props = {
  readonly id: string;
  readonly label: string;
  readonly fingerprint: string;
  readonly groups: readonly string[];
  readonly typed: string;
  readonly onTyped: (typed: string) => void;
  /** Whose fingerprint it is, as the hidden-until-typed note names it: a card's (unless told) or a secretariat's. */
  readonly owner?: "card" | "secretariat";
};

/** True once `typed` is the fingerprint: the caller enables its confirm button then. */
export const fingerprintConfirmed = (fingerprint: string, typed: string): boolean => fingerprintMatch(fingerprint, typed).complete;

export function FingerprintCheck({ id, label, fingerprint, groups, typed, onTyped, owner = "card" }: Props) {
  const [refusedPaste, setRefusedPaste] = useState(false);
  const match = fingerprintMatch(fingerprint, typed);
  const { total, matching, firstWrong } = match;
  const refuse = (event: ClipboardEvent | DragEvent) => {
    event.preventDefault();
    setRefusedPaste(true);
  };
  return (
    <div className="fingerprint-check">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => {
            setRefusedPaste(false);
            onTyped(e.target.value);
          }}
          onPaste={refuse}
          onDrop={refuse}
          aria-describedby={`${id}-progress${refusedPaste ? ` ${id}-paste` : ""}`}
          aria-invalid={match.firstWrong !== undefined ? true : undefined}
        />
        {refusedPaste && (
          <p id={`${id}-paste`} className="error" role="alert" data-testid="paste-refused">
            <Trans>Pasting is turned off here: type what you hear. Pasting would skip the check.</Trans>
          </p>
        )}
        <p id={`${id}-progress`} className={match.complete ? "ok" : "muted"} role="status" data-testid="fingerprint-progress">
          {match.complete
            ? plural(total, { one: "The # group matches.", other: "All # groups match." })
            : firstWrong === undefined
              ? plural(total, { one: `${matching} of # group matches.`, other: `${matching} of # groups match.` })
              : plural(total, { one: `${matching} of # group matches. Group ${firstWrong} differs: ask for it again.`, other: `${matching} of # groups match. Group ${firstWrong} differs: ask for it again.` })}
        </p>
      </div>
      {match.complete ? (
        <Fingerprint fingerprint={fingerprint} groups={groups} />
      ) : (
        <p className="muted small" data-testid="fingerprint-hidden">
          {owner === "secretariat" ? (
            <Trans>The secretariat's fingerprint is shown once what you type matches it, so that it is checked by listening, not by copying.</Trans>
          ) : (
            <Trans>The card's fingerprint is shown once what you type matches it, so that it is checked by listening, not by copying.</Trans>
          )}
        </p>
      )}
    </div>
  );
}

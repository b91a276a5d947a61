import { Trans } from "@lingui/react/macro";
import { Component, type ReactNode } from "react";

type State = { readonly failed: boolean };

/** A screen that breaks says so in words and leaves the rest of the app usable. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) {
      return (
        <div className="alert" role="alert">
          <Trans>This screen stopped because of an internal error. Your stored data is unaffected; choose another screen or restart the app.</Trans>
        </div>
      );
    }
    return this.props.children;
  }
}

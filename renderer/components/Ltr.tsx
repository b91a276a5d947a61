import type { ReactNode } from "react";

/**
 * Text that is always read left to right (a fingerprint, a hash, an id, a
 * file name), isolated so that it keeps its order inside right-to-left text.
 */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="ltr" className={className}>
      {children}
    </bdi>
  );
}

import type { ReactNode } from "react";

/**
 * A cell with its main value on top and a secondary fact under it in small mono type (an error's
 * type and request, an activity's resource, an agent call's operation). Stacking them keeps a
 * list's last columns on a 1,360 px screen, where separate columns pushed them out of sight.
 * Both lines truncate; the secondary line shows in full on hover.
 */
export function TwoLineCell({ main, sub }: { main: ReactNode; sub?: string | null }) {
  return (
    <>
      <span className="block truncate font-medium text-zinc-900">{main}</span>
      {sub ? (
        <span className="block truncate font-mono text-xs text-zinc-500" title={sub}>
          {sub}
        </span>
      ) : null}
    </>
  );
}

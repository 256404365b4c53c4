"use client";

import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/actions";
import { showValue } from "@/lib/config-diff";

/** A refused save: the message, and when someone else saved first, the table of what they changed. */
export function ActionError({ state }: { state: ActionResult | null }) {
  if (!state || state.ok) return null;
  const c = state.conflict;
  return (
    <Alert tone="error" title={c ? "Someone else saved this first" : undefined}>
      <p>{state.message}</p>
      {c && c.changes.length > 0 ? (
        <table className="mt-2 w-full text-xs" aria-label="Changed meanwhile">
          <thead>
            <tr className="text-left">
              <th className="py-1 pr-2 font-medium">Field</th>
              <th className="py-1 pr-2 font-medium">Was</th>
              <th className="py-1 font-medium">Now</th>
            </tr>
          </thead>
          <tbody>
            {c.changes.map((ch) => (
              <tr key={ch.path} className="border-t border-red-200 align-top">
                <td className="py-1 pr-2 font-mono">{ch.path || "(value)"}</td>
                <td className="py-1 pr-2 font-mono break-all">{showValue(ch.before, 200)}</td>
                <td className="py-1 font-mono break-all">{showValue(ch.after, 200)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Alert>
  );
}

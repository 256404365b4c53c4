"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { UnpricedModel } from "@/lib/db/queries/config";
import { formatInt, formatIntCompact } from "@/lib/format";
import { PROVIDERS } from "@/lib/validation/admin-config";
import { BLANK_MODEL, ModelDialog, type ModelFormValues } from "./model-form";

/**
 * Unpriced usage is loud: models that usage_logs name without a model_config row, or with a
 * zero price, whose cost is therefore unknown (never $0). One click opens the form prefilled.
 */
export function UnpricedUsage({ rows }: { rows: UnpricedModel[] }) {
  const [editing, setEditing] = useState<ModelFormValues | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (rows.length === 0) return notice ? <Alert tone="success">{notice}</Alert> : null;
  return (
    <section aria-labelledby="unpriced-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="unpriced-usage">
      <h2 id="unpriced-title" className="text-sm font-semibold text-amber-950">
        Unpriced usage: cost unknown for {rows.length} {rows.length === 1 ? "model" : "models"}
      </h2>
      <p className="mt-0.5 text-xs text-amber-900">
        These models were called in the last 30 days but have no price, so their cost is shown as unknown, not $0. Add a price to count them.
      </p>
      {notice ? <Alert tone="success" className="mt-2">{notice}</Alert> : null}
      <table className="mt-3 w-full text-left text-sm" aria-label="Unpriced usage">
        <thead className="text-xs text-amber-900">
          <tr>
            <th className="py-1 pr-3 font-medium">Model</th>
            <th className="py-1 pr-3 font-medium">Provider</th>
            <th className="py-1 pr-3 text-right font-medium">Calls</th>
            <th className="py-1 pr-3 text-right font-medium">Tokens</th>
            <th className="py-1 pr-3 font-medium">Why</th>
            <th className="py-1"><span className="sr-only">Action</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-amber-200">
          {rows.map((r) => (
            <tr key={r.modelUsed}>
              <td className="py-1.5 pr-3 font-mono text-xs">{r.modelUsed}</td>
              <td className="py-1.5 pr-3">{r.provider ?? "unknown"}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatInt(r.calls)}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{formatIntCompact(r.tokens)}</td>
              <td className="py-1.5 pr-3 text-xs">{r.configId ? "price is 0" : "no model row"}</td>
              <td className="py-1.5 text-right">
                {r.configId ? null : (
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-label={`Add price for ${r.modelUsed}`}
                    onClick={() =>
                      setEditing({
                        ...BLANK_MODEL,
                        modelId: r.modelUsed,
                        name: r.modelUsed,
                        provider: (PROVIDERS as readonly string[]).includes(r.provider ?? "") ? (r.provider as string) : BLANK_MODEL.provider,
                        isActive: false,
                      })
                    }
                  >
                    Add price
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <ModelDialog
          open
          onClose={() => setEditing(null)}
          initial={editing}
          usage={rows.find((x) => x.modelUsed === editing.modelId) ?? null}
          onDone={(m) => setNotice(m)}
        />
      ) : null}
    </section>
  );
}

"use server";

/** Revert from the config history (any config page): a new revision with an older one's content. */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { conflictFailure, GONE, logConfigChange } from "@/lib/admin-config";
import { pgErrorOf, revertToRevision } from "@/lib/db/mutations/config";
import { withViewer } from "@/lib/db/with-viewer";
import { revertInput } from "@/lib/validation/admin-config";

const PATHS = { admin_config: "/admin/agents", model_config: "/admin/models", system_settings: "/admin/settings" } as const;

export const revertRevision = defineAction(revertInput, ["ADMIN"], async (input, viewer): Promise<ActionResult> => {
  let out;
  try {
    out = await withViewer(viewer, (tx) => revertToRevision(tx, { revisionId: input.revisionId, version: input.expectedUpdatedAt, userId: viewer.id }));
  } catch (err) {
    const pg = pgErrorOf(err);
    if (pg?.code === "23514" || pg?.code === "23505") return failure(`The revert was refused: ${pg.message}`);
    throw err;
  }
  if (out.status === "invalid") return failure(out.message);
  const label = out.revision?.rowLabel ?? "This config";
  if (out.status === "missing") return GONE(label);
  if (out.status === "conflict") return conflictFailure(label, out.conflict, "Reload the page to see the current history, then revert again.");
  const table = out.revision!.tableName;
  await logConfigChange({ userId: viewer.id, table, rowId: out.rowId, label, action: `revert_to_${input.revisionId}`, changes: out.changes, path: PATHS[table] });
  refresh();
  return {
    ok: true,
    message: out.changes.length ? `Reverted ${label} to revision #${input.revisionId}.` : `${label} already matches revision #${input.revisionId}.`,
  };
});

"use server";

/**
 * /admin/models actions: parse with the form's schema, ADMIN from the database, one transaction
 * as the admin (RLS + seed 001 triggers), a versioned UPDATE that refuses to overwrite someone
 * else's save, an activity-log entry, refresh.
 */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { conflictFailure, GONE, logConfigChange } from "@/lib/admin-config";
import { createModel, deleteModel, pgErrorOf, setModelFlag, updateModel, type SaveOutcome } from "@/lib/db/mutations/config";
import { withViewer } from "@/lib/db/with-viewer";
import { deleteModelInput, modelInput, modelRefInput, setModelActiveInput } from "@/lib/validation/admin-config";

const ADMIN = ["ADMIN"] as const;
const PATH = "/admin/models";

/** Postgres refusals a person can act on, as messages (the rest are thrown). */
function dbFailure(err: unknown): ActionResult | null {
  const pg = pgErrorOf(err);
  if (!pg) return null;
  if (pg.code === "23505") return failure("Check the highlighted fields.", { modelId: ["A model with this id already exists."] });
  if (pg.code === "23514") return failure(pg.message); // the one-default trigger, or a price check
  if (pg.code === "22003") return failure("Check the highlighted fields.", { inputPrice: ["Too large for a price (at most 999999.9999)."] });
  return null;
}

async function run(fn: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await fn();
  } catch (err) {
    const f = dbFailure(err);
    if (f) return f;
    throw err;
  }
}

function refused(out: SaveOutcome, what: string): ActionResult | null {
  if (out.status === "missing") return GONE(what);
  if (out.status === "conflict") return conflictFailure(what, out.conflict);
  return null;
}

export const saveModel = defineAction(modelInput, ADMIN, (input, viewer) =>
  run(async () => {
    if (!input.id) {
      const created = await withViewer(viewer, (tx) => createModel(tx, input));
      await logConfigChange({ userId: viewer.id, table: "model_config", rowId: created.id, label: created.modelId, action: "create", path: PATH });
      refresh();
      return { ok: true, message: `Added ${created.modelId}.` };
    }
    if (!input.expectedUpdatedAt) return failure("The form is missing the version it was loaded from; reload the page.");
    const id = input.id;
    const version = input.expectedUpdatedAt;
    const out = await withViewer(viewer, (tx) => updateModel(tx, id, version, input));
    const r = refused(out, `Model ${input.modelId}`);
    if (r) return r;
    if (out.status !== "ok") return failure("Not saved.");
    await logConfigChange({ userId: viewer.id, table: "model_config", rowId: id, label: out.label, action: "update", changes: out.changes, path: PATH });
    refresh();
    return { ok: true, message: out.changes.length ? `Saved ${out.label}.` : `No changes to ${out.label}.` };
  }),
);

export const makeModelDefault = defineAction(modelRefInput, ADMIN, (input, viewer) =>
  run(async () => {
    const out = await withViewer(viewer, (tx) => setModelFlag(tx, input.id, input.expectedUpdatedAt, "is_default", true));
    const r = refused(out, "This model");
    if (r) return r;
    if (out.status !== "ok") return failure("Not saved.");
    await logConfigChange({ userId: viewer.id, table: "model_config", rowId: input.id, label: out.label, action: "make_default", changes: out.changes, path: PATH });
    refresh();
    return { ok: true, message: `${out.label} is now the default for its provider.` };
  }),
);

export const setModelActive = defineAction(setModelActiveInput, ADMIN, (input, viewer) =>
  run(async () => {
    const out = await withViewer(viewer, (tx) => setModelFlag(tx, input.id, input.expectedUpdatedAt, "is_active", input.active));
    const r = refused(out, "This model");
    if (r) return r;
    if (out.status !== "ok") return failure("Not saved.");
    await logConfigChange({ userId: viewer.id, table: "model_config", rowId: input.id, label: out.label, action: input.active ? "activate" : "deactivate", changes: out.changes, path: PATH });
    refresh();
    return { ok: true, message: `${out.label} is now ${input.active ? "active" : "inactive"}.` };
  }),
);

export const removeModel = defineAction(deleteModelInput, ADMIN, (input, viewer): Promise<ActionResult<{ referenced?: boolean }>> =>
  run(async () => {
    const out = await withViewer(viewer, (tx) => deleteModel(tx, input.id));
    if (out.status === "missing") return GONE("This model");
    if (out.status === "referenced") {
      const why = [
        out.usageRows ? "usage rows record calls to it" : null,
        out.agentConfigs.length ? `agent configs name it (${out.agentConfigs.join(", ")})` : null,
      ].filter(Boolean);
      return { ...failure(`${out.modelId} cannot be deleted: ${why.join(" and ")}. Deactivate it instead, so it is no longer offered but its history stays priced.`), referenced: true } as ActionResult;
    }
    await logConfigChange({ userId: viewer.id, table: "model_config", rowId: input.id, label: out.modelId, action: "delete", path: PATH });
    refresh();
    return { ok: true, message: `Deleted ${out.modelId}.` };
  }),
);

"use server";

/**
 * /admin/agents actions: one save for every admin_config row (agent configs, app_settings,
 * logging_settings). The data is checked with validateConfigData, the same rules (and
 * messages) as the validate_admin_config_data trigger; if the trigger still refuses, its
 * message goes back next to the field it names. The UPDATE is versioned: a save over someone
 * else's is refused with what they changed.
 */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { conflictFailure, GONE, logConfigChange } from "@/lib/admin-config";
import { pgErrorOf, updateAdminConfig } from "@/lib/db/mutations/config";
import { withViewer } from "@/lib/db/with-viewer";
import { invalidateLoggingConfig } from "@/lib/logging/system-log";
import { fieldFromTriggerMessage, saveConfigInput, validateConfigData } from "@/lib/validation/admin-config";

export const saveAdminConfig = defineAction(saveConfigInput, ["ADMIN"], async (input, viewer): Promise<ActionResult> => {
  const errors = validateConfigData(input.configKey, input.configData);
  if (Object.keys(errors).length > 0) return failure("Check the highlighted fields.", errors);
  let out;
  try {
    out = await withViewer(viewer, (tx) =>
      updateAdminConfig(tx, { configKey: input.configKey, version: input.expectedUpdatedAt, data: input.configData, userId: viewer.id }),
    );
  } catch (err) {
    const pg = pgErrorOf(err);
    if (pg?.code === "23514") {
      const field = fieldFromTriggerMessage(pg.message) ?? "configData";
      return failure("The database refused this configuration.", { [field]: [pg.message] });
    }
    throw err;
  }
  if (out.status === "missing") return GONE(input.configKey);
  if (out.status === "conflict") {
    return conflictFailure(input.configKey, out.conflict, "The form now shows the current values with your edits on top: review them and save again.");
  }
  if (input.configKey === "logging_settings") invalidateLoggingConfig();
  await logConfigChange({
    userId: viewer.id,
    table: "admin_config",
    rowId: out.rowId,
    label: out.label,
    action: "update",
    changes: out.changes,
    path: "/admin/agents",
  });
  refresh();
  return { ok: true, message: out.changes.length ? `Saved ${out.label} (${out.changes.length} ${out.changes.length === 1 ? "field" : "fields"} changed).` : `No changes to ${out.label}.` };
});

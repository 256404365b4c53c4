"use server";

/**
 * /admin/settings: edit a system_settings value. Secret keys (openrouter_key, *_key, *_secret)
 * are never sent to the browser; their value is replaced only when a new one is typed ("keep"
 * leaves the stored secret as it is), and the result never echoes it.
 */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { conflictFailure, GONE, logConfigChange } from "@/lib/admin-config";
import { updateSystemSetting } from "@/lib/db/mutations/config";
import { withViewer } from "@/lib/db/with-viewer";
import { isSecretSettingKey, saveSettingInput, validateSettingValue } from "@/lib/validation/admin-config";

export const saveSystemSetting = defineAction(saveSettingInput, ["ADMIN"], async (input, viewer): Promise<ActionResult> => {
  const secret = isSecretSettingKey(input.key);
  let value = input.value;
  if (secret) {
    const mode = input.secretMode ?? (input.value === "" ? "keep" : "replace");
    if (mode === "keep") return { ok: true, message: `${input.key} was left unchanged.` };
    if (mode === "replace" && value.trim() === "") return failure("Check the highlighted fields.", { value: ["Type the new secret, or keep the current one."] });
    if (mode === "clear") value = "";
    value = value.trim();
  } else {
    const problem = validateSettingValue(input.key, value.trim());
    if (problem) return failure("Check the highlighted fields.", { value: [problem] });
    value = value.trim();
  }
  const out = await withViewer(viewer, (tx) => updateSystemSetting(tx, { key: input.key, version: input.expectedUpdatedAt, value }));
  if (out.status === "missing") return GONE(input.key);
  if (out.status === "conflict") return conflictFailure(input.key, out.conflict);
  await logConfigChange({ userId: viewer.id, table: "system_settings", rowId: input.key, label: input.key, action: secret ? "replace_secret" : "update", changes: out.changes, path: "/admin/settings" });
  refresh();
  return { ok: true, message: secret ? (value ? `${input.key} was replaced.` : `${input.key} was cleared.`) : `Saved ${input.key}.` };
});

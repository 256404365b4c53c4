"use server";

/** /admin/bonus-windows actions: create, edit (refused when someone changed the window meanwhile) and delete. */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { createBonusWindow, deleteBonusWindow, updateBonusWindow } from "@/lib/db/mutations/bonus";
import { overlappingWindows } from "@/lib/db/queries/bonus";
import { withViewer } from "@/lib/db/with-viewer";
import { bonusWindowInput, deleteBonusWindowInput, zonedLocalToUtc } from "@/lib/validation/bonus";

const ADMIN = ["ADMIN"] as const;

export const saveBonusWindow = defineAction(bonusWindowInput, ADMIN, async (input, viewer): Promise<ActionResult<{ warning: string | null }>> => {
  const values = {
    name: input.name,
    start: zonedLocalToUtc(input.start, input.timeZone),
    end: zonedLocalToUtc(input.end, input.timeZone),
    targetTaskCount: input.targetTaskCount,
    targetFeedbackCount: input.targetFeedbackCount,
    targetTaskCountTier2: input.targetTaskCountTier2,
    targetFeedbackCountTier2: input.targetFeedbackCountTier2,
  };
  const result = await withViewer(viewer, async (tx) => {
    const overlaps = await overlappingWindows(tx, values.start, values.end, input.id);
    if (input.id) {
      const r = await updateBonusWindow(tx, input.id, values, input.updatedAt);
      return { r, overlaps };
    }
    await createBonusWindow(tx, values, viewer.id);
    return { r: "ok" as const, overlaps };
  });
  if (result.r === "missing") return failure("This window was deleted meanwhile.");
  if (result.r === "conflict") return failure("Someone changed this window while you were editing it. Close the form and open it again to see their changes.");
  refresh();
  const warning = result.overlaps.length ? `It overlaps ${result.overlaps.join(", ")}: records in the overlap count for both windows.` : null;
  return { ok: true, warning, message: `${input.name} ${input.id ? "saved" : "created"}.${warning ? ` ${warning}` : ""}` };
});

export const removeBonusWindow = defineAction(deleteBonusWindowInput, ADMIN, async (input, viewer): Promise<ActionResult> => {
  const ok = await withViewer(viewer, (tx) => deleteBonusWindow(tx, input.id));
  if (!ok) return failure("This window was deleted already.");
  refresh();
  return { ok: true, message: "Window deleted." };
});

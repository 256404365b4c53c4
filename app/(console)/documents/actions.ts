"use server";

/** /documents actions: resolve a suggestion, restore a version (as a new version). Owner only (RLS). */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { resolveSuggestion, restoreVersion } from "@/lib/db/mutations/documents";
import { withViewer } from "@/lib/db/with-viewer";
import { logActivity } from "@/lib/logging/system-log";
import { resolveSuggestionInput, restoreVersionInput } from "@/lib/validation/documents";

const SIGNED_IN = ["USER", "MANAGER", "ADMIN"] as const;

export const resolveSuggestionAction = defineAction(resolveSuggestionInput, SIGNED_IN, async (input, viewer): Promise<ActionResult> => {
  const r = await withViewer(viewer, (tx) => resolveSuggestion(tx, input.suggestionId));
  if (!r) return failure("Only the owner of this document can resolve its suggestions.");
  if (!r.wasResolved) {
    void logActivity({
      userId: viewer.id,
      activityType: "suggestion_resolve",
      activityCategory: "document",
      resourceId: r.documentId,
      resourceType: "document",
      metadata: { suggestionId: input.suggestionId },
    });
  }
  refresh();
  return { ok: true, message: r.wasResolved ? "This suggestion was already resolved." : "Suggestion resolved." };
});

export const restoreVersionAction = defineAction(
  restoreVersionInput,
  SIGNED_IN,
  async (input, viewer): Promise<ActionResult<{ versionNumber?: number }>> => {
    const r = await withViewer(viewer, (tx) => restoreVersion(tx, input));
    if (r.kind === "missing") return failure("That version no longer exists.");
    if (r.kind === "not-owner") return failure("Only the owner of this document can restore a version.");
    if (r.kind === "stale") return failure(`Version ${r.latest} was added since you opened this page. Reload it and try again.`);
    void logActivity({
      userId: viewer.id,
      activityType: "document_restore",
      activityCategory: "document",
      resourceId: input.documentId,
      resourceType: "document",
      metadata: { restoredFrom: input.versionNumber, newVersion: r.versionNumber },
    });
    refresh();
    return { ok: true, versionNumber: r.versionNumber, message: `Version ${input.versionNumber} restored as version ${r.versionNumber}.` };
  },
);

"use server";

/**
 * /admin/errors actions: resolve and reopen, for one error, a selection, or everything matching
 * the page's filter (its query string, parsed again here with the page's own schema). Each is
 * one UPDATE in one transaction as the admin (RLS), with resolved_by / resolved_at set by the
 * database; the result says how many rows changed. The admin action itself is logged.
 */
import { refresh } from "next/cache";
import { defineAction, failure, type ActionResult } from "@/lib/actions";
import { countErrorLogs } from "@/lib/db/queries/error-logs";
import { reopenErrors, resolveErrors, type ErrorTarget } from "@/lib/db/mutations/error-logs";
import { withViewer } from "@/lib/db/with-viewer";
import { formatCount } from "@/lib/format";
import { logActivity } from "@/lib/logging/system-log";
import {
  countErrorsInput,
  parseErrorFilter,
  reopenErrorsInput,
  resolveErrorsInput,
  type ErrorFilter,
  type ResolveErrorsInput,
} from "@/lib/validation/error-logs";

const ADMIN = ["ADMIN"] as const;

function toTarget(t: ResolveErrorsInput["target"]): ErrorTarget {
  return t.scope === "ids" ? { scope: "ids", ids: t.ids } : { scope: "filter", filter: parseErrorFilter(new URLSearchParams(t.filter)) };
}

/** How many errors the filter would change now: the number the confirmation states. */
export const countMatchingErrors = defineAction(
  countErrorsInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult<{ count: number }>> => {
    const filter: ErrorFilter = parseErrorFilter(new URLSearchParams(input.filter));
    // resolving touches the unresolved ones, reopening the resolved ones
    const touched = input.action === "resolve" ? "unresolved" : "resolved";
    if (filter.status.length === 1 && filter.status[0] !== touched) return { ok: true, count: 0 };
    const f: ErrorFilter = { ...filter, status: [touched] };
    const count = await withViewer(viewer, (tx) => countErrorLogs(tx, f));
    return { ok: true, count };
  },
);

export const resolveErrorsAction = defineAction(
  resolveErrorsInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult<{ changed: number }>> => {
    const target = toTarget(input.target);
    const r = await withViewer(viewer, (tx) => resolveErrors(tx, target, input.note));
    void logActivity({
      userId: viewer.id,
      activityType: "admin_error_resolve",
      activityCategory: "admin",
      metadata: { scope: input.target.scope, changed: r.changed, groups: r.groups },
    });
    refresh();
    if (r.changed === 0) return failure("Nothing changed: these errors were already resolved.");
    return { ok: true, changed: r.changed, message: `Resolved ${formatCount(r.changed, "error")} in ${formatCount(r.groups, "group")}.` };
  },
);

export const reopenErrorsAction = defineAction(
  reopenErrorsInput,
  ADMIN,
  async (input, viewer): Promise<ActionResult<{ changed: number }>> => {
    const target = toTarget(input.target);
    const r = await withViewer(viewer, (tx) => reopenErrors(tx, target, input.note));
    void logActivity({
      userId: viewer.id,
      activityType: "admin_error_reopen",
      activityCategory: "admin",
      metadata: { scope: input.target.scope, changed: r.changed, groups: r.groups },
    });
    refresh();
    if (r.changed === 0) return failure("Nothing changed: these errors were not resolved.");
    return { ok: true, changed: r.changed, message: `Reopened ${formatCount(r.changed, "error")}.` };
  },
);

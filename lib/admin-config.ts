/**
 * Server helpers shared by the /admin/models, /admin/agents and /admin/settings actions: the
 * activity-log entry of a config change (seed 001 `admin_config_update`) and the failure a
 * refused concurrent save returns.
 */
import "server-only";
import { headers } from "next/headers";
import { failure, type ActionFailure } from "@/lib/actions";
import { clientIp } from "@/lib/client-ip";
import { describeChanges, type FieldChange } from "@/lib/config-diff";
import type { ConflictInfo } from "@/lib/db/mutations/config";
import { logActivity } from "@/lib/logging/system-log";
import type { ConfigTable } from "@/lib/validation/admin-config";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function logConfigChange(p: {
  userId: string;
  table: ConfigTable;
  rowId: string;
  label: string;
  action: string;
  changes?: FieldChange[];
  path: string;
}): Promise<void> {
  const h = await headers();
  await logActivity({
    userId: p.userId,
    activityType: "admin_config_update",
    activityCategory: "admin",
    resourceType: p.table,
    resourceId: UUID_RE.test(p.rowId) ? p.rowId : null,
    // Field names only: values (prompts, secrets) stay in the config history, which admins read.
    metadata: { table: p.table, key: p.label, action: p.action, fields: (p.changes ?? []).map((c) => c.path).slice(0, 50) },
    request: {
      path: p.path,
      method: "POST",
      userAgent: h.get("user-agent"),
      ip: await clientIp(),
    },
  });
}

/** "Someone else saved this first": the refusal, with what they changed. */
export function conflictFailure(
  what: string,
  c: ConflictInfo,
  next = "Close this form and open it again to edit the current values.",
): ActionFailure {
  const who = c.changedBy.length ? c.changedBy.join(", ") : "someone else";
  const summary = c.changes.length ? ` Changed meanwhile: ${describeChanges(c.changes)}.` : "";
  return {
    ...failure(
      `${what} was changed by ${who} while you were editing, so your save was refused (nothing was overwritten).${summary} ${next}`,
    ),
    conflict: c,
  };
}

export const GONE = (what: string) => failure(`${what} no longer exists: someone deleted it. Reload the page.`);

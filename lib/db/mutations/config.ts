/**
 * Writes of the admin configuration (issue 4), in the acting admin's transaction (withViewer):
 * RLS decides who may write, the seed 001 triggers validate (validate_admin_config_data, one
 * default per provider), and record_config_change writes the history.
 *
 * Safe edits: every UPDATE carries the updated_at the form was loaded from and compares it in
 * the same statement (`... where pk = $1 and updated_at = $2`). Row locking makes the second of
 * two concurrent saves re-check that condition against the first one's row, so it updates
 * nothing, and the caller is told what changed meanwhile (from the history) instead of
 * silently overwriting it. The row before and after comes back from the same statement, so the
 * activity log names the fields that changed.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { diffJson, type FieldChange, type Json } from "@/lib/config-diff";
import type { Tx } from "@/lib/db/run-as";
import { getRevision, modelReferences, revisionsSince, type Revision } from "@/lib/db/queries/config";
import type { ConfigTable, ModelInput } from "@/lib/validation/admin-config";
import { isSecretSettingKey } from "@/lib/validation/admin-config";

/** Fields that are bookkeeping, not configuration: left out of diffs. */
export const BOOKKEEPING = ["updated_at", "updatedAt", "updated_by", "created_at", "id"] as const;

export type ConflictInfo = {
  /** what changed between the version the form was loaded from and now */
  changes: FieldChange[];
  changedBy: string[];
  changedAt: string | null;
};

export type SaveOutcome =
  | { status: "ok"; rowId: string; label: string; changes: FieldChange[] }
  | { status: "conflict"; conflict: ConflictInfo }
  | { status: "missing" };

type Snap = Record<string, Json>;

async function execRows<T>(tx: Tx, q: SQL): Promise<T[]> {
  return (await tx.execute(q)) as unknown as T[];
}

/** Why the next writes happen; the history trigger stores it with the revision. */
export async function setChangeReason(tx: Tx, reason: string): Promise<void> {
  await tx.execute(sql`select set_config('app.config_change_reason', ${reason.slice(0, 500)}, true)`);
}

async function conflictOf(tx: Tx, table: ConfigTable, rowId: string, version: string): Promise<SaveOutcome> {
  const { base, first, last, changedBy } = await revisionsSince(tx, table, rowId, version);
  if (!last && !base) {
    // No revision to compare with (saved without changes).
    return { status: "conflict", conflict: { changes: [], changedBy: [], changedAt: null } };
  }
  if (last && last.operation === "DELETE") return { status: "missing" };
  const from = base?.after ?? first?.before ?? null;
  const to = last?.after ?? base?.after ?? null;
  return {
    status: "conflict",
    conflict: { changes: diffJson(from, to, BOOKKEEPING), changedBy: last ? changedBy : [], changedAt: last?.changedAt ?? null },
  };
}

function outcome(row: { before: Snap; after: Snap } | undefined, rowId: string, label: string): SaveOutcome | null {
  if (!row) return null;
  return { status: "ok", rowId, label, changes: diffJson(row.before, row.after, BOOKKEEPING) };
}

// ---------------------------------------------------------------------------------------------
// model_config
// ---------------------------------------------------------------------------------------------

function modelValues(input: ModelInput) {
  return {
    model_id: input.modelId,
    name: input.name,
    description: input.description,
    provider: input.provider,
    is_active: input.isActive,
    thinking_enabled: input.thinkingEnabled,
    in: input.inputPrice,
    out: input.outputPrice,
    metadata: JSON.stringify(input.metadata),
  };
}

export async function createModel(tx: Tx, input: ModelInput & { isDefault?: boolean }): Promise<{ id: string; modelId: string }> {
  const v = modelValues(input);
  const [row] = await execRows<{ id: string; model_id: string }>(
    tx,
    sql`insert into public.model_config (model_id, name, description, provider, is_active, is_default, thinking_enabled,
          input_pricing_per_million_tokens, output_pricing_per_million_tokens, metadata)
        values (${v.model_id}, ${v.name}, ${v.description}, ${v.provider}, ${v.is_active}, ${input.isDefault ?? false},
                ${v.thinking_enabled}, ${v.in}::numeric, ${v.out}::numeric, ${v.metadata}::jsonb)
        returning id::text, model_id`,
  );
  return { id: row.id, modelId: row.model_id };
}

/** Updates a model if it is still at `version`. */
export async function updateModel(tx: Tx, id: string, version: string, input: ModelInput): Promise<SaveOutcome> {
  const v = modelValues(input);
  return versionedUpdate(
    tx,
    "model_config",
    id,
    version,
    sql`update public.model_config t
        set model_id = ${v.model_id}, name = ${v.name}, description = ${v.description}, provider = ${v.provider},
            is_active = ${v.is_active}, thinking_enabled = ${v.thinking_enabled},
            input_pricing_per_million_tokens = ${v.in}::numeric, output_pricing_per_million_tokens = ${v.out}::numeric,
            metadata = ${v.metadata}::jsonb
        from (select to_jsonb(o) as before from public.model_config o where o.id = ${id}) o
        where t.id = ${id} and t.updated_at = ${version}::timestamptz
        returning o.before, to_jsonb(t) as after, t.model_id as label`,
  );
}

export async function setModelFlag(
  tx: Tx,
  id: string,
  version: string,
  flag: "is_default" | "is_active",
  value: boolean,
): Promise<SaveOutcome> {
  const set = flag === "is_default" ? sql`is_default = ${value}` : sql`is_active = ${value}`;
  return versionedUpdate(
    tx,
    "model_config",
    id,
    version,
    sql`update public.model_config t set ${set}
        from (select to_jsonb(o) as before from public.model_config o where o.id = ${id}) o
        where t.id = ${id} and t.updated_at = ${version}::timestamptz
        returning o.before, to_jsonb(t) as after, t.model_id as label`,
  );
}

export type DeleteModelOutcome =
  | { status: "deleted"; modelId: string }
  | { status: "missing" }
  | { status: "referenced"; modelId: string; usageRows: boolean; agentConfigs: string[] };

/** Deletes a model nothing references (usage rows, agent configs); otherwise says what does. */
export async function deleteModel(tx: Tx, id: string): Promise<DeleteModelOutcome> {
  const [m] = await execRows<{ model_id: string }>(tx, sql`select model_id from public.model_config where id = ${id} for update`);
  if (!m) return { status: "missing" };
  const refs = await modelReferences(tx, m.model_id);
  if (refs.usageRows || refs.agentConfigs.length > 0) return { status: "referenced", modelId: m.model_id, ...refs };
  const del = await execRows<{ id: string }>(tx, sql`delete from public.model_config where id = ${id} returning id::text`);
  return del.length ? { status: "deleted", modelId: m.model_id } : { status: "missing" };
}

// ---------------------------------------------------------------------------------------------
// admin_config
// ---------------------------------------------------------------------------------------------

export async function updateAdminConfig(
  tx: Tx,
  p: { configKey: string; version: string; data: Record<string, unknown>; userId: string },
): Promise<SaveOutcome> {
  const [row] = await execRows<{ id: string }>(tx, sql`select id::text from public.admin_config where config_key = ${p.configKey}`);
  if (!row) return { status: "missing" };
  return versionedUpdate(
    tx,
    "admin_config",
    row.id,
    p.version,
    sql`update public.admin_config t set config_data = ${JSON.stringify(p.data)}::jsonb, updated_by = ${p.userId}
        from (select to_jsonb(o) as before from public.admin_config o where o.id = ${row.id}) o
        where t.id = ${row.id} and t.updated_at = ${p.version}::timestamptz
        returning o.before, to_jsonb(t) as after, t.config_key as label`,
  );
}

// ---------------------------------------------------------------------------------------------
// system_settings
// ---------------------------------------------------------------------------------------------

export async function updateSystemSetting(tx: Tx, p: { key: string; version: string; value: string }): Promise<SaveOutcome> {
  const out = await versionedUpdate(
    tx,
    "system_settings",
    p.key,
    p.version,
    sql`update public.system_settings t set value = ${p.value}
        from (select to_jsonb(o) as before from public.system_settings o where o.key = ${p.key}) o
        where t.key = ${p.key} and t."updatedAt" = ${p.version}::timestamptz
        returning o.before, to_jsonb(t) as after, t.key as label`,
  );
  // A secret's values never leave this function: the change says only that it changed.
  if (out.status === "ok" && isSecretSettingKey(p.key)) {
    out.changes = out.changes.map((c) => ({ path: c.path, before: c.path === "value" ? "(secret)" : c.before, after: c.path === "value" ? "(secret)" : c.after }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The shared versioned UPDATE
// ---------------------------------------------------------------------------------------------

async function versionedUpdate(tx: Tx, table: ConfigTable, rowId: string, version: string, update: SQL): Promise<SaveOutcome> {
  const [row] = await execRows<{ before: Snap; after: Snap; label: string }>(tx, update);
  const ok = outcome(row, rowId, row?.label ?? rowId);
  if (ok) return ok;
  const pk = table === "system_settings" ? sql`key` : sql`id::text`;
  const [exists] = await execRows<{ one: number }>(
    tx,
    sql`select 1 as one from ${sql.raw(`public.${table}`)} where ${pk} = ${rowId}`,
  );
  if (!exists) return { status: "missing" };
  return conflictOf(tx, table, rowId, version);
}

// ---------------------------------------------------------------------------------------------
// Revert: a new revision whose content is an older one's
// ---------------------------------------------------------------------------------------------

export type RevertOutcome = SaveOutcome | { status: "invalid"; message: string };

export async function revertToRevision(tx: Tx, p: { revisionId: number; version: string; userId: string }): Promise<RevertOutcome & { revision?: Revision }> {
  const rev = await getRevision(tx, p.revisionId);
  if (!rev) return { status: "invalid", message: "That revision does not exist." };
  const a = rev.after;
  if (!a) return { status: "invalid", message: "That revision deleted the row; there is nothing to restore from it." };
  await setChangeReason(tx, `Revert to revision #${rev.id}`);
  let out: SaveOutcome;
  if (rev.tableName === "admin_config") {
    out = await updateAdminConfig(tx, { configKey: rev.rowLabel, version: p.version, data: a.config_data as Record<string, unknown>, userId: p.userId });
  } else if (rev.tableName === "system_settings") {
    if (isSecretSettingKey(rev.rowId)) {
      return { status: "invalid", message: "Secret values are not kept in the history, so they cannot be restored from it. Type the value again." };
    }
    out = await updateSystemSetting(tx, { key: rev.rowId, version: p.version, value: String(a.value ?? "") });
  } else {
    // The default flag is restored only towards "default" (the trigger keeps one per provider;
    // taking it away means giving it to another model).
    out = await versionedUpdate(
      tx,
      "model_config",
      rev.rowId,
      p.version,
      sql`update public.model_config t
          set model_id = r.model_id, name = r.name, description = r.description, provider = r.provider,
              is_active = r.is_active, is_default = t.is_default or r.is_default, thinking_enabled = r.thinking_enabled,
              input_pricing_per_million_tokens = r.input_pricing_per_million_tokens,
              output_pricing_per_million_tokens = r.output_pricing_per_million_tokens, metadata = r.metadata
          from jsonb_populate_record(null::public.model_config, ${JSON.stringify(a)}::jsonb) r,
               (select to_jsonb(o) as before from public.model_config o where o.id::text = ${rev.rowId}) o
          where t.id::text = ${rev.rowId} and t.updated_at = ${p.version}::timestamptz
          returning o.before, to_jsonb(t) as after, t.model_id as label`,
    );
  }
  return { ...out, revision: rev };
}

/** Postgres' own error (drizzle wraps it as `cause`). */
export function pgErrorOf(err: unknown): { code?: string; message: string; constraint?: string } | null {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown; constraint_name?: unknown } | undefined;
  for (let i = 0; i < 5 && e; i++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, message: String(e.message ?? ""), constraint: typeof e.constraint_name === "string" ? e.constraint_name : undefined };
    }
    e = e.cause as typeof e;
  }
  return null;
}

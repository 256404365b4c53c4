/**
 * Reads of the admin configuration (issue 4): model_config with its last 30 days of usage,
 * unpriced usage, admin_config, system_settings (secrets masked here, on the server) and the
 * config history. Every function takes the viewer's transaction (withViewer): RLS lets only
 * admins read admin_config, system_settings and config_history.
 *
 * Row versions (`version`) are updated_at as Postgres prints it, microseconds included: a JS
 * Date would drop them and the concurrent-edit check would compare the wrong instant.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";
import type { Json } from "@/lib/config-diff";
import type { ConfigTable } from "@/lib/validation/admin-config";

type Rows<T> = T[];
async function rows<T>(tx: Tx, q: ReturnType<typeof sql>): Promise<Rows<T>> {
  return (await tx.execute(q)) as unknown as T[];
}

// ---------------------------------------------------------------------------------------------
// model_config
// ---------------------------------------------------------------------------------------------

export type ModelRow = {
  id: string;
  modelId: string;
  name: string;
  description: string | null;
  provider: string;
  isActive: boolean;
  isDefault: boolean;
  thinkingEnabled: boolean;
  inputPrice: string;
  outputPrice: string;
  metadata: Record<string, Json>;
  version: string;
  updatedAt: string;
};

const modelColumns = sql`
  m.id::text as "id", m.model_id as "modelId", m.name, m.description, m.provider,
  m.is_active as "isActive", m.is_default as "isDefault", m.thinking_enabled as "thinkingEnabled",
  m.input_pricing_per_million_tokens::text as "inputPrice", m.output_pricing_per_million_tokens::text as "outputPrice",
  m.metadata, m.updated_at::text as "version", to_char(m.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"`;

export async function listModels(tx: Tx): Promise<ModelRow[]> {
  return rows<ModelRow>(tx, sql`select ${modelColumns} from public.model_config m order by m.provider, m.is_default desc, m.model_id`);
}

export async function getModel(tx: Tx, id: string): Promise<ModelRow | null> {
  const [r] = await rows<ModelRow>(tx, sql`select ${modelColumns} from public.model_config m where m.id = ${id}`);
  return r ?? null;
}

/** Tokens and recorded cost of one model (or of every model) over the last 30 days. */
export type ModelUsage = {
  modelUsed: string;
  provider: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** sum(total_cost) over the rows that have one */
  recordedCost: number;
  costCalls: number;
  /** tokens of rows without a recorded cost */
  uncostedInputTokens: number;
  uncostedOutputTokens: number;
  uncostedCalls: number;
};

/**
 * The last 30 days of usage per (model, provider): whole UTC hours from usage_rollup_hourly's
 * all-users rows (index-only scan of a few thousand rows), the two partial edge hours from
 * usage_logs through the request_timestamp index. Exact: equals a GROUP BY over the raw rows.
 */
export async function usageByModelLast30Days(tx: Tx, modelId?: string): Promise<ModelUsage[]> {
  // `::text`: filter after the time-range scans; on the model index the planner would read every
  // row of a busy model for the two edge hours.
  const filterR = modelId ? sql`and r.model_used::text = ${modelId}` : sql``;
  const filterU = modelId ? sql`and u.model_used::text = ${modelId}` : sql``;
  const raw = await rows<Record<string, string | null>>(
    tx,
    sql`
    with b as (
      select now() - interval '30 days' as f, now() as t,
             date_bin('1 hour', now() - interval '30 days', timestamptz '2000-01-01 00:00:00+00') + interval '1 hour' as hf,
             date_bin('1 hour', now(), timestamptz '2000-01-01 00:00:00+00') as ht
    ),
    x as (
      select r.model_used, r.provider, r.calls, r.input_tokens, r.output_tokens, r.recorded_cost, r.cost_rows,
             r.uncosted_input_tokens, r.uncosted_output_tokens, r.uncosted_calls
      from public.usage_rollup_hourly r, b
      where r.user_id is null and r.bucket_start >= b.hf and r.bucket_start < b.ht ${filterR}
      union all
      select u.model_used, u.provider, 1, coalesce(u.input_tokens, 0), coalesce(u.output_tokens, 0),
             coalesce(u.total_cost, 0), (u.total_cost is not null)::int,
             case when u.total_cost is null then coalesce(u.input_tokens, 0) else 0 end,
             case when u.total_cost is null then coalesce(u.output_tokens, 0) else 0 end,
             (u.total_cost is null)::int
      from public.usage_logs u, b
      where ((u.request_timestamp >= b.f and u.request_timestamp < b.hf) or (u.request_timestamp >= b.ht and u.request_timestamp < b.t))
        ${filterU}
    )
    select model_used, provider, sum(calls)::text as calls, sum(input_tokens)::text as input_tokens,
           sum(output_tokens)::text as output_tokens, sum(recorded_cost)::text as recorded_cost,
           sum(cost_rows)::text as cost_calls, sum(uncosted_input_tokens)::text as uncosted_input_tokens,
           sum(uncosted_output_tokens)::text as uncosted_output_tokens, sum(uncosted_calls)::text as uncosted_calls
    from x
    where model_used is not null
    group by model_used, provider
    having sum(calls) > 0`,
  );
  return raw.map((r) => ({
    modelUsed: r.model_used as string,
    provider: r.provider,
    calls: Number(r.calls),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    recordedCost: Number(r.recorded_cost),
    costCalls: Number(r.cost_calls),
    uncostedInputTokens: Number(r.uncosted_input_tokens),
    uncostedOutputTokens: Number(r.uncosted_output_tokens),
    uncostedCalls: Number(r.uncosted_calls),
  }));
}

export type UnpricedModel = {
  modelUsed: string;
  provider: string | null;
  calls: number;
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  recordedCost: number;
  costCalls: number;
  /** the model_config row when it exists with a zero price */
  configId: string | null;
};

/** Models in the last 30 days of usage_logs with no model_config row, or with both prices 0. */
export function listUnpricedUsage(usage: ModelUsage[], models: ModelRow[]): UnpricedModel[] {
  const byId = new Map(models.map((m) => [m.modelId, m]));
  const out = new Map<string, UnpricedModel>();
  for (const u of usage) {
    const m = byId.get(u.modelUsed);
    if (m && (Number(m.inputPrice) > 0 || Number(m.outputPrice) > 0)) continue;
    const prev = out.get(u.modelUsed);
    const tokens = u.inputTokens + u.outputTokens;
    if (prev) {
      prev.calls += u.calls;
      prev.tokens += tokens;
      prev.inputTokens += u.inputTokens;
      prev.outputTokens += u.outputTokens;
      prev.recordedCost += u.recordedCost;
      prev.costCalls += u.costCalls;
    } else {
      out.set(u.modelUsed, {
        modelUsed: u.modelUsed,
        provider: u.provider,
        calls: u.calls,
        tokens,
        inputTokens: u.inputTokens,
        outputTokens: u.outputTokens,
        recordedCost: u.recordedCost,
        costCalls: u.costCalls,
        configId: m?.id ?? null,
      });
    }
  }
  return [...out.values()].sort((a, b) => b.tokens - a.tokens);
}

/** What still references a model: usage rows and agent configs that name it. */
export async function modelReferences(tx: Tx, modelId: string): Promise<{ usageRows: boolean; agentConfigs: string[] }> {
  const [u] = await rows<{ used: boolean }>(
    tx,
    sql`select exists (select 1 from public.usage_logs where model_used = ${modelId}) as used`,
  );
  const a = await rows<{ config_key: string }>(
    tx,
    sql`select config_key from public.admin_config
        where jsonb_path_exists(config_data, '$.** ? (@ == $m)', jsonb_build_object('m', ${modelId}::text))
        order by config_key`,
  );
  return { usageRows: Boolean(u?.used), agentConfigs: a.map((r) => r.config_key) };
}

// ---------------------------------------------------------------------------------------------
// admin_config
// ---------------------------------------------------------------------------------------------

export type AdminConfigRow = {
  id: string;
  configKey: string;
  configData: Record<string, Json>;
  version: string;
  updatedAt: string;
  updatedByEmail: string | null;
  /** config_data of the row's first revision: the seeded default */
  defaultData: Record<string, Json> | null;
};

export async function listAdminConfigs(tx: Tx, keys?: string[]): Promise<AdminConfigRow[]> {
  if (keys && keys.length === 0) return [];
  const where = keys ? sql`where c.config_key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})` : sql``;
  return rows<AdminConfigRow>(
    tx,
    sql`
    select c.id::text as "id", c.config_key as "configKey", c.config_data as "configData",
           c.updated_at::text as "version",
           to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt",
           p.email as "updatedByEmail",
           (select h.after -> 'config_data' from public.config_history h
             where h.table_name = 'admin_config' and h.row_id = c.id::text and h.after is not null
             order by h.id limit 1) as "defaultData"
    from public.admin_config c
    left join public.profiles p on p.id = c.updated_by
    ${where}
    order by c.config_key`,
  );
}

// ---------------------------------------------------------------------------------------------
// system_settings: secrets never leave the server in full
// ---------------------------------------------------------------------------------------------

export type SettingRow = {
  key: string;
  /** the value, or for a secret key a mask such as "••••••••3f9a" ("" when not set) */
  value: string;
  description: string | null;
  secret: boolean;
  hasValue: boolean;
  version: string;
  updatedAt: string;
};

/** "sk-or-v1-abcdef…" → "••••••••cdef"; short secrets show no characters at all. */
export function maskSecret(value: string): string {
  if (!value) return "";
  return value.length >= 12 ? `••••••••${value.slice(-4)}` : "••••••••";
}

export async function listSystemSettings(tx: Tx): Promise<SettingRow[]> {
  const r = await rows<{ key: string; value: string; description: string | null; secret: boolean; version: string; updatedAt: string }>(
    tx,
    sql`select s.key, s.value, s.description, public.is_secret_setting_key(s.key) as secret,
               s."updatedAt"::text as version,
               to_char(s."updatedAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
        from public.system_settings s order by s.key`,
  );
  return r.map((s) => ({ ...s, hasValue: s.value !== "", value: s.secret ? maskSecret(s.value) : s.value }));
}

// ---------------------------------------------------------------------------------------------
// config_history
// ---------------------------------------------------------------------------------------------

export type Revision = {
  id: number;
  tableName: ConfigTable;
  rowId: string;
  rowLabel: string;
  operation: "INSERT" | "UPDATE" | "DELETE" | "BASELINE";
  changedBy: string | null;
  changedByEmail: string | null;
  changedAt: string;
  reason: string | null;
  before: Record<string, Json> | null;
  after: Record<string, Json> | null;
};

const revisionColumns = sql`
  h.id::int as "id", h.table_name as "tableName", h.row_id as "rowId", h.row_label as "rowLabel", h.operation,
  h.changed_by::text as "changedBy", p.email as "changedByEmail",
  to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "changedAt",
  h.reason, h.before, h.after`;

/** The newest revisions of one row (or of every row of a table), newest first. */
export async function listRevisions(tx: Tx, p: { table: ConfigTable; rowId?: string; limit?: number }): Promise<Revision[]> {
  const row = p.rowId ? sql`and h.row_id = ${p.rowId}` : sql``;
  return rows<Revision>(
    tx,
    sql`select ${revisionColumns}
        from public.config_history h left join public.profiles p on p.id = h.changed_by
        where h.table_name = ${p.table} ${row}
        order by h.id desc limit ${Math.min(Math.max(p.limit ?? 50, 1), 500)}`,
  );
}

export async function getRevision(tx: Tx, id: number): Promise<Revision | null> {
  const [r] = await rows<Revision>(
    tx,
    sql`select ${revisionColumns} from public.config_history h left join public.profiles p on p.id = h.changed_by where h.id = ${id}`,
  );
  return r ?? null;
}

/**
 * The revision a form was loaded from (its `after` carries that updated_at) and what was written
 * since: the first and the last revision after it and who wrote them all. Bounded whatever the
 * number of revisions in between (three small reads on idx_config_history_row).
 */
export async function revisionsSince(
  tx: Tx,
  table: ConfigTable,
  rowId: string,
  version: string,
): Promise<{ base: Revision | null; first: Revision | null; last: Revision | null; changedBy: string[] }> {
  const col = table === "system_settings" ? "updatedAt" : "updated_at";
  const [base] = await rows<Revision>(
    tx,
    sql`select ${revisionColumns} from public.config_history h left join public.profiles p on p.id = h.changed_by
        where h.table_name = ${table} and h.row_id = ${rowId} and h.after is not null
          and (h.after ->> ${col})::timestamptz = ${version}::timestamptz
        order by h.id desc limit 1`,
  );
  const after = base ? sql`h.id > ${base.id}` : sql`h.changed_at > ${version}::timestamptz`;
  const from = sql`from public.config_history h left join public.profiles p on p.id = h.changed_by
                   where h.table_name = ${table} and h.row_id = ${rowId} and ${after}`;
  const [first] = await rows<Revision>(tx, sql`select ${revisionColumns} ${from} order by h.id limit 1`);
  const [last] = await rows<Revision>(tx, sql`select ${revisionColumns} ${from} order by h.id desc limit 1`);
  const who = await rows<{ email: string }>(tx, sql`select distinct coalesce(p.email, 'the system') as email ${from} limit 20`);
  return { base: base ?? null, first: first ?? null, last: last ?? null, changedBy: who.map((w) => w.email) };
}

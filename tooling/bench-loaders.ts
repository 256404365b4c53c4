/**
 * The bench data the benches share: usage_logs and error_logs generated in SQL, deterministic in
 * the row number, spread over the last `days` days and over the bench users of tooling/bench.ts
 * (md5('bench-user-' || i)::uuid). Loaded as a bulk load is: triggers off
 * (session_replication_role = replica; the rollups are rebuilt once by the caller) and indexes
 * rebuilt after (tooling/bulk.ts).
 */
import type postgres from "postgres";
import { withIndexesRebuilt } from "./bulk";

type Sql = postgres.Sql;

/** usage_logs rows first..last (1-based): six agents, four models (one unpriced), 70 % with a recorded cost. */
export async function insertUsageLogs(admin: Sql, o: { first: number; last: number; users: number; days: number }): Promise<void> {
  const { first, last, users, days } = o;
  await admin.begin(async (tx) => {
    await tx.unsafe(`set local session_replication_role = replica`);
    await withIndexesRebuilt(tx, "usage_logs", () => tx.unsafe(`
      insert into public.usage_logs (user_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                                     input_cost, output_cost, total_cost, request_timestamp, duration_ms)
      select md5('bench-user-' || (1 + (i * 7919) % ${users}))::uuid,
             (array['chat_model_agent','provider_tools_agent','document_agent','python_agent','mermaid_agent','git_mcp_agent'])[(1 + i % 6)::int],
             m.model, m.provider,
             (i * 31) % 5000, (i * 17) % 3000, (i * 31) % 5000 + (i * 17) % 3000,
             c.input_cost, c.output_cost, c.input_cost + c.output_cost,
             now() - ((i * 2654435761) % (${days} * 86400000000::bigint)) * interval '1 microsecond',
             200 + (i * 7) % 5000
      from generate_series(${first}::bigint, ${last}::bigint) i
      cross join lateral (
        select (array['gemini-2.0-flash','gpt-4o','claude-3-5-sonnet-20241022','bench-unpriced-model'])[(1 + i % 4)::int] as model,
               (array['google','openai','anthropic','mistral'])[(1 + i % 4)::int] as provider) m
      cross join lateral (
        -- 70 % recorded cost; 30 % none (estimated from model_config, or unpriced)
        select case when i % 10 < 7 then ((i * 31) % 5000) / 1e6 end as input_cost,
               case when i % 10 < 7 then ((i * 17) % 3000) / 1e6 * 4 end as output_cost) c`));
  });
}

/** `rows` error_logs: seven types and categories, a fifth without a user, a fifth of older ones resolved. */
export async function insertErrorLogs(admin: Sql, o: { rows: number; users: number; days: number }): Promise<void> {
  const { rows, users, days } = o;
  await admin.begin(async (tx) => {
    await tx.unsafe(`set local session_replication_role = replica`);
    await withIndexesRebuilt(tx, "error_logs", () => tx.unsafe(`
      insert into public.error_logs (user_id, error_type, error_category, error_message, error_details, request_path, request_method,
                                     session_id, severity, resolved, resolved_at, resolution_notes, created_at)
      select case when i % 5 <> 0 then md5('bench-user-' || (1 + (i * 7919) % ${users}))::uuid end,
             t.error_type, t.category,
             replace(t.msg, '#', ((i * 131) % 9973)::text),
             jsonb_build_object('stack', 'Error: ' || t.category || E'\\n    at handler (app/api/route.ts:' || (i % 300) || ':7)'),
             t.path, 'POST',
             case when i % 5 <> 0 then 'sess_' || to_hex((i * 7919) % ${users * 13}) end,
             (array['info','warning','warning','error','error','error','error','critical'])[1 + (i * 11) % 8],
             r.resolved, case when r.resolved then ts + interval '2 hours' end, case when r.resolved then 'Fixed in the bench' end,
             ts
        from generate_series(1::bigint, ${rows}::bigint) i
        cross join lateral (select now() - ((i * 2654435761) % (${days} * 86400000000::bigint)) * interval '1 microsecond' as ts) c
        cross join lateral (select c.ts < now() - interval '3 days' and (i * 29) % 100 < 20 as resolved) r
        cross join lateral (
          select (array['api','app','auth','system','permission','user','admin'])[1 + (i % 7)::int] as error_type,
                 (array['timeout','rate_limit','validation','database','network','render','quota'])[1 + ((i / 7) % 7)::int] as category,
                 (array['Upstream timed out after # ms','Rate limit exceeded for agent #','Field "x#" is required',
                        'Query canceled after # ms','fetch failed: ECONNRESET on port #','Cannot read properties of undefined (reading #)',
                        'Quota of # requests reached'])[1 + ((i / 7) % 7)::int] as msg,
                 (array['/api/chat','/api/document','/api/files/upload','/admin/settings'])[1 + (i % 4)::int] as path
        ) t`));
  });
}

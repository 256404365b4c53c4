/**
 * `--scale N`: benchmark volumes on top of the demo data. N x 1,000,000 usage_logs, N x 1,000,000
 * error_logs and N x 100,000 chats (each with a question and an answer whose usage adds up to the
 * chat's totals), spread over 10,000 generated users and the last 90 days.
 *
 * Why it is fast enough (about half a minute for N = 1 on two idle cores):
 *   - rows are generated inside Postgres with `insert ... select ... from generate_series`, from
 *     deterministic arithmetic on the series index (nothing is shipped from Node);
 *   - `session_replication_role = replica` (transaction-local) skips the per-row triggers, above
 *     all validate_user_id: every user id is valid by construction;
 *   - each table drops its indexes and rebuilds them after the insert, inside the same
 *     transaction (a failure leaves the indexes as they were): one sorted build per index instead
 *     of a million random btree insertions each. Rows are written in time order, so the indexes
 *     that lead with the timestamp are built from presorted input;
 *   - usage_logs and error_logs load in parallel, on two connections;
 *   - the 10,000 users share one precomputed bcrypt hash instead of hashing 10,000 times.
 */
import type postgres from "postgres";
import { connect } from "../migrate";
import { type Catalog, UNPRICED_MODELS } from "./catalog";
import { ERROR_TEMPLATES, SEED_MARKER, USER_AGENTS } from "./errors";
import type { Tx } from "./insert";
import { ID_NAMESPACE } from "./random";
import { seedUserId } from "./users";

/** bcrypt (cost 10, `$2a$`) of "load-user-pass", the password of every generated load user. */
export const LOAD_USER_PASSWORD = "load-user-pass";
export const LOAD_USER_HASH = "$2a$10$rQNkx9MUNbIzZoCuLbO1L.g1jF7/MUdsl2133KYb3T0eQruXFS9z6";
export const LOAD_EMAIL_DOMAIN = "load.example.com";

export type BulkSizes = { users: number; chats: number; usage: number; errors: number };

export function bulkSizes(scale: number, override?: Partial<BulkSizes>): BulkSizes {
  return {
    users: override?.users ?? 10_000,
    chats: override?.chats ?? scale * 100_000,
    usage: override?.usage ?? scale * 1_000_000,
    errors: override?.errors ?? scale * 1_000_000,
  };
}

const FIRST = ["Aaliyah", "Ben", "Chloe", "Dev", "Elena", "Femi", "Gus", "Hana", "Ivan", "Jade", "Kai", "Lena", "Marco", "Nia", "Omar", "Pia", "Quinn", "Ravi", "Sara", "Tom", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe", "Alan", "Bea", "Carlos", "Dana"];
const LAST = ["Ahmed", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez", "Meyer", "Nakamura", "Olsen", "Perez", "Quist", "Rossi", "Silva", "Taylor", "Ueda", "Vargas", "Weber", "Xu", "Young", "Zimmer", "Andersen", "Bauer", "Chen", "Diaz"];
const TITLES = ["Summarise the weekly metrics", "Draft a product update", "Fix a failing test", "SQL for monthly revenue", "Explain a stack trace", "Plan the sprint retro", "Regex for phone numbers", "Translate release notes", "Review a pull request", "Write a customer reply", "Chart signups by week", "Refactor a React hook", "Compare two pricing plans", "Outline a blog post", "Debug a CORS error", "Estimate cloud costs"];
const QUESTIONS = ["Can you summarise last week's metrics for the team update?", "Help me write a short product update for customers.", "Why does this test fail only on CI?", "Write SQL that sums revenue per month.", "What does this stack trace mean?", "Give me an agenda for our sprint retro.", "I need a regex that matches international phone numbers.", "Translate these release notes into German."];
const ANSWERS = ["Here is a concise summary with the three numbers that moved most.", "Sure - here is a draft in a friendly tone, under 120 words.", "The test depends on the local time zone; CI runs in UTC. Pin the zone in the test.", "```sql\nselect date_trunc('month', paid_at) as month, sum(amount)\nfrom payments group by 1 order by 1;\n```", "The error comes from a null user in the session callback; check the cookie is set before the redirect.", "1. What went well 2. What slowed us down 3. One experiment for next sprint.", "A practical pattern: `^\\+?[1-9]\\d{6,14}$` (E.164).", "Hier sind die Versionshinweise auf Deutsch."];

/** SQL text literal. Only for the constant lists above and the catalogue's ids. */
function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
function textArray(items: readonly string[]): string {
  return `(array[${items.map(lit).join(", ")}]::text[])`;
}

/** Fraction in [0,1) from an index: a multiplicative hash (Knuth), deterministic and cheap. */
function frac(expr: string): string {
  return `((((${expr})::bigint * 2654435761) % 4294967296)::float8 / 4294967296)`;
}

/** The load user's e-mail for index i (1-based), in SQL. */
function loadEmail(i: string): string {
  return `'user' || lpad((${i})::text, 5, '0') || '@${LOAD_EMAIL_DOMAIN}'`;
}

/** The load user (1-based index) of row i: `(i * 7919) % users`, a permutation-like spread. */
function userIndexOf(c: string, users: number): string {
  return `(1 + ((${c})::bigint * 7919) % ${users})`;
}

/** The id of load user i: derived from the e-mail like every seeded user's (see users.ts). */
function loadUserId(i: string): string {
  return `md5(${lit(ID_NAMESPACE + "user:")} || ${loadEmail(i)})::uuid`;
}

/**
 * The time of row i of n: the last 90 days, denser toward the present like real traffic
 * (offset = 90 days x u^1.4), and increasing with i. Rows are thus written in time order, as an
 * append-only log is in production: realistic for the benchmarks (physical order = time order),
 * and the time-leading indexes are built from presorted input.
 */
function orderedTs(i: string, n: number): string {
  // float8 throughout: numeric power() would cost more than the rest of the row.
  return `($1::timestamptz - floor(7776000000 * power(1 - ((${i})::float8 - 0.5) / ${n}, 1.4)) * interval '1 millisecond')`;
}

async function timed(log: (l: string) => void, label: string, fn: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  await fn();
  log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * Drops the table's indexes, runs `load`, and recreates them from their own definitions, all in
 * the caller's transaction (a failure rolls back to the indexes as they were). The primary key
 * goes too, unless a foreign key references it: inserting a million random uuids into its btree
 * costs about three times building it afterwards.
 */
async function withIndexesRebuilt(tx: Tx, table: string, log: (l: string) => void, load: () => Promise<void>): Promise<void> {
  const rel = `public.${JSON.stringify(table)}`;
  const constraints = await tx.unsafe(
    `select conname, pg_get_constraintdef(oid) as def from pg_constraint c
      where conrelid = $1::regclass and contype in ('p', 'u')
        and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)`,
    [rel],
  );
  const indexes = await tx.unsafe(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename = $1
        and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [table],
  );
  for (const c of constraints) await tx.unsafe(`alter table ${rel} drop constraint ${JSON.stringify(c.conname)}`);
  for (const d of indexes) await tx.unsafe(`drop index public.${JSON.stringify(d.indexname)}`);
  let t = performance.now();
  await load();
  log(`    ${table}: rows inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  for (const c of constraints) await tx.unsafe(`alter table ${rel} add constraint ${JSON.stringify(c.conname)} ${c.def}`);
  for (const d of indexes) await tx.unsafe(d.indexdef as string);
  log(`    ${table}: ${constraints.length + indexes.length} indexes rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * One bulk step in its own transaction, in replica mode, with `load_users (i, id)`: the load
 * users by index, joined by hash (a per-row md5 of the e-mail would cost more).
 */
async function bulkTx(url: string, users: number, fn: (tx: postgres.TransactionSql) => Promise<void>): Promise<void> {
  const sql = connect(url);
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe(`set local session_replication_role = replica`);
      await tx.unsafe(`set local maintenance_work_mem = '256MB'`);
      await tx.unsafe(
        `create temp table load_users on commit drop as
         select g as i, ${loadUserId("g")} as id from generate_series(1, ${users}) g`,
      );
      await tx.unsafe(`analyze load_users`);
      await fn(tx);
    });
  } finally {
    await sql.end();
  }
}

export async function loadUsersPresent(tx: Tx): Promise<number> {
  const [row] = await tx.unsafe(`select count(*)::int as n from auth.users where email like $1`, [`%@${LOAD_EMAIL_DOMAIN}`]);
  return row.n as number;
}

export async function seedBulk(url: string, anchor: Date, catalog: Catalog, sizes: BulkSizes, log: (l: string) => void): Promise<void> {
  const adminId = seedUserId("admin@example.com");
  const { users, chats, usage, errors } = sizes;
  // Load traffic uses the models an admin has active (all of them if none is).
  const active = catalog.models.filter((m) => m.active);
  const models = active.length ? active : catalog.models;
  const mIds = textArray(models.map((m) => m.modelId));
  const mProv = textArray(models.map((m) => m.provider));
  const mIn = `(array[${models.map((m) => m.inputE4).join(",")}]::bigint[])`;
  const mOut = `(array[${models.map((m) => m.outputE4).join(",")}]::bigint[])`;
  const nModels = models.length;
  if (users > 99_999) throw new Error("bulk users: at most 99,999 (five-digit e-mails)");

  log(`Bulk data (users ${users}, chats ${chats}, usage_logs ${usage}, error_logs ${errors}):`);

  // 1. Users: auth.users, identities and profiles directly (the profile trigger is skipped in
  // replica mode, so the profile is written here, as the trigger would have).
  await timed(log, `users (${users})`, () =>
    bulkTx(url, users, async (tx) => {
      await tx.unsafe(
        `create temp table new_users on commit drop as
         select g as i, md5(${lit(ID_NAMESPACE + "user:")} || ${loadEmail("g")})::uuid as id, ${loadEmail("g")} as email,
                ${textArray(FIRST)}[1 + g % ${FIRST.length}] || ' ' || ${textArray(LAST)}[1 + (g / ${FIRST.length}) % ${LAST.length}] as name,
                -- joined before any of the 90 days of generated activity
                ($1::timestamptz - interval '91 days' - floor(2764800 * ${frac("g")}) * interval '1 second') as created
           from generate_series(1, ${users}) g`,
        [anchor],
      );
      await tx.unsafe(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_sent_at,
            confirmation_token, recovery_token, email_change_token_new, email_change, phone_change, phone_change_token,
            email_change_token_current, email_change_confirm_status, reauthentication_token, last_sign_in_at,
            raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
         select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email, $1, created + interval '90 seconds', created,
                '', '', '', '', '', '', '', 0, '', created + interval '2 days',
                '{"provider":"email","providers":["email"]}'::jsonb, jsonb_build_object('name', name), created, created + interval '2 days', false, false
           from new_users`,
        [LOAD_USER_HASH],
      );
      await tx.unsafe(
        `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
         select md5(${lit(ID_NAMESPACE + "identity:")} || id::text)::uuid, id::text, id,
                jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true, 'phone_verified', false),
                'email', created + interval '2 days', created, created + interval '2 days'
           from new_users`,
      );
      await tx.unsafe(
        `insert into public.profiles (id, email, username, name, role, trust_score, "createdAt", "updatedAt")
         select id, email, split_part(email, '@', 1), name,
                -- approved accounts only: a PENDING account sees nothing and so creates nothing
                (case when i % 50 = 0 then 'MANAGER' else 'USER' end)::public."UserRole",
                i % 90, created, created
           from new_users`,
      );
    }),
  );

  // 2. Chats with one question and one answer each; the chat's totals are the answer's usage.
  await timed(log, `chats (${chats}) and their ${chats * 2} messages`, () =>
    bulkTx(url, users, async (tx) => {
      await tx.unsafe(
        `create temp table load_chats on commit drop as
         select c, md5(${lit(ID_NAMESPACE + "bulk-chat:")} || c)::uuid as id, lu.id as user_id,
                ${orderedTs("c", chats)} as created,
                1 + (c * 31) % ${nModels} as m,
                1450 + (c * 37) % 2500 as tin, 40 + (c * 53) % 1200 as tout
           from generate_series(1::bigint, ${chats}) c join load_users lu on lu.i = ${userIndexOf("c", users)}`,
        [anchor],
      );
      await withIndexesRebuilt(tx, "Chat", log, async () => {
        await tx.unsafe(
          `insert into public."Chat" (id, "createdAt", title, user_id, visibility, "lastContext", total_input_tokens, total_output_tokens, total_cost, updated_at)
           select id, created, ${textArray(TITLES)}[1 + c % ${TITLES.length}], user_id, case when c % 9 = 0 then 'public' else 'private' end,
                  jsonb_build_object('modelId', ${mIds}[m], 'usage', jsonb_build_object('inputTokens', tin, 'outputTokens', tout, 'totalTokens', tin + tout)),
                  tin, tout,
                  round(tin * ${mIn}[m] / 1e10, 6) + round(tout * ${mOut}[m] / 1e10, 6),
                  created + interval '20 seconds'
             from load_chats`,
        );
      });
      const userParts = textArray(QUESTIONS.map((q) => JSON.stringify([{ type: "text", text: q }])));
      const answerParts = textArray(ANSWERS.map((a) => JSON.stringify([{ type: "text", text: a }])));
      await withIndexesRebuilt(tx, "Message_v2", log, async () => {
        await tx.unsafe(
          `insert into public."Message_v2" (id, "chatId", role, parts, attachments, "createdAt", model_used, input_tokens, output_tokens, cost)
           select md5(${lit(ID_NAMESPACE + "bulk-message:")} || c || ':0')::uuid, id, 'user', (${userParts}[1 + c % ${QUESTIONS.length}])::json,
                  '[]'::json, created, null, null, null, null
             from load_chats
           union all
           select md5(${lit(ID_NAMESPACE + "bulk-message:")} || c || ':1')::uuid, id, 'assistant', (${answerParts}[1 + c % ${ANSWERS.length}])::json,
                  '[]'::json, created + interval '20 seconds', ${mIds}[m], tin, tout,
                  round(tin * ${mIn}[m] / 1e10, 6) + round(tout * ${mOut}[m] / 1e10, 6)
             from load_chats`,
        );
      });
    }),
  );

  // 3 and 4 in parallel: the two million-row tables.
  const agents = textArray([
    ...Array(10).fill("chat_model_agent"), ...Array(3).fill("provider_tools_agent"), ...Array(2).fill("document_agent"),
    ...Array(2).fill("python_agent"), "mermaid_agent", "git_mcp_agent", "git_mcp_agent",
  ]);
  const unpriced = UNPRICED_MODELS[0];
  const usageLoad = () => timed(log, `usage_logs (${usage}, indexes rebuilt)`, () =>
    bulkTx(url, users, async (tx) => {
      await withIndexesRebuilt(tx, "usage_logs", log, async () => {
        // Every 200th call used a model the catalogue does not price: tokens, no cost.
        // `offset 0` keeps each subquery a fence, so every per-row value (time, costs) is
        // computed once, not once for each place the outer query names it.
        await tx.unsafe(
          `insert into public.usage_logs (id, user_id, chat_id, agent_type, model_used, provider, input_tokens, output_tokens, total_tokens,
                                          input_cost, output_cost, total_cost, request_timestamp, response_timestamp, duration_ms)
           select md5(${lit(ID_NAMESPACE + "bulk-usage:")} || j)::uuid, lu.id,
                  case when j % 10 = 0 or (2 * j - 1) * ${chats} < 2 * ${usage} then null else md5(${lit(ID_NAMESPACE + "bulk-chat:")} || c)::uuid end,
                  ${agents}[1 + j % 20],
                  case when unpriced then ${lit(unpriced.modelId)} else ${mIds}[m] end,
                  case when unpriced then ${lit(unpriced.provider)} else ${mProv}[m] end,
                  tin, tout, tin + tout, ic, oc, ic + oc,
                  ts, ts + dur * interval '1 millisecond', dur
             from (select j, c, m, unpriced, tin, tout, dur, ts,
                          case when not unpriced then round(tin * ${mIn}[m] / 1e10, 6) end as ic,
                          case when not unpriced then round(tout * ${mOut}[m] / 1e10, 6) end as oc
                     from (select j, cc.c, 1 + (cc.c * 31) % ${nModels} as m, j % 200 = 0 as unpriced,
                                  300 + (j * 37) % 4000 as tin, 50 + (j * 53) % 1500 as tout, 400 + (j * 7919) % 12000 as dur,
                                  ${orderedTs("j", usage)} as ts
                             from generate_series(1::bigint, ${usage}) j,
                                  -- the chat of about the same time (chats are in time order too), a little older
                                  lateral (select greatest(1, floor((j::float8 - 0.5) * ${chats} / ${usage}))::bigint as c) cc
                           offset 0) g
                   offset 0) s
             join load_users lu on lu.i = ${userIndexOf("c", users)}`,
          [anchor],
        );
      });
      // Replica mode also skipped the statement triggers that keep usage_rollup_hourly in step
      // (where that migration is applied); rebuild it once, as it asks of bulk loads.
      const [{ rollups }] = await tx.unsafe(`select to_regprocedure('public.rebuild_usage_rollups()') is not null as rollups`);
      if (rollups) {
        const t = performance.now();
        const [{ n }] = await tx.unsafe(`select public.rebuild_usage_rollups() as n`);
        log(`    usage_rollup_hourly: rebuilt (${Number(n).toLocaleString("en-US")} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    }),
  );

  // Error templates weighted by frequency: the row picks a template number by index and joins
  // the template (a hash join on a 19-row table beats eight lookups in long text arrays per row).
  const weightedTemplates = ERROR_TEMPLATES.flatMap((t, i) => Array(t.weight).fill(i + 1) as number[]);
  const templates = ERROR_TEMPLATES.map((t, i) => ({
    k: i + 1,
    error_type: t.type,
    error_category: t.category,
    error_message: t.message,
    error_details: { stack: t.stack, context: t.context, runtime: "nodejs", ...SEED_MARKER },
    request_path: t.path,
    request_method: t.method,
    severity: t.severity,
    resolution: t.resolution || "Reviewed; no action needed.",
    with_user: Math.round(t.withUser * 100),
    resolve_rate: Math.round(t.resolveRate * 100),
  }));
  const errorsLoad = () => timed(log, `error_logs (${errors}, indexes rebuilt)`, () =>
    bulkTx(url, users, async (tx) => {
      await tx.unsafe(
        `create temp table error_templates on commit drop as
         select * from json_to_recordset($1::text::json) as t(k int, error_type text, error_category text, error_message text,
           error_details jsonb, request_path text, request_method text, severity text, resolution text, with_user int, resolve_rate int)`,
        [JSON.stringify(templates)],
      );
      await tx.unsafe(`analyze error_templates`);
      await withIndexesRebuilt(tx, "error_logs", log, async () => {
        await tx.unsafe(
          `insert into public.error_logs (id, user_id, error_type, error_category, error_message, error_details, request_path, request_method,
                                          user_agent, ip_address, session_id, severity, resolved, resolved_by, resolved_at, resolution_notes, created_at)
           select md5(${lit(ID_NAMESPACE + "bulk-error:")} || t.e)::uuid,
                  case when has_user then lu.id end,
                  t.error_type, t.error_category, t.error_message, t.error_details, t.request_path, t.request_method,
                  ${textArray(USER_AGENTS)}[1 + ui % ${USER_AGENTS.length}], '203.0.113.' || (3 + ui % 250),
                  case when has_user then 'sess_' || lpad(to_hex(ui * 7919), 8, '0') end,
                  t.severity, resolved,
                  case when resolved then $2::uuid end,
                  case when resolved then least(ts + (1 + e % 48) * interval '1 hour', $1::timestamptz - interval '1 hour') end,
                  case when resolved then t.resolution end,
                  ts
             from (select g.e, g.ui, g.ts, t.*, (g.e * 17) % 100 < t.with_user as has_user,
                          g.ts < $1::timestamptz - interval '3 days' and (g.e * 29) % 100 < t.resolve_rate as resolved
                     from (select e, (array[${weightedTemplates.join(",")}])[1 + (e * 13) % ${weightedTemplates.length}] as k,
                                  ${userIndexOf("e", users)} as ui, ${orderedTs("e", errors)} as ts
                             from generate_series(1::bigint, ${errors}) e offset 0) g
                     join error_templates t on t.k = g.k
                   offset 0) t
             join load_users lu on lu.i = t.ui`,
          [anchor, adminId],
        );
      });
      // Replica mode skipped the statement triggers of error_rollup_daily (issue 5) too.
      const [{ counts }] = await tx.unsafe(`select to_regprocedure('public.rebuild_error_counts()') is not null as counts`);
      if (counts) {
        const t = performance.now();
        const [{ n }] = await tx.unsafe(`select public.rebuild_error_counts() as n`);
        log(`    error_rollup_daily: rebuilt (${Number(n).toLocaleString("en-US")} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      const [{ groups }] = await tx.unsafe(`select to_regprocedure('public.rebuild_error_groups()') is not null as groups`);
      if (groups) await tx.unsafe(`select public.rebuild_error_groups()`);
    }),
  );
  // Both run to their end (commit or rollback) before a failure of either is reported.
  const results = await Promise.allSettled([usageLoad(), errorsLoad()]);
  for (const r of results) if (r.status === "rejected") throw r.reason;

  await timed(log, "analyze", async () => {
    const sql = connect(url);
    try {
      await sql.unsafe(`analyze auth.users, auth.identities, public.profiles, public."Chat", public."Message_v2", public.usage_logs, public.error_logs`);
      // The rollups were written in one go: vacuum sets their visibility maps, so the dashboards'
      // index-only scans read no heap (seen: the 30-day series 36 -> 23 ms at scale 1).
      const [{ rollups }] = await sql.unsafe(`select string_agg(c::text, ', ') as rollups from unnest(array[
        to_regclass('public.usage_rollup_hourly'), to_regclass('public.usage_rollup_daily'), to_regclass('public.usage_rollup_user_daily'),
        to_regclass('public.usage_rollup_user_block'), to_regclass('public.error_rollup_daily')]) c where c is not null`);
      if (rollups) await sql.unsafe(`vacuum (analyze) ${rollups}`);
    } finally {
      await sql.end();
    }
  });
}

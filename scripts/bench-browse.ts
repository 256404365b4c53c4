/**
 * npm run bench:browse — the chat pages stay fast at scale (issue 7).
 *
 * In a throwaway embedded Postgres (or BENCH_DATABASE_URL), generated server-side with
 * generate_series: one user with 100,000 chats (BENCH_CHATS) over two years, two messages in each
 * of the first 20,000 (search corpus), and one chat of 5,000 messages (BENCH_MESSAGES) with
 * markdown, code blocks, tool calls and votes. Then, through the app's own path (authenticator
 * login + runAs as that user) and the app's own query functions:
 *   - the chats list: first page vs deep keyset pages (target < 50 ms at any depth), per sort;
 *   - a search over titles and message text;
 *   - the chat page's queries for the first screen of the 5,000-message chat;
 * and, when a production build exists (`next build`; BENCH_HTTP=0 skips it), the HTTP time of
 * GET /chats/<id> and of a deep /chats page from `next start`, signed in as the user: server
 * work of queries + render (target < 300 ms).
 * A benchmark, not a test: it prints figures and exits 0.
 * Runs with `--conditions=react-server` so the server-only query modules load outside Next.
 */
import { createServerClient } from "@supabase/ssr";
import { sql as dsql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getChat, getChatTotals, listChats, listMessages } from "../lib/db/queries/chats";
import { runAs, type Db, type Tx, type VerifiedClaims } from "../lib/db/run-as";
import { chatsTableParams, MESSAGE_PAGE_SIZE } from "../lib/validation/chats";
import { encodeCursor } from "../lib/validation/data-table";
import { hasProductionBuild, startAppStack } from "../tooling/app-stack";
import { loadBenchUsers, median, ms, timeMedian } from "../tooling/bench";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { connect, migrateDatabase } from "../tooling/migrate";

const CHATS = Number(process.env.BENCH_CHATS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const CORPUS = Math.min(CHATS, 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const HTTP = process.env.BENCH_HTTP !== "0";
// BENCH_EXPLAIN=1 prints the plans (EXPLAIN ANALYZE, as the user) of the slowest cases as well.
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
const PASSWORD = "bench-browse-pass";
const BIG_CHAT = "0b0b0b0b-0000-4000-8000-000000005000";

const log = (l: string) => console.log(l);
const flag = (t: number, target: number) => (t < target ? "ok" : `OVER ${target} ms`);

async function load(admin: postgres.Sql, userId: string) {
  const t0 = performance.now();
  await admin.begin(async (tx) => {
    // Valid user ids by construction: skip validate_user_id and the other triggers.
    await tx.unsafe(`set local session_replication_role = replica`);
    await tx.unsafe(`
      insert into public."Chat" (id, "createdAt", title, user_id, visibility, total_input_tokens, total_output_tokens, total_cost, updated_at)
      select gen_random_uuid(), t - interval '2 hours', 
             (array['Quarterly revenue','Churn dashboard','Deploy checklist','Python ETL','Mermaid flow','Budget sheet','SQL tuning','Onboarding doc'])[1 + i % 8] || ' #' || i,
             '${userId}', case when i % 7 = 0 then 'public' else 'private' end,
             (i * 37) % 90000, (i * 11) % 20000, ((i * 13) % 5000) / 1000.0,
             t
      from generate_series(1, ${CHATS}) i
      cross join lateral (select now() - ((i * 2654435761) % (730 * 86400)) * interval '1 second' as t) x;
      insert into public."Chat" (id, "createdAt", title, user_id, total_input_tokens, total_output_tokens, total_cost, updated_at)
      values ('${BIG_CHAT}', now() - interval '3 days', 'A very long conversation', '${userId}', 0, 0, 0, now());`);
    await tx.unsafe(`
      insert into public."Message_v2" (id, "chatId", role, parts, "createdAt", model_used, input_tokens, output_tokens, cost)
      select gen_random_uuid(), c.id, r.role,
             json_build_array(json_build_object('type', 'text', 'text',
               case when r.role = 'user' then 'How do I scale the ' || (array['kubernetes','postgres','redis','kafka'])[1 + n % 4] || ' cluster for ' || c.title || '?'
                    else 'Start with the **metrics** and then tune the pool size.' end)),
             c."createdAt" + r.k * interval '1 minute',
             case when r.role = 'assistant' then 'gpt-4o' end, case when r.role = 'assistant' then 900 end,
             case when r.role = 'assistant' then 120 end, case when r.role = 'assistant' then 0.0021 end
      from (select id, title, "createdAt", row_number() over () as n from public."Chat" where id <> '${BIG_CHAT}' limit ${CORPUS}) c
      cross join (values (0, 'user'), (1, 'assistant')) r(k, role);`);
    await tx.unsafe(`
      insert into public."Message_v2" (id, "chatId", role, parts, attachments, "createdAt", model_used, input_tokens, output_tokens, cost)
      select gen_random_uuid(), '${BIG_CHAT}', case when i % 2 = 1 then 'user' else 'assistant' end,
             case when i % 2 = 1 then json_build_array(json_build_object('type', 'text', 'text', 'Question ' || i || ': what does step ' || i || ' change in the **pipeline**?'))
                  when i % 10 = 0 then json_build_array(
                    json_build_object('type', 'tool-call', 'toolCallId', 'call_' || i, 'toolName', 'pythonAgent', 'args', json_build_object('operation', 'run', 'step', i)),
                    json_build_object('type', 'tool-result', 'toolCallId', 'call_' || i, 'toolName', 'pythonAgent', 'result', json_build_object('ok', true, 'rows', i * 3)),
                    json_build_object('type', 'text', 'text', 'Ran step ' || i || '. The result:' || E'\n\n' || '| step | rows |' || E'\n' || '|---|---|' || E'\n' || '| ' || i || ' | ' || i * 3 || ' |'))
                  else json_build_array(json_build_object('type', 'text', 'text',
                    'Step ' || i || ' reads the batch and writes it back:' || E'\n\n' || '\`\`\`python' || E'\n' ||
                    'def step_' || i || '(rows):' || E'\n' || '    out = [r for r in rows if r["ok"]]' || E'\n' || '    return len(out)' || E'\n' || '\`\`\`' || E'\n\n' ||
                    '- keeps valid rows' || E'\n' || '- returns the count'))
             end,
             case when i % 40 = 1 then '[{"name":"batch.csv","contentType":"text/csv","url":"https://files.example.com/batch.csv"}]'::json else '[]'::json end,
             now() - interval '3 days' + i * interval '30 seconds',
             case when i % 2 = 0 then 'gpt-4o' end, case when i % 2 = 0 then 1000 + i end,
             case when i % 2 = 0 then 200 end, case when i % 2 = 0 then 0.0035 end
      from generate_series(1, ${MESSAGES}) i;
      insert into public."Vote_v2" ("chatId", "messageId", "isUpvoted")
      select "chatId", id, (extract(second from "createdAt")::int % 3) <> 0 from public."Message_v2"
       where "chatId" = '${BIG_CHAT}' and role = 'assistant' and (extract(epoch from "createdAt")::bigint / 30) % 5 = 0;
      update public."Chat" c set total_input_tokens = s.i, total_output_tokens = s.o, total_cost = s.c
        from (select sum(input_tokens) i, sum(output_tokens) o, sum(cost) c from public."Message_v2" where "chatId" = '${BIG_CHAT}') s
       where c.id = '${BIG_CHAT}';`);
  });
  for (const t of ['public."Chat"', 'public."Message_v2"', 'public."Vote_v2"']) await admin.unsafe(`vacuum analyze ${t}`);
  log(`  ${CHATS.toLocaleString()} chats, ${(CORPUS * 2).toLocaleString()} corpus messages, a ${MESSAGES.toLocaleString()}-message chat in ${ms(performance.now() - t0)}`);
}

async function cursorAt(admin: postgres.Sql, userId: string, orderSql: string, valueSql: string, depth: number): Promise<string> {
  const [r] = await admin.unsafe(
    `select ${valueSql}::text as value, id from public."Chat" c where user_id = '${userId}' order by ${orderSql} offset ${depth - 1} limit 1`,
  );
  return encodeCursor(r.value as string, r.id as string);
}

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres();
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  let stack: Awaited<ReturnType<typeof startAppStack>> | null = null;
  try {
    log(`bench:browse — ${CHATS.toLocaleString()} chats for one user, a ${MESSAGES.toLocaleString()}-message chat; median of ${RUNS} runs`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    await loadBenchUsers(admin, 3);
    const [{ id: userId, email }] = await admin`select id, email from public.profiles where id = md5('bench-user-2')::uuid`;
    await admin`update auth.users set encrypted_password = extensions.crypt(${PASSWORD}, extensions.gen_salt('bf', 4)) where id = ${userId}`;
    log("Loading:");
    await load(admin, userId);

    const client = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(client) as unknown as Db;
    const claims: VerifiedClaims = { sub: userId, role: "authenticated", aud: "authenticated", email };
    const as = <T>(fn: Parameters<typeof runAs<T>>[2]) => runAs(app, claims, fn);

    log("");
    log("Chats list (keyset pages of 20, as the user, through runAs):  target < 50 ms at any depth");
    const sorts = [
      { key: "updated.desc", order: "c.updated_at desc, c.id desc", value: "c.updated_at" },
      { key: "title.asc", order: "c.title asc, c.id asc", value: "c.title" },
      { key: "cost.desc", order: "c.total_cost desc, c.id desc", value: "((c.total_cost * 1000000)::bigint)" },
    ];
    const depths = [1, 1_000, Math.floor(CHATS / 2), CHATS - 20];
    const listTimes: number[] = [];
    for (const s of sorts) {
      const cells: string[] = [];
      for (const depth of depths) {
        const params: Record<string, string> = { sort: s.key };
        if (depth > 1) Object.assign(params, { after: await cursorAt(admin, userId, s.order, s.value, depth), page: String(Math.ceil(depth / 20) + 1) });
        const q = chatsTableParams.parse(params);
        if (depth > 1 && !q.cursor) throw new Error("cursor did not parse");
        const t = await timeMedian(() => as((tx) => listChats(tx, q)), RUNS);
        listTimes.push(t);
        cells.push(`row ${depth.toLocaleString()}: ${ms(t)}`);
      }
      log(`  sort ${s.key.padEnd(13)} ${cells.join("   ")}`);
    }
    log(`  worst ${ms(Math.max(...listTimes))} (${flag(Math.max(...listTimes), 50)})`);

    const search = await timeMedian(() => as((tx) => listChats(tx, chatsTableParams.parse({ q: "kubernetes" }))), RUNS);
    const searchTitle = await timeMedian(() => as((tx) => listChats(tx, chatsTableParams.parse({ q: "revenue #4242" }))), RUNS);
    log(`  search "kubernetes" (message text, ${CORPUS.toLocaleString()} chats match some word): ${ms(search)}; title "revenue #4242": ${ms(searchTitle)}`);

    if (EXPLAIN) {
      // The app's own query functions, with a transaction whose execute() explains instead.
      const explain = async (label: string, fn: (tx: Tx) => Promise<unknown>) => {
        const lines: string[] = [];
        await as(async (tx) => {
          const spy = new Proxy(tx, {
            get(target, prop, receiver) {
              if (prop !== "execute") return Reflect.get(target, prop, receiver);
              return async (q: SQL) => {
                const plan = (await target.execute(dsql`explain (analyze, buffers) ${q}`)) as unknown as Record<string, string>[];
                lines.push(...plan.map((r) => Object.values(r)[0]));
                return [];
              };
            },
          });
          await fn(spy);
        });
        log(`\n-- plan: ${label}\n${lines.join("\n")}`);
      };
      const deepCost = chatsTableParams.parse({ sort: "cost.desc", after: await cursorAt(admin, userId, "c.total_cost desc, c.id desc", "((c.total_cost * 1000000)::bigint)", CHATS - 20) });
      await explain("first page, updated.desc", (tx) => listChats(tx, chatsTableParams.parse({})));
      await explain("deep page, cost.desc", (tx) => listChats(tx, deepCost));
      await explain("search kubernetes", (tx) => listChats(tx, chatsTableParams.parse({ q: "kubernetes" })));
      await explain("chat totals", (tx) => getChatTotals(tx, BIG_CHAT));
      await explain("first messages", (tx) => listMessages(tx, BIG_CHAT, null, MESSAGE_PAGE_SIZE));
    }

    log("");
    log(`Chat page, first screen of the ${MESSAGES.toLocaleString()}-message chat (${MESSAGE_PAGE_SIZE} messages):`);
    const pageQueries = await timeMedian(
      () =>
        as(async (tx) => {
          await getChat(tx, BIG_CHAT);
          await getChatTotals(tx, BIG_CHAT);
          await listMessages(tx, BIG_CHAT, null, MESSAGE_PAGE_SIZE);
        }),
      RUNS,
    );
    log(`  queries (chat, totals over all messages, first page): ${ms(pageQueries)}`);

    if (HTTP && !external) {
      if (!hasProductionBuild()) {
        log("");
        log("HTTP: no production build (.next); run `npm run build` first for page timings. Skipped.");
      } else {
        log("");
        log("HTTP (next start, production build, signed in as the user):  target < 300 ms");
        stack = await startAppStack({ adminUrl, appDbUrl: appUrl, mode: "production", appPort: 0, authPort: 0, appOutput: "ignore", log: () => {} });
        // supabase-js wants a global WebSocket (Node 20 has it only behind a flag); realtime is
        // never used here, so a stand-in class satisfies the check.
        const g = globalThis as { WebSocket?: unknown };
        g.WebSocket ??= class {};
        const jar = new Map<string, string>();
        const supabase = createServerClient(stack.authUrl, stack.anonKey, {
          cookies: {
            getAll: () => [...jar].map(([name, value]) => ({ name, value })),
            setAll: (list) => list.forEach(({ name, value }) => jar.set(name, value)),
          },
          auth: { autoRefreshToken: false },
        });
        const { error } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
        if (error) throw new Error(`sign-in failed: ${error.message}`);
        const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
        const get = async (path: string, expect: string) => {
          const t = performance.now();
          const res = await fetch(`${stack!.appUrl}${path}`, { headers: { cookie }, redirect: "manual" });
          const body = await res.text();
          const took = performance.now() - t;
          if (res.status !== 200 || !body.includes(expect)) throw new Error(`GET ${path}: ${res.status} ${res.headers.get("location") ?? ""}`);
          return { took, bytes: body.length };
        };
        const timeGet = async (path: string, expect: string) => {
          for (let i = 0; i < 3; i++) await get(path, expect);
          const samples: number[] = [];
          let bytes = 0;
          for (let i = 0; i < RUNS; i++) {
            const r = await get(path, expect);
            samples.push(r.took);
            bytes = r.bytes;
          }
          return { t: median(samples), bytes };
        };
        const chatPage = await timeGet(`/chats/${BIG_CHAT}`, "A very long conversation");
        log(`  GET /chats/<5,000-message chat>: ${ms(chatPage.t)} (${Math.round(chatPage.bytes / 1024)} KiB HTML) ${flag(chatPage.t, 300)}`);
        const latest = await timeGet(`/chats/${BIG_CHAT}?latest=1`, "A very long conversation");
        log(`  GET /chats/<same>?latest=1 (last page): ${ms(latest.t)} ${flag(latest.t, 300)}`);
        const first = await timeGet(`/chats`, "Chats");
        const deepCursor = await cursorAt(admin, userId, "c.updated_at desc, c.id desc", "c.updated_at", CHATS - 20);
        const deep = await timeGet(`/chats?after=${deepCursor}&page=${Math.ceil(CHATS / 20)}`, "Chats");
        log(`  GET /chats first page: ${ms(first.t)}; page ${Math.ceil(CHATS / 20).toLocaleString()}: ${ms(deep.t)}`);
      }
    }
    await client.end();
    await admin.end();
  } finally {
    await stack?.stop();
    await pg?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

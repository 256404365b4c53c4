/**
 * npm run bench:browse — the chat pages stay fast at scale (issue 7).
 *
 * In a throwaway embedded Postgres (durable, as Supabase runs it) or BENCH_DATABASE_URL, with
 * 10,000 bench users, generated server-side with generate_series: BENCH_BROWSE_USERS (default 3)
 * heavy users, each with 100,000 chats (BENCH_CHATS) over two years, two messages in each of
 * their first 20,000 (search corpus), and one chat of 5,000 messages (BENCH_MESSAGES) with
 * markdown, code blocks, tool calls and votes. Then, through the app's own path (authenticator
 * login + runAs as the viewer) and the app's own query functions, every run drawing its viewer
 * (one of the heavy users) and its filters with a seeded generator:
 *   - the chats list: a first page (any sort, either direction, a visibility filter or none) and a
 *     deep keyset page (any sort and direction, any depth): target < 50 ms at any depth, p95 judged;
 *   - a search over titles and message text (no target);
 *   - the chat page's queries for the first screen of the viewer's 5,000-message chat (no target);
 * and (BENCH_HTTP=0 skips it) the HTTP time from `next start` of the production build, signed in
 * as the viewer, of GET /chats/<5,000-message chat>, its last page (?latest=1), the /chats first
 * page and a deep /chats page: server work of queries + render, target < 300 ms, p95 judged. The
 * build is rebuilt first when it is not of the current sources (tooling/bench.ts ensureFreshBuild);
 * a page that answers anything but 200 is MISSED.
 * A benchmark, not a test: it prints figures and verdicts and exits 0.
 * Runs with `--conditions=react-server` so the server-only query modules load outside Next.
 */
import { createServerClient } from "@supabase/ssr";
import { sql as dsql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getChat, getChatTotals, listChats, listMessages } from "../lib/db/queries/chats";
import { runAs, type Db, type Tx, type VerifiedClaims } from "../lib/db/run-as";
import { CHAT_SORT_KEYS, chatsTableParams, MESSAGE_PAGE_SIZE, type ChatSortKey } from "../lib/validation/chats";
import { encodeCursor } from "../lib/validation/data-table";
import { startAppStack } from "../tooling/app-stack";
import {
  BENCH_RUNS,
  benchUserId,
  buildChangedSince,
  coldDb,
  coldMode,
  distinctInts,
  ensureFreshBuild,
  evictBuffers,
  fmtSamples,
  loadBenchUsers,
  ms,
  pick,
  printBenchHeader,
  randInt,
  rngFor,
  timeSamples,
  Verdicts,
  type BuildCheck,
  type Rng,
  type Samples,
} from "../tooling/bench";
import { startThrowawayPostgres } from "../tooling/local-postgres";
import { connect, migrateDatabase } from "../tooling/migrate";

const CHATS = Number(process.env.BENCH_CHATS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const HEAVY = Number(process.env.BENCH_BROWSE_USERS ?? 3);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CORPUS = Math.min(CHATS, 20_000);
const HTTP = process.env.BENCH_HTTP !== "0";
// BENCH_EXPLAIN=1 prints the plans (EXPLAIN ANALYZE, as the first heavy user) of the slowest cases as well.
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
const PASSWORD = "bench-browse-pass";
const LIST_TARGET = 50;
const HTTP_TARGET = 300;
/** Cursors drawn per (viewer, sort, direction). */
const ANCHORS = 12;

/** The heavy users are bench users 2 .. HEAVY + 1 (bench-user-1 is the admin). */
const heavy = Array.from({ length: HEAVY }, (_, k) => ({ index: k + 2, id: benchUserId(k + 2), bigChat: `0b0b0b0b-0000-4000-8000-${String(5000 + k).padStart(12, "0")}` }));
type Heavy = (typeof heavy)[number];

const log = (l: string) => console.log(l);

async function load(admin: postgres.Sql, name: string, userId: string, bigChat: string) {
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
      values ('${bigChat}', now() - interval '3 days', 'A very long conversation', '${userId}', 0, 0, 0, now());`);
    await tx.unsafe(`
      insert into public."Message_v2" (id, "chatId", role, parts, "createdAt", model_used, input_tokens, output_tokens, cost)
      select gen_random_uuid(), c.id, r.role,
             json_build_array(json_build_object('type', 'text', 'text',
               case when r.role = 'user' then 'How do I scale the ' || (array['kubernetes','postgres','redis','kafka'])[1 + n % 4] || ' cluster for ' || c.title || '?'
                    else 'Start with the **metrics** and then tune the pool size.' end)),
             c."createdAt" + r.k * interval '1 minute',
             case when r.role = 'assistant' then 'gpt-4o' end, case when r.role = 'assistant' then 900 end,
             case when r.role = 'assistant' then 120 end, case when r.role = 'assistant' then 0.0021 end
      from (select id, title, "createdAt", row_number() over () as n from public."Chat" where user_id = '${userId}' and id <> '${bigChat}' limit ${CORPUS}) c
      cross join (values (0, 'user'), (1, 'assistant')) r(k, role);`);
    await tx.unsafe(`
      insert into public."Message_v2" (id, "chatId", role, parts, attachments, "createdAt", model_used, input_tokens, output_tokens, cost)
      select gen_random_uuid(), '${bigChat}', case when i % 2 = 1 then 'user' else 'assistant' end,
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
       where "chatId" = '${bigChat}' and role = 'assistant' and (extract(epoch from "createdAt")::bigint / 30) % 5 = 0;
      update public."Chat" c set total_input_tokens = s.i, total_output_tokens = s.o, total_cost = s.c
        from (select sum(input_tokens) i, sum(output_tokens) o, sum(cost) c from public."Message_v2" where "chatId" = '${bigChat}') s
       where c.id = '${bigChat}';`);
  });
  log(`  ${name}: ${CHATS.toLocaleString()} chats, ${(CORPUS * 2).toLocaleString()} corpus messages, a ${MESSAGES.toLocaleString()}-message chat in ${ms(performance.now() - t0)}`);
}

/** The sort column's cursor value, as listChats writes it (lib/db/queries/chats.ts SORTS). */
const SORT_VALUE: Record<ChatSortKey, string> = {
  updated: "c.updated_at",
  created: `c."createdAt"`,
  title: "c.title",
  cost: "((c.total_cost * 1000000)::bigint)",
};
type Dir = "asc" | "desc";
type Anchor = { after: string; page: number };

/** Cursors of ANCHORS random depths (20 .. CHATS - 20) per viewer, sort and direction, found once (untimed). */
async function cursorPool(admin: postgres.Sql): Promise<Map<string, Anchor[]>> {
  const pool = new Map<string, Anchor[]>();
  for (const h of heavy) {
    for (const key of CHAT_SORT_KEYS) {
      for (const dir of ["asc", "desc"] as Dir[]) {
        const depths = distinctInts(rngFor(`anchors:${h.index}:${key}:${dir}`), ANCHORS, 20, CHATS - 20);
        const rows = await admin.unsafe(
          `select rn, value, id from (
             select ${SORT_VALUE[key]}::text as value, c.id, row_number() over (order by ${SORT_VALUE[key]} ${dir}, c.id ${dir}) as rn
               from public."Chat" c where c.user_id = $1) x
            where rn = any($2::bigint[]) order by rn`,
          [h.id, depths],
        );
        pool.set(`${h.index}:${key}:${dir}`, rows.map((r) => ({ after: encodeCursor(r.value as string, r.id as string), page: Math.ceil(Number(r.rn) / 20) + 1 })));
      }
    }
  }
  return pool;
}

type ListDraw = { viewer: Heavy; key: ChatSortKey; dir: Dir; visibility: string | null; anchor: Anchor | null };

function listDraws(pool: Map<string, Anchor[]>) {
  const base = (rng: Rng) => ({ viewer: pick(rng, heavy), key: pick(rng, CHAT_SORT_KEYS), dir: pick(rng, ["asc", "desc"] as Dir[]) });
  return {
    first: (rng: Rng): ListDraw => ({ ...base(rng), visibility: pick(rng, [null, null, "private", "public"]), anchor: null }),
    deep: (rng: Rng): ListDraw => {
      const b = base(rng);
      return { ...b, visibility: null, anchor: pick(rng, pool.get(`${b.viewer.index}:${b.key}:${b.dir}`)!) };
    },
  };
}

/** The URL parameters of a list draw, as the page gets them. */
function listParams(d: ListDraw): Record<string, string> {
  const p: Record<string, string> = { sort: `${d.key}.${d.dir}` };
  if (d.visibility) p.visibility = d.visibility;
  if (d.anchor) Object.assign(p, { after: d.anchor.after, page: String(d.anchor.page) });
  return p;
}

const describe = (d: ListDraw | null) =>
  d ? `bench-user-${d.viewer.index}, sort ${d.key}.${d.dir}${d.visibility ? `, ${d.visibility} only` : ""}${d.anchor ? `, page ${d.anchor.page.toLocaleString()}` : ""}` : "-";

const SEARCH_WORDS = ["kubernetes", "postgres", "redis", "kafka", "metrics", "pool"];
const TITLE_WORDS = ["Quarterly", "Churn", "Deploy", "Python", "Mermaid", "Budget", "SQL", "Onboarding"];

async function main() {
  const external = process.env.BENCH_DATABASE_URL;
  const pg = external ? null : await startThrowawayPostgres(undefined, { durable: true });
  const adminUrl = external ?? pg!.url();
  const appUrl = external ? (process.env.BENCH_APP_DATABASE_URL ?? external) : pg!.url("postgres", "authenticator", "authenticator");
  let stack: Awaited<ReturnType<typeof startAppStack>> | null = null;
  try {
    log(`bench:browse — ${HEAVY} users with ${CHATS.toLocaleString()} chats and a ${MESSAGES.toLocaleString()}-message chat each, among ${USERS.toLocaleString()} users`);
    await migrateDatabase(adminUrl);
    const admin = connect(adminUrl, 2);
    const cold = await coldMode(admin, { install: !external });
    await printBenchHeader(log, admin, { cold });
    log("Loading:");
    await loadBenchUsers(admin, USERS);
    for (const h of heavy) {
      await admin`update auth.users set encrypted_password = extensions.crypt(${PASSWORD}, extensions.gen_salt('bf', 4)) where id = ${h.id}`;
      await load(admin, `bench-user-${h.index}`, h.id, h.bigChat);
    }
    for (const t of ['public."Chat"', 'public."Message_v2"', 'public."Vote_v2"']) await admin.unsafe(`vacuum analyze ${t}`);

    const client = postgres(appUrl, { max: 1, onnotice: () => {}, prepare: false });
    const app = drizzle(client) as unknown as Db;
    const coldStart = coldDb(admin, appUrl, cold);
    const claims = (h: Heavy): VerifiedClaims => ({ sub: h.id, role: "authenticated", aud: "authenticated", email: `bench${h.index}@example.com` });
    const as = <T,>(db: Db, h: Heavy, fn: Parameters<typeof runAs<T>>[2]) => runAs(db, claims(h), fn);
    const verdicts = new Verdicts();
    const pool = await cursorPool(admin);
    const draws = listDraws(pool);

    log("");
    log(`Chats list (keyset pages of 20, as the viewer, through runAs):  target < ${LIST_TARGET} ms at any depth, p95 judged`);
    const list = (db: Db, d: ListDraw) =>
      as(db, d.viewer, async (tx) => {
        const q = chatsTableParams.parse(listParams(d));
        if (d.anchor && !q.cursor) throw new Error("cursor did not parse");
        const page = await listChats(tx, q);
        if (page.rows.length !== 20) throw new Error(`${describe(d)}: ${page.rows.length} rows, expected a full page`);
        return page;
      });
    for (const [label, draw] of [
      ["first page", draws.first],
      [`deep page (any depth to ${(CHATS - 20).toLocaleString()})`, draws.deep],
    ] as const) {
      const s = await timeSamples({ rng: rngFor(`list:${label}`), draw, run: list, warm: app, cold: coldStart });
      const v = verdicts.judge(`chats list, ${label}, p95`, ms(s.p95), `< ${LIST_TARGET} ms`, s.p95 < LIST_TARGET);
      log(`  ${label.padEnd(34)} ${fmtSamples(s)}  ${v}  slowest: ${describe(s.slowest)}`);
    }

    const search = await timeSamples({
      rng: rngFor("search"),
      draw: (rng) => ({
        viewer: pick(rng, heavy),
        q: pick(rng, [() => pick(rng, SEARCH_WORDS), () => pick(rng, TITLE_WORDS).toLowerCase(), () => `${pick(rng, TITLE_WORDS).toLowerCase()} #${randInt(rng, 1, CHATS)}`])(),
      }),
      run: (db: Db, d) => as(db, d.viewer, (tx) => listChats(tx, chatsTableParams.parse({ q: d.q }))),
      warm: app,
      cold: coldStart,
    });
    log(`  search (a message word, a title word, or a title "word #n")  ${fmtSamples(search)}  (no target)`);

    if (EXPLAIN) {
      // The app's own query functions, with a transaction whose execute() explains instead.
      const explain = async (label: string, fn: (tx: Tx) => Promise<unknown>) => {
        const lines: string[] = [];
        await as(app, heavy[0], async (tx) => {
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
      const deepCost = chatsTableParams.parse(listParams({ viewer: heavy[0], key: "cost", dir: "desc", visibility: null, anchor: pool.get(`${heavy[0].index}:cost:desc`)![0] }));
      await explain("first page, updated.desc", (tx) => listChats(tx, chatsTableParams.parse({})));
      await explain("deep page, cost.desc", (tx) => listChats(tx, deepCost));
      await explain("search kubernetes", (tx) => listChats(tx, chatsTableParams.parse({ q: "kubernetes" })));
      await explain("chat totals", (tx) => getChatTotals(tx, heavy[0].bigChat));
      await explain("first messages", (tx) => listMessages(tx, heavy[0].bigChat, null, MESSAGE_PAGE_SIZE));
    }

    log("");
    log(`Chat page, first screen of the viewer's ${MESSAGES.toLocaleString()}-message chat (${MESSAGE_PAGE_SIZE} messages):`);
    const pageQueries = await timeSamples({
      rng: rngFor("chat page queries"),
      draw: (rng) => pick(rng, heavy),
      run: (db: Db, h) =>
        as(db, h, async (tx) => {
          await getChat(tx, h.bigChat);
          await getChatTotals(tx, h.bigChat);
          await listMessages(tx, h.bigChat, null, MESSAGE_PAGE_SIZE);
        }),
      warm: app,
      cold: coldStart,
    });
    log(`  queries (chat, totals over all messages, first page)  ${fmtSamples(pageQueries)}  (no target)`);

    let build: BuildCheck | null = null;
    if (HTTP && !external) {
      log("");
      log(`HTTP (next start, production build, signed in as the viewer):  target < ${HTTP_TARGET} ms, p95 judged`);
      build = await ensureFreshBuild(log);
      stack = await startAppStack({ adminUrl, appDbUrl: appUrl, mode: "production", appPort: 0, authPort: 0, appOutput: "ignore", log: () => {} });
      // supabase-js wants a global WebSocket (Node 20 has it only behind a flag); realtime is
      // never used here, so a stand-in class satisfies the check.
      const g = globalThis as { WebSocket?: unknown };
      g.WebSocket ??= class {};
      const cookies = new Map<number, string>();
      for (const h of heavy) {
        const jar = new Map<string, string>();
        const supabase = createServerClient(stack.authUrl, stack.anonKey, {
          cookies: {
            getAll: () => [...jar].map(([name, value]) => ({ name, value })),
            setAll: (list) => list.forEach(({ name, value }) => jar.set(name, value)),
          },
          auth: { autoRefreshToken: false },
        });
        const { error } = await supabase.auth.signInWithPassword({ email: `bench${h.index}@example.com`, password: PASSWORD });
        if (error) throw new Error(`sign-in failed: ${error.message}`);
        cookies.set(h.index, [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
      }
      const get = async (h: Heavy, path: string, expect: string) => {
        const res = await fetch(`${stack!.appUrl}${path}`, { headers: { cookie: cookies.get(h.index)! }, redirect: "manual" });
        const body = await res.text();
        if (res.status !== 200 || !body.includes(expect)) throw new Error(`GET ${path} answered ${res.status} ${res.headers.get("location") ?? ""}`);
        return body.length;
      };
      // Cold: Postgres's buffers evicted before the request; the app's pooled connections and
      // Node's caches stay as they are (a server that has been up).
      const httpCold = async () => {
        await evictBuffers(admin, cold);
        return { db: undefined, end: async () => {} };
      };
      const pages: { label: string; draw: (rng: Rng) => { h: Heavy; path: string; expect: string } }[] = [
        { label: `GET /chats/<${MESSAGES.toLocaleString()}-message chat>`, draw: (rng) => { const h = pick(rng, heavy); return { h, path: `/chats/${h.bigChat}`, expect: "A very long conversation" }; } },
        { label: "GET /chats/<same>?latest=1 (last page)", draw: (rng) => { const h = pick(rng, heavy); return { h, path: `/chats/${h.bigChat}?latest=1`, expect: "A very long conversation" }; } },
        { label: "GET /chats first page", draw: (rng) => { const d = draws.first(rng); return { h: d.viewer, path: `/chats?${new URLSearchParams(listParams(d))}`, expect: "Chats" }; } },
        { label: "GET /chats deep page", draw: (rng) => { const d = draws.deep(rng); return { h: d.viewer, path: `/chats?${new URLSearchParams(listParams(d))}`, expect: "Chats" }; } },
      ];
      for (const p of pages) {
        let s: Samples<unknown> | null = null;
        let failure: string | null = null;
        try {
          s = await timeSamples({ rng: rngFor(`http:${p.label}`), draw: p.draw, run: (_: undefined, d) => get(d.h, d.path, d.expect), warm: undefined, cold: httpCold });
        } catch (e) {
          failure = e instanceof Error ? e.message : String(e);
        }
        const v = s ? verdicts.judge(`${p.label}, p95`, ms(s.p95), `< ${HTTP_TARGET} ms`, s.p95 < HTTP_TARGET) : verdicts.judge(p.label, failure!, `200 in < ${HTTP_TARGET} ms`, false);
        log(`  ${p.label.padEnd(40)} ${s ? fmtSamples(s) : failure}  ${v}`);
      }
      log(`  (HTTP cold: the first request of a draw after evicting Postgres's shared_buffers; the server's pooled connections and Node stay warm.)`);
      const changed = buildChangedSince(build);
      if (changed) log(`  WARNING: ${changed}`);
    } else {
      const why = HTTP ? "not run against BENCH_DATABASE_URL (the stack runs on the throwaway Postgres)" : "not run: BENCH_HTTP=0";
      log("");
      log(`HTTP: ${why}. Its targets (< ${HTTP_TARGET} ms) are NOT JUDGED in this run.`);
      for (const p of ["GET /chats/<big chat>", "GET /chats/<big chat>?latest=1", "GET /chats first page", "GET /chats deep page"]) verdicts.notJudged(p, why, `< ${HTTP_TARGET} ms`);
    }
    verdicts.print(log, `${BENCH_RUNS} drawn runs per figure`);
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

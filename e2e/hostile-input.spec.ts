/**
 * Hostile input (issue 9), on a private stack (its database gets hostile rows):
 *
 * 1. A generated suite calls EVERY server action of the production build (found in the build's
 *    manifest, e2e/support/server-actions.ts) as nobody, a user, a manager and an admin, with wrong
 *    types, missing and extra fields, 1 MB strings, Unicode edge cases, SQL and HTML injection,
 *    negative and huge numbers, and other users' ids. Every call answers with a readable refusal
 *    (a validation or permission failure, or 400/403/413), never a 500 nor a 200 whose value
 *    cannot be read, and after each action and caller the database is unchanged (per-table row
 *    counts and row hashes of every table, error_logs and public.sessions included; only the
 *    activity log, the sign-in counters and the Auth API's bookkeeping are left out). The one
 *    legitimate write, a free-text name accepted as a project name, is checked row by row: one
 *    new row per accepted call, holding the text as sent, owned by the caller, nothing else changed.
 * 2. Hostile strings are written into every displayed text column of every table, then every page
 *    reachable from each role's navigation (and the first detail page of each list) is opened with
 *    the CSP switched off in the browser, so the app's own escaping is what is tested: no injected
 *    script runs (window.__pwned stays undefined) and no live handler or javascript: link exists.
 *    Filling a column either succeeds or fails the test: no error is passed over.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/login-page";
import { demo, type Account } from "./support/accounts";
import { changedTables, diffFingerprints, diffRows, fingerprint, rowSnapshot, type Fingerprint } from "./support/db-fingerprint";
import { navHrefs } from "./support/nav";
import { startOwnStack, type OwnStack } from "./support/own-stack";
import { readFlightAnswer } from "./support/flight-rows";
import { callAction, cookieHeader, discoverActions, type ActionResponse, type ServerAction } from "./support/server-actions";
import { recordSuite } from "./support/suite-summary";

// Not serial: a failing test does not hide the others' findings (a new worker starts a new stack).
test.describe.configure({ timeout: 900_000 });

let stack: OwnStack;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack({ label: "hostile", jwtExpirySeconds: 3600 });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function signedIn(browser: Browser, account: Pick<Account, "email" | "password">, opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: stack.appUrl, bypassCSP: opts.bypassCSP });
  const page = await context.newPage();
  // The private stack's first sign-ins can be slow on a loaded machine: a longer wait than the fixtures'.
  const login = new LoginPage(page);
  await login.goto();
  await login.fill(account.email, account.password);
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
  await page.close();
  return context;
}

// ---------------------------------------------------------------------------------------------
// 1. Every server action, every hostile input
// ---------------------------------------------------------------------------------------------

const MB = "A".repeat(1024 * 1024);

/** Values no schema of a form field should accept where a field of the form is expected. */
const WRONG_TYPES: unknown[] = [12345, -1, 1.5, true, false, {}, { nested: { deep: 1 } }, [], [1, "a"], null];
const UNICODE = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "x\uDBFFy",
  "\u202Egnp.exe",
  "\u200B\u200C\u200D\uFEFF",
  "👩‍👩‍👧‍👦".repeat(200),
  "e\u0301\u0301\u0301\u0301",
  "𝕏".repeat(5000),
  "",
  "   ",
];
// 2 ** 53 + 2: past Number.MAX_SAFE_INTEGER, written exactly (the literal 9007199254740993 it replaces rounded to 2 ** 53).
const NUMBERS: unknown[] = [-1, 0, -2147483649, 2147483648, 2 ** 53 + 2, 1e308, -1e308, "NaN", "Infinity", "-0", "1e309", "0x7fffffff"];
/** Strings that are valid text: an action that stores free text may accept them (and must store them verbatim). */
const SQL = ["' OR 1=1 --", "'; drop table public.profiles; --", "1; select pg_sleep(5)", "\" or \"\"=\"", "admin'--", "%' or '%'='", "$1", "\\x00'"];
const HTML = [
  "<script>window.__pwned=1</script>",
  "<img src=x onerror=\"window.__pwned=1\">",
  "[x](javascript:window.__pwned=1)",
  "javascript:window.__pwned=1",
  "{{constructor.constructor('window.__pwned=1')()}}",
  "${7*7}<svg onload=window.__pwned=1>",
];

type Category = "non-object" | "missing" | "wrong type" | "1 MB string" | "unicode" | "number" | "extra fields" | "other users' ids" | "sql" | "html";
/**
 * Actions whose only required input is a free-text name: any string is a valid name there
 * (unicode, "NaN", a uuid, SQL or HTML as text), so accepting one is legitimate. What such a
 * call writes is checked exactly: one new row of `table` per accepted call, with the key the
 * result names (`resultKey`), `column` holding the field's text as sent (trimmed, as the
 * action's schema trims it) and `owner` the caller; no other row of the table and no other
 * table changes. Any other acceptance is a finding.
 */
const TEXT_WRITES: Record<string, { field: string; table: string; key: string; resultKey: string; column: string; owner: string }> = {
  createProjectAction: { field: "name", table: "public.projects", key: "id", resultKey: "id", column: "name", owner: "ownerId" },
};
/**
 * Actions that end the caller's sessions when they succeed: a new password (any 6 to 72
 * characters is a valid one) signs the account out everywhere, racing the parallel calls of the
 * same caller. Called by nobody only, like sign-out; tests/auth/email-flows.test.ts and
 * e2e/account-email.spec.ts cover it signed in.
 */
const SESSION_ENDING_ACTIONS = new Set(["setNewPassword"]);

type Input = { category: Category; arg: unknown };

/** Every answer, refusal or not, comes within this; a hang is a finding like a 500. */
const SLOW_MS = 2_000;
/** A stack frame (`at fn (file.js:1:2)`) or an engine error name: a response must carry neither. */
const STACK_TRACE = /\bat [^\n]*\.(?:[cm]?js|tsx?):\d+|\b(?:RangeError|TypeError|ReferenceError): /;

function all(keys: string[], value: unknown): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, value]));
}

function inputsFor(keys: string[], caller: Caller, otherIds: string[]): Input[] {
  const out: Input[] = [];
  const add = (category: Category, arg: unknown) => out.push({ category, arg });
  for (const v of ["x", 0, -1, true, null, [], [1, 2], MB]) add("non-object", v);
  if (caller === "nobody") {
    add("missing", {});
    add("sql", all(keys, SQL[1]));
    add("html", all(keys, HTML[0]));
    return out;
  }
  // With no named fields a plain object might be a complete input: only non-objects then.
  if (keys.length === 0) return out;
  add("missing", {});
  if (caller === "admin" || caller === "user") {
    for (const v of WRONG_TYPES) add("wrong type", all(keys, v));
    for (const k of keys.slice(0, 6)) add("1 MB string", { ...all(keys, 12345), [k]: MB });
    for (const v of UNICODE) add("unicode", all(keys, v));
    for (const v of NUMBERS) add("number", all(keys, v));
    add("extra fields", { ...all(keys, []), role: "ADMIN", isAdmin: true, user_metadata: { role: "admin" }, app_metadata: { role: "admin" }, id: "00000000-0000-4000-8000-000000000000" });
    add("extra fields", JSON.parse(`{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"role": "ADMIN"}}}`));
  }
  if (caller !== "admin") {
    // Admins act on other people's rows by design; people below act on their own only.
    for (const id of otherIds) {
      add("other users' ids", all(keys, id));
      add("other users' ids", all(keys, [id]));
    }
    for (const v of SQL) add("sql", all(keys, v));
    for (const v of HTML) add("html", all(keys, v));
  }
  return out;
}

type Caller = "nobody" | "user" | "manager" | "admin";

/** A refusal: the action's own failure value, or a plain 4xx from the request checks. */
function isRefusal(r: ActionResponse): boolean {
  if (r.status >= 400 && r.status < 500) return true;
  return r.status === 200 && !r.threw && r.result !== null && r.result.ok === false;
}

/** Required field names, from the validation errors of an empty object sent by nobody (validation runs before the session check). */
async function requiredKeys(action: ServerAction): Promise<{ keys: string[]; acceptsNothing: boolean }> {
  const r = await callAction(stack.appUrl, action, [null, {}], { headers: { "X-Forwarded-For": "203.0.113.9" } });
  expect(r.status, `${action.name} probe`).toBeLessThan(500);
  const fieldErrors = (r.result?.fieldErrors ?? {}) as Record<string, unknown>;
  return { keys: Object.keys(fieldErrors).filter((k) => k && !k.startsWith("$")), acceptsNothing: r.result?.ok === true };
}

/** Ids of rows that belong to bob (another user): his profile, and one row of each table with an owner column. */
async function idsOfAnotherUser(): Promise<string[]> {
  const [bob] = await stack.sql<{ id: string }[]>`select id from public.profiles where email = ${"bob@example.com"}`;
  const owned = await stack.sql<{ table_name: string; column_name: string }[]>`
    select c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.columns idc on idc.table_schema = c.table_schema and idc.table_name = c.table_name and idc.column_name = 'id'
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = 'public'
       and c.column_name in ('userId', 'user_id', 'ownerId', 'owner_id', 'author_id', 'createdById', 'created_by')
     order by 1`;
  const ids = new Set<string>([bob.id]);
  for (const o of owned) {
    if (ids.size >= 5) break;
    try {
      const rows = await stack.sql.unsafe<{ id: string }[]>(`select id::text as id from public."${o.table_name}" where "${o.column_name}"::text = $1 limit 1`, [bob.id]);
      if (rows[0]) ids.add(rows[0].id);
    } catch {
      // a column of another type: skip
    }
  }
  return [...ids];
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let it = queue.shift(); it !== undefined; it = queue.shift()) await fn(it);
  }));
}

test("every server action refuses hostile input from every role: no 500, nothing written", async ({ browser }) => {
  const actions = discoverActions();
  expect(actions.length).toBeGreaterThan(0);
  const cookies: Record<Caller, string | undefined> = { nobody: undefined, user: undefined, manager: undefined, admin: undefined };
  const callerIds: Record<Caller, string | undefined> = { nobody: undefined, user: undefined, manager: undefined, admin: undefined };
  for (const [caller, account] of [["user", demo.user], ["manager", demo.manager], ["admin", demo.admin]] as const) {
    const context = await signedIn(browser, account);
    cookies[caller] = cookieHeader(await context.cookies());
    await context.close();
    const [p] = await stack.sql<{ id: string }[]>`select id from public.profiles where email = ${account.email}`;
    callerIds[caller] = p.id;
  }
  const otherIds = await idsOfAnotherUser();
  let baseline: Fingerprint = await fingerprint(stack.sql);
  // The tables the triage actions (resolve, reopen) and the code-generation sessions write are
  // in the fingerprint, with rows in them: a write there shows.
  for (const table of ["public.error_logs", "public.error_groups", "public.sessions", "public.projects"]) {
    expect(baseline.get(table)?.rows ?? 0, `${table} in the fingerprint, with rows`).toBeGreaterThan(0);
  }
  const failures: string[] = [];
  const counts: Record<string, number> = {};
  const slow: string[] = [];
  let tried = 0;
  let accepted = 0;

  for (const action of actions) {
    const { keys, acceptsNothing } = await requiredKeys(action);
    // An action without input (sign-out) is called by nobody only: for a person it would just do its job.
    const callers: Caller[] = acceptsNothing || SESSION_ENDING_ACTIONS.has(action.name) ? ["nobody"] : ["nobody", "user", "manager", "admin"];
    const writes = TEXT_WRITES[action.name];
    for (const caller of callers) {
      const inputs = inputsFor(keys, caller, otherIds);
      const rowsBefore = writes ? await rowSnapshot(stack.sql, writes.table, writes.key) : null;
      const acceptedHere: { label: string; sent: string; result: Record<string, unknown> }[] = [];
      await pool(inputs, 4, async (input) => {
        const started = Date.now();
        const raw = await callAction(stack.appUrl, action, [null, input.arg], {
          cookie: cookies[caller],
          // Ignored by the app (TRUSTED_PROXY is unset: the address is the TCP peer); sent to show
          // that a forged forwarding header changes nothing.
          headers: { "X-Forwarded-For": "203.0.113.7" },
        });
        // Read with text rows resolved: a refusal quoting a long input carries it in a text row.
        const r: ActionResponse = { ...raw, ...readFlightAnswer(raw.body) };
        const ms = Date.now() - started;
        tried++;
        counts[input.category] = (counts[input.category] ?? 0) + 1;
        const label = `${action.name} as ${caller}, ${input.category}: ${JSON.stringify(input.arg).slice(0, 80)}`;
        if (ms > SLOW_MS) slow.push(`${label} -> ${ms} ms`);
        if (STACK_TRACE.test(r.body)) failures.push(`${label} -> a stack trace in the response`);
        if (r.status >= 500 || r.threw) failures.push(`${label} -> ${r.status}${r.threw ? " (threw)" : ""}`);
        // An answer whose value cannot be read is neither a refusal nor an acceptance anyone checked.
        else if (r.status === 200 && r.result === null) failures.push(`${label} -> 200 without a readable value: ${r.body.slice(0, 160)}`);
        else if (!isRefusal(r) && !acceptsNothing) {
          // (An action without input, sign-out, answers ok to anything; it must still write nothing.)
          const text = writes && r.result ? (input.arg as Record<string, unknown> | null)?.[writes.field] : undefined;
          if (typeof text === "string") acceptedHere.push({ label, sent: text.trim(), result: r.result! });
          else failures.push(`${label} -> accepted: ${JSON.stringify(r.result).slice(0, 200)}`);
        }
      });
      const now = await fingerprint(stack.sql);
      const where = `${action.name} as ${caller}`;
      if (acceptedHere.length === 0 || !writes || !rowsBefore) {
        const diff = diffFingerprints(baseline, now);
        if (diff.length) failures.push(`${where} changed the database: ${diff.join("; ")}`);
      } else {
        // Exactly the accepted calls' rows, in exactly their table.
        accepted += acceptedHere.length;
        const tables = changedTables(baseline, now);
        if (tables.join() !== writes.table) failures.push(`${where}: ${acceptedHere.length} accepted, expected changes in ${writes.table} only, got: ${diffFingerprints(baseline, now).join("; ")}`);
        const rowsAfter = await rowSnapshot(stack.sql, writes.table, writes.key);
        const rows = diffRows(rowsBefore, rowsAfter);
        if (rows.removed.length || rows.changed.length) failures.push(`${where}: existing ${writes.table} rows removed ${rows.removed.join(",") || "none"}, changed ${rows.changed.join(",") || "none"}`);
        const expectedKeys = acceptedHere.map((a) => String(a.result[writes.resultKey])).sort();
        if (rows.added.join() !== expectedKeys.join()) failures.push(`${where}: new ${writes.table} rows ${rows.added.join(",")}, expected exactly the accepted ones ${expectedKeys.join(",")}`);
        for (const a of acceptedHere) {
          const row = rowsAfter.get(String(a.result[writes.resultKey]));
          if (!row || row[writes.column] !== a.sent || row[writes.owner] !== callerIds[caller]) {
            failures.push(`${a.label} -> stored ${JSON.stringify(row?.[writes.column])} owned by ${String(row?.[writes.owner])}, expected ${JSON.stringify(a.sent)} owned by ${callerIds[caller]}`);
          }
        }
      }
      baseline = now;
    }
  }
  expect(failures).toEqual([]);
  expect(slow, `answers slower than ${SLOW_MS} ms`).toEqual([]);
  recordSuite(
    "hostile input (actions)",
    { "server actions": actions.length, "inputs tried": tried, "500s": 0, "responses with a stack": 0, [`answers over ${SLOW_MS / 1000} s`]: slow.length, "unexpected writes": 0, "unreadable answers": 0, "free-text names accepted (each row checked)": accepted },
    [`actions: ${actions.map((a) => a.name).join(", ")}`, `by category: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`],
  );
});

test("the request checks refuse malformed and oversized action calls with 4xx, not 500", async () => {
  const [action] = discoverActions();
  const cases: { body: string; status: number }[] = [
    { body: "not json", status: 400 },
    { body: '{"an":"object"}', status: 400 },
    { body: JSON.stringify([null, { field: "A".repeat(3 * 1024 * 1024) }]), status: 413 },
    // Past React's array size limit (strings directly in the argument list count): 413, not its 500.
    { body: JSON.stringify([null, "A".repeat(1_100_000)]), status: 413 },
    // Nested past what React's recursive decoder survives (a RangeError inside Next before).
    { body: `[null,${"[".repeat(4_000)}${"]".repeat(4_000)}]`, status: 400 },
    { body: `[null,${'{"a":'.repeat(4_000)}1${"}".repeat(4_000)}]`, status: 400 },
  ];
  for (const c of cases) {
    const started = Date.now();
    const r = await callAction(stack.appUrl, action, [], { rawBody: c.body });
    expect(r.status, c.body.slice(0, 20)).toBe(c.status);
    expect(Date.now() - started, c.body.slice(0, 20)).toBeLessThan(SLOW_MS);
    expect(r.body).not.toMatch(STACK_TRACE);
  }
  recordSuite("hostile input (actions)", { "inputs tried": cases.length });
});

// ---------------------------------------------------------------------------------------------
// 2. Hostile content in the database, every page
// ---------------------------------------------------------------------------------------------

const PAYLOADS = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=1">`,
  `[click me](javascript:window.__pwned=1)`,
  `"><svg onload="window.__pwned=1"></svg>`,
  `<a href="javascript:window.__pwned=1">link</a>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `![img](x" onerror="window.__pwned=1)`,
  `<details open ontoggle="window.__pwned=1">`,
];

/**
 * Tables that refuse every UPDATE by design, with the refusal their trigger gives: filling their
 * columns must fail exactly so. Their hostile rows come from elsewhere: config_history records
 * every change of admin_config, model_config and system_settings, so filling those appends
 * revisions that carry the payloads.
 */
const APPEND_ONLY: Record<string, RegExp> = { config_history: /^42501 config_history is append-only: revisions are never changed or deleted$/ };

/** Columns that hold codes, keys and identifiers rather than words people read. */
const NOT_DISPLAY_TEXT = /(^id$|Id$|_id$|^key$|_key$|type$|^status$|^role$|provider$|^kind$|visibility|hash$|^version$|method$|ip_address|severity|category$|^language$|^source$|model|^value$|^config_key$|^hole_id$|^limit_type$|^scope$|Email$)/;

async function fillWithHostileText(): Promise<{
  columns: number;
  rows: number;
  errors: string[];
  refusedAsDesigned: string[];
  appendOnlyRowsWithPayload: Record<string, number>;
}> {
  const columns = await stack.sql<{ table_name: string; column_name: string; data_type: string; max: number | null }[]>`
    select c.table_name, c.column_name, c.data_type, c.character_maximum_length as max
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json')
       and c.is_generated = 'NEVER'
     order by 1, 2`;
  let changedColumns = 0;
  let changedRows = 0;
  const errors: string[] = [];
  const refusedAsDesigned = new Set<string>();
  await stack.sql.begin(async (tx) => {
    // Strings inside JSON documents under the keys that hold words (message parts, titles...).
    await tx.unsafe(`
      create or replace function pg_temp.hostile_json(j jsonb, h text) returns jsonb language sql immutable as $f$
        select case jsonb_typeof(j)
          when 'object' then (select coalesce(jsonb_object_agg(k,
              case when jsonb_typeof(v) = 'string' and k in ('text', 'content', 'title', 'name', 'description', 'message', 'summary', 'label', 'body', 'reasoning', 'error', 'details', 'changelog', 'notes')
                   then to_jsonb(h || ' ' || (v #>> '{}')) else pg_temp.hostile_json(v, h) end), '{}'::jsonb)
              from jsonb_each(j) e(k, v))
          when 'array' then (select coalesce(jsonb_agg(pg_temp.hostile_json(v, h) order by i), '[]'::jsonb)
              from jsonb_array_elements(j) with ordinality a(v, i))
          else j end
      $f$`);
    let i = 0;
    for (const c of columns) {
      if (NOT_DISPLAY_TEXT.test(c.column_name)) continue;
      const payload = PAYLOADS[i++ % PAYLOADS.length];
      const col = `"${c.column_name}"`;
      const value =
        c.data_type === "jsonb"
          ? `pg_temp.hostile_json(${col}, $1)`
          : c.data_type === "json"
            ? `pg_temp.hostile_json(${col}::jsonb, $1)::json`
            : /url$/i.test(c.column_name)
              ? `'javascript:window.__pwned=1'`
              : c.max
                ? `left($1 || ' ' || coalesce(${col}, ''), ${c.max})`
                : `$1 || ' ' || coalesce(${col}, '')`;
      // One savepoint per column, so that every refusal is listed, not only the first. A column
      // taken for display text that refuses the payload (a check constraint, a trigger) is a
      // mistake of NOT_DISPLAY_TEXT or of the schema: the test fails on it, unless it is an
      // append-only table refusing as designed (APPEND_ONLY).
      try {
        const result = await tx.savepoint((sp) => sp.unsafe(`update public."${c.table_name}" set ${col} = ${value} where ${col} is not null`, value.includes("$1") ? [payload] : []));
        if (result.count > 0) {
          changedColumns++;
          changedRows += result.count;
        }
      } catch (e) {
        const err = e as { code?: string; message?: string };
        const why = `${err.code ?? "?"} ${err.message ?? String(e)}`;
        if (APPEND_ONLY[c.table_name]?.test(why)) refusedAsDesigned.add(c.table_name);
        else errors.push(`${c.table_name}.${c.column_name}: ${why}`);
      }
    }
  });
  // The append-only tables got the payloads through the history of the tables filled above.
  const appendOnlyRowsWithPayload: Record<string, number> = {};
  for (const table of Object.keys(APPEND_ONLY)) {
    const [{ n }] = await stack.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from public."${table}" x where x::text like '%__pwned%'`);
    appendOnlyRowsWithPayload[table] = n;
  }
  return { columns: changedColumns, rows: changedRows, errors, refusedAsDesigned: [...refusedAsDesigned].sort(), appendOnlyRowsWithPayload };
}

type PageCheck = { url: string; pwned: unknown; live: string[]; hostileTextShown: boolean; status: number };

async function checkPage(page: Page, url: string): Promise<PageCheck> {
  const res = await page.goto(url);
  await page.waitForLoadState("load");
  await page.waitForTimeout(300); // an onerror/onload would fire by now
  // Open <details> and hover nothing: rendering alone must be inert.
  const found = await page.evaluate(() => {
    const live: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) live.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
        if (/^(href|src|action|formaction|srcdoc)$/i.test(attr.name) && /^\s*javascript:/i.test(attr.value)) live.push(`${el.tagName.toLowerCase()}[${attr.name}=javascript:]`);
      }
      if (el.tagName === "SCRIPT") {
        const script = el as HTMLScriptElement;
        const text = (script.textContent ?? "").trim();
        // Next's own inline scripts carry the response's nonce; the payloads may appear inside its
        // flight data (`self.__next_f.push([1,"...\u003cscript..."])`) as an escaped JSON string,
        // which is data, not a script. A payload that broke out would be a script without a nonce.
        if (!script.src && !script.nonce && !script.hasAttribute("nonce")) live.push(`script without nonce: ${text.slice(0, 60)}`);
        else if (/__pwned/.test(text) && !text.startsWith("self.__next_f.push(")) live.push(`script with the payload: ${text.slice(0, 60)}`);
      }
      if (el.tagName === "IFRAME") live.push("iframe");
    }
    return { pwned: (window as unknown as { __pwned?: unknown }).__pwned, live, shown: document.body.innerText.includes("__pwned") };
  });
  return { url, pwned: found.pwned, live: found.live, hostileTextShown: found.shown, status: res?.status() ?? 0 };
}

async function reachablePages(page: Page): Promise<string[]> {
  await page.goto("/");
  return ["/", ...(await navHrefs(page))];
}

/** The first link in the page's main content to a page below it (a chat of the chats list, say). */
async function firstDetailLink(page: Page, listPath: string): Promise<string | null> {
  if (listPath === "/") return null;
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => h.startsWith(`${listPath}/`) && !/\/export(\?|$)/.test(h)) ?? null;
}

test("pages showing hostile database content run no injected script", async ({ browser }) => {
  const filled = await fillWithHostileText();
  expect(filled.errors, "columns that refused the hostile text").toEqual([]);
  expect(filled.refusedAsDesigned, "append-only tables refusing updates").toEqual(Object.keys(APPEND_ONLY).sort());
  for (const [table, n] of Object.entries(filled.appendOnlyRowsWithPayload)) expect(n, `${table} rows carrying a payload`).toBeGreaterThan(0);
  expect(filled.columns).toBeGreaterThan(5);
  const checks: PageCheck[] = [];
  for (const account of [demo.user, demo.manager, demo.admin]) {
    // CSP off in this browser: the app's escaping alone must keep the payloads inert.
    const context = await signedIn(browser, account, { bypassCSP: true });
    const page = await context.newPage();
    page.on("dialog", (d) => void d.dismiss());
    for (const url of await reachablePages(page)) {
      const check = await checkPage(page, url);
      checks.push(check);
      const detail = await firstDetailLink(page, url.split("?")[0]);
      if (detail) checks.push(await checkPage(page, detail));
    }
    if (account === demo.admin) {
      // What people see: the payloads as plain text (test-results/hostile-admin-users.png).
      await page.goto("/admin/users");
      await page.screenshot({ path: "test-results/hostile-admin-users.png" });
    }
    await context.close();
  }
  const bad = checks.filter((c) => c.pwned !== undefined || c.live.length > 0 || c.status >= 500);
  expect(bad).toEqual([]);
  const showing = checks.filter((c) => c.hostileTextShown).length;
  // The payloads reached the screen as text on at least the pages that list people (admin users).
  expect(showing).toBeGreaterThan(0);
  recordSuite(
    "hostile input (pages)",
    { "text columns filled": filled.columns, "rows made hostile": filled.rows, "pages visited": checks.length, "pages showing hostile text": showing, "scripts run": 0 },
    [`pages: ${[...new Set(checks.map((c) => c.url))].join(" ")}`],
  );
});

/**
 * `npm run db:verify`: does this database hold everything the migrations and seed.sql define?
 * The expected names are read from the migration files themselves, so the check can never lag
 * behind the schema; the live catalog is then asked for each of them.
 */
import fs from "node:fs";
import type postgres from "postgres";
import { listMigrations } from "./migrate";

export type Section = { name: string; expected: number; missing: string[]; notes: string[] };

type Expected = {
  tables: Set<string>;
  views: Set<string>;
  functions: Set<string>;
  indexes: Set<string>;
  triggers: Set<string>; // "table.trigger"
  policies: Set<string>; // "table: policy"
};

const ident = String.raw`(?:"([^"]+)"|([a-z_][a-z0-9_]*))`;
const name = (m: RegExpMatchArray, i: number) => m[i] ?? m[i + 1];

export function expectedFromMigrations(): Expected {
  const e: Expected = { tables: new Set(), views: new Set(), functions: new Set(), indexes: new Set(), triggers: new Set(), policies: new Set() };
  const text = listMigrations()
    .map((m) => fs.readFileSync(m.file, "utf8"))
    .join("\n")
    .replace(/--[^\n]*/g, ""); // comments may quote SQL
  for (const m of text.matchAll(new RegExp(String.raw`create table if not exists public\.${ident}`, "gi"))) e.tables.add(name(m, 1));
  for (const m of text.matchAll(new RegExp(String.raw`create or replace view public\.${ident}`, "gi"))) e.views.add(name(m, 1));
  for (const m of text.matchAll(new RegExp(String.raw`create (?:or replace )?function public\.${ident}`, "gi"))) e.functions.add(name(m, 1));
  for (const m of text.matchAll(new RegExp(String.raw`create (?:unique )?index if not exists ${ident}`, "gi"))) e.indexes.add(name(m, 1));
  for (const m of text.matchAll(new RegExp(String.raw`create (?:or replace )?trigger ${ident}\s+(?:before|after)[\s\S]*?\bon (?:auth|public)\.${ident}`, "gi")))
    e.triggers.add(`${name(m, 3)}.${name(m, 1)}`);
  for (const m of text.matchAll(new RegExp(String.raw`create policy "([^"]+)" on public\.${ident}`, "gi")))
    e.policies.add(`${name(m, 2)}: ${m[1]}`);
  return e;
}

function section(name: string, expected: Set<string>, present: Set<string>, notes: string[] = []): Section {
  return { name, expected: expected.size, missing: [...expected].filter((x) => !present.has(x)).sort(), notes };
}

export async function verifyDatabase(sql: postgres.Sql): Promise<Section[]> {
  const e = expectedFromMigrations();
  const set = (rows: Record<string, unknown>[], key = "n") => new Set(rows.map((r) => String(r[key])));

  const tables = set(await sql`select tablename as n from pg_tables where schemaname = 'public'`);
  const views = set(await sql`select viewname as n from pg_views where schemaname = 'public'`);
  const noRls = (await sql`select tablename as n from pg_tables where schemaname = 'public' and not rowsecurity`).map((r) => r.n as string);
  const invokerViews = set(
    await sql`select c.relname as n from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
              where ns.nspname = 'public' and c.relkind = 'v' and 'security_invoker=true' = any(c.reloptions)`,
  );
  const functions = set(await sql`select p.proname as n from pg_proc p join pg_namespace ns on ns.oid = p.pronamespace where ns.nspname = 'public'`);
  const indexes = set(await sql`select indexname as n from pg_indexes where schemaname = 'public'`);
  const triggers = set(
    await sql`select c.relname || '.' || t.tgname as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
              join pg_namespace ns on ns.oid = c.relnamespace where not t.tgisinternal and ns.nspname in ('public', 'auth')`,
  );
  const policies = set(await sql`select tablename || ': ' || policyname as n from pg_policies where schemaname = 'public'`);

  const tableNotes = noRls.length ? [`RLS is not enabled on: ${noRls.join(", ")}`] : [];
  const viewNotes = [...e.views].filter((v) => views.has(v) && !invokerViews.has(v)).map((v) => `view ${v} is not security_invoker`);
  const tableSection = section("Tables", new Set([...e.tables, ...e.views]), new Set([...tables, ...views]), [...tableNotes, ...viewNotes]);

  return [
    tableSection,
    section("Functions", e.functions, functions),
    section("Indexes", e.indexes, indexes),
    section("Triggers", e.triggers, triggers),
    section("RLS Policies", e.policies, policies),
    await verifySeedData(sql),
  ];
}

async function verifySeedData(sql: postgres.Sql): Promise<Section> {
  const missing: string[] = [];
  const keys = new Set(
    (await sql`select config_key from public.admin_config`.catch(() => [])).map((r) => r.config_key as string),
  );
  const agentTypes = ["chat_model_agent", "provider_tools_agent", "document_agent", "python_agent", "mermaid_agent", "git_mcp_agent"];
  const expectedKeys = ["app_settings", "logging_settings", ...["google", "openai", "anthropic"].flatMap((p) => agentTypes.map((a) => `${a}_${p}`))];
  for (const k of expectedKeys) if (!keys.has(k)) missing.push(`admin_config ${k}`);

  const models = await sql`select model_id, provider, is_default from public.model_config`.catch(() => []);
  const expectedModels = [
    "gemini-2.0-flash", "gemini-2.5-flash", "gemini-2.5-pro", "gemma-3", "gpt-4o", "gpt-4o-mini", "gpt-4-turbo",
    "claude-3-5-sonnet-20241022", "claude-3-5-haiku-20241022", "claude-3-opus-20240229",
  ];
  const have = new Set(models.map((m) => m.model_id as string));
  for (const m of expectedModels) if (!have.has(m)) missing.push(`model_config ${m}`);
  for (const p of ["google", "openai", "anthropic"]) {
    const defaults = models.filter((m) => m.provider === p && m.is_default).length;
    if (defaults !== 1) missing.push(`one default model for ${p} (found ${defaults})`);
  }

  const settings = new Set((await sql`select key from public.system_settings`.catch(() => [])).map((r) => r.key as string));
  for (const k of ["ai_provider", "ai_host", "llm_model", "embedding_model", "openrouter_key"]) {
    if (!settings.has(k)) missing.push(`system_settings ${k}`);
  }
  return { name: "Seed Data", expected: expectedKeys.length + expectedModels.length + 3 + 5, missing, notes: [] };
}

export function printReport(sections: Section[], log: (l: string) => void = console.log): boolean {
  let ok = true;
  for (const s of sections) {
    const passed = s.missing.length === 0 && s.notes.length === 0;
    ok &&= passed;
    log(`${passed ? "✅ PASSED" : "❌ FAILED"} - ${s.name} (${s.expected - s.missing.length}/${s.expected})`);
    for (const m of s.missing) log(`     missing: ${m}`);
    for (const n of s.notes) log(`     ${n}`);
  }
  return ok;
}

/**
 * A normalised, diff-friendly text dump of what supabase/migrations/ build: the catalog of schema
 * `public` and what the migrations make elsewhere (triggers on auth.users, extensions, pg_cron
 * jobs). Every line starts with the object it describes, so a diff reads on its own.
 *
 * Covered: types (enums, domains, composites), tables and views (kind, RLS enabled/forced, owner,
 * ACL, columns with type, nullability, default, identity, generated, column ACL), view
 * definitions, constraints, indexes, triggers, policies (command, roles, permissive, USING, WITH
 * CHECK), sequences, functions (arguments, result, language, volatility, parallel label, strict,
 * leakproof, SECURITY DEFINER, config such as search_path, owner, ACL, hash of the body with
 * comments and whitespace normalised), comments, default privileges, the `public` schema's ACL.
 *
 * Not covered: rows (seed.sql), statistics, anything Supabase itself provides (supabase/local/).
 */
import { createHash } from "node:crypto";
import type postgres from "postgres";

type Sql = postgres.Sql;

/** Removes SQL comments (outside quotes and dollar quotes) and folds whitespace to one space. */
export function normaliseSqlBody(src: string): string {
  let out = "";
  let i = 0;
  // Whitespace and comments outside literals fold to one space; a literal's spaces are code.
  const space = () => {
    if (out !== "" && !out.endsWith(" ")) out += " ";
  };
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === "-" && next === "-") {
      while (i < src.length && src[i] !== "\n") i++;
      space();
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < src.length && depth > 0) {
        if (src[i] === "/" && src[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (src[i] === "*" && src[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
      space();
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length) {
        if (src[j] === c && src[j + 1] === c) j += 2;
        else if (src[j] === c) break;
        else j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(src.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(src.slice(i))![0];
      const end = src.indexOf(tag, i + tag.length);
      const stop = end < 0 ? src.length : end + tag.length;
      out += src.slice(i, stop);
      i = stop;
    } else if (/\s/.test(c)) {
      space();
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out.trim();
}

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

/** "grantee=privs/grantor" items of an aclitem[] as sorted text; "default" when NULL. */
const ACL = (col: string) =>
  `coalesce((select string_agg(a::text, ' ' order by a::text) from unnest(${col}) a), 'default')`;

export async function schemaSnapshot(sql: Sql): Promise<string> {
  const lines: string[] = [];
  const section = (title: string) => lines.push("", `## ${title}`);
  const add = (obj: string, text: string) => lines.push(`${obj}: ${text}`);

  section("schema");
  const [schemaRow] = await sql.unsafe(
    `select pg_get_userbyid(nspowner) as owner, ${ACL("nspacl")} as acl from pg_namespace where nspname = 'public'`,
  );
  add("schema public", `acl ${schemaRow.acl}`);

  section("extensions");
  for (const r of await sql.unsafe(
    `select e.extname, n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where e.extname <> 'plpgsql' order by 1`,
  ))
    add(`extension ${r.extname}`, `schema ${r.nspname}`);

  section("default privileges");
  for (const r of await sql.unsafe(
    `select pg_get_userbyid(defaclrole) as role, coalesce(n.nspname, '(all)') as schema, defaclobjtype as kind,
            ${ACL("defaclacl")} as acl
       from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace
      where n.nspname is null or n.nspname = 'public' order by 1, 2, 3`,
  ))
    add(`default privileges ${r.role} in ${r.schema} on ${r.kind}`, r.acl);

  section("types");
  for (const r of await sql.unsafe(
    `select format_type(t.oid, null) as name, t.typtype,
            (select string_agg(quote_literal(e.enumlabel), ', ' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels,
            format_type(t.typbasetype, t.typtypmod) as base, t.typnotnull,
            (select string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
               from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) as attrs,
            pg_get_userbyid(t.typowner) as owner, ${ACL("t.typacl")} as acl
       from pg_type t
      where t.typnamespace = 'public'::regnamespace
        and (t.typtype in ('e', 'd') or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
      order by 1`,
  )) {
    const obj = `type ${r.name}`;
    if (r.typtype === "e") add(obj, `enum (${r.labels})`);
    else if (r.typtype === "d") add(obj, `domain over ${r.base}${r.typnotnull ? " not null" : ""}`);
    else add(obj, `composite (${r.attrs})`);
    add(obj, `owner ${r.owner}, acl ${r.acl}`);
  }

  section("relations");
  const relations = await sql.unsafe(
    `select c.oid, c.oid::regclass::text as name, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
            pg_get_userbyid(c.relowner) as owner, ${ACL("c.relacl")} as acl,
            array_to_string(c.reloptions, ',') as options,
            case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end as viewdef
       from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
      order by 2`,
  );
  const kinds: Record<string, string> = { r: "table", p: "partitioned table", v: "view", m: "materialized view", f: "foreign table" };
  for (const r of relations) {
    const obj = `${kinds[r.relkind]} ${r.name}`;
    add(obj, `owner ${r.owner}, rls ${r.relrowsecurity ? "enabled" : "disabled"}${r.relforcerowsecurity ? " forced" : ""}${r.options ? `, options ${r.options}` : ""}`);
    add(obj, `acl ${r.acl}`);
    for (const a of await sql.unsafe(
      `select a.attname, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull, a.attidentity, a.attgenerated,
              pg_get_expr(d.adbin, d.adrelid) as def, ${ACL("a.attacl")} as acl,
              case when a.attcollation <> t.typcollation then (select collname from pg_collation where oid = a.attcollation) end as coll
         from pg_attribute a join pg_type t on t.oid = a.atttypid
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped order by a.attnum`,
      [r.oid],
    )) {
      const parts = [a.type];
      if (a.coll) parts.push(`collate ${a.coll}`);
      if (a.attnotnull) parts.push("not null");
      if (a.attidentity) parts.push(`identity ${a.attidentity === "a" ? "always" : "by default"}`);
      if (a.attgenerated) parts.push(`generated as (${a.def}) stored`);
      else if (a.def !== null) parts.push(`default ${a.def}`);
      if (a.acl !== "default") parts.push(`acl ${a.acl}`);
      add(`${obj} column ${a.attname}`, parts.join(" "));
    }
    if (r.viewdef) add(obj, `definition ${r.viewdef.replace(/\s+/g, " ").trim()}`);
  }

  section("constraints");
  for (const r of await sql.unsafe(
    `select c.conrelid::regclass::text as rel, c.conname, pg_get_constraintdef(c.oid) as def
       from pg_constraint c
      where c.connamespace = 'public'::regnamespace and c.conrelid <> 0
      order by 1, 2`,
  ))
    add(`constraint ${r.conname} on ${r.rel}`, r.def);

  section("indexes");
  for (const r of await sql.unsafe(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where c.relnamespace = 'public'::regnamespace
      order by 1`,
  ))
    add(`index ${r.name}`, r.def);

  section("triggers");
  // On public's tables, and the migrations' triggers on other schemas' tables (auth.users).
  for (const r of await sql.unsafe(
    `select t.tgrelid::regclass::text as rel, t.tgname, pg_get_triggerdef(t.oid) as def, t.tgenabled
       from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where not t.tgisinternal
        and (c.relnamespace = 'public'::regnamespace or p.pronamespace = 'public'::regnamespace)
      order by 1, 2`,
  ))
    add(`trigger ${r.tgname} on ${r.rel}`, `${r.def}${r.tgenabled === "O" ? "" : ` (enabled ${r.tgenabled})`}`);

  section("policies");
  for (const r of await sql.unsafe(
    `select p.polrelid::regclass::text as rel, p.polname,
            case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' else 'all' end as cmd,
            p.polpermissive,
            (select string_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end, ', ' order by 1)
               from unnest(p.polroles) r) as roles,
            pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as wcheck
       from pg_policy p join pg_class c on c.oid = p.polrelid
      where c.relnamespace = 'public'::regnamespace
      order by 1, 2`,
  )) {
    const obj = `policy "${r.polname}" on ${r.rel}`;
    add(obj, `${r.polpermissive ? "permissive" : "restrictive"} for ${r.cmd} to ${r.roles}`);
    if (r.qual !== null) add(obj, `using ${r.qual.replace(/\s+/g, " ")}`);
    if (r.wcheck !== null) add(obj, `with check ${r.wcheck.replace(/\s+/g, " ")}`);
  }

  section("sequences");
  for (const r of await sql.unsafe(
    `select c.oid::regclass::text as name, format_type(s.seqtypid, null) as type, s.seqstart, s.seqincrement,
            s.seqmin, s.seqmax, s.seqcache, s.seqcycle, pg_get_userbyid(c.relowner) as owner, ${ACL("c.relacl")} as acl
       from pg_sequence s join pg_class c on c.oid = s.seqrelid
      where c.relnamespace = 'public'::regnamespace order by 1`,
  ))
    add(
      `sequence ${r.name}`,
      `${r.type} start ${r.seqstart} increment ${r.seqincrement} min ${r.seqmin} max ${r.seqmax} cache ${r.seqcache}${r.seqcycle ? " cycle" : ""}, owner ${r.owner}, acl ${r.acl}`,
    );

  section("functions");
  for (const r of await sql.unsafe(
    `select p.oid::regprocedure::text as sig, pg_get_function_arguments(p.oid) as args,
            pg_get_function_result(p.oid) as result, l.lanname, p.prokind, p.provolatile, p.proparallel,
            p.prosecdef, p.proisstrict, p.proleakproof, p.procost, p.prorows,
            array_to_string(p.proconfig, ', ') as config, pg_get_userbyid(p.proowner) as owner,
            ${ACL("p.proacl")} as acl, p.prosrc, pg_get_function_sqlbody(p.oid) as sqlbody
       from pg_proc p join pg_language l on l.oid = p.prolang
      where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      order by 1`,
  )) {
    const obj = `function ${r.sig}`;
    const vol = { i: "immutable", s: "stable", v: "volatile" }[r.provolatile as string];
    const par = { s: "parallel safe", r: "parallel restricted", u: "parallel unsafe" }[r.proparallel as string];
    const kind = { f: "", p: "procedure ", a: "aggregate ", w: "window " }[r.prokind as string];
    add(obj, `${kind}(${r.args}) returns ${r.result ?? "(none)"}`);
    add(
      obj,
      [
        `language ${r.lanname}`,
        vol,
        par,
        r.prosecdef ? "security definer" : "security invoker",
        r.proisstrict ? "strict" : null,
        r.proleakproof ? "leakproof" : null,
        `cost ${r.procost}`,
        r.prorows > 0 ? `rows ${r.prorows}` : null,
        r.config ? `set ${r.config}` : null,
        `owner ${r.owner}`,
      ]
        .filter(Boolean)
        .join(", "),
    );
    add(obj, `acl ${r.acl}`);
    add(obj, `body md5 ${md5(normaliseSqlBody(r.sqlbody ?? r.prosrc ?? ""))}`);
  }

  section("comments");
  for (const r of await sql.unsafe(
    `select d.classoid::regclass::text as catalog,
            case d.classoid
              when 'pg_proc'::regclass then d.objoid::regprocedure::text
              when 'pg_class'::regclass then d.objoid::regclass::text || coalesce(' column ' || (select attname from pg_attribute where attrelid = d.objoid and attnum = d.objsubid and d.objsubid > 0), '')
              when 'pg_type'::regclass then format_type(d.objoid, null)
              else d.objoid::text end as name,
            d.description
       from pg_description d
      where (d.classoid = 'pg_proc'::regclass and (select pronamespace from pg_proc where oid = d.objoid) = 'public'::regnamespace)
         or (d.classoid = 'pg_class'::regclass and (select relnamespace from pg_class where oid = d.objoid) = 'public'::regnamespace)
         or (d.classoid = 'pg_type'::regclass and (select typnamespace from pg_type where oid = d.objoid) = 'public'::regnamespace)
         or (d.classoid in ('pg_policy'::regclass, 'pg_trigger'::regclass, 'pg_constraint'::regclass))
      order by 1, 2`,
  ))
    add(`comment on ${r.catalog} ${r.name}`, JSON.stringify(r.description));

  section("cron jobs");
  const [cron] = await sql.unsafe(`select to_regclass('cron.job') is not null as present`);
  if (cron.present)
    for (const r of await sql.unsafe(`select jobname, schedule, command from cron.job order by jobname`))
      add(`cron job ${r.jobname}`, `${r.schedule} ${r.command}`);
  else lines.push("(pg_cron not installed: the migrations schedule no job here)");

  return `# Schema snapshot of supabase/migrations/ (npm run db:snapshot writes it; tests/db/schema-snapshot.test.ts compares)\n${lines.join("\n")}\n`;
}

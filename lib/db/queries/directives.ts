/**
 * Reads for /directives (seed 000): the registry (readable by every signed-in user), a
 * directive's versions, the viewer's runs of it, and the viewer's lockfiles.
 */
import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, likePattern, planKeysetPage, type KeysetPage, type KeysetSort } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import type { DirectivesTableQuery } from "@/lib/validation/browse";
import { iso, one, rows } from "./sql-helpers";

export type DirectiveListRow = {
  id: string;
  name: string;
  category: string;
  subcategory: string | null;
  description: string | null;
  isOfficial: boolean;
  downloads: number;
  quality: string;
  techStack: unknown;
  latestVersion: string | null;
  updatedAt: string;
};

const SORTS: Record<DirectivesTableQuery["sort"]["key"], KeysetSort> = {
  name: { expr: sql`d.name`, type: "text" },
  downloads: { expr: sql`d.download_count`, type: "integer" },
  quality: { expr: sql`d.quality_score`, type: "numeric" },
  updated: { expr: sql`d.updated_at`, type: "timestamptz" },
};

export async function listDirectives(tx: Tx, q: DirectivesTableQuery): Promise<KeysetPage<DirectiveListRow>> {
  const sort = SORTS[q.sort.key];
  const plan = planKeysetPage({ sort, id: sql`d.id`, dir: q.sort.dir, cursor: q.cursor, size: q.size });
  const conds: (SQL | undefined)[] = [plan.where];
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(d.name ilike ${p} or d.description ilike ${p} or d.tech_stack::text ilike ${p})`);
  }
  if (q.category.length) conds.push(sql`d.category in (${sql.join(q.category.map((c) => sql`${c}`), sql`, `)})`);
  if (q.official.length === 1) conds.push(sql`d.is_official = ${q.official[0] === "yes"}`);
  const fetched = await rows<DirectiveListRow & { cursorValue: string | null }>(
    tx,
    sql`select d.id, d.name, d.category, d.subcategory, d.description, d.is_official as "isOfficial",
               d.download_count as downloads, d.quality_score::text as quality, d.tech_stack as "techStack",
               v.version as "latestVersion", ${iso(sql`d.updated_at`)} as "updatedAt", (${sort.expr})::text as "cursorValue"
          from public.directives d
          left join public.directive_versions v on v.directive_id = d.id and v.is_latest
         where ${and(...conds) ?? sql`true`}
         order by ${sql.join(plan.orderBy, sql`, `)}
         limit ${plan.limit}`,
  );
  const page = finishKeysetPage(fetched, plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...r }) => r) };
}

export async function listDirectiveCategories(tx: Tx): Promise<{ category: string; count: number }[]> {
  return rows(tx, sql`select category, count(*)::int as count from public.directives group by category order by category`);
}

export type DirectiveDetail = DirectiveListRow & { dependencies: unknown; authorName: string | null; createdAt: string };

export async function getDirectiveByName(tx: Tx, name: string): Promise<DirectiveDetail | null> {
  return one<DirectiveDetail>(
    tx,
    sql`select d.id, d.name, d.category, d.subcategory, d.description, d.is_official as "isOfficial",
               d.download_count as downloads, d.quality_score::text as quality, d.tech_stack as "techStack",
               v.version as "latestVersion", ${iso(sql`d.updated_at`)} as "updatedAt", d.dependencies,
               p.username as "authorName", ${iso(sql`d.created_at`)} as "createdAt"
          from public.directives d
          left join public.directive_versions v on v.directive_id = d.id and v.is_latest
          left join public.profiles p on p.id = d.author_id
         where d.name = ${name}`,
  );
}

export type DirectiveVersionRow = {
  id: string;
  version: string;
  content: string;
  contentHash: string;
  changelog: string | null;
  isLatest: boolean;
  createdAt: string;
};

export async function listDirectiveVersions(tx: Tx, directiveId: string): Promise<DirectiveVersionRow[]> {
  return rows<DirectiveVersionRow>(
    tx,
    sql`select v.id, v.version, v.content, v.content_hash as "contentHash", v.changelog, v.is_latest as "isLatest",
               ${iso(sql`v.created_at`)} as "createdAt"
          from public.directive_versions v
         where v.directive_id = ${directiveId}
         order by v.created_at desc, v.version desc`,
  );
}

export type RunRow = {
  id: string;
  version: string | null;
  status: string;
  durationSec: string | null;
  cost: string | null;
  inputs: unknown;
  outputs: unknown;
  error: string | null;
  projectContext: unknown;
  createdAt: string;
};

/** The viewer's own runs of this directive, newest first (the last 100). */
export async function listRuns(tx: Tx, directiveName: string): Promise<RunRow[]> {
  return rows<RunRow>(
    tx,
    sql`select r.id, r.directive_version as version, r.status, r.duration_sec::text as "durationSec", r.cost_usd::text as cost,
               r.inputs, r.outputs, r.error, r.project_context as "projectContext", ${iso(sql`r.created_at`)} as "createdAt"
          from public.runs r
         where r.directive_name = ${directiveName} and r.user_id = (select auth.uid())
         order by r.created_at desc
         limit 100`,
  );
}

export type LockfileRow = {
  id: string;
  projectHash: string;
  updatedAt: string;
  pins: { name: string; pinned: string; latest: string | null }[];
};

/** The viewer's lockfiles, each pin next to the directive's latest version. */
export async function listLockfiles(tx: Tx): Promise<LockfileRow[]> {
  const list = await rows<{ id: string; projectHash: string; updatedAt: string; lockedVersions: Record<string, unknown> }>(
    tx,
    sql`select l.id, l.project_hash as "projectHash", ${iso(sql`l.updated_at`)} as "updatedAt", l.locked_versions as "lockedVersions"
          from public.lockfiles l
         where l.user_id = (select auth.uid())
         order by l.updated_at desc`,
  );
  const names = [...new Set(list.flatMap((l) => Object.keys(l.lockedVersions ?? {})))];
  const latest = names.length
    ? await rows<{ name: string; version: string }>(
        tx,
        sql`select d.name, v.version from public.directives d
              join public.directive_versions v on v.directive_id = d.id and v.is_latest
             where d.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`,
      )
    : [];
  const latestOf = new Map(latest.map((r) => [r.name, r.version]));
  return list.map((l) => ({
    id: l.id,
    projectHash: l.projectHash,
    updatedAt: l.updatedAt,
    pins: Object.entries(l.lockedVersions ?? {})
      .map(([name, v]) => ({ name, pinned: String(v), latest: latestOf.get(name) ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

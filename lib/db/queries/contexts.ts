/** Reads for /contexts (seed 002): the viewer's contexts and one context's messages, actions and previews. */
import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { finishKeysetPage, likePattern, type KeysetPage } from "@/lib/db/keyset";
import type { Tx } from "@/lib/db/run-as";
import type { ContextsTableQuery } from "@/lib/validation/browse";
import { dayStart, iso, nextDayStart, one, rows } from "./sql-helpers";

export type ContextListRow = {
  id: string;
  status: string;
  name: string | null;
  template: string | null;
  messages: number;
  actions: number;
  previews: number;
  createdAt: string;
  updatedAt: string;
};

// Context ids are text (Prisma cuid in seed 002), so the keyset tiebreaker is compared as text.
export async function listContexts(tx: Tx, q: ContextsTableQuery): Promise<KeysetPage<ContextListRow>> {
  const dir = q.sort.dir;
  const backwards = q.cursor?.dir === "before";
  const readDir = backwards ? (dir === "asc" ? "desc" : "asc") : dir;
  const op = sql.raw(readDir === "asc" ? ">" : "<");
  const ord = sql.raw(readDir);
  const conds: (SQL | undefined)[] = [sql`x."userId" = (select auth.uid())`];
  if (q.cursor) conds.push(sql`(x."updatedAt", x.id) ${op} (cast(${q.cursor.value} as timestamptz), ${q.cursor.id})`);
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(x.config::text ilike ${p} or x.metadata::text ilike ${p})`);
  }
  if (q.status.length) conds.push(sql`x.status in (${sql.join(q.status.map((s) => sql`${s}`), sql`, `)})`);
  if (q.from) conds.push(sql`x."updatedAt" >= ${dayStart(q.from)}::timestamptz`);
  if (q.to) conds.push(sql`x."updatedAt" < ${nextDayStart(q.to)}::timestamptz`);
  const fetched = await rows<ContextListRow & { cursorValue: string | null }>(
    tx,
    sql`select x.id, x.status, coalesce(x.metadata ->> 'projectName', x.config -> 'customizations' ->> 'projectName') as name,
               x.config ->> 'template' as template,
               (select count(*)::int from public."Message" m where m."contextId" = x.id) as messages,
               (select count(*)::int from public."Action" a where a."contextId" = x.id) as actions,
               (select count(*)::int from public."Preview" p where p."contextId" = x.id) as previews,
               ${iso(sql`x."createdAt"`)} as "createdAt", ${iso(sql`x."updatedAt"`)} as "updatedAt",
               x."updatedAt"::text as "cursorValue"
          from public."Context" x
         where ${and(...conds)}
         order by x."updatedAt" ${ord}, x.id ${ord}
         limit ${q.size + 1}`,
  );
  // finishKeysetPage's cursors carry (value, id); the id here is text, which decodeCursor
  // accepts only as a uuid: demo and app ids are uuid-shaped text.
  const plan = { where: undefined, orderBy: [], limit: q.size + 1, backwards };
  const page = finishKeysetPage(fetched, plan, q.cursor, q.size);
  return { ...page, rows: page.rows.map(({ cursorValue: _c, ...r }) => r) };
}

export type ContextDetail = {
  id: string;
  status: string;
  flow: unknown;
  config: unknown;
  metadata: unknown;
  createdAt: string;
  updatedAt: string;
  isOwner: boolean;
  ownerEmail: string | null;
};

export async function getContext(tx: Tx, id: string): Promise<ContextDetail | null> {
  return one<ContextDetail>(
    tx,
    sql`select x.id, x.status, x.flow, x.config, x.metadata, ${iso(sql`x."createdAt"`)} as "createdAt", ${iso(sql`x."updatedAt"`)} as "updatedAt",
               x."userId" = (select auth.uid()) as "isOwner", p.email as "ownerEmail"
          from public."Context" x left join public.profiles p on p.id = x."userId"
         where x.id = ${id}`,
  );
}

export type ContextMessage = { id: string; role: string; content: string; metadata: unknown; createdAt: string };
export type ContextAction = { id: string; type: string; status: string; payload: unknown; result: unknown; createdAt: string; updatedAt: string };
export type ContextPreview = { id: string; url: string | null; deploymentId: string | null; status: string; metadata: unknown; createdAt: string; updatedAt: string };

export async function getContextChildren(tx: Tx, id: string) {
  const messages = await rows<ContextMessage>(
    tx,
    sql`select m.id, m.role, m.content, m.metadata, ${iso(sql`m."createdAt"`)} as "createdAt"
          from public."Message" m where m."contextId" = ${id} order by m."createdAt", m.id limit 1000`,
  );
  const actions = await rows<ContextAction>(
    tx,
    sql`select a.id, a.type, a.status, a.payload, a.result, ${iso(sql`a."createdAt"`)} as "createdAt", ${iso(sql`a."updatedAt"`)} as "updatedAt"
          from public."Action" a where a."contextId" = ${id} order by a."createdAt", a.id`,
  );
  const previews = await rows<ContextPreview>(
    tx,
    sql`select p.id, p.url, p."deploymentId", p.status, p.metadata, ${iso(sql`p."createdAt"`)} as "createdAt", ${iso(sql`p."updatedAt"`)} as "updatedAt"
          from public."Preview" p where p."contextId" = ${id} order by p."createdAt" desc, p.id`,
  );
  return { messages, actions, previews };
}

/**
 * `--force`: remove everything the demo seed generated, so it can seed again.
 *
 * The seed owns its users: a user is the seed's iff `id = md5('demo-seed:user:' || email)::uuid`
 * (plus the demo e-mails, should someone have signed up with one of them by hand). Deleting those
 * auth users removes what hangs off them (profile foreign keys cascade; on_auth_user_deleted
 * clears the seed-001 tables). What survives a user's deletion by design is removed explicitly:
 * error and agent logs (their user_id becomes NULL; the seed marks its rows), directives (author
 * set NULL) and bonus windows (createdBy is an audit trail, not a link).
 *
 * The heavy tables are emptied with set-based deletes first, so the per-user deletion trigger
 * finds nothing left to do for the 10,000 load users.
 */
import { DEMO_ACCOUNTS } from "../demo-accounts";
import type { Tx } from "./insert";
import { ID_NAMESPACE } from "./random";

export async function deleteDemoData(tx: Tx, log: (l: string) => void): Promise<void> {
  const t = performance.now();
  await tx.unsafe(
    `create temp table seed_users on commit drop as
     select id from auth.users
      where id = md5($1 || lower(email))::uuid or lower(email) = any($2::text[])`,
    [`${ID_NAMESPACE}user:`, DEMO_ACCOUNTS.map((a) => a.email.toLowerCase())],
  );
  await tx.unsafe(`alter table seed_users add primary key (id)`);
  await tx.unsafe(`analyze seed_users`);
  const [{ n }] = await tx.unsafe(`select count(*)::int as n from seed_users`);
  const marker = JSON.stringify({ seed: "demo" });
  // coalesce: a NULL user or NULL details must count as "not the seed's", never as unknown.
  const seededError = `(coalesce(user_id in (select id from seed_users), false) or coalesce(error_details @> '${marker}'::jsonb, false))`;
  const seededUsage = `user_id in (select id from seed_users)`;
  // The two log tables of --scale hold millions of rows; when every row is the seed's (a
  // benchmark database), TRUNCATE (transactional, and nothing references them) saves deleting
  // them row by row.
  for (const [table, seeded] of [["error_logs", seededError], ["usage_logs", seededUsage]] as const) {
    const [{ foreign }] = await tx.unsafe(`select exists (select 1 from public.${table} where not ${seeded}) as foreign`);
    if (!foreign) await tx.unsafe(`truncate public.${table}`);
  }
  const statements = [
    `delete from public.error_logs where ${seededError}`,
    `delete from public.agent_activity_logs where user_id in (select id from seed_users) or operation_metadata @> '${marker}'::jsonb`,
    `delete from public.usage_logs where ${seededUsage}`,
    `delete from public.user_activity_logs where user_id in (select id from seed_users)`,
    `delete from public.rate_limit_tracking where user_id in (select id from seed_users)`,
    `delete from public.github_repositories where user_id in (select id from seed_users)`,
    `delete from public."Suggestion" where user_id in (select id from seed_users)`,
    `delete from public."Document" where user_id in (select id from seed_users)`,
    `delete from public."Chat" where user_id in (select id from seed_users)`,
    `delete from public.directives where author_id in (select id from seed_users)`,
    `delete from public.bonus_windows where "createdBy" in (select id from seed_users)`,
    `delete from public.projects where "ownerId" in (select id from seed_users)`,
    `update public.admin_config set updated_by = null where updated_by in (select id from seed_users)`,
    // on_auth_user_deleted runs `update error_logs set resolved_by = null where resolved_by = <user>`
    // for every deleted user, and no index covers resolved_by: with a million error logs (--scale)
    // that is a full scan per user, hours for 10,000 users. A transaction-local index makes each
    // a lookup; it is dropped again before the transaction ends.
    `create index if not exists seed_cleanup_error_logs_resolved_by on public.error_logs (resolved_by)`,
    `delete from auth.users where id in (select id from seed_users)`,
    `drop index if exists public.seed_cleanup_error_logs_resolved_by`,
  ];
  for (const s of statements) await tx.unsafe(s);
  log(`Removed the demo data of ${n} generated users (${((performance.now() - t) / 1000).toFixed(1)} s).`);
}

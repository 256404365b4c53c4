-- The usage rollups' shard fold on a schedule (usage_rollup_compact(), migration
-- 20251125001900_usage_rollup_writes.sql): hourly at minute 7. On Supabase with pg_cron enabled
-- (Database > Extensions > pg_cron) it is this cron job; where pg_cron is absent (the embedded
-- Postgres) the app's scheduler (lib/logging/purge-scheduler.ts) runs it and skips itself when
-- pg_cron exists. Readers are exact either way; the fold only keeps the shard rows few.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    perform cron.unschedule(jobid) from cron.job where jobname = 'usage-rollup-compact';
    perform cron.schedule('usage-rollup-compact', '7 * * * *', 'select public.usage_rollup_compact()');
  end if;
end
$$;

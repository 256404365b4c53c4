-- =============================================================================
-- Row level security on every table (DESIGN.md 3.4 and 3.5).
-- Policies are TO authenticated; anon reaches nothing. Per-statement functions are
-- wrapped in a sub-select so Postgres evaluates them once per query, not once per row,
-- and every column a policy filters on is indexed (see the indexes migration).
-- Seed 001's admin rule `get_user_role() = 'admin'` is written as the boolean
-- `(select public.is_current_user_admin())`: the same test, but the planner then
-- estimates an admin's scan as "many rows" instead of 0.5 %, and picks hash
-- aggregates over sorts for admin dashboards (bench:rls measures it).
-- Seed 001 and 003 policies are as documented, with one tightening: seed 001's
-- "System can insert/manage" (`true`) policies would let any user write rows in
-- another user's name, so user writes must carry their own id; system writers use the
-- service connection, which bypasses RLS.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- enable RLS everywhere; anon gets no table privileges at all
-- -----------------------------------------------------------------------------
alter table public.profiles enable row level security;
alter table public.directives enable row level security;
alter table public.directive_versions enable row level security;
alter table public.runs enable row level security;
alter table public.lockfiles enable row level security;
alter table public."Chat" enable row level security;
alter table public."Message_v2" enable row level security;
alter table public."Vote_v2" enable row level security;
alter table public."Document" enable row level security;
alter table public."Suggestion" enable row level security;
alter table public."Stream" enable row level security;
alter table public.admin_config enable row level security;
alter table public.model_config enable row level security;
alter table public.usage_logs enable row level security;
alter table public.rate_limit_tracking enable row level security;
alter table public.github_repositories enable row level security;
alter table public.error_logs enable row level security;
alter table public.user_activity_logs enable row level security;
alter table public.agent_activity_logs enable row level security;
alter table public."Context" enable row level security;
alter table public."Message" enable row level security;
alter table public."Action" enable row level security;
alter table public."Preview" enable row level security;
alter table public.sessions enable row level security;
alter table public.session_revisions enable row level security;
alter table public.session_drafts enable row level security;
alter table public.hole_resolutions enable row level security;
alter table public.projects enable row level security;
alter table public.data_records enable row level security;
alter table public.ingest_jobs enable row level security;
alter table public.analytics_jobs enable row level security;
alter table public.system_settings enable row level security;
alter table public.bonus_windows enable row level security;
alter table public.likert_scores enable row level security;
revoke all on all tables in schema public from anon;

-- -----------------------------------------------------------------------------
-- profiles (seed 004): own row; managers and admins read all (team progress);
-- admins update any. Role, trust_score and email are guarded by protect_profile_columns.
-- -----------------------------------------------------------------------------
-- SELECT(profiles): Users can read own profile
drop policy if exists "Users can read own profile" on public.profiles;
create policy "Users can read own profile" on public.profiles for select to authenticated
  using ((select auth.uid()) = id);
-- SELECT(profiles): Managers and admins can read all profiles
drop policy if exists "Managers and admins can read all profiles" on public.profiles;
create policy "Managers and admins can read all profiles" on public.profiles for select to authenticated
  using ((select public.get_user_role()) in ('admin', 'manager'));
-- UPDATE(profiles): Users can update own profile
drop policy if exists "Users can update own profile" on public.profiles;
create policy "Users can update own profile" on public.profiles for update to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);
-- UPDATE(profiles): Admins can update all profiles
drop policy if exists "Admins can update all profiles" on public.profiles;
create policy "Admins can update all profiles" on public.profiles for update to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- seed 000: the directive registry is readable by every signed-in user
-- -----------------------------------------------------------------------------
-- SELECT(directives): Authenticated users can read directives
drop policy if exists "Authenticated users can read directives" on public.directives;
create policy "Authenticated users can read directives" on public.directives for select to authenticated
  using (true);
-- INSERT(directives): Authors can create directives
drop policy if exists "Authors can create directives" on public.directives;
create policy "Authors can create directives" on public.directives for insert to authenticated
  with check ((select auth.uid()) = author_id);
-- UPDATE(directives): Authors can update own directives
drop policy if exists "Authors can update own directives" on public.directives;
create policy "Authors can update own directives" on public.directives for update to authenticated
  using ((select auth.uid()) = author_id)
  with check ((select auth.uid()) = author_id);
-- DELETE(directives): Authors can delete own directives
drop policy if exists "Authors can delete own directives" on public.directives;
create policy "Authors can delete own directives" on public.directives for delete to authenticated
  using ((select auth.uid()) = author_id);
-- ALL(directives): Admins can manage directives
drop policy if exists "Admins can manage directives" on public.directives;
create policy "Admins can manage directives" on public.directives for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(directive_versions): Authenticated users can read directive versions
drop policy if exists "Authenticated users can read directive versions" on public.directive_versions;
create policy "Authenticated users can read directive versions" on public.directive_versions for select to authenticated
  using (true);
-- INSERT(directive_versions): Users can create versions of own directives
drop policy if exists "Users can create versions of own directives" on public.directive_versions;
create policy "Users can create versions of own directives" on public.directive_versions for insert to authenticated
  with check (exists (select 1 from public.directives d where d.id = directive_id and d.author_id = (select auth.uid())));
-- UPDATE(directive_versions): Users can update versions of own directives
drop policy if exists "Users can update versions of own directives" on public.directive_versions;
create policy "Users can update versions of own directives" on public.directive_versions for update to authenticated
  using (exists (select 1 from public.directives d where d.id = directive_id and d.author_id = (select auth.uid())))
  with check (exists (select 1 from public.directives d where d.id = directive_id and d.author_id = (select auth.uid())));
-- DELETE(directive_versions): Users can delete versions of own directives
drop policy if exists "Users can delete versions of own directives" on public.directive_versions;
create policy "Users can delete versions of own directives" on public.directive_versions for delete to authenticated
  using (exists (select 1 from public.directives d where d.id = directive_id and d.author_id = (select auth.uid())));
-- ALL(directive_versions): Admins can manage directive versions
drop policy if exists "Admins can manage directive versions" on public.directive_versions;
create policy "Admins can manage directive versions" on public.directive_versions for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(runs): Users can read own runs
drop policy if exists "Users can read own runs" on public.runs;
create policy "Users can read own runs" on public.runs for select to authenticated
  using ((select auth.uid()) = user_id);
-- INSERT(runs): Users can create own runs
drop policy if exists "Users can create own runs" on public.runs;
create policy "Users can create own runs" on public.runs for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- UPDATE(runs): Users can update own runs
drop policy if exists "Users can update own runs" on public.runs;
create policy "Users can update own runs" on public.runs for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);
-- DELETE(runs): Users can delete own runs
drop policy if exists "Users can delete own runs" on public.runs;
create policy "Users can delete own runs" on public.runs for delete to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(runs): Admins can read all runs
drop policy if exists "Admins can read all runs" on public.runs;
create policy "Admins can read all runs" on public.runs for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(lockfiles): Users can read own lockfiles
drop policy if exists "Users can read own lockfiles" on public.lockfiles;
create policy "Users can read own lockfiles" on public.lockfiles for select to authenticated
  using ((select auth.uid()) = user_id);
-- INSERT(lockfiles): Users can create own lockfiles
drop policy if exists "Users can create own lockfiles" on public.lockfiles;
create policy "Users can create own lockfiles" on public.lockfiles for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- UPDATE(lockfiles): Users can update own lockfiles
drop policy if exists "Users can update own lockfiles" on public.lockfiles;
create policy "Users can update own lockfiles" on public.lockfiles for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);
-- DELETE(lockfiles): Users can delete own lockfiles
drop policy if exists "Users can delete own lockfiles" on public.lockfiles;
create policy "Users can delete own lockfiles" on public.lockfiles for delete to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(lockfiles): Admins can read all lockfiles
drop policy if exists "Admins can read all lockfiles" on public.lockfiles;
create policy "Admins can read all lockfiles" on public.lockfiles for select to authenticated
  using ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- seed 001: chats and what hangs off them
-- -----------------------------------------------------------------------------
-- SELECT(Chat): Users can read own chats
drop policy if exists "Users can read own chats" on public."Chat";
create policy "Users can read own chats" on public."Chat" for select to authenticated
  using ((select auth.uid()) = user_id);
-- INSERT(Chat): Users can create own chats
drop policy if exists "Users can create own chats" on public."Chat";
create policy "Users can create own chats" on public."Chat" for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- UPDATE(Chat): Users can update own chats
drop policy if exists "Users can update own chats" on public."Chat";
create policy "Users can update own chats" on public."Chat" for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);
-- DELETE(Chat): Users can delete own chats
drop policy if exists "Users can delete own chats" on public."Chat";
create policy "Users can delete own chats" on public."Chat" for delete to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(Chat): Admins can read all chats
drop policy if exists "Admins can read all chats" on public."Chat";
create policy "Admins can read all chats" on public."Chat" for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(Message_v2): message belongs to the user's chat
drop policy if exists "Users can read own messages" on public."Message_v2";
create policy "Users can read own messages" on public."Message_v2" for select to authenticated
  using (exists (select 1 from public."Chat" c where c.id = "chatId" and c.user_id = (select auth.uid())));
-- INSERT(Message_v2): Users can create messages in own chats
drop policy if exists "Users can create messages in own chats" on public."Message_v2";
create policy "Users can create messages in own chats" on public."Message_v2" for insert to authenticated
  with check (exists (select 1 from public."Chat" c where c.id = "chatId" and c.user_id = (select auth.uid())));
-- SELECT(Message_v2): Admins can read all messages
drop policy if exists "Admins can read all messages" on public."Message_v2";
create policy "Admins can read all messages" on public."Message_v2" for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(Vote_v2): Users can vote on messages in own chats
drop policy if exists "Users can vote on messages in own chats" on public."Vote_v2";
create policy "Users can vote on messages in own chats" on public."Vote_v2" for all to authenticated
  using (exists (select 1 from public."Chat" c where c.id = "chatId" and c.user_id = (select auth.uid())))
  with check (exists (select 1 from public."Chat" c where c.id = "chatId" and c.user_id = (select auth.uid())));
-- SELECT(Vote_v2): Admins can read all votes
drop policy if exists "Admins can read all votes" on public."Vote_v2";
create policy "Admins can read all votes" on public."Vote_v2" for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(Document): Users can read own documents
drop policy if exists "Users can read own documents" on public."Document";
create policy "Users can read own documents" on public."Document" for select to authenticated
  using ((select auth.uid()) = user_id);
-- INSERT(Document): Users can create own documents
drop policy if exists "Users can create own documents" on public."Document";
create policy "Users can create own documents" on public."Document" for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- UPDATE(Document): Users can update own documents
drop policy if exists "Users can update own documents" on public."Document";
create policy "Users can update own documents" on public."Document" for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);
-- DELETE(Document): Users can delete own documents
drop policy if exists "Users can delete own documents" on public."Document";
create policy "Users can delete own documents" on public."Document" for delete to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(Document): Admins can read all documents
drop policy if exists "Admins can read all documents" on public."Document";
create policy "Admins can read all documents" on public."Document" for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(Suggestion): Users can read own suggestions
drop policy if exists "Users can read own suggestions" on public."Suggestion";
create policy "Users can read own suggestions" on public."Suggestion" for select to authenticated
  using ((select auth.uid()) = user_id);
-- INSERT(Suggestion): users create suggestions in their own name, on their own documents
drop policy if exists "Users can create own suggestions" on public."Suggestion";
create policy "Users can create own suggestions" on public."Suggestion" for insert to authenticated
  with check ((select auth.uid()) = user_id and exists (
    select 1 from public."Document" d
    where d.id = "documentId" and d."createdAt" = "documentCreatedAt" and d.user_id = (select auth.uid())));
-- UPDATE(Suggestion): Users can update own suggestions
drop policy if exists "Users can update own suggestions" on public."Suggestion";
create policy "Users can update own suggestions" on public."Suggestion" for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id and exists (
    select 1 from public."Document" d
    where d.id = "documentId" and d."createdAt" = "documentCreatedAt" and d.user_id = (select auth.uid())));
-- DELETE(Suggestion): Users can delete own suggestions
drop policy if exists "Users can delete own suggestions" on public."Suggestion";
create policy "Users can delete own suggestions" on public."Suggestion" for delete to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(Suggestion): Admins can read all suggestions
drop policy if exists "Admins can read all suggestions" on public."Suggestion";
create policy "Admins can read all suggestions" on public."Suggestion" for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(Stream): Users can access streams in own chats
drop policy if exists "Users can access streams in own chats" on public."Stream";
create policy "Users can access streams in own chats" on public."Stream" for all to authenticated
  using (exists (select 1 from public."Chat" c where c.id = "chatId" and c.user_id = (select auth.uid())))
  with check (exists (select 1 from public."Chat" c where c.id = "chatId" and c.user_id = (select auth.uid())));
-- SELECT(Stream): Admins can read all streams
drop policy if exists "Admins can read all streams" on public."Stream";
create policy "Admins can read all streams" on public."Stream" for select to authenticated
  using ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- seed 001: admin and analytics
-- -----------------------------------------------------------------------------
-- SELECT(admin_config): Admins can read admin_config
drop policy if exists "Admins can read admin_config" on public.admin_config;
create policy "Admins can read admin_config" on public.admin_config for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(admin_config): Admins can update admin_config
drop policy if exists "Admins can update admin_config" on public.admin_config;
create policy "Admins can update admin_config" on public.admin_config for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(model_config): Authenticated users can read model_config
drop policy if exists "Authenticated users can read model_config" on public.model_config;
create policy "Authenticated users can read model_config" on public.model_config for select to authenticated
  using ((select auth.uid()) is not null);
-- ALL(model_config): Admins can manage model_config
drop policy if exists "Admins can manage model_config" on public.model_config;
create policy "Admins can manage model_config" on public.model_config for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(usage_logs): Users can read own usage_logs
drop policy if exists "Users can read own usage_logs" on public.usage_logs;
create policy "Users can read own usage_logs" on public.usage_logs for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(usage_logs): Admins can read all usage_logs
drop policy if exists "Admins can read all usage_logs" on public.usage_logs;
create policy "Admins can read all usage_logs" on public.usage_logs for select to authenticated
  using ((select public.is_current_user_admin()));
-- INSERT(usage_logs): Users can create own usage_logs
drop policy if exists "Users can create own usage_logs" on public.usage_logs;
create policy "Users can create own usage_logs" on public.usage_logs for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- SELECT(rate_limit_tracking): Users can read own rate_limits
drop policy if exists "Users can read own rate_limits" on public.rate_limit_tracking;
create policy "Users can read own rate_limits" on public.rate_limit_tracking for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(rate_limit_tracking): Admins can read all rate_limits
drop policy if exists "Admins can read all rate_limits" on public.rate_limit_tracking;
create policy "Admins can read all rate_limits" on public.rate_limit_tracking for select to authenticated
  using ((select public.is_current_user_admin()));
-- ALL(github_repositories): Users can manage own repositories
drop policy if exists "Users can manage own repositories" on public.github_repositories;
create policy "Users can manage own repositories" on public.github_repositories for all to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);
-- SELECT(github_repositories): Admins can read all repositories
drop policy if exists "Admins can read all repositories" on public.github_repositories;
create policy "Admins can read all repositories" on public.github_repositories for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(error_logs): Users can read own error_logs
drop policy if exists "Users can read own error_logs" on public.error_logs;
create policy "Users can read own error_logs" on public.error_logs for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(error_logs): Admins can read all error_logs
drop policy if exists "Admins can read all error_logs" on public.error_logs;
create policy "Admins can read all error_logs" on public.error_logs for select to authenticated
  using ((select public.is_current_user_admin()));
-- UPDATE(error_logs): Admins can update error_logs
drop policy if exists "Admins can update error_logs" on public.error_logs;
create policy "Admins can update error_logs" on public.error_logs for update to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- INSERT(error_logs): Users can report own error_logs
drop policy if exists "Users can report own error_logs" on public.error_logs;
create policy "Users can report own error_logs" on public.error_logs for insert to authenticated
  with check (user_id is null or (select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- seed 001: activity logs
-- -----------------------------------------------------------------------------
-- SELECT(user_activity_logs): Users can read own activity logs
drop policy if exists "Users can read own activity logs" on public.user_activity_logs;
create policy "Users can read own activity logs" on public.user_activity_logs for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(user_activity_logs): Admins can read all activity logs
drop policy if exists "Admins can read all activity logs" on public.user_activity_logs;
create policy "Admins can read all activity logs" on public.user_activity_logs for select to authenticated
  using ((select public.is_current_user_admin()));
-- INSERT(user_activity_logs): Users can create own activity logs
drop policy if exists "Users can create own activity logs" on public.user_activity_logs;
create policy "Users can create own activity logs" on public.user_activity_logs for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- SELECT(agent_activity_logs): Users can read own agent logs
drop policy if exists "Users can read own agent logs" on public.agent_activity_logs;
create policy "Users can read own agent logs" on public.agent_activity_logs for select to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(agent_activity_logs): Admins can read all agent logs
drop policy if exists "Admins can read all agent logs" on public.agent_activity_logs;
create policy "Admins can read all agent logs" on public.agent_activity_logs for select to authenticated
  using ((select public.is_current_user_admin()));
-- INSERT(agent_activity_logs): Users can create own agent logs
drop policy if exists "Users can create own agent logs" on public.agent_activity_logs;
create policy "Users can create own agent logs" on public.agent_activity_logs for insert to authenticated
  with check ((select auth.uid()) = user_id);

-- -----------------------------------------------------------------------------
-- seed 002: contexts and what hangs off them
-- -----------------------------------------------------------------------------
-- SELECT(Context): Users can read own contexts
drop policy if exists "Users can read own contexts" on public."Context";
create policy "Users can read own contexts" on public."Context" for select to authenticated
  using ((select auth.uid()) = "userId");
-- INSERT(Context): Users can create own contexts
drop policy if exists "Users can create own contexts" on public."Context";
create policy "Users can create own contexts" on public."Context" for insert to authenticated
  with check ((select auth.uid()) = "userId");
-- UPDATE(Context): Users can update own contexts
drop policy if exists "Users can update own contexts" on public."Context";
create policy "Users can update own contexts" on public."Context" for update to authenticated
  using ((select auth.uid()) = "userId")
  with check ((select auth.uid()) = "userId");
-- DELETE(Context): Users can delete own contexts
drop policy if exists "Users can delete own contexts" on public."Context";
create policy "Users can delete own contexts" on public."Context" for delete to authenticated
  using ((select auth.uid()) = "userId");
-- SELECT(Context): Admins can read all contexts
drop policy if exists "Admins can read all contexts" on public."Context";
create policy "Admins can read all contexts" on public."Context" for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(Message): Users can read context messages in own contexts
drop policy if exists "Users can read context messages in own contexts" on public."Message";
create policy "Users can read context messages in own contexts" on public."Message" for select to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- INSERT(Message): Users can create context messages in own contexts
drop policy if exists "Users can create context messages in own contexts" on public."Message";
create policy "Users can create context messages in own contexts" on public."Message" for insert to authenticated
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- UPDATE(Message): Users can update context messages in own contexts
drop policy if exists "Users can update context messages in own contexts" on public."Message";
create policy "Users can update context messages in own contexts" on public."Message" for update to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())))
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- DELETE(Message): Users can delete context messages in own contexts
drop policy if exists "Users can delete context messages in own contexts" on public."Message";
create policy "Users can delete context messages in own contexts" on public."Message" for delete to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- SELECT(Message): Admins can read all context messages
drop policy if exists "Admins can read all context messages" on public."Message";
create policy "Admins can read all context messages" on public."Message" for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(Action): Users can read context actions in own contexts
drop policy if exists "Users can read context actions in own contexts" on public."Action";
create policy "Users can read context actions in own contexts" on public."Action" for select to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- INSERT(Action): Users can create context actions in own contexts
drop policy if exists "Users can create context actions in own contexts" on public."Action";
create policy "Users can create context actions in own contexts" on public."Action" for insert to authenticated
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- UPDATE(Action): Users can update context actions in own contexts
drop policy if exists "Users can update context actions in own contexts" on public."Action";
create policy "Users can update context actions in own contexts" on public."Action" for update to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())))
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- DELETE(Action): Users can delete context actions in own contexts
drop policy if exists "Users can delete context actions in own contexts" on public."Action";
create policy "Users can delete context actions in own contexts" on public."Action" for delete to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- SELECT(Action): Admins can read all context actions
drop policy if exists "Admins can read all context actions" on public."Action";
create policy "Admins can read all context actions" on public."Action" for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(Preview): Users can read context previews in own contexts
drop policy if exists "Users can read context previews in own contexts" on public."Preview";
create policy "Users can read context previews in own contexts" on public."Preview" for select to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- INSERT(Preview): Users can create context previews in own contexts
drop policy if exists "Users can create context previews in own contexts" on public."Preview";
create policy "Users can create context previews in own contexts" on public."Preview" for insert to authenticated
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- UPDATE(Preview): Users can update context previews in own contexts
drop policy if exists "Users can update context previews in own contexts" on public."Preview";
create policy "Users can update context previews in own contexts" on public."Preview" for update to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())))
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- DELETE(Preview): Users can delete context previews in own contexts
drop policy if exists "Users can delete context previews in own contexts" on public."Preview";
create policy "Users can delete context previews in own contexts" on public."Preview" for delete to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and x."userId" = (select auth.uid())));
-- SELECT(Preview): Admins can read all context previews
drop policy if exists "Admins can read all context previews" on public."Preview";
create policy "Admins can read all context previews" on public."Preview" for select to authenticated
  using ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- seed 003: sessions; child rows through the parent session (as documented)
-- -----------------------------------------------------------------------------
-- SELECT(sessions): Users can read own sessions
drop policy if exists "Users can read own sessions" on public.sessions;
create policy "Users can read own sessions" on public.sessions for select to authenticated
  using ((select auth.uid()) = user_id);
-- INSERT(sessions): Users can create own sessions
drop policy if exists "Users can create own sessions" on public.sessions;
create policy "Users can create own sessions" on public.sessions for insert to authenticated
  with check ((select auth.uid()) = user_id);
-- UPDATE(sessions): Users can update own sessions
drop policy if exists "Users can update own sessions" on public.sessions;
create policy "Users can update own sessions" on public.sessions for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);
-- DELETE(sessions): Users can delete own sessions
drop policy if exists "Users can delete own sessions" on public.sessions;
create policy "Users can delete own sessions" on public.sessions for delete to authenticated
  using ((select auth.uid()) = user_id);
-- SELECT(sessions): Admins can read all sessions
drop policy if exists "Admins can read all sessions" on public.sessions;
create policy "Admins can read all sessions" on public.sessions for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(session_revisions): Users can read revisions of own sessions
drop policy if exists "Users can read revisions of own sessions" on public.session_revisions;
create policy "Users can read revisions of own sessions" on public.session_revisions for select to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- INSERT(session_revisions): Users can create revisions of own sessions
drop policy if exists "Users can create revisions of own sessions" on public.session_revisions;
create policy "Users can create revisions of own sessions" on public.session_revisions for insert to authenticated
  with check (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- UPDATE(session_revisions): Users can update revisions of own sessions
drop policy if exists "Users can update revisions of own sessions" on public.session_revisions;
create policy "Users can update revisions of own sessions" on public.session_revisions for update to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())))
  with check (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- DELETE(session_revisions): Users can delete revisions of own sessions
drop policy if exists "Users can delete revisions of own sessions" on public.session_revisions;
create policy "Users can delete revisions of own sessions" on public.session_revisions for delete to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- SELECT(session_revisions): Admins can read all revisions
drop policy if exists "Admins can read all revisions" on public.session_revisions;
create policy "Admins can read all revisions" on public.session_revisions for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(session_drafts): Users can read drafts of own sessions
drop policy if exists "Users can read drafts of own sessions" on public.session_drafts;
create policy "Users can read drafts of own sessions" on public.session_drafts for select to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- INSERT(session_drafts): Users can create drafts of own sessions
drop policy if exists "Users can create drafts of own sessions" on public.session_drafts;
create policy "Users can create drafts of own sessions" on public.session_drafts for insert to authenticated
  with check (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- UPDATE(session_drafts): Users can update drafts of own sessions
drop policy if exists "Users can update drafts of own sessions" on public.session_drafts;
create policy "Users can update drafts of own sessions" on public.session_drafts for update to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())))
  with check (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- DELETE(session_drafts): Users can delete drafts of own sessions
drop policy if exists "Users can delete drafts of own sessions" on public.session_drafts;
create policy "Users can delete drafts of own sessions" on public.session_drafts for delete to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- SELECT(session_drafts): Admins can read all drafts
drop policy if exists "Admins can read all drafts" on public.session_drafts;
create policy "Admins can read all drafts" on public.session_drafts for select to authenticated
  using ((select public.is_current_user_admin()));
-- SELECT(hole_resolutions): Users can read hole resolutions of own sessions
drop policy if exists "Users can read hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can read hole resolutions of own sessions" on public.hole_resolutions for select to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- INSERT(hole_resolutions): Users can create hole resolutions of own sessions
drop policy if exists "Users can create hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can create hole resolutions of own sessions" on public.hole_resolutions for insert to authenticated
  with check (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- UPDATE(hole_resolutions): Users can update hole resolutions of own sessions
drop policy if exists "Users can update hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can update hole resolutions of own sessions" on public.hole_resolutions for update to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())))
  with check (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- DELETE(hole_resolutions): Users can delete hole resolutions of own sessions
drop policy if exists "Users can delete hole resolutions of own sessions" on public.hole_resolutions;
create policy "Users can delete hole resolutions of own sessions" on public.hole_resolutions for delete to authenticated
  using (exists (select 1 from public.sessions s where s.id = session_id and s.user_id = (select auth.uid())));
-- SELECT(hole_resolutions): Admins can read all hole resolutions
drop policy if exists "Admins can read all hole resolutions" on public.hole_resolutions;
create policy "Admins can read all hole resolutions" on public.hole_resolutions for select to authenticated
  using ((select public.is_current_user_admin()));

-- -----------------------------------------------------------------------------
-- seed 004: projects and records belong to the project owner; admins manage all;
-- managers read records (bonus-window progress counts them by creator)
-- -----------------------------------------------------------------------------
-- SELECT(projects): Users can read own projects
drop policy if exists "Users can read own projects" on public.projects;
create policy "Users can read own projects" on public.projects for select to authenticated
  using ((select auth.uid()) = "ownerId");
-- INSERT(projects): Users can create own projects
drop policy if exists "Users can create own projects" on public.projects;
create policy "Users can create own projects" on public.projects for insert to authenticated
  with check ((select auth.uid()) = "ownerId");
-- UPDATE(projects): Users can update own projects
drop policy if exists "Users can update own projects" on public.projects;
create policy "Users can update own projects" on public.projects for update to authenticated
  using ((select auth.uid()) = "ownerId")
  with check ((select auth.uid()) = "ownerId");
-- DELETE(projects): Users can delete own projects
drop policy if exists "Users can delete own projects" on public.projects;
create policy "Users can delete own projects" on public.projects for delete to authenticated
  using ((select auth.uid()) = "ownerId");
-- ALL(projects): Admins can manage projects
drop policy if exists "Admins can manage projects" on public.projects;
create policy "Admins can manage projects" on public.projects for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(data_records): Users can read records of own projects
drop policy if exists "Users can read records of own projects" on public.data_records;
create policy "Users can read records of own projects" on public.data_records for select to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- INSERT(data_records): Users can create records of own projects
drop policy if exists "Users can create records of own projects" on public.data_records;
create policy "Users can create records of own projects" on public.data_records for insert to authenticated
  with check (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- UPDATE(data_records): Users can update records of own projects
drop policy if exists "Users can update records of own projects" on public.data_records;
create policy "Users can update records of own projects" on public.data_records for update to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- DELETE(data_records): Users can delete records of own projects
drop policy if exists "Users can delete records of own projects" on public.data_records;
create policy "Users can delete records of own projects" on public.data_records for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- ALL(data_records): Admins can manage data records
drop policy if exists "Admins can manage data records" on public.data_records;
create policy "Admins can manage data records" on public.data_records for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(data_records): Managers can read data records
drop policy if exists "Managers can read data records" on public.data_records;
create policy "Managers can read data records" on public.data_records for select to authenticated
  using ((select public.get_user_role()) = 'manager');
-- SELECT(ingest_jobs): Users can read ingest jobs of own projects
drop policy if exists "Users can read ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can read ingest jobs of own projects" on public.ingest_jobs for select to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- INSERT(ingest_jobs): Users can create ingest jobs of own projects
drop policy if exists "Users can create ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can create ingest jobs of own projects" on public.ingest_jobs for insert to authenticated
  with check (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- UPDATE(ingest_jobs): Users can update ingest jobs of own projects
drop policy if exists "Users can update ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can update ingest jobs of own projects" on public.ingest_jobs for update to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- DELETE(ingest_jobs): Users can delete ingest jobs of own projects
drop policy if exists "Users can delete ingest jobs of own projects" on public.ingest_jobs;
create policy "Users can delete ingest jobs of own projects" on public.ingest_jobs for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- ALL(ingest_jobs): Admins can manage ingest jobs
drop policy if exists "Admins can manage ingest jobs" on public.ingest_jobs;
create policy "Admins can manage ingest jobs" on public.ingest_jobs for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(analytics_jobs): Users can read analytics jobs of own projects
drop policy if exists "Users can read analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can read analytics jobs of own projects" on public.analytics_jobs for select to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- INSERT(analytics_jobs): Users can create analytics jobs of own projects
drop policy if exists "Users can create analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can create analytics jobs of own projects" on public.analytics_jobs for insert to authenticated
  with check (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- UPDATE(analytics_jobs): Users can update analytics jobs of own projects
drop policy if exists "Users can update analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can update analytics jobs of own projects" on public.analytics_jobs for update to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())))
  with check (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- DELETE(analytics_jobs): Users can delete analytics jobs of own projects
drop policy if exists "Users can delete analytics jobs of own projects" on public.analytics_jobs;
create policy "Users can delete analytics jobs of own projects" on public.analytics_jobs for delete to authenticated
  using (exists (select 1 from public.projects p where p.id = "projectId" and p."ownerId" = (select auth.uid())));
-- ALL(analytics_jobs): Admins can manage analytics jobs
drop policy if exists "Admins can manage analytics jobs" on public.analytics_jobs;
create policy "Admins can manage analytics jobs" on public.analytics_jobs for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- ALL(system_settings): Admins can manage system settings
drop policy if exists "Admins can manage system settings" on public.system_settings;
create policy "Admins can manage system settings" on public.system_settings for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(bonus_windows): Managers and admins can read bonus windows
drop policy if exists "Managers and admins can read bonus windows" on public.bonus_windows;
create policy "Managers and admins can read bonus windows" on public.bonus_windows for select to authenticated
  using ((select public.get_user_role()) in ('admin', 'manager'));
-- ALL(bonus_windows): Admins can manage bonus windows
drop policy if exists "Admins can manage bonus windows" on public.bonus_windows;
create policy "Admins can manage bonus windows" on public.bonus_windows for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(likert_scores): Users can read scores on own projects' records
drop policy if exists "Users can read scores on own projects' records" on public.likert_scores;
create policy "Users can read scores on own projects' records" on public.likert_scores for select to authenticated
  using ("userId" = (select auth.uid())::text or exists (select 1 from public.data_records r join public.projects p on p.id = r."projectId" where r.id = "recordId" and p."ownerId" = (select auth.uid())));
-- INSERT(likert_scores): Users can rate records of own projects
drop policy if exists "Users can rate records of own projects" on public.likert_scores;
create policy "Users can rate records of own projects" on public.likert_scores for insert to authenticated
  with check ("userId" = (select auth.uid())::text and exists (select 1 from public.data_records r join public.projects p on p.id = r."projectId" where r.id = "recordId" and p."ownerId" = (select auth.uid())));
-- UPDATE(likert_scores): Users can update own scores
drop policy if exists "Users can update own scores" on public.likert_scores;
create policy "Users can update own scores" on public.likert_scores for update to authenticated
  using ("userId" = (select auth.uid())::text)
  with check ("userId" = (select auth.uid())::text);
-- DELETE(likert_scores): Users can delete own scores
drop policy if exists "Users can delete own scores" on public.likert_scores;
create policy "Users can delete own scores" on public.likert_scores for delete to authenticated
  using ("userId" = (select auth.uid())::text);
-- ALL(likert_scores): Admins can manage likert scores
drop policy if exists "Admins can manage likert scores" on public.likert_scores;
create policy "Admins can manage likert scores" on public.likert_scores for all to authenticated
  using ((select public.is_current_user_admin()))
  with check ((select public.is_current_user_admin()));
-- SELECT(likert_scores): Managers can read likert scores
drop policy if exists "Managers can read likert scores" on public.likert_scores;
create policy "Managers can read likert scores" on public.likert_scores for select to authenticated
  using ((select public.get_user_role()) = 'manager');

-- -----------------------------------------------------------------------------
-- PENDING accounts (self sign-ups an admin has not approved) see and write nothing but
-- their own profile (DESIGN.md section 1). A RESTRICTIVE policy is ANDed with every
-- permissive one above, so no other policy can open a table to them by accident.
-- -----------------------------------------------------------------------------
-- ALL(directives): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.directives;
create policy "Pending accounts get nothing" on public.directives as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(directive_versions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.directive_versions;
create policy "Pending accounts get nothing" on public.directive_versions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(runs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.runs;
create policy "Pending accounts get nothing" on public.runs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(lockfiles): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.lockfiles;
create policy "Pending accounts get nothing" on public.lockfiles as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Chat): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Chat";
create policy "Pending accounts get nothing" on public."Chat" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Message_v2): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Message_v2";
create policy "Pending accounts get nothing" on public."Message_v2" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Vote_v2): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Vote_v2";
create policy "Pending accounts get nothing" on public."Vote_v2" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Document): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Document";
create policy "Pending accounts get nothing" on public."Document" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Suggestion): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Suggestion";
create policy "Pending accounts get nothing" on public."Suggestion" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Stream): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Stream";
create policy "Pending accounts get nothing" on public."Stream" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(admin_config): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.admin_config;
create policy "Pending accounts get nothing" on public.admin_config as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(model_config): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.model_config;
create policy "Pending accounts get nothing" on public.model_config as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(usage_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.usage_logs;
create policy "Pending accounts get nothing" on public.usage_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(rate_limit_tracking): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.rate_limit_tracking;
create policy "Pending accounts get nothing" on public.rate_limit_tracking as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(github_repositories): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.github_repositories;
create policy "Pending accounts get nothing" on public.github_repositories as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(error_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.error_logs;
create policy "Pending accounts get nothing" on public.error_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(user_activity_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.user_activity_logs;
create policy "Pending accounts get nothing" on public.user_activity_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(agent_activity_logs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.agent_activity_logs;
create policy "Pending accounts get nothing" on public.agent_activity_logs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Context): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Context";
create policy "Pending accounts get nothing" on public."Context" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Message): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Message";
create policy "Pending accounts get nothing" on public."Message" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Action): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Action";
create policy "Pending accounts get nothing" on public."Action" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(Preview): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public."Preview";
create policy "Pending accounts get nothing" on public."Preview" as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(sessions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.sessions;
create policy "Pending accounts get nothing" on public.sessions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(session_revisions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.session_revisions;
create policy "Pending accounts get nothing" on public.session_revisions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(session_drafts): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.session_drafts;
create policy "Pending accounts get nothing" on public.session_drafts as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(hole_resolutions): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.hole_resolutions;
create policy "Pending accounts get nothing" on public.hole_resolutions as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(projects): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.projects;
create policy "Pending accounts get nothing" on public.projects as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(data_records): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.data_records;
create policy "Pending accounts get nothing" on public.data_records as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(ingest_jobs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.ingest_jobs;
create policy "Pending accounts get nothing" on public.ingest_jobs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(analytics_jobs): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.analytics_jobs;
create policy "Pending accounts get nothing" on public.analytics_jobs as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(system_settings): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.system_settings;
create policy "Pending accounts get nothing" on public.system_settings as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(bonus_windows): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.bonus_windows;
create policy "Pending accounts get nothing" on public.bonus_windows as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');
-- ALL(likert_scores): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.likert_scores;
create policy "Pending accounts get nothing" on public.likert_scores as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

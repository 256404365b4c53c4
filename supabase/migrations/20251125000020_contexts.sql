-- =============================================================================
-- Context builder (seed 002)
-- =============================================================================
-- -----------------------------------------------------------------------------
-- Seed 002: context builder (Prisma models; ids are text, "userId" is the profile id)
-- -----------------------------------------------------------------------------
create table if not exists public."Context" (
  id text primary key default gen_random_uuid()::text,
  "userId" uuid not null references public.profiles (id) on delete cascade,
  status text not null check (status in ('setup', 'active', 'completed')),
  flow jsonb not null,
  config jsonb not null,
  metadata jsonb,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public."Message" (
  id text primary key default gen_random_uuid()::text,
  "contextId" text not null references public."Context" (id) on delete cascade,
  role text not null check (role in ('user', 'assistant', 'system')),
  content text not null,
  metadata jsonb,
  "createdAt" timestamptz not null default now()
);

create table if not exists public."Action" (
  id text primary key default gen_random_uuid()::text,
  "contextId" text not null references public."Context" (id) on delete cascade,
  type text not null,
  payload jsonb not null,
  status text not null check (status in ('pending', 'running', 'completed', 'failed')),
  result jsonb,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

create table if not exists public."Preview" (
  id text primary key default gen_random_uuid()::text,
  "contextId" text not null references public."Context" (id) on delete cascade,
  url text,
  "deploymentId" text,
  status text not null check (status in ('generating', 'live', 'error')),
  metadata jsonb,
  "createdAt" timestamptz not null default now(),
  "updatedAt" timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- seed 002 (Prisma's index names)
-- -----------------------------------------------------------------------------
create index if not exists "Context_userId_idx" on public."Context" ("userId");
create index if not exists "Message_contextId_idx" on public."Message" ("contextId");
create index if not exists "Action_contextId_idx" on public."Action" ("contextId");
create index if not exists "Preview_contextId_idx" on public."Preview" ("contextId");

-- A user's contexts, most recently updated first.
create index if not exists idx_context_user_updated on public."Context" ("userId", "updatedAt" desc, id desc);

-- -----------------------------------------------------------------------------
-- seed 002: "updatedAt"
-- -----------------------------------------------------------------------------
create or replace trigger context_updated_at before update on public."Context"
  for each row execute function public.update_updated_at_camel();

create or replace trigger action_updated_at before update on public."Action"
  for each row execute function public.update_updated_at_camel();

create or replace trigger preview_updated_at before update on public."Preview"
  for each row execute function public.update_updated_at_camel();

alter table public."Context" enable row level security;
alter table public."Message" enable row level security;
alter table public."Action" enable row level security;
alter table public."Preview" enable row level security;

-- -----------------------------------------------------------------------------
-- Who may read and who may write a context (and its messages, actions and previews): the one
-- definition of each rule (see chat_read_rule for why they take the viewer as arguments and how
-- the planner inlines them).
--   read:  its owner, or an admin
--   write: its owner
-- -----------------------------------------------------------------------------
create or replace function public.context_read_rule(p_owner uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

create or replace function public.context_write_rule(p_owner uuid, p_viewer uuid)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer
$$;

-- -----------------------------------------------------------------------------
-- seed 002: contexts and what hangs off them
-- -----------------------------------------------------------------------------
-- SELECT(Context): its owner or an admin
drop policy if exists "Owners and admins can read contexts" on public."Context";
create policy "Owners and admins can read contexts" on public."Context" for select to authenticated
  using (public.context_read_rule("userId", (select auth.uid()), (select public.is_current_user_admin())));

-- INSERT(Context): Users can create own contexts
drop policy if exists "Users can create own contexts" on public."Context";
create policy "Users can create own contexts" on public."Context" for insert to authenticated
  with check (public.context_write_rule("userId", (select auth.uid())));

-- UPDATE(Context): Users can update own contexts
drop policy if exists "Users can update own contexts" on public."Context";
create policy "Users can update own contexts" on public."Context" for update to authenticated
  using (public.context_write_rule("userId", (select auth.uid())))
  with check (public.context_write_rule("userId", (select auth.uid())));

-- DELETE(Context): Users can delete own contexts
drop policy if exists "Users can delete own contexts" on public."Context";
create policy "Users can delete own contexts" on public."Context" for delete to authenticated
  using (public.context_write_rule("userId", (select auth.uid())));

-- SELECT(Message): whoever may read the context
drop policy if exists "Readers of a context can read its messages" on public."Message";
create policy "Readers of a context can read its messages" on public."Message" for select to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_read_rule(x."userId", (select auth.uid()), (select public.is_current_user_admin()))));

-- INSERT(Message): Users can create context messages in own contexts
drop policy if exists "Users can create context messages in own contexts" on public."Message";
create policy "Users can create context messages in own contexts" on public."Message" for insert to authenticated
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- UPDATE(Message): Users can update context messages in own contexts
drop policy if exists "Users can update context messages in own contexts" on public."Message";
create policy "Users can update context messages in own contexts" on public."Message" for update to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))))
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- DELETE(Message): Users can delete context messages in own contexts
drop policy if exists "Users can delete context messages in own contexts" on public."Message";
create policy "Users can delete context messages in own contexts" on public."Message" for delete to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- SELECT(Action): whoever may read the context
drop policy if exists "Readers of a context can read its actions" on public."Action";
create policy "Readers of a context can read its actions" on public."Action" for select to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_read_rule(x."userId", (select auth.uid()), (select public.is_current_user_admin()))));

-- INSERT(Action): Users can create context actions in own contexts
drop policy if exists "Users can create context actions in own contexts" on public."Action";
create policy "Users can create context actions in own contexts" on public."Action" for insert to authenticated
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- UPDATE(Action): Users can update context actions in own contexts
drop policy if exists "Users can update context actions in own contexts" on public."Action";
create policy "Users can update context actions in own contexts" on public."Action" for update to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))))
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- DELETE(Action): Users can delete context actions in own contexts
drop policy if exists "Users can delete context actions in own contexts" on public."Action";
create policy "Users can delete context actions in own contexts" on public."Action" for delete to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- SELECT(Preview): whoever may read the context
drop policy if exists "Readers of a context can read its previews" on public."Preview";
create policy "Readers of a context can read its previews" on public."Preview" for select to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_read_rule(x."userId", (select auth.uid()), (select public.is_current_user_admin()))));

-- INSERT(Preview): Users can create context previews in own contexts
drop policy if exists "Users can create context previews in own contexts" on public."Preview";
create policy "Users can create context previews in own contexts" on public."Preview" for insert to authenticated
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- UPDATE(Preview): Users can update context previews in own contexts
drop policy if exists "Users can update context previews in own contexts" on public."Preview";
create policy "Users can update context previews in own contexts" on public."Preview" for update to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))))
  with check (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

-- DELETE(Preview): Users can delete context previews in own contexts
drop policy if exists "Users can delete context previews in own contexts" on public."Preview";
create policy "Users can delete context previews in own contexts" on public."Preview" for delete to authenticated
  using (exists (select 1 from public."Context" x where x.id = "contextId" and public.context_write_rule(x."userId", (select auth.uid()))));

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

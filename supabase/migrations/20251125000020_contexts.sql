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

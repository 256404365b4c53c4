-- =============================================================================
-- Chats, messages, votes, documents, suggestions, streams, GitHub repositories (seed 001)
-- =============================================================================
-- -----------------------------------------------------------------------------
-- Seed 001: chat app core tables. user_id columns are validated by trigger against
-- auth.users (validate_user_id) and cleaned up by handle_auth_user_deletion, as documented.
-- -----------------------------------------------------------------------------
create table if not exists public."Chat" (
  id uuid primary key default gen_random_uuid(),
  "createdAt" timestamptz not null default now(),
  title text not null,
  user_id uuid not null,
  visibility varchar(10) not null default 'private' check (visibility in ('public', 'private')),
  "lastContext" jsonb,
  total_input_tokens integer not null default 0,
  total_output_tokens integer not null default 0,
  total_cost numeric(10, 6) not null default 0,
  updated_at timestamptz not null default now()
);

create table if not exists public."Message_v2" (
  id uuid primary key default gen_random_uuid(),
  "chatId" uuid not null references public."Chat" (id) on delete cascade,
  role varchar(20) not null check (role in ('user', 'assistant', 'system')),
  parts json not null,
  attachments json not null default '[]'::json,
  "createdAt" timestamptz not null default now(),
  model_used varchar(100),
  input_tokens integer,
  output_tokens integer,
  cost numeric(10, 6)
);

create table if not exists public."Vote_v2" (
  "chatId" uuid not null references public."Chat" (id) on delete cascade,
  "messageId" uuid not null references public."Message_v2" (id) on delete cascade,
  "isUpvoted" boolean not null,
  primary key ("chatId", "messageId")
);

-- Versions of one document share `id`; the primary key is (id, "createdAt") as documented.
-- `version_id` (not in the seed) names one version, so that `parent_version_id` can be a real
-- foreign key and the version tree survives restores and branches.
create table if not exists public."Document" (
  id uuid not null default gen_random_uuid(),
  "createdAt" timestamptz not null default now(),
  title text not null,
  content text,
  kind varchar(20) not null default 'text' check (kind in ('text', 'python code', 'mermaid code', 'sheet')),
  user_id uuid not null,
  chat_id uuid references public."Chat" (id) on delete cascade,
  version_id uuid not null default gen_random_uuid() unique,
  parent_version_id uuid references public."Document" (version_id) on delete set null,
  version_number integer not null default 1 check (version_number > 0),
  metadata jsonb not null default '{}'::jsonb,
  primary key (id, "createdAt"),
  constraint "Document_id_version_number_key" unique (id, version_number)
);

create table if not exists public."Suggestion" (
  id uuid primary key default gen_random_uuid(),
  "documentId" uuid not null,
  "documentCreatedAt" timestamptz not null,
  "originalText" text not null,
  "suggestedText" text not null,
  description text,
  "isResolved" boolean not null default false,
  user_id uuid not null,
  "createdAt" timestamptz not null default now(),
  foreign key ("documentId", "documentCreatedAt") references public."Document" (id, "createdAt") on delete cascade
);

create table if not exists public."Stream" (
  id uuid primary key default gen_random_uuid(),
  "chatId" uuid not null references public."Chat" (id) on delete cascade,
  "createdAt" timestamptz not null default now()
);

create table if not exists public.github_repositories (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  repo_owner varchar(100) not null,
  repo_name varchar(100) not null,
  repo_url text,
  default_branch varchar(100) default 'main',
  is_active boolean not null default true,
  last_accessed timestamptz,
  created_at timestamptz not null default now()
);

-- -----------------------------------------------------------------------------
-- Browsing chats:
--   * chat search: full-text over titles and message text, trigram over titles (substring
--     search such as "dash" finding "Dashboard"); a search covers every chat of the viewer,
--     not only the loaded page.
--   * keyset pages of a user's chats by updated / title / cost, as cheap at page 5,000 as at
--     page 1 (created already has idx_chat_user_created).
--   * a chat's messages paged by ("createdAt", id): a 5,000-message chat reads one page.
-- -----------------------------------------------------------------------------

-- -----------------------------------------------------------------------------
-- public.message_text(parts): the searchable text of a Message_v2 row. `parts` is the AI SDK
-- list of typed parts (seed 001); only text parts are prose (tool calls and results are JSON
-- and would flood the index with keys). Immutable, so it can back an expression index; a
-- malformed `parts` (not an array) has no text rather than failing the insert.
-- -----------------------------------------------------------------------------
create or replace function public.message_text(parts json)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(string_agg(p ->> 'text', E'\n'), '')
  from pg_catalog.json_array_elements(
         case when pg_catalog.json_typeof(parts) = 'array' then parts else '[]'::json end) as p
  where p ->> 'type' in ('text', 'reasoning')
$$;
comment on function public.message_text(json) is
  'Searchable text of a Message_v2 parts list (text and reasoning parts). Backs idx_message_fts.';

-- -----------------------------------------------------------------------------
-- Who may read and who may write a chat: the one definition of each rule.
--   read:  its owner, or an admin
--   write: its owner (the chat, and its messages, votes and streams)
-- chat_read_rule / chat_write_rule test a chat's owner against the viewer. They are plain SQL
-- expressions (IMMUTABLE, not SECURITY DEFINER, no SET clause), so the planner inlines them into
-- the policies on "Chat": with the viewer passed as `(select auth.uid())` and
-- `(select public.is_current_user_admin())`, init plans computed once per query, the policy
-- reads `user_id = $1 or $2` as if written by hand, and the chats list keeps its index scans
-- (tests/db/access-rules.test.ts checks the plan). Operators are schema-qualified because an
-- inlinable function cannot pin its search_path.
--
-- can_read_chat(id) / can_write_chat(id) apply the same rules to a chat id: for the policies of
-- the tables that hang off a chat, and for SECURITY DEFINER functions, which bypass RLS and must
-- ask. They are SECURITY DEFINER themselves, so they find the chat whatever the caller may read
-- and reveal only the answer: one primary-key lookup per row. The documented form
--   exists (select 1 from "Chat" c where c.id = "chatId" and c.user_id = (select auth.uid()))
-- lets the planner build a hash of ALL the viewer's chats for every query on Message_v2 or
-- Vote_v2 (measured: a 100,000-chat user paid a full scan of their chats to read 50 messages);
-- a SECURITY DEFINER function is never inlined into that hash.
-- -----------------------------------------------------------------------------
create or replace function public.chat_read_rule(p_owner uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

create or replace function public.chat_write_rule(p_owner uuid, p_viewer uuid)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer
$$;

create or replace function public.can_read_chat(p_chat_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public."Chat" c
                  where c.id = p_chat_id
                    and public.chat_read_rule(c.user_id, (select auth.uid()), (select public.is_current_user_admin())))
$$;
revoke all on function public.can_read_chat(uuid) from public, anon;
grant execute on function public.can_read_chat(uuid) to authenticated;

create or replace function public.can_write_chat(p_chat_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public."Chat" c
                  where c.id = p_chat_id
                    and public.chat_write_rule(c.user_id, (select auth.uid())))
$$;
revoke all on function public.can_write_chat(uuid) from public, anon;
grant execute on function public.can_write_chat(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- Who may read and who may write a document (every version of it): the one definition of each
-- rule, as for chats above.
--   read:  its owner, or an admin
--   write: its owner (the document, and suggestions on it)
-- can_write_document(id, "createdAt") applies the write rule to one version, for the policies
-- on "Suggestion" (a suggestion is made on a document its author may write).
-- -----------------------------------------------------------------------------
create or replace function public.document_read_rule(p_owner uuid, p_viewer uuid, p_viewer_is_admin boolean)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer or p_viewer_is_admin
$$;

create or replace function public.document_write_rule(p_owner uuid, p_viewer uuid)
returns boolean
language sql
immutable
parallel safe
as $$
  select p_owner operator(pg_catalog.=) p_viewer
$$;

create or replace function public.can_write_document(p_document_id uuid, p_created_at timestamptz)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public."Document" d
                  where d.id = p_document_id and d."createdAt" = p_created_at
                    and public.document_write_rule(d.user_id, (select auth.uid())))
$$;
revoke all on function public.can_write_document(uuid, timestamptz) from public, anon;
grant execute on function public.can_write_document(uuid, timestamptz) to authenticated;

-- -----------------------------------------------------------------------------
-- public.chat_message_stats(chat_id): a chat's totals over all its messages and votes, for
-- someone who may read the chat (can_read_chat), and no row for anyone else. One index-only aggregate instead of an RLS check per
-- message: a 5,000-message chat costs a few milliseconds, not one lookup per message.
-- -----------------------------------------------------------------------------
create or replace function public.chat_message_stats(chat_id uuid)
returns table (messages integer, user_messages integer, assistant_messages integer, input_tokens bigint,
               output_tokens bigint, cost numeric, upvotes integer, downvotes integer)
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::int,
         count(*) filter (where m.role = 'user')::int,
         count(*) filter (where m.role = 'assistant')::int,
         coalesce(sum(m.input_tokens), 0)::bigint,
         coalesce(sum(m.output_tokens), 0)::bigint,
         coalesce(sum(m.cost), 0)::numeric,
         (select count(*)::int from public."Vote_v2" v where v."chatId" = chat_id and v."isUpvoted"),
         (select count(*)::int from public."Vote_v2" v where v."chatId" = chat_id and not v."isUpvoted")
    from public."Message_v2" m
   where m."chatId" = chat_id
     and public.can_read_chat(chat_id)
  having public.can_read_chat(chat_id)
$$;
revoke all on function public.chat_message_stats(uuid) from public;
grant execute on function public.chat_message_stats(uuid) to authenticated;

-- public.chat_message_count(chat_id): the number of messages of a chat the caller may read
-- (can_read_chat), else null. The chats list shows it per row.
create or replace function public.chat_message_count(chat_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select case when public.can_read_chat(chat_id)
              then (select count(*)::int from public."Message_v2" m where m."chatId" = chat_id) end
$$;
revoke all on function public.chat_message_count(uuid) from public;
grant execute on function public.chat_message_count(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- public.search_own_chat_ids(q): ids of the caller's chats whose title or message text match
-- the search. Under RLS, Postgres may not evaluate a non-leakproof condition (`@@`, ILIKE)
-- before the policies, so the full-text and trigram indexes above could not be used by a query
-- running as the user (measured: seconds for a user with 40,000 messages). This function runs
-- the indexed search as its owner and keeps only chats whose user_id is the caller: it returns
-- exactly what the caller could find by reading their own rows.
-- -----------------------------------------------------------------------------
create or replace function public.search_own_chat_ids(q text)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select t.id from public."Chat" t
   where public.chat_write_rule(t.user_id, (select auth.uid()))
     and (t.title ilike '%' || replace(replace(replace(q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
          or to_tsvector('english'::regconfig, t.title) @@ pg_catalog.websearch_to_tsquery('english'::regconfig, q))
  union
  select m."chatId" from public."Message_v2" m
    join public."Chat" c on c.id = m."chatId" and public.chat_write_rule(c.user_id, (select auth.uid()))
   where to_tsvector('english'::regconfig, public.message_text(m.parts)) @@ pg_catalog.websearch_to_tsquery('english'::regconfig, q)
$$;
revoke all on function public.search_own_chat_ids(text) from public;
grant execute on function public.search_own_chat_ids(text) to authenticated;

-- -----------------------------------------------------------------------------
-- seed 001: core
-- -----------------------------------------------------------------------------
create index if not exists idx_chat_user_id on public."Chat" (user_id);
create index if not exists idx_chat_user_created on public."Chat" (user_id, "createdAt" desc, id desc);
create index if not exists idx_message_chat on public."Message_v2" ("chatId", "createdAt");
create index if not exists idx_vote_message on public."Vote_v2" ("messageId");
create index if not exists idx_document_user_id on public."Document" (user_id);
create index if not exists idx_document_user on public."Document" (user_id, "createdAt" desc);
create index if not exists idx_document_versions on public."Document" (id, version_number desc);
create index if not exists idx_document_chat on public."Document" (chat_id);
create index if not exists idx_document_parent on public."Document" (parent_version_id);
create index if not exists idx_document_kind on public."Document" (kind);
create index if not exists idx_suggestion_user_id on public."Suggestion" (user_id);
create index if not exists idx_suggestion_document on public."Suggestion" ("documentId", "documentCreatedAt");
create index if not exists idx_stream_chat on public."Stream" ("chatId");
create index if not exists idx_github_repos_user_id on public.github_repositories (user_id);
create index if not exists idx_github_repos_user on public.github_repositories (user_id, is_active);
create index if not exists idx_github_repos_user_active
  on public.github_repositories (user_id, last_accessed desc) where is_active = true;

-- GIN full-text index on message text; queries must use the same expression:
--   to_tsvector('english'::regconfig, public.message_text(parts)) @@ websearch_to_tsquery('english', $q)
create index if not exists idx_message_fts
  on public."Message_v2" using gin (to_tsvector('english'::regconfig, public.message_text(parts)));

-- Titles: full-text (words, stems) and trigram (substrings, ILIKE '%..%').
create index if not exists idx_chat_title_fts
  on public."Chat" using gin (to_tsvector('english'::regconfig, title));
create index if not exists idx_chat_title_trgm
  on public."Chat" using gin (title extensions.gin_trgm_ops);

-- Keyset pages of one user's chats (docs/style.md#keyset-pagination): (user_id, sort column, id).
create index if not exists idx_chat_user_updated on public."Chat" (user_id, updated_at desc, id desc);
create index if not exists idx_chat_user_title on public."Chat" (user_id, title, id);

-- Cost in whole micro-dollars (exact for numeric(10,6)): int8 comparisons are leakproof, numeric
-- ones are not, and under RLS only leakproof conditions can start an index scan at the cursor.
create index if not exists idx_chat_user_cost_micros on public."Chat" (user_id, ((total_cost * 1000000)::bigint), id);

-- Pages of one chat's messages in conversation order, ties broken by id.
create index if not exists idx_message_chat_created_id on public."Message_v2" ("chatId", "createdAt", id);

-- Suggestions of one document across its versions (the document page lists them all).
create index if not exists idx_suggestion_document_id on public."Suggestion" ("documentId", "createdAt");

-- -----------------------------------------------------------------------------
-- seed 001: user id validation
-- -----------------------------------------------------------------------------
create or replace trigger validate_chat_user_id
  before insert or update of user_id on public."Chat"
  for each row execute function public.validate_user_id();

create or replace trigger validate_document_user_id
  before insert or update of user_id on public."Document"
  for each row execute function public.validate_user_id();

create or replace trigger validate_suggestion_user_id
  before insert or update of user_id on public."Suggestion"
  for each row execute function public.validate_user_id();

create or replace trigger validate_github_repos_user_id
  before insert or update of user_id on public.github_repositories
  for each row execute function public.validate_user_id();

-- -----------------------------------------------------------------------------
-- seed 001: timestamps and config rules
-- -----------------------------------------------------------------------------
create or replace trigger trigger_chat_updated_at
  before update on public."Chat"
  for each row execute function public.update_updated_at_column();

alter table public."Chat" enable row level security;
alter table public."Message_v2" enable row level security;
alter table public."Vote_v2" enable row level security;
alter table public."Document" enable row level security;
alter table public."Suggestion" enable row level security;
alter table public."Stream" enable row level security;
alter table public.github_repositories enable row level security;

-- -----------------------------------------------------------------------------
-- seed 001: chats and what hangs off them, by the rules above. Seed 001's two SELECT policies
-- per table ("Users can read own ...", "Admins can read all ...") are one each here, named for
-- the rule they apply.
-- -----------------------------------------------------------------------------
-- SELECT(Chat): its owner or an admin
drop policy if exists "Owners and admins can read chats" on public."Chat";
create policy "Owners and admins can read chats" on public."Chat" for select to authenticated
  using (public.chat_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- INSERT(Chat): Users can create own chats
drop policy if exists "Users can create own chats" on public."Chat";
create policy "Users can create own chats" on public."Chat" for insert to authenticated
  with check (public.chat_write_rule(user_id, (select auth.uid())));

-- UPDATE(Chat): Users can update own chats
drop policy if exists "Users can update own chats" on public."Chat";
create policy "Users can update own chats" on public."Chat" for update to authenticated
  using (public.chat_write_rule(user_id, (select auth.uid())))
  with check (public.chat_write_rule(user_id, (select auth.uid())));

-- DELETE(Chat): Users can delete own chats
drop policy if exists "Users can delete own chats" on public."Chat";
create policy "Users can delete own chats" on public."Chat" for delete to authenticated
  using (public.chat_write_rule(user_id, (select auth.uid())));

-- INSERT(Message_v2): Users can create messages in own chats
drop policy if exists "Users can create messages in own chats" on public."Message_v2";
create policy "Users can create messages in own chats" on public."Message_v2" for insert to authenticated
  with check (public.can_write_chat("chatId"));

-- SELECT(Message_v2): whoever may read the chat
drop policy if exists "Readers of a chat can read its messages" on public."Message_v2";
create policy "Readers of a chat can read its messages" on public."Message_v2" for select to authenticated
  using (public.can_read_chat("chatId"));

-- SELECT(Vote_v2): whoever may read the chat
drop policy if exists "Readers of a chat can read its votes" on public."Vote_v2";
create policy "Readers of a chat can read its votes" on public."Vote_v2" for select to authenticated
  using (public.can_read_chat("chatId"));

-- SELECT(Document): its owner or an admin
drop policy if exists "Owners and admins can read documents" on public."Document";
create policy "Owners and admins can read documents" on public."Document" for select to authenticated
  using (public.document_read_rule(user_id, (select auth.uid()), (select public.is_current_user_admin())));

-- INSERT(Document): Users can create own documents
drop policy if exists "Users can create own documents" on public."Document";
create policy "Users can create own documents" on public."Document" for insert to authenticated
  with check (public.document_write_rule(user_id, (select auth.uid())));

-- UPDATE(Document): Users can update own documents
drop policy if exists "Users can update own documents" on public."Document";
create policy "Users can update own documents" on public."Document" for update to authenticated
  using (public.document_write_rule(user_id, (select auth.uid())))
  with check (public.document_write_rule(user_id, (select auth.uid())));

-- DELETE(Document): Users can delete own documents
drop policy if exists "Users can delete own documents" on public."Document";
create policy "Users can delete own documents" on public."Document" for delete to authenticated
  using (public.document_write_rule(user_id, (select auth.uid())));

-- SELECT(Suggestion): Users can read own suggestions
drop policy if exists "Users can read own suggestions" on public."Suggestion";
create policy "Users can read own suggestions" on public."Suggestion" for select to authenticated
  using ((select auth.uid()) = user_id);

-- INSERT(Suggestion): users create suggestions in their own name, on their own documents
drop policy if exists "Users can create own suggestions" on public."Suggestion";
create policy "Users can create own suggestions" on public."Suggestion" for insert to authenticated
  with check ((select auth.uid()) = user_id and public.can_write_document("documentId", "documentCreatedAt"));

-- UPDATE(Suggestion): Users can update own suggestions
drop policy if exists "Users can update own suggestions" on public."Suggestion";
create policy "Users can update own suggestions" on public."Suggestion" for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id and public.can_write_document("documentId", "documentCreatedAt"));

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
  using (public.can_write_chat("chatId"))
  with check (public.can_write_chat("chatId"));

-- SELECT(Stream): whoever may read the chat
drop policy if exists "Readers of a chat can read its streams" on public."Stream";
create policy "Readers of a chat can read its streams" on public."Stream" for select to authenticated
  using (public.can_read_chat("chatId"));

-- ALL(github_repositories): Users can manage own repositories
drop policy if exists "Users can manage own repositories" on public.github_repositories;
create policy "Users can manage own repositories" on public.github_repositories for all to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

-- SELECT(github_repositories): Admins can read all repositories
drop policy if exists "Admins can read all repositories" on public.github_repositories;
create policy "Admins can read all repositories" on public.github_repositories for select to authenticated
  using ((select public.is_current_user_admin()));

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

-- ALL(github_repositories): nothing for accounts waiting for approval
drop policy if exists "Pending accounts get nothing" on public.github_repositories;
create policy "Pending accounts get nothing" on public.github_repositories as restrictive for all to authenticated
  using ((select public.get_user_role()) is distinct from 'pending')
  with check ((select public.get_user_role()) is distinct from 'pending');

-- ALL(Vote_v2): Users can vote on messages in own chats
drop policy if exists "Users can vote on messages in own chats" on public."Vote_v2";
create policy "Users can vote on messages in own chats" on public."Vote_v2" for all to authenticated
  using (public.can_write_chat("chatId"))
  with check (public.can_write_chat("chatId"));

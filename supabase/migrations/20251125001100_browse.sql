-- =============================================================================
-- Browsing chats, documents, sessions, directives and contexts (issue 7).
--   * chat search: full-text over titles and message text, trigram over titles (substring
--     search such as "dash" finding "Dashboard"); a search covers every chat of the viewer,
--     not only the loaded page.
--   * keyset pages of a user's chats by updated / title / cost, as cheap at page 5,000 as at
--     page 1 (created already has idx_chat_user_created).
--   * a chat's messages paged by ("createdAt", id): a 5,000-message chat reads one page.
-- Idempotent: every statement can run again.
-- =============================================================================

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

-- GIN full-text index on message text; queries must use the same expression:
--   to_tsvector('english'::regconfig, public.message_text(parts)) @@ websearch_to_tsquery('english', $q)
create index if not exists idx_message_fts
  on public."Message_v2" using gin (to_tsvector('english'::regconfig, public.message_text(parts)));

-- Titles: full-text (words, stems) and trigram (substrings, ILIKE '%..%').
create index if not exists idx_chat_title_fts
  on public."Chat" using gin (to_tsvector('english'::regconfig, title));
create index if not exists idx_chat_title_trgm
  on public."Chat" using gin (title extensions.gin_trgm_ops);

-- Keyset pages of one user's chats (STYLE.md 8): (user_id, sort column, id).
create index if not exists idx_chat_user_updated on public."Chat" (user_id, updated_at desc, id desc);
create index if not exists idx_chat_user_title on public."Chat" (user_id, title, id);
-- Cost in whole micro-dollars (exact for numeric(10,6)): int8 comparisons are leakproof, numeric
-- ones are not, and under RLS only leakproof conditions can start an index scan at the cursor.
create index if not exists idx_chat_user_cost_micros on public."Chat" (user_id, ((total_cost * 1000000)::bigint), id);

-- Pages of one chat's messages in conversation order, ties broken by id.
create index if not exists idx_message_chat_created_id on public."Message_v2" ("chatId", "createdAt", id);

-- Suggestions of one document across its versions (the document page lists them all).
create index if not exists idx_suggestion_document_id on public."Suggestion" ("documentId", "createdAt");

-- Session pages: the viewer's sessions newest first, keyset on (created_at, id).
create index if not exists idx_sessions_user_created on public.sessions (user_id, created_at desc, id desc);

-- A directive's runs, newest first (the directive page).
create index if not exists idx_runs_directive_created on public.runs (directive_name, created_at desc);

-- A user's contexts, most recently updated first.
create index if not exists idx_context_user_updated on public."Context" ("userId", "updatedAt" desc, id desc);

-- -----------------------------------------------------------------------------
-- Faster ownership checks on a chat's messages and votes (same meaning as the policies of
-- 20251125000600_rls.sql, which these replace). The documented form
--   exists (select 1 from "Chat" c where c.id = "chatId" and c.user_id = (select auth.uid()))
-- lets the planner build a hash of ALL the viewer's chats for every query on Message_v2 or
-- Vote_v2 (measured: a 100,000-chat user paid a full scan of their chats to read 50 messages).
-- public.owns_chat() is one primary-key lookup per row instead, and cannot be turned into that
-- hash (SECURITY DEFINER functions are not inlined). It reveals only whether the caller owns
-- the given chat.
-- -----------------------------------------------------------------------------
create or replace function public.owns_chat(chat_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public."Chat" c where c.id = chat_id and c.user_id = (select auth.uid()))
$$;
revoke all on function public.owns_chat(uuid) from public;
grant execute on function public.owns_chat(uuid) to authenticated;

-- SELECT(Message_v2): message belongs to the user's chat
drop policy if exists "Users can read own messages" on public."Message_v2";
create policy "Users can read own messages" on public."Message_v2" for select to authenticated
  using (public.owns_chat("chatId"));
-- ALL(Vote_v2): Users can vote on messages in own chats
drop policy if exists "Users can vote on messages in own chats" on public."Vote_v2";
create policy "Users can vote on messages in own chats" on public."Vote_v2" for all to authenticated
  using (public.owns_chat("chatId"))
  with check (public.owns_chat("chatId"));

-- -----------------------------------------------------------------------------
-- public.chat_message_stats(chat_id): a chat's totals over all its messages and votes, for
-- someone who may read the chat (its owner, or an admin: the rule of the SELECT policies on
-- "Chat"), and no row for anyone else. One index-only aggregate instead of an RLS check per
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
     and exists (select 1 from public."Chat" c
                  where c.id = chat_id
                    and (c.user_id = (select auth.uid()) or (select public.is_current_user_admin())))
  having exists (select 1 from public."Chat" c
                  where c.id = chat_id
                    and (c.user_id = (select auth.uid()) or (select public.is_current_user_admin())))
$$;
revoke all on function public.chat_message_stats(uuid) from public;
grant execute on function public.chat_message_stats(uuid) to authenticated;

-- public.chat_message_count(chat_id): the number of messages of a chat the caller may read
-- (owner or admin), else null. The chats list shows it per row.
create or replace function public.chat_message_count(chat_id uuid)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select case when exists (select 1 from public."Chat" c
                            where c.id = chat_id
                              and (c.user_id = (select auth.uid()) or (select public.is_current_user_admin())))
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
   where t.user_id = (select auth.uid())
     and (t.title ilike '%' || replace(replace(replace(q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
          or to_tsvector('english'::regconfig, t.title) @@ pg_catalog.websearch_to_tsquery('english'::regconfig, q))
  union
  select m."chatId" from public."Message_v2" m
    join public."Chat" c on c.id = m."chatId" and c.user_id = (select auth.uid())
   where to_tsvector('english'::regconfig, public.message_text(m.parts)) @@ pg_catalog.websearch_to_tsquery('english'::regconfig, q)
$$;
revoke all on function public.search_own_chat_ids(text) from public;
grant execute on function public.search_own_chat_ids(text) to authenticated;

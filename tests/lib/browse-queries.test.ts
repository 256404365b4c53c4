/**
 * The browse pages' queries and writes (issue 7) on the real schema, through the app's own path
 * (authenticator login + runAs): chat search over titles and message text, keyset pages over
 * ties, RLS hiding other people's chats, votes only by the owner, restore as a new version,
 * suggestions resolved only by the owner, the session / directive / context reads.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs } from "@/lib/db/run-as";
import { deleteChat, renameChat, setVote } from "@/lib/db/mutations/chats";
import { resolveSuggestion, restoreVersion } from "@/lib/db/mutations/documents";
import { getChat, getChatTotals, listChats, listMessages } from "@/lib/db/queries/chats";
import { listContexts, getContext } from "@/lib/db/queries/contexts";
import { listLockfiles, listDirectives, listRuns } from "@/lib/db/queries/directives";
import { getDocumentVersions, listDocuments, listSuggestions } from "@/lib/db/queries/documents";
import { getDraftStats, getSession, listDrafts, listRevisions, listSessions, listSessionActivity } from "@/lib/db/queries/sessions";
import { compareSemver, isBehind } from "@/lib/semver";
import { contextsTableParams, directivesTableParams, sessionsTableParams } from "@/lib/validation/browse";
import { chatsTableParams } from "@/lib/validation/chats";
import { decodeCursor } from "@/lib/validation/data-table";
import { documentsTableParams } from "@/lib/validation/documents";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let alice: { id: string; email: string };
let bob: { id: string; email: string };
let admin: { id: string; email: string };
const as = <T>(who: { id: string; email: string }, fn: Parameters<typeof runAs<T>>[2]) => runAs(app.db, claimsFor(who), fn);

const CHATS = 23;
let bigChat: string;
let bobChat: string;
let answerId: string;
const DOC = "11111111-2222-4333-8444-555555555555";

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  alice = await createUser(db.admin, { email: "alice-browse@example.test", role: "USER" });
  bob = await createUser(db.admin, { email: "bob-browse@example.test", role: "USER" });
  admin = await createUser(db.admin, { email: "admin-browse@example.test", role: "ADMIN" });
  // Alice: 23 chats, all updated at the same instant (ties only the id can break).
  await db.admin`
    insert into public."Chat" (id, title, user_id, visibility, updated_at, "createdAt")
    select gen_random_uuid(), 'Chat number ' || i, ${alice.id}, case when i % 5 = 0 then 'public' else 'private' end,
           '2025-06-01T12:00:00.123456Z', '2025-06-01T10:00:00Z'
    from generate_series(1, ${CHATS}) i`;
  bigChat = (await db.admin`select id from public."Chat" where title = 'Chat number 1'`)[0].id;
  // 120 messages in one chat; message 77 mentions a word no title has.
  await db.admin`
    insert into public."Message_v2" (id, "chatId", role, parts, "createdAt", model_used, input_tokens, output_tokens, cost)
    select gen_random_uuid(), ${bigChat}, case when i % 2 = 0 then 'assistant' else 'user' end,
           json_build_array(json_build_object('type', 'text', 'text',
             case when i = 77 then 'We should tune the kubernetes autoscaler' else 'message ' || i end)),
           '2025-06-01T11:00:00Z'::timestamptz + i * interval '1 second',
           case when i % 2 = 0 then 'gpt-4o' end, case when i % 2 = 0 then 100 end, case when i % 2 = 0 then 20 end,
           case when i % 2 = 0 then 0.001 end
    from generate_series(1, 120) i`;
  answerId = (await db.admin`select id from public."Message_v2" where parts::text like '%"message 2"%'`)[0].id;
  bobChat = (await db.admin`insert into public."Chat" (title, user_id) values ('Bob kubernetes notes', ${bob.id}) returning id`)[0].id;
  await db.admin`insert into public."Message_v2" ("chatId", role, parts) values (${bobChat}, 'assistant', '[{"type":"text","text":"kubernetes too"}]')`;

  // A document with two versions and a suggestion on the second.
  await db.admin`
    insert into public."Document" (id, "createdAt", title, content, kind, user_id, version_id, parent_version_id, version_number, metadata)
    values (${DOC}, '2025-06-01T10:00:00Z', 'Plan', 'line one', 'text', ${alice.id}, md5('v1')::uuid, null, 1, '{"updateType":"create"}'),
           (${DOC}, '2025-06-01T10:05:00Z', 'Plan', 'line one\nline two', 'text', ${alice.id}, md5('v2')::uuid, md5('v1')::uuid, 2, '{"updateType":"update"}')`;
  await db.admin`
    insert into public."Suggestion" (id, "documentId", "documentCreatedAt", "originalText", "suggestedText", user_id)
    values (md5('s1')::uuid, ${DOC}, '2025-06-01T10:05:00Z', 'line two', 'line 2', ${alice.id})`;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe("chats", () => {
  it("pages the viewer's chats by keyset over ties, without skipping or repeating", async () => {
    const seen: string[] = [];
    let params: Record<string, string> = { size: "5" };
    for (let n = 0; n < 10; n++) {
      const page = await as(alice, (tx) => listChats(tx, chatsTableParams.parse(params)));
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      params = { size: "5", after: page.nextCursor, page: String(n + 2) };
    }
    expect(seen).toHaveLength(CHATS);
    expect(new Set(seen).size).toBe(CHATS);
    // Backwards from the last page gives the page before it.
    const all = await as(alice, (tx) => listChats(tx, chatsTableParams.parse({ size: "100" })));
    expect(all.rows.map((r) => r.id)).toEqual(seen);
    expect(all.rows.find((r) => r.id === bigChat)?.messageCount).toBe(120);
  });

  it("searches titles (substring) and message text of every chat, only the viewer's", async () => {
    const byMessage = await as(alice, (tx) => listChats(tx, chatsTableParams.parse({ q: "kubernetes" })));
    expect(byMessage.rows.map((r) => r.id)).toEqual([bigChat]);
    const byTitle = await as(alice, (tx) => listChats(tx, chatsTableParams.parse({ q: "number 2", size: "100" })));
    expect(byTitle.rows.map((r) => r.title).sort()).toEqual(["Chat number 2", "Chat number 20", "Chat number 21", "Chat number 22", "Chat number 23"]);
    const bobs = await as(bob, (tx) => listChats(tx, chatsTableParams.parse({ q: "kubernetes" })));
    expect(bobs.rows.map((r) => r.id)).toEqual([bobChat]);
    // Admins see everyone's chats by RLS, but the list is their own.
    const admins = await as(admin, (tx) => listChats(tx, chatsTableParams.parse({ q: "kubernetes" })));
    expect(admins.rows).toEqual([]);
  });

  it("filters by visibility and date", async () => {
    const pub = await as(alice, (tx) => listChats(tx, chatsTableParams.parse({ visibility: "public", size: "100" })));
    expect(pub.rows).toHaveLength(4);
    expect(pub.rows.every((r) => r.visibility === "public")).toBe(true);
    const none = await as(alice, (tx) => listChats(tx, chatsTableParams.parse({ to: "2025-05-31" })));
    expect(none.rows).toEqual([]);
    const day = await as(alice, (tx) => listChats(tx, chatsTableParams.parse({ from: "2025-06-01", to: "2025-06-01", size: "100" })));
    expect(day.rows).toHaveLength(CHATS);
  });

  it("pages by cost and by title too, every chat once", async () => {
    await db.admin`update public."Chat" set total_cost = (abs(hashtext(id::text)) % 3) / 1000.0 where user_id = ${alice.id}`;
    for (const sort of ["cost.desc", "cost.asc", "title.asc", "created.desc"]) {
      const seen: string[] = [];
      let params: Record<string, string> = { size: "4", sort };
      for (let n = 0; n < 10; n++) {
        const page = await as(alice, (tx) => listChats(tx, chatsTableParams.parse(params)));
        seen.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        params = { size: "4", sort, after: page.nextCursor, page: String(n + 2) };
      }
      expect(new Set(seen).size, sort).toBe(CHATS);
      expect(seen, sort).toHaveLength(CHATS);
    }
  });

  it("hides another user's chat (404) and shows it read-only to an admin", async () => {
    expect(await as(alice, (tx) => getChat(tx, bobChat))).toBeNull();
    const seen = await as(admin, (tx) => getChat(tx, bobChat));
    expect(seen).toMatchObject({ id: bobChat, isOwner: false, ownerEmail: bob.email });
    expect(await as(admin, (tx) => renameChat(tx, bobChat, "hijacked"))).toBeNull();
    expect(await as(admin, (tx) => deleteChat(tx, bobChat))).toBeNull();
    expect((await db.admin`select title from public."Chat" where id = ${bobChat}`)[0].title).toBe("Bob kubernetes notes");
  });

  it("pages messages in order and totals the whole chat", async () => {
    const first = await as(alice, (tx) => listMessages(tx, bigChat, null, 50));
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].parts).toEqual([{ type: "text", text: "message 1" }]);
    const c = decodeCursor(first.nextCursor!)!;
    const second = await as(alice, (tx) => listMessages(tx, bigChat, { dir: "after", ...c }, 50));
    expect(second.rows[0].parts).toEqual([{ type: "text", text: "message 51" }]);
    const back = decodeCursor(second.prevCursor!)!;
    const again = await as(alice, (tx) => listMessages(tx, bigChat, { dir: "before", ...back }, 50));
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    const totals = await as(alice, (tx) => getChatTotals(tx, bigChat));
    expect(totals).toMatchObject({ messages: 120, assistantMessages: 60, inputTokens: 6000, outputTokens: 1200 });
    expect(Number(totals.cost)).toBeCloseTo(0.06, 6);
    // The totals function answers for the owner and admins only (the rule of Chat's policies).
    expect((await as(bob, (tx) => getChatTotals(tx, bigChat))).messages).toBe(0);
    expect((await as(admin, (tx) => getChatTotals(tx, bigChat))).messages).toBe(120);
    const [none] = await as(bob, (tx) => tx.execute(sql`select public.chat_message_count(${bigChat}) as n`)) as unknown as { n: number | null }[];
    expect(none.n).toBeNull();
  });

  it("lets only the owner vote, on answers only, and change or clear the vote", async () => {
    expect(await as(alice, (tx) => setVote(tx, { chatId: bigChat, messageId: answerId, vote: "up" }))).toBe("ok");
    expect(await as(alice, (tx) => setVote(tx, { chatId: bigChat, messageId: answerId, vote: "down" }))).toBe("ok");
    let v = await db.admin`select "isUpvoted" from public."Vote_v2" where "messageId" = ${answerId}`;
    expect(v).toEqual([{ isUpvoted: false }]);
    const userMsg = (await db.admin`select id from public."Message_v2" where parts::text like '%"message 1"%'`)[0].id;
    expect(await as(alice, (tx) => setVote(tx, { chatId: bigChat, messageId: userMsg, vote: "up" }))).toBe("no-message");
    expect(await as(admin, (tx) => setVote(tx, { chatId: bigChat, messageId: answerId, vote: "up" }))).toBe("not-owner");
    expect(await as(bob, (tx) => setVote(tx, { chatId: bigChat, messageId: answerId, vote: "up" }))).toBe("no-message");
    expect(await as(alice, (tx) => setVote(tx, { chatId: bigChat, messageId: answerId, vote: "none" }))).toBe("ok");
    v = await db.admin`select "isUpvoted" from public."Vote_v2" where "messageId" = ${answerId}`;
    expect(v).toEqual([]);
  });

  it("uses the full-text index for message search", async () => {
    const plan = await db.admin.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(`explain select 1 from public."Message_v2" m
        where to_tsvector('english'::regconfig, public.message_text(m.parts)) @@ websearch_to_tsquery('english', 'kubernetes')`);
    });
    expect(plan.map((r) => Object.values(r)[0]).join("\n")).toContain("idx_message_fts");
  });
});

describe("documents", () => {
  it("lists the latest version with its count, and every version of one document", async () => {
    const list = await as(alice, (tx) => listDocuments(tx, documentsTableParams.parse({})));
    expect(list.rows).toEqual([expect.objectContaining({ id: DOC, latestVersion: 2, versionCount: 2, title: "Plan" })]);
    expect(await as(bob, (tx) => getDocumentVersions(tx, DOC))).toEqual([]);
    const versions = await as(admin, (tx) => getDocumentVersions(tx, DOC));
    expect(versions.map((v) => v.versionNumber)).toEqual([1, 2]);
  });

  it("restores by writing a new version; refuses stale pages and other people", async () => {
    expect(await as(bob, (tx) => restoreVersion(tx, { documentId: DOC, versionNumber: 1, expectedLatest: 2 }))).toEqual({ kind: "missing" });
    expect(await as(admin, (tx) => restoreVersion(tx, { documentId: DOC, versionNumber: 1, expectedLatest: 2 }))).toEqual({ kind: "not-owner" });
    expect(await as(alice, (tx) => restoreVersion(tx, { documentId: DOC, versionNumber: 1, expectedLatest: 1 }))).toEqual({ kind: "stale", latest: 2 });
    expect(await as(alice, (tx) => restoreVersion(tx, { documentId: DOC, versionNumber: 1, expectedLatest: 2 }))).toEqual({ kind: "restored", versionNumber: 3 });
    const rows = await db.admin`select version_number, content, parent_version_id, metadata from public."Document" where id = ${DOC} order by version_number`;
    expect(rows.map((r) => r.content)).toEqual(["line one", "line one\nline two", "line one"]);
    expect(rows[2].parent_version_id).toBe((await db.admin`select md5('v2')::uuid as id`)[0].id);
    expect(rows[2].metadata).toMatchObject({ updateType: "restore", restoredFrom: 1 });
  });

  it("resolves a suggestion only for its owner", async () => {
    const id = (await db.admin`select md5('s1')::uuid as id`)[0].id;
    expect(await as(bob, (tx) => resolveSuggestion(tx, id))).toBeNull();
    expect(await as(admin, (tx) => resolveSuggestion(tx, id))).toBeNull();
    expect(await as(alice, (tx) => resolveSuggestion(tx, id))).toEqual({ documentId: DOC, wasResolved: false });
    expect(await as(alice, (tx) => resolveSuggestion(tx, id))).toEqual({ documentId: DOC, wasResolved: true });
    const s = await as(alice, (tx) => listSuggestions(tx, DOC));
    expect(s).toEqual([expect.objectContaining({ isResolved: true, versionNumber: 2 })]);
  });
});

describe("sessions, directives, contexts", () => {
  it("reads a session through the seed 003 views, only for its owner (and admins)", async () => {
    const [s] = await db.admin`insert into public.sessions (user_id, original_input, status) values (${alice.id}, 'parse a csv', 'active') returning id`;
    const [r] = await db.admin`insert into public.session_revisions (session_id, revision_number, source, ir_content, changed_fields)
                              values (${s.id}, 1, 'initial', '{"intent":"x"}', '{intent}') returning id`;
    await db.admin`insert into public.session_drafts (session_id, ir_revision_id, draft_number, source, code_content, syntax_valid, ast_valid, llm_cost_usd, llm_tokens_used)
                   values (${s.id}, ${r.id}, 1, 'initial_generation', 'print(1)', true, false, 0.01, 500)`;
    const list = await as(alice, (tx) => listSessions(tx, sessionsTableParams.parse({})));
    expect(list.rows).toEqual([expect.objectContaining({ id: s.id, draftCount: 1, revisionCount: 1, tokens: 500, latestDraftValid: false })]);
    expect(await as(bob, (tx) => getSession(tx, s.id))).toBeNull();
    expect(await as(admin, (tx) => getSession(tx, s.id))).toMatchObject({ isOwner: false });
    const drafts = await as(alice, (tx) => listDrafts(tx, s.id));
    expect(drafts).toEqual([expect.objectContaining({ revisionNumber: 1, syntaxValid: true, astValid: false })]);
    expect((await as(alice, (tx) => listRevisions(tx, s.id)))[0].changedFields).toEqual(["intent"]);
    expect(await as(alice, (tx) => getDraftStats(tx, s.id))).toMatchObject({ totalDrafts: 1, syntaxValidCount: 1, fullyValidCount: 0 });
    const events = await as(alice, (tx) => listSessionActivity(tx, s.id));
    expect(events.map((e) => e.eventType).sort()).toEqual(["draft_created", "revision_created", "session_created"]);
  });

  it("lists the registry, the viewer's runs and lockfiles with the latest version", async () => {
    const [d] = await db.admin`insert into public.directives (name, category, author_id) values ('bootstrap', 'core', ${admin.id}) returning id`;
    await db.admin`insert into public.directive_versions (directive_id, version, content, content_hash, is_latest)
                   values (${d.id}, '1.0.0', 'a', 'h1', false), (${d.id}, '1.2.0', 'b', 'h2', true)`;
    await db.admin`insert into public.runs (directive_name, directive_version, status, user_id) values ('bootstrap', '1.0.0', 'success', ${alice.id}), ('bootstrap', '1.2.0', 'error', ${bob.id})`;
    await db.admin`insert into public.lockfiles (project_hash, user_id, locked_versions) values ('abc', ${alice.id}, '{"bootstrap":"1.0.0"}')`;
    const list = await as(alice, (tx) => listDirectives(tx, directivesTableParams.parse({})));
    expect(list.rows).toEqual([expect.objectContaining({ name: "bootstrap", latestVersion: "1.2.0" })]);
    expect((await as(alice, (tx) => listRuns(tx, "bootstrap"))).map((r) => r.status)).toEqual(["success"]);
    const locks = await as(alice, (tx) => listLockfiles(tx));
    expect(locks[0].pins).toEqual([{ name: "bootstrap", pinned: "1.0.0", latest: "1.2.0" }]);
    expect(isBehind("1.0.0", "1.2.0")).toBe(true);
    expect(isBehind("1.2.0", "1.2.0")).toBe(false);
    expect(compareSemver("1.0.0-beta.2", "1.0.0-beta.10")).toBe(-1);
    expect(compareSemver("1.0.0", "1.0.0-rc.1")).toBe(1);
    expect(compareSemver("1.10.0", "1.9.3")).toBe(1);
    expect(await as(bob, (tx) => listLockfiles(tx))).toEqual([]);
  });

  it("lists contexts with counts and hides other people's", async () => {
    const [c] = await db.admin`insert into public."Context" ("userId", status, flow, config) values (${alice.id}, 'active', '{}', '{"template":"next"}') returning id`;
    await db.admin`insert into public."Message" ("contextId", role, content) values (${c.id}, 'user', 'hi')`;
    await db.admin`insert into public."Action" ("contextId", type, payload, status) values (${c.id}, 'deploy', '{}', 'completed')`;
    const list = await as(alice, (tx) => listContexts(tx, contextsTableParams.parse({})));
    expect(list.rows).toEqual([expect.objectContaining({ id: c.id, template: "next", messages: 1, actions: 1, previews: 0 })]);
    expect(await as(bob, (tx) => getContext(tx, c.id))).toBeNull();
    expect(await as(admin, (tx) => getContext(tx, c.id))).toMatchObject({ isOwner: false });
  });
});

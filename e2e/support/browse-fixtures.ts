/**
 * Rows the browse specs create for themselves (as the superuser of the throwaway database), so
 * tests that change data never touch the demo rows another spec reads. Every name carries a
 * random tag; the rows are deleted after the test.
 */
import { randomUUID } from "node:crypto";
import type postgres from "postgres";

export const XSS_TEXT = `Look: <script>window.__xss = "script"</script> and <img src="x" onerror="window.__xss = 'img'"> end`;

export async function userId(db: postgres.Sql, email: string): Promise<string> {
  const [r] = await db<{ id: string }[]>`select id from public.profiles where email = ${email}`;
  if (!r) throw new Error(`no profile ${email}`);
  return r.id;
}

export type OwnChat = { chatId: string; title: string; tag: string; answerId: string; cleanup: () => Promise<void> };

/** A chat of `owner` with a user question and an assistant answer that mention `tag`. */
export async function createChat(db: postgres.Sql, owner: string, opts: { title?: string; answer?: string } = {}): Promise<OwnChat> {
  const tag = `zq${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const chatId = randomUUID();
  const answerId = randomUUID();
  const title = opts.title ?? `E2E chat ${tag.slice(2, 8)}`;
  await db`insert into public."Chat" (id, title, user_id, total_input_tokens, total_output_tokens, total_cost)
           values (${chatId}, ${title}, ${owner}, 1200, 340, 0.0123)`;
  await db`insert into public."Message_v2" (id, "chatId", role, parts, attachments, "createdAt")
           values (${randomUUID()}, ${chatId}, 'user', ${db.json([{ type: "text", text: `How do I use ${tag}?` }])},
                   ${db.json([{ name: "notes.txt", contentType: "text/plain", url: "https://files.example.com/notes.txt" }])}, now() - interval '2 minutes')`;
  await db`insert into public."Message_v2" (id, "chatId", role, parts, "createdAt", model_used, input_tokens, output_tokens, cost)
           values (${answerId}, ${chatId}, 'assistant', ${db.json([
             { type: "tool-call", toolCallId: "call_1", toolName: "documentAgent", args: { operation: "create", tag } },
             { type: "tool-result", toolCallId: "call_1", toolName: "documentAgent", result: { ok: true } },
             { type: "text", text: opts.answer ?? `Use **${tag}** like this:\n\n\`\`\`python\nprint("${tag}")\n\`\`\`` },
           ])}, now() - interval '1 minute', 'gpt-4o', 1200, 340, 0.0123)`;
  return { chatId, title, tag, answerId, cleanup: async () => void (await db`delete from public."Chat" where id = ${chatId}`) };
}

export type OwnDocument = { documentId: string; title: string; suggestionId: string; cleanup: () => Promise<void> };

/** A text document of `owner` with two versions and an open suggestion on the second. */
export async function createDocument(db: postgres.Sql, owner: string, opts: { v2?: string } = {}): Promise<OwnDocument> {
  const documentId = randomUUID();
  const v1 = randomUUID();
  const v2 = randomUUID();
  const suggestionId = randomUUID();
  const title = `E2E doc ${documentId.slice(0, 6)}`;
  await db`insert into public."Document" (id, "createdAt", title, content, kind, user_id, version_id, parent_version_id, version_number, metadata)
           values (${documentId}, now() - interval '10 minutes', ${title}, ${"# Plan\n\nFirst line\nSecond line"}, 'text', ${owner}, ${v1}, null, 1,
                   ${db.json({ updateType: "create", agent: "documentAgent", lineRange: { start: 1, end: 4 } })}),
                  (${documentId}, now() - interval '5 minutes', ${title}, ${opts.v2 ?? "# Plan\n\nFirst line\nA brand new line\nSecond line"}, 'text', ${owner}, ${v2}, ${v1}, 2,
                   ${db.json({ updateType: "update", agent: "documentAgent", lineRange: { start: 4, end: 4 } })})`;
  await db`insert into public."Suggestion" (id, "documentId", "documentCreatedAt", "originalText", "suggestedText", description, user_id)
           select ${suggestionId}, id, "createdAt", 'First line', 'The first line', 'Be more specific', ${owner}
             from public."Document" where id = ${documentId} and version_number = 2`;
  return { documentId, title, suggestionId, cleanup: async () => void (await db`delete from public."Document" where id = ${documentId}`) };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedFromMigrations, printReport, verifyDatabase } from "../../tooling/verify";
import { createTestDb, type TestDb } from "../helpers/db";

let db: TestDb;
beforeAll(async () => { db = await createTestDb(); });
afterAll(async () => { await db?.drop(); });

describe("db:verify", () => {
  it("reads what the migrations define", () => {
    const e = expectedFromMigrations();
    expect(e.tables.size).toBe(43);
    expect(e.views).toEqual(new Set(["session_summary", "user_analytics", "recent_activity", "draft_validation_stats"]));
    expect(e.functions).toContain("purge_old_activity_logs");
    expect(e.triggers).toContain("users.on_auth_user_deleted");
    expect(e.triggers).toContain("Chat.validate_chat_user_id");
    expect(e.policies).toContain("Chat: Owners and admins can read chats");
    expect(e.indexes).toContain("idx_usage_logs_user_timestamp");
  });

  it("passes every section on a migrated database", async () => {
    const lines: string[] = [];
    const ok = printReport(await verifyDatabase(db.admin), (l) => lines.push(l));
    expect(lines.filter((l) => l.includes("PASSED"))).toHaveLength(6);
    expect(ok).toBe(true);
  });

  it("fails, naming what is missing", async () => {
    await db.admin.unsafe(`drop index public.idx_error_logs_severity;
      drop policy "Owners and admins can read chats" on public."Chat";
      alter table public.runs disable row level security;
      delete from public.model_config where model_id = 'gpt-4-turbo';`);
    const lines: string[] = [];
    const ok = printReport(await verifyDatabase(db.admin), (l) => lines.push(l));
    expect(ok).toBe(false);
    const text = lines.join("\n");
    expect(text).toMatch(/FAILED - Indexes[\s\S]*missing: idx_error_logs_severity/);
    expect(text).toMatch(/FAILED - RLS Policies[\s\S]*missing: Chat: Owners and admins can read chats/);
    expect(text).toMatch(/FAILED - Tables[\s\S]*RLS is not enabled on: runs/);
    expect(text).toMatch(/FAILED - Seed Data[\s\S]*missing: model_config gpt-4-turbo/);
  });
});

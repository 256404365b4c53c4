/**
 * /admin/usage grouped by user (lib/usage/dashboard.ts seriesByUser): the shown users' own series
 * plus one "rest" row per bucket must chart exactly as usage_series(..., 'user', null) over every
 * user did — the same groups in the same order, the same "Other (N)", and per bucket the same
 * calls, cost, tokens and latency — for more users than the chart shows, with ties at the cut.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Tx } from "@/lib/db/run-as";
import { usageSeries } from "@/lib/db/queries/usage";
import { buildSeries } from "@/lib/usage/chart-data";
import { seriesByUser } from "@/lib/usage/dashboard";
import { appDb } from "../helpers/as-user";
import { claimsFor, createTestDb, createUser, type TestDb } from "../helpers/db";

let db: TestDb;
let app: ReturnType<typeof appDb>;
let admin: { id: string; email: string };
const users: { id: string; email: string }[] = [];

const FROM = "2026-11-02T00:00:00Z";
const TO = "2026-11-09T00:00:00Z";

beforeAll(async () => {
  db = await createTestDb();
  app = appDb(db.appUrl);
  admin = await createUser(db.admin, { role: "ADMIN" });
  for (let i = 0; i < 16; i++) users.push(await createUser(db.admin, { role: "USER" }));
  await db.admin`delete from public.usage_logs`;
  // Users 0..15 with growing spend; users 7, 8 and 9 spend exactly the same (a tie at the cut of
  // the chart's ten series); rows without cost and without duration too.
  const rows = [];
  for (let u = 0; u < users.length; u++) {
    for (let k = 0; k < 3 + (u % 5); k++) {
      const spend = u >= 7 && u <= 9 ? 0.5 : (u + 1) / 10;
      rows.push({
        user_id: users[u].id,
        agent_type: k % 2 ? "chat_model_agent" : "python_agent",
        model_used: "s-model",
        provider: "openai",
        input_tokens: 100 + u * 10 + k,
        output_tokens: 50 + k,
        total_tokens: 150 + u * 10 + 2 * k,
        total_cost: k === 2 ? null : (spend / (3 + (u % 5))).toFixed(6),
        duration_ms: k === 1 ? null : 40 + u * 97 + k * 13,
        request_timestamp: new Date(Date.parse(FROM) + ((u * 7 + k * 29) % 160) * 3_600_000 + u * 60_000).toISOString(),
      });
    }
  }
  await db.admin`insert into public.usage_logs ${db.admin(rows)}`;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const round = (x: number) => Math.round(x * 1e9) / 1e9;
function chart(rows: Parameters<typeof buildSeries>[0], tz: string) {
  const s = buildSeries(rows, tz, "day", (k) => k ?? "(none)");
  return {
    groups: s.groups,
    points: s.points.map((p) => ({
      ...p,
      cost: Object.fromEntries(Object.entries(p.cost).map(([k, v]) => [k, round(v)])),
      totalCost: round(p.totalCost),
      estimatedCost: round(p.estimatedCost),
    })),
  };
}

describe("usage by user, the shown users and the rest", () => {
  for (const tz of ["UTC", "Asia/Kolkata", "America/New_York"]) {
    it(`charts as the full per-user series did (${tz})`, async () => {
      const as = <T,>(fn: (tx: Tx) => Promise<T>) => runAs(app.db, claimsFor(admin), fn);
      const q = { from: FROM, to: TO, bucket: "day" as const, tz };
      const full = await as((tx) => usageSeries(tx, { ...q, group: "user" }));
      const folded = await seriesByUser(as, q);
      const a = chart(full, tz);
      const b = chart(folded, tz);
      expect(a.groups.length).toBeGreaterThan(5);
      expect(a.groups.at(-1)?.label).toMatch(/^Other \(\d+\)$/);
      expect(b).toEqual(a);
      // fewer rows fetched than the full grid
      expect(folded.length).toBeLessThan(full.length);
    });
  }
});

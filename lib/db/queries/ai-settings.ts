/**
 * The AI settings of system_settings (seed 004: ai_provider, ai_host, llm_model,
 * embedding_model), which the project page shows and the ingest pipeline reads to choose its
 * embedding provider (lib/ingest/embedding.ts). Both read them here, so the queries layer does
 * not reach up into lib/ingest.
 *
 * No `import "server-only"`, unlike the other query modules: lib/ingest/pipeline.ts imports this,
 * and `npm run bench:ingest` runs that pipeline under plain tsx, where "server-only" throws.
 * Nothing in the browser imports it (it needs a transaction).
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/run-as";

export type AiSettings = {
  aiProvider: string | null;
  aiHost: string | null;
  llmModel: string | null;
  embeddingModel: string | null;
};

export async function readAiSettings(tx: Tx): Promise<AiSettings> {
  const rows = (await tx.execute(sql`
    select key, value from public.system_settings
    where key in ('ai_provider', 'ai_host', 'llm_model', 'embedding_model')`)) as unknown as { key: string; value: string }[];
  const get = (k: string) => rows.find((r) => r.key === k)?.value || null;
  return { aiProvider: get("ai_provider"), aiHost: get("ai_host"), llmModel: get("llm_model"), embeddingModel: get("embedding_model") };
}

/**
 * What the seed reads from the configuration rows of supabase/seed.sql (or an admin's edits of
 * them): model prices, the active provider and each agent's rate limits. Costs in the generated
 * usage are computed from these prices, so the usage and cost pages add up.
 */
import type { Tx } from "./insert";

export const AGENT_TYPES = [
  "chat_model_agent",
  "provider_tools_agent",
  "document_agent",
  "python_agent",
  "mermaid_agent",
  "git_mcp_agent",
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export type Model = {
  modelId: string;
  provider: string;
  active: boolean;
  thinking: boolean;
  /** USD per million tokens, times 10,000 (the column has four decimals): exact integer math. */
  inputE4: number;
  outputE4: number;
};

export type RateLimit = { perMinute: number; perHour: number; perDay: number };

export type Catalog = {
  models: Model[];
  activeProvider: string;
  rateLimits: Record<AgentType, RateLimit>;
};

/** A model that usage rows name but model_config does not price ("unpriced usage"). */
export const UNPRICED_MODELS = [
  { modelId: "mistral-large", provider: "mistral" },
  { modelId: "llama-3.3-70b-versatile", provider: "groq" },
] as const;

function e4(v: string): number {
  return Math.round(Number(v) * 10_000);
}

export async function loadCatalog(tx: Tx): Promise<Catalog> {
  const models = await tx.unsafe(
    `select model_id, provider, is_active, thinking_enabled,
            input_pricing_per_million_tokens::text as input, output_pricing_per_million_tokens::text as output
       from public.model_config order by provider, model_id`,
  );
  if (models.length === 0) {
    throw new Error("model_config is empty: run the migrations and supabase/seed.sql first (npm run db:migrate).");
  }
  const [app] = await tx.unsafe(`select config_data ->> 'activeProvider' as provider from public.admin_config where config_key = 'app_settings'`);
  const activeProvider: string = app?.provider ?? "google";
  const limits = await tx.unsafe(
    `select config_key, config_data -> 'rateLimit' as rl from public.admin_config where config_key = any($1::text[])`,
    [AGENT_TYPES.map((a) => `${a}_${activeProvider}`)],
  );
  const rateLimits = {} as Record<AgentType, RateLimit>;
  for (const a of AGENT_TYPES) {
    const row = limits.find((l) => l.config_key === `${a}_${activeProvider}`);
    // An agent config an admin deleted: fall back to the documented default of the chat agent.
    rateLimits[a] = (row?.rl as RateLimit | undefined) ?? { perMinute: 10, perHour: 100, perDay: 1000 };
  }
  return {
    activeProvider,
    rateLimits,
    models: models.map((m) => ({
      modelId: m.model_id as string,
      provider: m.provider as string,
      active: m.is_active as boolean,
      thinking: m.thinking_enabled as boolean,
      inputE4: e4(m.input as string),
      outputE4: e4(m.output as string),
    })),
  };
}

export type Cost = { input: number; output: number; total: number };

/** Cost in micro-dollars (integers): tokens x USD per million = micro-USD. */
export function costMicros(m: Model, inputTokens: number, outputTokens: number): Cost {
  const input = Math.round((inputTokens * m.inputE4) / 10_000);
  const output = Math.round((outputTokens * m.outputE4) / 10_000);
  return { input, output, total: input + output };
}

/** Micro-dollars as the numeric(10,6) text Postgres stores. */
export function usd(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const a = Math.abs(micros);
  return `${sign}${Math.floor(a / 1_000_000)}.${String(a % 1_000_000).padStart(6, "0")}`;
}

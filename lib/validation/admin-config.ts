/**
 * Issue 4: the inputs of /admin/models, /admin/agents and /admin/settings. One schema per form,
 * used by the browser for hints and parsed again by the server action. The admin_config rules
 * mirror the validate_admin_config_data trigger (supabase/migrations/20251125000040_configuration.sql) field for
 * field, with the same messages, so an invalid config never reaches the database; if one does,
 * the trigger's message is mapped back to its field (fieldFromTriggerMessage).
 */
import { z } from "zod";
import { formatInt } from "../format";
import { createTableSearchParams, listParam } from "./data-table";

// ---------------------------------------------------------------------------------------------
// Providers and agents
// ---------------------------------------------------------------------------------------------

/**
 * LLM providers the console knows. Seed 001 names google, openai and anthropic; usage rows may
 * name others (the demo data has mistral and groq models), which need model rows to be priced.
 */
export const PROVIDERS = [
  "google",
  "openai",
  "anthropic",
  "mistral",
  "groq",
  "xai",
  "deepseek",
  "cohere",
  "meta",
  "openrouter",
  "together",
  "fireworks",
] as const;
export type Provider = (typeof PROVIDERS)[number];
export const provider = z.enum(PROVIDERS, { error: (i) => `Unknown provider ${JSON.stringify(i.input)}: choose one of ${PROVIDERS.join(", ")}` });

/** seed 001 "Supported Agent Types". */
export const AGENT_TYPES = [
  "chat_model_agent",
  "provider_tools_agent",
  "document_agent",
  "python_agent",
  "mermaid_agent",
  "git_mcp_agent",
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];
export const AGENT_LABELS: Record<AgentType, string> = {
  chat_model_agent: "Chat model agent",
  provider_tools_agent: "Provider tools agent",
  document_agent: "Document agent",
  python_agent: "Python agent",
  mermaid_agent: "Mermaid agent",
  git_mcp_agent: "Git MCP agent",
};

/** `{agent_type}_{provider}` (seed 001 "Config Key Format"). */
export function agentConfigKey(agent: AgentType, p: string): string {
  return `${agent}_${p}`;
}
export function agentTypeOfKey(key: string): AgentType | null {
  return AGENT_TYPES.find((a) => key.startsWith(`${a}_`)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** The row version a form was loaded from: updated_at as Postgres printed it (microseconds kept). */
export const expectedUpdatedAt = z
  .string({ error: "The form is missing the version it was loaded from; reload the page." })
  .min(10, "The form is missing the version it was loaded from; reload the page.")
  .max(64, "Invalid version.")
  // What Postgres prints for a timestamptz (2026-11-25 13:14:15.123456+00): anything else would
  // reach the UPDATE as a timestamp it cannot parse.
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?$/, "Invalid version; reload the page.");

const MAX_JSON_CHARS = 200_000;

/** JSON text from a textarea, parsed; a clear message when it is not JSON or not an object. */
export function jsonObjectText(label: string, max = MAX_JSON_CHARS) {
  return z
    .string({ error: `${label} must be JSON text` })
    .max(max, `${label} is too long (at most ${formatInt(max)} characters)`)
    .transform((text, ctx) => {
      const trimmed = text.trim();
      if (trimmed === "") return {} as Record<string, unknown>;
      try {
        const v: unknown = JSON.parse(trimmed);
        if (v === null || typeof v !== "object" || Array.isArray(v)) {
          ctx.addIssue({ code: "custom", message: `${label} must be a JSON object ({ ... })` });
          return z.NEVER;
        }
        return v as Record<string, unknown>;
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `${label} is not valid JSON: ${(e as Error).message}` });
        return z.NEVER;
      }
    });
}

// ---------------------------------------------------------------------------------------------
// model_config
// ---------------------------------------------------------------------------------------------

/** numeric(10,4): at most 6 digits before the point and 4 after, never negative. */
const PRICE_RE = /^\d{1,6}(\.\d{1,4})?$/;
export const price = z
  .union([z.string(), z.number()], { error: "Enter a price in dollars per million tokens" })
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .superRefine((v, ctx) => {
    if (v === "") ctx.addIssue({ code: "custom", message: "Enter a price (0 or more)" });
    else if (/^-/.test(v)) ctx.addIssue({ code: "custom", message: "A price cannot be negative" });
    else if (/^\d+\.\d{5,}$/.test(v)) ctx.addIssue({ code: "custom", message: "At most 4 decimal places" });
    else if (!PRICE_RE.test(v)) ctx.addIssue({ code: "custom", message: "Enter a decimal number such as 2.5 (at most 999999.9999)" });
  });

// A checkbox posts a hidden "false" and, when ticked, "true" after it: the last value wins.
const boolField = z.preprocess(
  (v) => (Array.isArray(v) ? v[v.length - 1] : v),
  z.union([z.boolean(), z.stringbool()], { error: "Must be true or false" }),
);

export const modelMetadata = z
  .looseObject({
    contextWindow: z.number({ error: "contextWindow must be a number" }).int("contextWindow must be a whole number").positive("contextWindow must be more than 0").optional(),
    maxOutputTokens: z.number({ error: "maxOutputTokens must be a number" }).int("maxOutputTokens must be a whole number").positive("maxOutputTokens must be more than 0").optional(),
    capabilities: z.array(z.string().max(100), { error: "capabilities must be a list of names" }).max(100).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.contextWindow !== undefined && m.maxOutputTokens !== undefined && m.maxOutputTokens > m.contextWindow) {
      ctx.addIssue({ code: "custom", message: "maxOutputTokens cannot exceed contextWindow" });
    }
  });

export const MODEL_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;

export const modelInput = z.object({
  id: z.guid("Unknown model").optional().or(z.literal("").transform(() => undefined)),
  expectedUpdatedAt: expectedUpdatedAt.optional().or(z.literal("").transform(() => undefined)),
  modelId: z
    .string({ error: "Enter the model id" })
    .trim()
    .min(1, "Enter the model id")
    .max(100, "At most 100 characters")
    .regex(MODEL_ID_RE, "Letters, digits and . _ : / @ - only, as the provider spells it"),
  name: z.string({ error: "Enter a display name" }).trim().min(1, "Enter a display name").max(200, "At most 200 characters"),
  description: z
    .string()
    .max(5000, "At most 5,000 characters")
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null)),
  provider,
  isActive: boolField.default(true),
  thinkingEnabled: boolField.default(false),
  inputPrice: price,
  outputPrice: price,
  metadata: jsonObjectText("Metadata", 20_000).pipe(modelMetadata),
});
export type ModelInput = z.output<typeof modelInput>;

const modelRef = { id: z.guid("Unknown model"), expectedUpdatedAt };
export const modelRefInput = z.object(modelRef);
export const setModelActiveInput = z.object({ ...modelRef, active: boolField });
export const deleteModelInput = z.object({ id: z.guid("Unknown model") });

// ---------------------------------------------------------------------------------------------
// admin_config: the rules of validate_admin_config_data, with its messages
// ---------------------------------------------------------------------------------------------

export type ConfigErrors = Record<string, string[]>;

function add(errors: ConfigErrors, path: string, message: string) {
  (errors[path] ??= []).push(message);
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const MAX_PROMPT = 100_000;
export const SYSTEM_PROMPT_MAX = MAX_PROMPT;

/**
 * The errors of `data` for the admin_config row `key`, by field path ("rateLimit.perMinute"),
 * or {} when valid. Runs in the browser (as you type) and in the server action.
 */
export function validateConfigData(key: string, data: unknown): ConfigErrors {
  const e: ConfigErrors = {};
  if (!isObj(data)) {
    add(e, "", "config_data must be a JSON object");
    return e;
  }
  if (key === "app_settings") {
    if (typeof data.activeProvider !== "string") add(e, "activeProvider", "activeProvider is required (a provider name)");
    if (!Array.isArray(data.availableProviders)) {
      add(e, "availableProviders", "availableProviders is required (an array of provider names)");
    } else {
      for (const p of data.availableProviders) {
        if (typeof p !== "string" || !(PROVIDERS as readonly string[]).includes(p)) {
          add(e, "availableProviders", `Unknown provider ${JSON.stringify(p)}: choose from ${PROVIDERS.join(", ")}`);
        }
      }
      if (data.availableProviders.length === 0) add(e, "availableProviders", "Choose at least one provider");
      if (typeof data.activeProvider === "string" && !data.availableProviders.includes(data.activeProvider)) {
        add(e, "activeProvider", `activeProvider "${data.activeProvider}" must be one of availableProviders`);
      }
    }
    return e;
  }
  if (key === "logging_settings") {
    for (const f of ["error_logging_enabled", "user_activity_logging_enabled", "agent_activity_logging_enabled"]) {
      if (f in data && typeof data[f] !== "boolean") add(e, f, `${f} must be true or false`);
    }
    const r = data.log_retention_days;
    if (!isObj(r)) add(e, "log_retention_days", "log_retention_days is required");
    else {
      for (const f of ["error_logs", "user_activity_logs", "agent_activity_logs"]) {
        const v = r[f];
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 3650) {
          add(e, `log_retention_days.${f}`, `log_retention_days.${f} is required (a whole number of days, at least 1, at most 3650)`);
        }
      }
    }
    for (const group of ["category_toggles", "privacy_settings"]) {
      const g = data[group];
      if (g === undefined) continue;
      if (!isObj(g)) add(e, group, `${group} must be an object of true/false settings`);
      else for (const [k, v] of Object.entries(g)) if (typeof v !== "boolean") add(e, `${group}.${k}`, `${group}.${k} must be true or false`);
    }
    const perf = data.performance_settings;
    if (perf !== undefined) {
      if (!isObj(perf)) add(e, "performance_settings", "performance_settings must be an object");
      else {
        for (const k of ["batch_writes", "async_logging"]) {
          if (k in perf && typeof perf[k] !== "boolean") add(e, `performance_settings.${k}`, `performance_settings.${k} must be true or false`);
        }
        if ("batch_size" in perf && (typeof perf.batch_size !== "number" || !Number.isInteger(perf.batch_size) || perf.batch_size < 1 || perf.batch_size > 100_000)) {
          add(e, "performance_settings.batch_size", "performance_settings.batch_size must be a whole number from 1 to 100000");
        }
        if ("sampling_rate" in perf && (typeof perf.sampling_rate !== "number" || perf.sampling_rate < 0 || perf.sampling_rate > 1)) {
          add(e, "performance_settings.sampling_rate", "performance_settings.sampling_rate must be a number from 0 to 1");
        }
      }
    }
    return e;
  }

  // Every other key is an agent config.
  const agent = agentTypeOfKey(key);
  if (typeof data.enabled !== "boolean") add(e, "enabled", "enabled is required (true or false)");
  const rl = data.rateLimit;
  if (!isObj(rl)) add(e, "rateLimit", "rateLimit is required");
  else {
    for (const f of ["perMinute", "perHour", "perDay"]) {
      const v = rl[f];
      if (typeof v !== "number" || Number.isNaN(v)) add(e, `rateLimit.${f}`, `rateLimit.${f} is required (a number)`);
      else if (v < 0 || !Number.isInteger(v)) add(e, `rateLimit.${f}`, `rateLimit.${f} must be a whole number, 0 or more`);
      else if (v > 1_000_000_000) add(e, `rateLimit.${f}`, `rateLimit.${f} is too large`);
    }
  }
  if ("systemPrompt" in data && typeof data.systemPrompt !== "string") add(e, "systemPrompt", "systemPrompt must be text");
  if (typeof data.systemPrompt === "string" && data.systemPrompt.length > MAX_PROMPT) {
    add(e, "systemPrompt", `systemPrompt is too long (at most ${formatInt(MAX_PROMPT)} characters)`);
  }
  if (agent && !isObj(data.tools)) add(e, "tools", `tools is required for ${agent}`);
  if (isObj(data.tools)) {
    for (const [name, t] of Object.entries(data.tools)) {
      if (!isObj(t)) add(e, `tools.${name}`, `tools.${name} must be an object`);
      else {
        if ("enabled" in t && typeof t.enabled !== "boolean") add(e, `tools.${name}.enabled`, `tools.${name}.enabled must be true or false`);
        for (const p of ["description", "systemPrompt", "userPromptTemplate"]) {
          if (p in t && typeof t[p] !== "string") add(e, `tools.${name}.${p}`, `tools.${name}.${p} must be text`);
          else if (typeof t[p] === "string" && (t[p] as string).length > MAX_PROMPT) add(e, `tools.${name}.${p}`, `tools.${name}.${p} is too long`);
        }
      }
    }
  }
  if (agent === "provider_tools_agent" && typeof data.systemPrompt !== "string") {
    add(e, "systemPrompt", "systemPrompt is required for provider_tools_agent");
  }
  if (agent === "chat_model_agent" && !isObj(data.capabilities)) add(e, "capabilities", "capabilities is required for chat_model_agent");
  return e;
}

/** The field a validate_admin_config_data message is about: `admin_config "k": rateLimit.perHour is required` → rateLimit.perHour. */
export function fieldFromTriggerMessage(message: string): string | null {
  const m = /^admin_config "[^"]*": ([A-Za-z_][\w.]*) /.exec(message);
  return m ? m[1] : null;
}

export const CONFIG_KEY_RE = /^[a-z][a-z0-9_]{0,99}$/;

export const saveConfigInput = z.object({
  configKey: z.string({ error: "Unknown config" }).regex(CONFIG_KEY_RE, "Unknown config"),
  expectedUpdatedAt,
  configData: jsonObjectText("The configuration"),
});
export type SaveConfigInput = z.output<typeof saveConfigInput>;

// ---------------------------------------------------------------------------------------------
// system_settings
// ---------------------------------------------------------------------------------------------

/** Keys whose values are secrets (mirrors public.is_secret_setting_key). */
export function isSecretSettingKey(key: string): boolean {
  return key === "openrouter_key" || key.endsWith("_key") || key.endsWith("_secret");
}

export const saveSettingInput = z.object({
  key: z.string({ error: "Unknown setting" }).min(1, "Unknown setting").max(200, "Unknown setting"),
  expectedUpdatedAt,
  value: z.string({ error: "Enter a value" }).max(10_000, "At most 10,000 characters"),
  /** Secret keys: "replace" only when a new value was typed; "keep" leaves the stored secret. */
  secretMode: z.enum(["keep", "replace", "clear"]).optional(),
});

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

export const CONFIG_TABLES = ["admin_config", "model_config", "system_settings"] as const;
export type ConfigTable = (typeof CONFIG_TABLES)[number];

export const revertInput = z.object({
  revisionId: z.coerce.number({ error: "Unknown revision" }).int("Unknown revision").positive("Unknown revision"),
  expectedUpdatedAt,
});

export const viewAsInput = z.object({ userId: z.guid("Unknown user") });

// ---------------------------------------------------------------------------------------------
// /admin/models URL state (a few dozen rows: sorted and filtered on the server, one page)
// ---------------------------------------------------------------------------------------------

export const MODEL_SORT_KEYS = ["provider", "name", "input", "output", "tokens"] as const;
export type ModelSortKey = (typeof MODEL_SORT_KEYS)[number];
export const MODEL_STATUS = ["active", "inactive", "default"] as const;
export const modelsTableParams = createTableSearchParams({
  sortKeys: MODEL_SORT_KEYS,
  defaultSort: { key: "provider", dir: "asc" },
  columns: ["provider", "flags", "input", "output", "tokens", "cost"] as const,
  filters: {
    provider: listParam(z.string().regex(/^[a-z0-9_-]{1,50}$/)),
    status: listParam(z.enum(MODEL_STATUS)),
  },
});
export type ModelsTableQuery = z.output<typeof modelsTableParams>;

/** Rules for the values of known system_settings keys (seed 004); other keys take any text. */
export function validateSettingValue(key: string, value: string): string | null {
  if (key === "ai_provider" && !["lmstudio", "openrouter"].includes(value)) return 'ai_provider is "lmstudio" or "openrouter"';
  if (key === "ai_host") {
    try {
      const u = new URL(value);
      if (u.protocol !== "http:" && u.protocol !== "https:") return "ai_host must be an http(s) URL";
    } catch {
      return "ai_host must be a URL such as http://localhost:1234/v1";
    }
  }
  if (key === "business_time_zone") {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: value });
      if (!/^[A-Za-z][A-Za-z0-9_/+-]*$/.test(value)) return "Use an IANA time zone name such as Europe/Berlin";
    } catch {
      return `Unknown time zone "${value}": use an IANA name such as Europe/Berlin`;
    }
  }
  if ((key === "llm_model" || key === "embedding_model") && value.trim() === "") return `${key} cannot be empty`;
  return null;
}

/**
 * The schemas of the issue-4 actions (the same ones the forms use): bad input of every kind
 * (wrong types, huge strings, negative prices, malformed JSON, unknown providers) gives a clear
 * message on the field it concerns, before anything reaches the database.
 */
import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/actions";
import { diffJson, getPath, setPath } from "@/lib/config-diff";
import {
  deleteModelInput,
  isSecretSettingKey,
  modelInput,
  modelRefInput,
  revertInput,
  saveConfigInput,
  saveSettingInput,
  setModelActiveInput,
  validateConfigData,
  validateSettingValue,
  viewAsInput,
} from "@/lib/validation/admin-config";
import { z } from "zod";

const good = {
  modelId: "gpt-4o-2025",
  name: "GPT-4o",
  provider: "openai",
  inputPrice: "2.5",
  outputPrice: "10",
  metadata: '{"contextWindow":128000,"maxOutputTokens":16384,"capabilities":["text"]}',
};

function errorsOf(schema: z.ZodType, input: unknown): Record<string, string[] | undefined> {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return z.flattenError(r.error!).fieldErrors as Record<string, string[] | undefined>;
}

describe("modelInput", () => {
  it("accepts a good model and the form's FormData (checkbox pairs)", () => {
    expect(modelInput.safeParse(good).success).toBe(true);
    const fd = new FormData();
    for (const [k, v] of Object.entries(good)) fd.append(k, v);
    fd.append("isActive", "false");
    fd.append("isActive", "true");
    fd.append("thinkingEnabled", "false");
    const r = modelInput.parse(formDataToObject(fd));
    expect(r).toMatchObject({ isActive: true, thinkingEnabled: false, inputPrice: "2.5", metadata: { contextWindow: 128000 } });
  });

  it.each([
    ["negative price", { inputPrice: "-1" }, "inputPrice", /cannot be negative/],
    ["5 decimals", { outputPrice: "1.23456" }, "outputPrice", /4 decimal places/],
    ["not a number", { inputPrice: "abc" }, "inputPrice", /decimal number/],
    ["too large", { inputPrice: "10000000" }, "inputPrice", /decimal number/],
    ["empty price", { inputPrice: "" }, "inputPrice", /Enter a price/],
    ["price of the wrong type", { inputPrice: { $gt: 1 } }, "inputPrice", /price/],
    ["unknown provider", { provider: "skynet" }, "provider", /Unknown provider "skynet"/],
    ["malformed JSON", { metadata: "{contextWindow: 1" }, "metadata", /not valid JSON/],
    ["JSON that is not an object", { metadata: "[1,2]" }, "metadata", /JSON object/],
    ["metadata of the wrong type", { metadata: '{"contextWindow":"big"}' }, "metadata", /contextWindow must be a number/],
    ["huge metadata", { metadata: `{"x":"${"a".repeat(30_000)}"}` }, "metadata", /too long/],
    ["huge name", { name: "n".repeat(201) }, "name", /200/],
    ["huge description", { description: "d".repeat(5001) }, "description", /5,000/],
    ["model id with spaces", { modelId: "gpt 4" }, "modelId", /Letters, digits/],
    ["model id of the wrong type", { modelId: 42 }, "modelId", /model id/],
    ["bad id", { id: "1; drop table" }, "id", /Unknown model/],
  ])("%s", (_name, patch, field, message) => {
    const errors = errorsOf(modelInput, { ...good, ...patch });
    expect(errors[field]?.[0]).toMatch(message);
  });
});

describe("other action inputs", () => {
  it("refuse wrong types and missing versions", () => {
    expect(errorsOf(modelRefInput, { id: "x" }).id?.[0]).toMatch(/Unknown model/);
    expect(errorsOf(modelRefInput, { id: crypto.randomUUID() }).expectedUpdatedAt?.[0]).toMatch(/reload/);
    expect(errorsOf(setModelActiveInput, { id: crypto.randomUUID(), expectedUpdatedAt: "2025-01-01 00:00:00+00", active: "maybe" }).active?.[0]).toMatch(/true or false/);
    expect(errorsOf(deleteModelInput, { id: 5 }).id?.[0]).toMatch(/Unknown model/);
    expect(errorsOf(revertInput, { revisionId: -3, expectedUpdatedAt: "2025-01-01 00:00:00+00" }).revisionId?.[0]).toMatch(/Unknown revision/);
    expect(errorsOf(viewAsInput, { userId: "admin" }).userId?.[0]).toMatch(/Unknown user/);
    // The demo seed's ids are md5 digests in uuid layout (no RFC 4122 version bits): accepted.
    expect(viewAsInput.safeParse({ userId: "9a0364b9-e99b-b480-bd10-6a8f2bde9c11" }).success).toBe(true);
    expect(errorsOf(saveSettingInput, { key: "k", expectedUpdatedAt: "2025-01-01 00:00:00+00", value: "v".repeat(10_001) }).value?.[0]).toMatch(/10,000/);
    expect(errorsOf(saveSettingInput, { key: "k", expectedUpdatedAt: "2025-01-01 00:00:00+00", value: 3 }).value?.[0]).toMatch(/Enter a value/);
  });

  it("saveConfigInput: malformed JSON, a non-object, a huge config, a made-up key", () => {
    const base = { configKey: "python_agent_google", expectedUpdatedAt: "2025-01-01 00:00:00.123456+00" };
    expect(errorsOf(saveConfigInput, { ...base, configData: '{"enabled": tru' }).configData?.[0]).toMatch(/not valid JSON/);
    expect(errorsOf(saveConfigInput, { ...base, configData: '"text"' }).configData?.[0]).toMatch(/JSON object/);
    expect(errorsOf(saveConfigInput, { ...base, configData: `{"x":"${"a".repeat(200_001)}"}` }).configData?.[0]).toMatch(/too long/);
    expect(errorsOf(saveConfigInput, { ...base, configKey: "../etc", configData: "{}" }).configKey?.[0]).toMatch(/Unknown config/);
  });

  it("validateConfigData names each bad field", () => {
    const e = validateConfigData("chat_model_agent_google", {
      enabled: true,
      rateLimit: { perMinute: 10, perHour: -1 },
      systemPrompt: "x".repeat(100_001),
      tools: { search: { enabled: "on", description: 4 } },
    });
    expect(Object.keys(e).sort()).toEqual(
      ["capabilities", "rateLimit.perDay", "rateLimit.perHour", "systemPrompt", "tools.search.description", "tools.search.enabled"].sort(),
    );
    expect(validateConfigData("app_settings", { activeProvider: "google", availableProviders: ["google", "skynet"] }).availableProviders?.[0]).toMatch(
      /Unknown provider "skynet"/,
    );
    expect(validateConfigData("logging_settings", { log_retention_days: { error_logs: 0, user_activity_logs: 1, agent_activity_logs: 1 }, performance_settings: { sampling_rate: 2 } })).toMatchObject({
      "log_retention_days.error_logs": [expect.stringMatching(/at least 1/)],
      "performance_settings.sampling_rate": [expect.stringMatching(/0 to 1/)],
    });
  });

  it("system settings: secret keys and known values", () => {
    expect(["openrouter_key", "stripe_secret", "some_api_key"].every(isSecretSettingKey)).toBe(true);
    expect(["ai_host", "keyboard", "llm_model"].some(isSecretSettingKey)).toBe(false);
    expect(validateSettingValue("business_time_zone", "Mars/Olympus")).toMatch(/Unknown time zone/);
    expect(validateSettingValue("business_time_zone", "Europe/Berlin")).toBeNull();
    expect(validateSettingValue("ai_host", "javascript:alert(1)")).toMatch(/http/);
    expect(validateSettingValue("ai_provider", "skynet")).toMatch(/lmstudio/);
  });
});

describe("config diff", () => {
  it("diffs leaf by leaf and ignores bookkeeping", () => {
    const a = { rateLimit: { perMinute: 1, perHour: 2 }, tools: { a: { enabled: true } }, updated_at: "x", list: [1, 2] };
    const b = { rateLimit: { perMinute: 1, perHour: 3 }, tools: { a: { enabled: true }, b: { enabled: false } }, updated_at: "y", list: [1, 2, 3] };
    expect(diffJson(a, b, ["updated_at"])).toEqual([
      { path: "list", before: [1, 2], after: [1, 2, 3] },
      { path: "rateLimit.perHour", before: 2, after: 3 },
      { path: "tools.b.enabled", before: undefined, after: false },
    ]);
    const c = setPath(a, "rateLimit.perDay", 9);
    expect(getPath(c, "rateLimit.perDay")).toBe(9);
    expect(getPath(a, "rateLimit.perDay")).toBeUndefined();
    expect(getPath(setPath(c, "rateLimit.perMinute", undefined), "rateLimit")).toEqual({ perHour: 2, perDay: 9 });
  });
});

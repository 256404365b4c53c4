/**
 * Seed 003: code-generation sessions. A prompt (or code, in reverse mode) becomes an IR, the IR
 * is refined revision by revision while typed holes get resolved, and drafts of Python code are
 * generated and validated against it. Children are plain INSERTs, so the documented counter
 * triggers fill sessions.revision_count / draft_count / hole_count.
 */
import { costMicros, usd } from "./catalog";
import { activeUsers, pickModel, type SeedContext } from "./context";
import type { Row } from "./insert";
import { plusMs, type Rng, rng, seedUuid } from "./random";

type Hole = {
  id: string;
  type: "type" | "parameter" | "return_value" | "validation" | "entity" | "constraint" | "other";
  description: string;
  suggestions: unknown[];
  resolved: unknown;
  field: string;
};

type Blueprint = {
  prompt: string;
  name: string;
  params: { name: string; type: string }[];
  returns: string;
  assertions: string[];
  holes: Hole[];
  code: string;
  /** the same code with the mistake a first generation made */
  broken: { code: string; error: { type: string; message: string; line: number; column: number } };
};

const BLUEPRINTS: Blueprint[] = [
  {
    prompt: "A function that validates an email address and returns it normalised (trimmed, lower-case domain), or raises ValueError.",
    name: "normalize_email",
    params: [{ name: "address", type: "str" }],
    returns: "str",
    assertions: ["'@' in result", "result == result.strip()"],
    holes: [
      { id: "H1_local_case", type: "constraint", field: "assertions", description: "Should the local part keep its case?", suggestions: ["keep", "lower"], resolved: "keep" },
      { id: "H2_error", type: "validation", field: "effects", description: "What happens on invalid input?", suggestions: ["raise ValueError", "return None"], resolved: "raise ValueError" },
    ],
    code: `def normalize_email(address: str) -> str:
    """Trim the address and lower-case its domain; raise ValueError if it is not an address."""
    address = address.strip()
    local, sep, domain = address.rpartition("@")
    if not sep or not local or "." not in domain:
        raise ValueError(f"not an email address: {address!r}")
    return f"{local}@{domain.lower()}"`,
    broken: {
      code: `def normalize_email(address: str) -> str:
    address = address.strip()
    local, sep, domain = address.rpartition("@")
    if not sep or not local or "." not in domain
        raise ValueError(f"not an email address: {address!r}")
    return f"{local}@{domain.lower()}"`,
      error: { type: "SyntaxError", message: "expected ':'", line: 4, column: 52 },
    },
  },
  {
    prompt: "Compute the moving average of a list of floats over a window of n items.",
    name: "moving_average",
    params: [{ name: "values", type: "list[float]" }, { name: "window", type: "int" }],
    returns: "list[float]",
    assertions: ["len(result) == max(len(values) - window + 1, 0)"],
    holes: [
      { id: "H1_window_type", type: "parameter", field: "signature.parameters", description: "Type of the window size", suggestions: ["int", "float"], resolved: "int" },
      { id: "H2_short_input", type: "constraint", field: "assertions", description: "Result when the list is shorter than the window", suggestions: ["empty list", "raise"], resolved: "empty list" },
    ],
    code: `def moving_average(values: list[float], window: int) -> list[float]:
    if window <= 0:
        raise ValueError("window must be positive")
    total = sum(values[:window])
    out = [total / window] if len(values) >= window else []
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        out.append(total / window)
    return out`,
    broken: {
      code: `def moving_average(values: list[float], window: int) -> list[float]:
    total = sum(values[:window])
    out = [total / window]
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        out.append(total / window)
    return outs`,
      error: { type: "NameError", message: "name 'outs' is not defined", line: 7, column: 12 },
    },
  },
  {
    prompt: "Parse a duration like '1h30m' or '45s' into seconds.",
    name: "parse_duration",
    params: [{ name: "text", type: "str" }],
    returns: "int",
    assertions: ["result >= 0"],
    holes: [
      { id: "H1_units", type: "entity", field: "intent", description: "Which units are allowed?", suggestions: [["h", "m", "s"], ["d", "h", "m", "s"]], resolved: ["d", "h", "m", "s"] },
      { id: "H2_return", type: "return_value", field: "signature.returns", description: "Seconds as int or float?", suggestions: ["int", "float"], resolved: "int" },
    ],
    code: `import re

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str) -> int:
    parts = re.findall(r"(\\d+)([dhms])", text.strip())
    if not parts or "".join(n + u for n, u in parts) != text.strip():
        raise ValueError(f"invalid duration: {text!r}")
    return sum(int(n) * _UNITS[u] for n, u in parts)`,
    broken: {
      code: `import re

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str) -> int:
    parts = re.findall(r"(\\d+)([dhms])", text.strip()
    return sum(int(n) * _UNITS[u] for n, u in parts)`,
      error: { type: "SyntaxError", message: "'(' was never closed", line: 7, column: 23 },
    },
  },
  {
    prompt: "Group orders by customer and return the total amount per customer, highest first.",
    name: "totals_by_customer",
    params: [{ name: "orders", type: "list[dict]" }],
    returns: "list[tuple[str, float]]",
    assertions: ["all(result[i][1] >= result[i + 1][1] for i in range(len(result) - 1))"],
    holes: [
      { id: "H1_order_shape", type: "type", field: "signature.parameters", description: "Shape of an order", suggestions: ["dict with customer_id and amount", "Order dataclass"], resolved: "dict with customer_id and amount" },
    ],
    code: `from collections import defaultdict


def totals_by_customer(orders: list[dict]) -> list[tuple[str, float]]:
    totals: dict[str, float] = defaultdict(float)
    for order in orders:
        totals[order["customer_id"]] += float(order["amount"])
    return sorted(totals.items(), key=lambda kv: kv[1], reverse=True)`,
    broken: {
      code: `from collections import defaultdict


def totals_by_customer(orders: list[dict]) -> list[tuple[str, float]]:
    totals: dict[str, float] = defaultdict(float)
    for order in orders:
    totals[order["customer_id"]] += float(order["amount"])
    return sorted(totals.items(), key=lambda kv: kv[1], reverse=True)`,
      error: { type: "IndentationError", message: "expected an indented block after 'for' statement on line 6", line: 7, column: 5 },
    },
  },
  {
    prompt: "Slugify a title for use in a URL: lower-case, ASCII only, words joined by hyphens.",
    name: "slugify",
    params: [{ name: "title", type: "str" }, { name: "max_length", type: "int" }],
    returns: "str",
    assertions: ["len(result) <= max_length", "result == result.lower()"],
    holes: [
      { id: "H1_max_length", type: "parameter", field: "signature.parameters", description: "Default maximum length", suggestions: [50, 80, 100], resolved: 80 },
      { id: "H2_unicode", type: "other", field: "intent", description: "How to treat accented letters", suggestions: ["transliterate", "drop"], resolved: "transliterate" },
      { id: "H3_empty", type: "validation", field: "effects", description: "Result for an empty title", suggestions: ["'untitled'", "raise"], resolved: "'untitled'" },
    ],
    code: `import re
import unicodedata


def slugify(title: str, max_length: int = 80) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return (slug or "untitled")[:max_length].rstrip("-")`,
    broken: {
      code: `import re
import unicodedata


def slugify(title: str, max_length: int = 80) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return (slug or "untitled")[:max_length].rstrip("-") if`,
      error: { type: "SyntaxError", message: "invalid syntax", line: 8, column: 58 },
    },
  },
  {
    prompt: "Retry a function call up to n times with exponential backoff.",
    name: "retry",
    params: [{ name: "fn", type: "Callable[[], T]" }, { name: "attempts", type: "int" }, { name: "base_delay", type: "float" }],
    returns: "T",
    assertions: ["attempts >= 1"],
    holes: [
      { id: "H1_exceptions", type: "type", field: "signature.parameters", description: "Which exceptions trigger a retry?", suggestions: ["Exception", "a tuple given by the caller"], resolved: "Exception" },
      { id: "H2_jitter", type: "constraint", field: "effects", description: "Add random jitter to the delay?", suggestions: [true, false], resolved: true },
    ],
    code: `import random
import time
from typing import Callable, TypeVar

T = TypeVar("T")


def retry(fn: Callable[[], T], attempts: int = 3, base_delay: float = 0.5) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception:
            if attempt == attempts:
                raise
            time.sleep(base_delay * 2 ** (attempt - 1) * (1 + random.random() / 2))
    raise AssertionError("unreachable")`,
    broken: {
      code: `import time
from typing import Callable, TypeVar

T = TypeVar("T")


def retry(fn: Callable[[], T], attempts: int = 3, base_delay: float = 0.5) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception:
            time.sleep(base_delay * 2 ** (attempt - 1) * (1 + random.random() / 2))`,
      error: { type: "NameError", message: "name 'random' is not defined", line: 12, column: 55 },
    },
  },
];

function irOf(bp: Blueprint, resolved: boolean, extraAssertion: boolean) {
  return {
    intent: { summary: bp.prompt, rationale: null },
    signature: { name: bp.name, parameters: bp.params, returns: bp.returns },
    effects: resolved ? bp.holes.filter((h) => h.field === "effects").map((h) => `${h.description} -> ${JSON.stringify(h.resolved)}`) : [],
    assertions: [...bp.assertions.slice(0, extraAssertion ? undefined : 1)].map((predicate) => ({ predicate })),
    holes: resolved ? [] : bp.holes.map((h) => ({ id: h.id, kind: h.type, description: h.description })),
    metadata: { language: "python", origin: "prompt" },
  };
}

export type SessionData = { sessions: Row[]; revisions: Row[]; drafts: Row[]; holes: Row[]; finalTimes: Map<string, Date> };

export function buildSessions(ctx: SeedContext): SessionData {
  const r = rng("sessions");
  const out: SessionData = { sessions: [], revisions: [], drafts: [], holes: [], finalTimes: new Map() };
  const plan: [string, number][] = [["alice", 6], ["bob", 4], ["admin", 1], ["manager", 1]];
  for (const u of activeUsers(ctx).filter((x) => !x.demo)) plan.push([u.key, r.int(0, 2)]);
  let n = 0;
  for (const [key, count] of plan) {
    const u = ctx.users.find((x) => x.key === key)!;
    for (let i = 0; i < count; i++, n++) buildSession(ctx, out, r, u.id, `${key}:${i}`, BLUEPRINTS[n % BLUEPRINTS.length], i === 0 && key === "alice");
  }
  return out;
}

function buildSession(ctx: SeedContext, out: SessionData, r: Rng, userId: string, key: string, bp: Blueprint, current: boolean) {
  const id = seedUuid(`session:${key}`);
  const status = current ? "active" : r.weighted([["finalized", 5], ["active", 2], ["paused", 1], ["error", 1]] as const);
  const source = r.chance(0.2) ? "code" : "prompt";
  const created = current ? ctx.clock.daysAgo(0.2) : ctx.clock.daysAgo(0.5 + 80 * Math.pow(r.next(), 1.4));
  const model = pickModel(ctx, r, created);
  let t = created.getTime();
  const step = () => (t += r.int(20, 600) * 1000);

  // Revisions: the initial IR with open holes, a refinement resolving them, sometimes a repair
  // or the user's own edit adding an assertion.
  const revCount = status === "active" || status === "error" ? r.int(1, 2) : r.int(2, 3);
  const revisions: { id: string; at: Date; ir: unknown }[] = [];
  for (let k = 1; k <= revCount; k++) {
    step();
    const resolved = k >= 2;
    const ir = irOf(bp, resolved, k >= 3);
    const revSource = k === 1 ? "initial" : k === 2 ? "refinement" : r.pick(["repair", "user_edit"] as const);
    const changed = k === 1 ? ["intent", "signature", "effects", "assertions"] : k === 2 ? [...new Set(bp.holes.map((h) => h.field)), "holes"] : ["assertions"];
    const revId = seedUuid(`session-revision:${id}:${k}`);
    out.revisions.push({
      id: revId,
      session_id: id,
      revision_number: k,
      source: revSource,
      ir_content: { ...ir, changed_fields: changed },
      validation_result: { valid: resolved, errors: resolved ? [] : bp.holes.map((h) => `unresolved hole ${h.id}`) },
      changed_fields: changed,
      change_summary: k === 1 ? (source === "code" ? "IR extracted from the submitted code" : "Initial IR from the prompt") : k === 2 ? `Resolved ${bp.holes.length} hole(s)` : "Added an assertion on the result",
      metadata: { model: model.modelId },
      created_at: new Date(t),
    });
    revisions.push({ id: revId, at: new Date(t), ir });
  }

  // Hole resolutions belong to the refinement that resolved them.
  if (revisions.length >= 2) {
    bp.holes.forEach((h, hi) => {
      const method = r.weighted([["user_selection", 4], ["ai_suggestion", 3], ["inference", 2], ["default", 1]] as const);
      out.holes.push({
        id: seedUuid(`hole:${id}:${h.id}`),
        session_id: id,
        ir_revision_id: revisions[1].id,
        hole_id: h.id,
        hole_type: h.type,
        resolution_method: method,
        resolved_value: { value: h.resolved },
        confidence_score: method === "user_selection" ? "1.00" : (0.55 + r.next() * 0.44).toFixed(2),
        original_hole_data: { id: h.id, kind: h.type, description: h.description },
        suggestions_provided: h.suggestions,
        user_feedback: method === "user_selection" && r.chance(0.3) ? "The suggestion was close; I picked the stricter option." : null,
        metadata: {},
        created_at: plusMs(revisions[1].at, -(bp.holes.length - hi) * 15_000),
      });
    });
  }

  // Drafts: generated from the latest resolved IR. A first attempt may fail validation and be
  // repaired; sessions in error never got a valid draft.
  const drafts: { code: string; valid: boolean }[] = [];
  if (status !== "active" || revisions.length === 2) {
    const firstBroken = status === "error" || r.chance(0.4);
    drafts.push({ code: firstBroken ? bp.broken.code : bp.code, valid: !firstBroken });
    if (status === "error") drafts.push({ code: bp.broken.code, valid: false });
    else if (firstBroken) drafts.push({ code: bp.code, valid: true });
    if (status === "finalized" && revisions.length === 3) drafts.push({ code: bp.code, valid: true });
  }
  drafts.forEach((d, k) => {
    step();
    const input = 600 + r.int(0, 900);
    const output = Math.ceil(d.code.length / 4) + r.int(10, 80);
    const syntaxOk = d.valid || bp.broken.error.type === "NameError";
    out.drafts.push({
      id: seedUuid(`session-draft:${id}:${k + 1}`),
      session_id: id,
      ir_revision_id: revisions[revisions.length - 1].id,
      draft_number: k + 1,
      source: k === 0 ? "initial_generation" : d.valid && !drafts[k - 1].valid ? r.pick(["ast_repair", "llm_regeneration"] as const) : "llm_regeneration",
      code_content: d.code,
      language: "python",
      syntax_valid: syntaxOk,
      ast_valid: d.valid,
      validation_errors: d.valid ? [] : [bp.broken.error],
      generation_time_ms: r.int(900, 9_000),
      validation_time_ms: r.int(8, 140),
      llm_tokens_used: input + output,
      llm_cost_usd: usd(costMicros(model, input, output).total),
      metadata: { model: model.modelId, temperature: 0.2 },
      created_at: new Date(t),
    });
  });

  const last = revisions[revisions.length - 1];
  const finalAt = new Date(Math.min(t + r.int(10, 300) * 1000, ctx.clock.anchor.getTime()));
  out.finalTimes.set(id, finalAt);
  out.sessions.push({
    id,
    user_id: userId,
    status,
    source,
    original_input: source === "code" ? bp.code : bp.prompt,
    current_ir: last.ir,
    current_code: drafts.length ? drafts[drafts.length - 1].code : null,
    metadata: { tags: [bp.name.split("_")[0], "python"], model: model.modelId },
    created_at: created,
    updated_at: finalAt,
    finalized_at: status === "finalized" ? finalAt : null,
  });
  if (t > ctx.clock.anchor.getTime()) throw new Error(`session ${key} ends after the anchor`);
}

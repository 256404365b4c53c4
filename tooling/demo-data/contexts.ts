/**
 * Seed 002: the context builder. A context is one project being set up by conversation: its
 * flow and config, the messages exchanged, the actions taken (clone a template, configure
 * tooling, modify files, deploy) and the previews deployed. Status follows the actions: a
 * completed context has a live preview, a context in setup has pending actions only.
 */
import { activeUsers, type SeedContext } from "./context";
import type { Row } from "./insert";
import { MS, plusMs, rng, seedUuid } from "./random";

type Blueprint = {
  name: string;
  template: string;
  tooling: string[];
  features: string[];
  conversation: [string, string][];
};

const BLUEPRINTS: Blueprint[] = [
  {
    name: "team-dashboard", template: "next-app", tooling: ["typescript", "tailwindcss", "eslint"], features: ["auth", "charts"],
    conversation: [
      ["I want a dashboard for my team's weekly metrics.", "Got it: a Next.js app with sign-in and a charts page. Which metrics come first?"],
      ["Signups, active users and revenue per week.", "I'll add three line charts fed from a weekly table. Starting from the next-app template."],
      ["Dark mode please.", "Added a theme toggle with the system preference as the default."],
    ],
  },
  {
    name: "landing-page", template: "astro", tooling: ["tailwindcss"], features: ["contact-form", "seo"],
    conversation: [
      ["A landing page for our new API product, with a contact form.", "An Astro site with a hero, three feature blocks and a contact form. Any brand colours?"],
      ["Indigo and white.", "Applied indigo as the primary colour. The form posts to a serverless function."],
    ],
  },
  {
    name: "feedback-widget", template: "vite-react", tooling: ["typescript", "vitest"], features: ["embed-script", "rating"],
    conversation: [
      ["An embeddable widget that asks users to rate a page from 1 to 5.", "A Vite + React widget bundled as one script tag. Where should ratings go?"],
      ["POST them to our /api/ratings endpoint.", "Wired up with retries and a thank-you state. Tests cover the submit flow."],
      ["Can it be smaller?", "Switched to Preact compat: the bundle dropped from 46 kB to 14 kB gzipped."],
    ],
  },
  {
    name: "internal-docs", template: "docusaurus", tooling: ["mdx", "algolia"], features: ["search", "versioning"],
    conversation: [
      ["Internal docs site with search.", "Docusaurus with local search to start; Algolia later if you want hosted search."],
    ],
  },
  {
    name: "ops-api", template: "fastapi", tooling: ["python", "ruff", "pytest"], features: ["openapi", "postgres"],
    conversation: [
      ["A small API for our ingest jobs, Python please.", "FastAPI with Postgres and an OpenAPI page. Which endpoints?"],
      ["List jobs, job detail, cancel a job.", "Three routes added with pydantic models; cancel is idempotent."],
    ],
  },
];

const ACTION_TYPES = ["clone_template", "configure_tooling", "modify_files", "deploy"] as const;

export type ContextData = { contexts: Row[]; messages: Row[]; actions: Row[]; previews: Row[] };

export function buildContexts(ctx: SeedContext): ContextData {
  const r = rng("contexts");
  const out: ContextData = { contexts: [], messages: [], actions: [], previews: [] };
  const owners = activeUsers(ctx);
  const plan: [string, number][] = [["alice", 3], ["bob", 2], ["admin", 1], ...owners.filter((u) => !u.demo).slice(0, 9).map((u) => [u.key, 1] as [string, number])];
  let n = 0;
  for (const [key, count] of plan) {
    const u = owners.find((x) => x.key === key)!;
    for (let i = 0; i < count; i++, n++) {
      const bp = BLUEPRINTS[n % BLUEPRINTS.length];
      const id = seedUuid(`context:${key}:${i}`);
      const status = i === 0 && key === "alice" ? "active" : r.weighted([["setup", 2], ["active", 3], ["completed", 5]] as const);
      // At least a day old, so the whole conversation and its deploys lie in the past.
      const created = ctx.clock.daysAgo(1 + 74 * Math.pow(r.next(), 1.6));
      let t = created.getTime();
      const turns = status === "setup" ? bp.conversation.slice(0, 1) : bp.conversation;
      out.messages.push({
        id: seedUuid(`context-message:${id}:system`), contextId: id, role: "system",
        content: `Template: ${bp.template}. Tooling: ${bp.tooling.join(", ")}.`, metadata: null, createdAt: new Date(t),
      });
      turns.forEach(([q, a], k) => {
        t += r.int(1, 6) * MS.MINUTE;
        out.messages.push({
          id: seedUuid(`context-message:${id}:${k}:user`), contextId: id, role: "user", content: q,
          metadata: { intent: k === 0 ? "create_project" : "refine", entities: bp.features.slice(0, 1 + (k % 2)), confidence: Number((0.72 + r.next() * 0.27).toFixed(2)) },
          createdAt: new Date(t),
        });
        t += r.int(4, 40) * 1000;
        out.messages.push({ id: seedUuid(`context-message:${id}:${k}:assistant`), contextId: id, role: "assistant", content: a, metadata: null, createdAt: new Date(t) });
      });

      // Actions run in order; how far they got depends on the context's status.
      const reached = status === "setup" ? 1 : status === "active" ? 3 : 4;
      const failedDeploy = status === "active" && r.chance(0.4);
      ACTION_TYPES.slice(0, reached + (failedDeploy ? 1 : 0)).forEach((type, k) => {
        const isLast = k === reached - 1;
        const state = type === "deploy" && failedDeploy ? "failed" : status === "setup" ? "pending" : status === "active" && isLast ? "running" : "completed";
        const at = new Date(t + (k + 1) * r.int(20, 90) * 1000);
        out.actions.push({
          id: seedUuid(`context-action:${id}:${type}`),
          contextId: id,
          type,
          payload: actionPayload(type, bp),
          status: state,
          result: state === "completed" ? actionResult(type, bp) : state === "failed" ? { error: "Build failed: Type error in src/app/page.tsx:14" } : null,
          createdAt: at,
          updatedAt: plusMs(at, state === "pending" ? 0 : r.int(5, 120) * 1000),
        });
      });
      const previewAt = new Date(t + 6 * MS.MINUTE);
      if (status === "completed" || failedDeploy) {
        const deploymentId = `dpl_${seedUuid(`deployment:${id}`).replace(/-/g, "").slice(0, 20)}`;
        out.previews.push({
          id: seedUuid(`context-preview:${id}`),
          contextId: id,
          url: failedDeploy ? null : `https://${bp.name}-${key}.preview.example.app`,
          deploymentId,
          status: failedDeploy ? "error" : "live",
          metadata: failedDeploy ? { buildLog: "Type error in src/app/page.tsx:14" } : { region: "fra1", buildSeconds: r.int(25, 140) },
          createdAt: previewAt,
          updatedAt: plusMs(previewAt, r.int(30, 180) * 1000),
        });
      } else if (status === "active" && r.chance(0.5)) {
        out.previews.push({
          id: seedUuid(`context-preview:${id}`), contextId: id, url: null, deploymentId: null, status: "generating",
          metadata: { queuedAt: previewAt.toISOString() }, createdAt: previewAt, updatedAt: previewAt,
        });
      }
      out.contexts.push({
        id,
        userId: u.id,
        status,
        flow: { resistance: "none", friction: r.pick(["minimal", "minimal", "low"]), direction: "natural" },
        config: { template: bp.template, tooling: bp.tooling, features: bp.features, customizations: { projectName: bp.name } },
        metadata: { projectName: bp.name, source: r.pick(["chat", "template-gallery"]) },
        createdAt: created,
        updatedAt: new Date(t + 8 * MS.MINUTE),
      });
    }
  }
  return out;
}

function actionPayload(type: (typeof ACTION_TYPES)[number], bp: Blueprint): Record<string, unknown> {
  switch (type) {
    case "clone_template": return { template: bp.template, directory: bp.name };
    case "configure_tooling": return { tools: bp.tooling };
    case "modify_files": return { files: ["src/app/page.tsx", "src/components/header.tsx"].slice(0, 1 + (bp.features.length % 2)), features: bp.features };
    case "deploy": return { target: "preview", project: bp.name };
  }
}

function actionResult(type: (typeof ACTION_TYPES)[number], bp: Blueprint): Record<string, unknown> {
  switch (type) {
    case "clone_template": return { filesCreated: 23 + bp.name.length };
    case "configure_tooling": return { installed: bp.tooling, durationMs: 18_400 };
    case "modify_files": return { changed: 2, insertions: 148, deletions: 12 };
    case "deploy": return { url: `https://${bp.name}.preview.example.app`, durationMs: 64_000 };
  }
}

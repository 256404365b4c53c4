/**
 * Seed 000: the directive registry. Directives in the four documented categories, each with a
 * semver history (exactly one is_latest, content_hash = first 16 hex characters of the content's
 * SHA-256), runs of those directives by the team, and lockfiles pinning versions per project.
 */
import { activeUsers, type SeedContext, userByKey } from "./context";
import type { Row } from "./insert";
import { MS, plusMs, rng, seedUuid, sha256Hex } from "./random";

type VersionSpec = { version: string; changelog: string; step?: string };

type DirectiveSpec = {
  name: string;
  category: "core" | "patterns" | "workflows" | "actions";
  subcategory: string | null;
  description: string;
  author: string;
  official: boolean;
  techStack: string[];
  dependencies: { name: string; version: string }[];
  steps: string[];
  versions: VersionSpec[];
};

export const DIRECTIVES: DirectiveSpec[] = [
  {
    name: "bootstrap", category: "core", subcategory: null, author: "admin", official: true,
    description: "Set up a new project: repository layout, tooling, CI and a first passing test.",
    techStack: ["typescript", "node"], dependencies: [],
    steps: ["Create the repository layout (src/, tests/, scripts/)", "Add TypeScript with strict mode", "Add a first unit test and make it pass"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.1.0", changelog: "Add linting with ESLint flat config", step: "Configure ESLint (flat config) and a lint script" },
      { version: "1.2.0", changelog: "Add CI workflow", step: "Add a GitHub Actions workflow running lint and tests" },
      { version: "2.0.0", changelog: "Switch the package manager to pnpm; Node 20 minimum", step: "Pin Node 20 and pnpm in package.json engines" },
    ],
  },
  {
    name: "api-endpoint", category: "patterns", subcategory: "api-endpoints", author: "admin", official: true,
    description: "Add a typed HTTP endpoint with input validation, error mapping and a test.",
    techStack: ["nextjs", "zod", "typescript"], dependencies: [{ name: "bootstrap", version: "^1.1.0" }],
    steps: ["Define the input schema with zod", "Write the route handler and map errors to status codes", "Add an integration test for success and validation failure"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.1.0", changelog: "Return field errors in a stable shape", step: "Return 422 with {field: message} for validation errors" },
      { version: "1.2.0-beta.1", changelog: "Experimental: rate limiting per user", step: "Apply the per-user rate limit before the handler" },
    ],
  },
  {
    name: "react-component", category: "patterns", subcategory: "react-components", author: "alice", official: false,
    description: "Create an accessible React component with stories and tests.",
    techStack: ["react", "typescript", "tailwindcss"], dependencies: [],
    steps: ["Write the component with typed props", "Add a story per state", "Test it by role and label with Testing Library"],
    versions: [
      { version: "0.1.0", changelog: "First draft" },
      { version: "0.2.0", changelog: "Accessibility checklist", step: "Check keyboard focus order and visible focus" },
      { version: "1.0.0", changelog: "Stable; used by the console team", step: "Export from the package index" },
    ],
  },
  {
    name: "db-migration", category: "workflows", subcategory: "database", author: "bob", official: false,
    description: "Write a reversible, idempotent Postgres migration and verify it on a copy of production.",
    techStack: ["postgres", "supabase"], dependencies: [],
    steps: ["Write the migration with create ... if not exists", "Apply it twice to prove idempotence", "Run it against a restored snapshot"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.0.1", changelog: "Clarify lock timeouts", step: "Set lock_timeout = '5s' before altering busy tables" },
      { version: "1.1.0", changelog: "Index creation guidance", step: "Create large indexes concurrently in a separate migration" },
    ],
  },
  {
    name: "code-review", category: "workflows", subcategory: "quality", author: "admin", official: true,
    description: "Review a pull request for correctness, security and readability.",
    techStack: ["git"], dependencies: [],
    steps: ["Read the description and linked issue first", "Check tests cover the change", "Flag security-sensitive code paths"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.1.0", changelog: "Add a checklist for SQL changes", step: "For SQL: check RLS policies and indexes for new filters" },
    ],
  },
  {
    name: "deploy-vercel", category: "actions", subcategory: "deployment", author: "bob", official: false,
    description: "Deploy a Next.js app to Vercel with environment variables and a preview check.",
    techStack: ["nextjs", "vercel"], dependencies: [{ name: "bootstrap", version: ">=1.2.0" }],
    steps: ["Link the project with the Vercel CLI", "Set environment variables per environment", "Deploy a preview and run the smoke test"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.1.0", changelog: "Promote only after the smoke test passes", step: "Promote the preview to production" },
    ],
  },
  {
    name: "test-suite", category: "core", subcategory: "testing", author: "admin", official: true,
    description: "Add unit, database and end-to-end tests with one command to run them all.",
    techStack: ["vitest", "playwright"], dependencies: [{ name: "bootstrap", version: "^1.0.0" }],
    steps: ["Configure vitest for unit tests", "Run database tests against a throwaway Postgres", "Add Playwright for the main flows"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.1.0", changelog: "Parallel test databases from a template", step: "Clone a migrated template database per test file" },
      { version: "1.2.0", changelog: "Trace on first retry", step: "Record Playwright traces on the first retry only" },
    ],
  },
  {
    name: "error-handling", category: "patterns", subcategory: "reliability", author: "grace", official: false,
    description: "Typed errors: what is logged, what the user sees, and nothing swallowed.",
    techStack: ["typescript"], dependencies: [],
    steps: ["Define error codes with a user message and a log level", "Log unexpected errors once with their cause"],
    versions: [
      { version: "0.9.0", changelog: "Proposal" },
      { version: "1.0.0", changelog: "Adopted by the team", step: "Map expected failures to values, not exceptions" },
    ],
  },
  {
    name: "docs-writer", category: "actions", subcategory: "documentation", author: "maya", official: false,
    description: "Generate a README and API reference from the code and its tests.",
    techStack: ["markdown"], dependencies: [],
    steps: ["Collect public exports and their doc comments", "Write usage examples from the tests"],
    versions: [{ version: "0.1.0", changelog: "First version" }],
  },
  {
    name: "ci-pipeline", category: "workflows", subcategory: "ci", author: "jonas", official: false,
    description: "A CI pipeline with caching, parallel jobs and required checks.",
    techStack: ["github-actions"], dependencies: [{ name: "test-suite", version: "^1.1.0" }],
    steps: ["Cache dependencies keyed by the lockfile", "Run lint, types and tests in parallel jobs"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.1.0", changelog: "Cache Playwright browsers", step: "Cache the Playwright browser download" },
      { version: "1.1.1", changelog: "Fix the cache key on Windows runners" },
    ],
  },
  {
    name: "refactor-module", category: "actions", subcategory: "refactoring", author: "alice", official: false,
    description: "Split a large module into cohesive files without changing behaviour.",
    techStack: ["typescript"], dependencies: [{ name: "test-suite", version: "^1.0.0" }],
    steps: ["Pin behaviour with characterisation tests", "Move one concern at a time", "Keep the public exports stable"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "1.0.1", changelog: "Mention re-exports for compatibility" },
    ],
  },
  {
    name: "auth-flow", category: "patterns", subcategory: "authentication", author: "admin", official: true,
    description: "Sign-in, sign-up and session refresh with Supabase Auth in a Next.js app.",
    techStack: ["nextjs", "supabase"], dependencies: [{ name: "api-endpoint", version: "^1.0.0" }],
    steps: ["Create the three Supabase client factories", "Refresh the session in middleware", "Verify claims on the server with getClaims()"],
    versions: [
      { version: "1.0.0", changelog: "Initial release" },
      { version: "2.0.0", changelog: "Roles from profiles, never from user_metadata", step: "Read the role from public.profiles through a security definer function" },
    ],
  },
];

export function directiveContent(d: DirectiveSpec, upTo: number): string {
  const v = d.versions[upTo];
  const steps = [...d.steps, ...d.versions.slice(0, upTo + 1).flatMap((x) => (x.step ? [x.step] : []))];
  // Patch releases change wording, not steps: the notes make each version's content distinct.
  const notes = d.versions.slice(0, upTo + 1).map((x) => `  <note version="${x.version}">${x.changelog}</note>`);
  return [
    `<directive name="${d.name}" version="${v.version}" category="${d.category}">`,
    `  <description>${d.description}</description>`,
    `  <tech-stack>${d.techStack.join(", ")}</tech-stack>`,
    `  <steps>`,
    ...steps.map((s, i) => `    <step n="${i + 1}">${s}</step>`),
    `  </steps>`,
    ...notes,
    `</directive>`,
  ].join("\n");
}

export type DirectiveData = { directives: Row[]; versions: Row[]; runs: Row[]; lockfiles: Row[] };

export function buildDirectives(ctx: SeedContext): DirectiveData {
  const r = rng("directives");
  const out: DirectiveData = { directives: [], versions: [], runs: [], lockfiles: [] };
  const history = new Map<string, { version: string; at: Date }[]>();

  DIRECTIVES.forEach((d, di) => {
    const id = seedUuid(`directive:${d.name}`);
    const author = userByKey(ctx, d.author);
    let at = new Date(Math.max(ctx.clock.daysAgo(85 - di * 3).getTime(), author.createdAt.getTime() + MS.DAY));
    const versions: { version: string; at: Date }[] = [];
    d.versions.forEach((v, vi) => {
      if (vi > 0) at = new Date(Math.min(at.getTime() + r.int(4, 18) * MS.DAY, ctx.clock.daysAgo(0.5).getTime()));
      const content = directiveContent(d, vi);
      out.versions.push({
        id: seedUuid(`directive-version:${d.name}:${v.version}`),
        directive_id: id,
        version: v.version,
        content,
        content_hash: sha256Hex(content).slice(0, 16),
        changelog: v.changelog,
        // The newest version is the latest; the single-latest trigger would demote older ones anyway.
        is_latest: vi === d.versions.length - 1,
        created_at: at,
      });
      versions.push({ version: v.version, at });
    });
    history.set(d.name, versions);
    out.directives.push({
      id,
      name: d.name,
      category: d.category,
      subcategory: d.subcategory,
      description: d.description,
      author_id: author.id,
      is_official: d.official,
      download_count: d.official ? r.int(400, 2500) : r.int(5, 300),
      quality_score: (d.official ? 3.8 + r.next() * 1.2 : 2.5 + r.next() * 2).toFixed(2),
      tech_stack: d.techStack,
      dependencies: d.dependencies,
      created_at: versions[0].at,
      updated_at: versions[versions.length - 1].at,
    });
  });

  // Runs: the team runs directives in their projects; popular official ones most.
  const runners = activeUsers(ctx).filter((u) => u.role === "USER" || u.key === "admin");
  const projects = [
    { framework: "nextjs", language: "typescript", packageManager: "pnpm", repo: "acme-analytics/console" },
    { framework: "nextjs", language: "typescript", packageManager: "npm", repo: "acme-analytics/web-store" },
    { framework: "fastapi", language: "python", packageManager: "uv", repo: "acme-analytics/data-pipelines" },
    { framework: "vite-react", language: "typescript", packageManager: "pnpm", repo: "acme-analytics/churn-dashboard" },
  ];
  const weighted = DIRECTIVES.map((d) => [d, d.official ? 4 : 1] as const);
  for (let i = 0; i < 96; i++) {
    const d = r.weighted(weighted);
    const hist = history.get(d.name)!;
    const user = i < 20 ? userByKey(ctx, i % 2 ? "alice" : "bob") : r.pick(runners);
    const earliest = Math.max(hist[0].at.getTime(), user.createdAt.getTime());
    const at = new Date(earliest + r.next() * (ctx.clock.anchor.getTime() - MS.MINUTE - earliest));
    const version = [...hist].reverse().find((h) => h.at.getTime() <= at.getTime())!.version;
    const status = r.weighted([["success", 78], ["partial_success", 9], ["error", 13]] as const);
    const project = r.pick(projects);
    const duration = 4 + r.next() * (d.category === "workflows" ? 240 : 60);
    out.runs.push({
      id: seedUuid(`run:${i}`),
      directive_name: d.name,
      directive_version: version,
      status,
      duration_sec: duration.toFixed(2),
      cost_usd: (duration * 0.0011 + r.next() * 0.02).toFixed(4),
      inputs: { target: r.pick(["src/app", "src/lib", "packages/api", "services/ingest"]), dryRun: r.chance(0.1) },
      outputs: status === "error" ? null : { filesChanged: r.int(1, 14), summary: `${d.name} ${version} applied${status === "partial_success" ? " with skipped steps" : ""}` },
      error: status === "error" ? r.pick(["Step 2 failed: tests did not pass after the change", "Dependency bootstrap@^1.1.0 is not locked in this project", "Timed out after 300 s waiting for the CI run", "Working tree has uncommitted changes"]) : null,
      user_id: user.id,
      project_context: project,
      created_at: at,
    });
  }

  // Lockfiles: one per project a person works on, pinning what they last ran.
  const locks: [string, string][] = [
    ["alice", "acme-analytics/churn-dashboard"], ["alice", "acme-analytics/data-pipelines"], ["bob", "acme-analytics/web-store"],
    ["bob", "bob-builder/infra-terraform"], ["admin", "acme-analytics/console"], ["grace", "acme-analytics/web-store"],
    ["jonas", "acme-analytics/deploy-tools"], ["maya", "maya-patel/ml-experiments"],
  ];
  locks.forEach(([key, project], i) => {
    const u = userByKey(ctx, key);
    const pinned = r.sample(DIRECTIVES, r.int(2, 5));
    const created = ctx.clock.daysAgo(50 - i * 4);
    const locked: Record<string, string> = {};
    for (const d of pinned) {
      const hist = history.get(d.name)!;
      locked[d.name] = (hist.filter((h) => h.at.getTime() <= created.getTime()).pop() ?? hist[0]).version;
    }
    out.lockfiles.push({
      id: seedUuid(`lockfile:${key}:${project}`),
      project_hash: sha256Hex(`github.com/${project}`).slice(0, 16),
      user_id: u.id,
      locked_versions: locked,
      created_at: created,
      updated_at: plusMs(created, r.int(0, 20) * MS.DAY),
    });
  });
  return out;
}

import Link from "next/link";
import { navFor } from "@/components/shell/nav-items";
import { RoleBadge } from "@/components/shell/role-badge";
import { ChevronRightIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { countUsersWithRole } from "@/lib/db/queries/users";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";

export const metadata = { title: "Overview" };

const DESCRIPTIONS: Record<string, string> = {
  "/chats": "Your conversations, messages, votes and their cost.",
  "/documents": "Documents, their versions, diffs and suggestions.",
  "/sessions": "Code-generation sessions: revisions, drafts and hole resolutions.",
  "/directives": "The directive registry, versions and your runs.",
  "/contexts": "Contexts you built, with their messages, actions and previews.",
  "/projects": "Projects and their data records.",
  "/usage": "Your token usage and cost over time.",
  "/bonus": "Team progress in the current bonus windows.",
  "/admin/users": "Accounts, roles, approvals, bans and password resets.",
  "/admin/models": "LLM model configs: pricing, activation, provider defaults.",
  "/admin/agents": "Agent configs: system prompts, rate limits, tools.",
  "/admin/settings": "App, logging and system settings.",
  "/admin/errors": "Error logs to triage and resolve.",
  "/admin/activity": "User and agent activity logs.",
  "/admin/rate-limits": "Rate-limit tracking per user and endpoint.",
  "/admin/usage": "Usage and cost across the platform.",
  "/admin/bonus-windows": "Create and manage bonus windows.",
};

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const pending =
    viewer.role === "ADMIN"
      ? await guardDatabase(() => withViewer(viewer, (tx) => countUsersWithRole(tx, "PENDING")))
      : null;

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <span className="inline-flex items-center gap-2">
            Signed in as {viewer.email} <RoleBadge role={viewer.role} />
          </span>
        }
      />

      {pending !== null && pending > 0 ? (
        <div className="mb-6 flex items-center justify-between gap-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3">
          <p className="text-sm text-amber-900">
            <span className="font-semibold">{pending}</span> {pending === 1 ? "account is" : "accounts are"} waiting for approval.
          </p>
          <Link href="/admin/users?role=PENDING" className="text-sm font-medium text-amber-900 underline underline-offset-2">
            Review
          </Link>
        </div>
      ) : null}

      <div className="space-y-8">
        {navFor(viewer.role).map((section) => (
          <section key={section.id} aria-labelledby={`overview-${section.id}`}>
            <h2 id={`overview-${section.id}`} className="mb-3 text-sm font-semibold text-zinc-700">
              {section.label}
            </h2>
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {section.items.map((item) => {
                const Icon = item.icon;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      prefetch={false}
                      className="group flex h-full items-start gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs hover:border-zinc-300 hover:shadow-sm"
                    >
                      <span className="grid size-8 shrink-0 place-items-center rounded-md bg-zinc-100 text-zinc-600">
                        <Icon />
                      </span>
                      <span className="min-w-0 flex-1">
                        <span className="flex items-center justify-between text-sm font-medium text-zinc-900">
                          {item.label}
                          <ChevronRightIcon className="text-zinc-300 group-hover:text-zinc-500" />
                        </span>
                        <span className="mt-0.5 block text-xs text-zinc-500">{DESCRIPTIONS[item.href]}</span>
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

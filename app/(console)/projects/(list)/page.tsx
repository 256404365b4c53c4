import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FolderIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { listProjects, type RecordCounts } from "@/lib/db/queries/projects";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatInt } from "@/lib/format";
import { firstParam } from "@/lib/validation/data-table";
import { NewProjectForm } from "../_components/new-project-form";

export const metadata = { title: "Projects" };


function Counts({ c }: { c: RecordCounts[keyof RecordCounts] }) {
  const total = c.TOP_10 + c.BOTTOM_10 + c.NONE;
  return (
    <div className="tabular-nums">
      <span className="font-medium text-zinc-900">{formatInt(total)}</span>
      {total > 0 ? (
        <span className="ml-1.5 text-xs text-zinc-500">
          Top 10 {formatInt(c.TOP_10)} · Bottom 10 {formatInt(c.BOTTOM_10)}
          {c.NONE ? ` · none ${formatInt(c.NONE)}` : ""}
        </span>
      ) : null}
    </div>
  );
}

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const q = (firstParam((await searchParams).q) ?? "").slice(0, 200);
  const projects = await guardDatabase(() => withViewer(viewer, (tx) => listProjects(tx, { q })));
  const isAdmin = viewer.role === "ADMIN";

  return (
    <>
      <PageHeader
        title="Projects"
        description={isAdmin ? "Every project, with its task and feedback records." : "Your projects, with their task and feedback records."}
        actions={
          <ButtonLink href="/bonus" variant="secondary">
            {viewer.role === "USER" ? "My bonus progress" : "Bonus progress"}
          </ButtonLink>
        }
      />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <form role="search" className="flex gap-2" action="/projects">
          <label htmlFor="project-search" className="sr-only">
            Search projects
          </label>
          <input
            id="project-search"
            name="q"
            defaultValue={q}
            placeholder="Search by name…"
            className="h-9 w-64 rounded-md border border-zinc-300 px-3 text-sm shadow-xs"
          />
          <button type="submit" className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium shadow-xs hover:bg-zinc-50">
            Search
          </button>
        </form>
        <NewProjectForm />
      </div>
      {projects.length === 0 ? (
        <Card>
          <EmptyState icon={<FolderIcon size={28} />} title={q ? "No project matches this name" : "No projects yet"}>
            {q ? "Try another name." : "Create a project, then import tasks or feedback from a CSV file."}
          </EmptyState>
        </Card>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Projects">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-500">
              <tr>
                <th className="px-3 py-2">Project</th>
                {isAdmin ? <th className="px-3 py-2">Owner</th> : null}
                <th className="px-3 py-2">Tasks</th>
                <th className="px-3 py-2">Feedback</th>
                <th className="px-3 py-2">Guidelines</th>
                <th className="px-3 py-2">Last analyses</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {projects.map((p) => (
                <tr key={p.id} className="align-top hover:bg-zinc-50">
                  <td className="px-3 py-2">
                    <Link href={`/projects/${encodeURIComponent(p.id)}`} className="font-medium text-zinc-900 hover:underline">
                      {p.name}
                    </Link>
                    <div className="text-xs text-zinc-500 tabular-nums">{formatInt(p.total)} records</div>
                  </td>
                  {isAdmin ? <td className="px-3 py-2 text-zinc-600">{p.ownerEmail ?? "—"}</td> : null}
                  <td className="px-3 py-2">
                    <Counts c={p.counts.TASK} />
                  </td>
                  <td className="px-3 py-2">
                    <Counts c={p.counts.FEEDBACK} />
                  </td>
                  <td className="px-3 py-2">{p.guidelinesFileName ? <Badge>{p.guidelinesFileName}</Badge> : <span className="text-zinc-400">—</span>}</td>
                  <td className="max-w-md px-3 py-2 text-xs text-zinc-600">
                    {p.lastTaskAnalysis ? (
                      <p className="line-clamp-2" title={p.lastTaskAnalysis}>
                        <span className="font-medium text-zinc-800">Tasks: </span>
                        {p.lastTaskAnalysis}
                      </p>
                    ) : null}
                    {p.lastFeedbackAnalysis ? (
                      <p className="mt-1 line-clamp-2" title={p.lastFeedbackAnalysis}>
                        <span className="font-medium text-zinc-800">Feedback: </span>
                        {p.lastFeedbackAnalysis}
                      </p>
                    ) : null}
                    {!p.lastTaskAnalysis && !p.lastFeedbackAnalysis ? <span className="text-zinc-400">None yet</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

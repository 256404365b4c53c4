import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listErrorLogs } from "@/lib/db/queries/error-logs";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatDayTime } from "@/lib/format";
import { errorsTableParams, parseErrorFilter, SEVERITY_LABELS } from "@/lib/validation/error-logs";

export const metadata = { title: "My errors" };

/**
 * The errors a person ran into: error_logs under RLS ("Owners and admins can read error_logs"), with the
 * explicit user filter on top (docs/access-model.md#policies-written-for-speed). Read-only; admins triage on /admin/errors.
 */
export default async function MyErrorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRole("USER", "MANAGER", "ADMIN");
  const raw = await searchParams;
  const q = errorsTableParams.parse(raw);
  const filter = { ...parseErrorFilter(raw), user: viewer.id };
  const page = await guardDatabase(() =>
    withViewer(viewer, (tx) => listErrorLogs(tx, { ...filter, sort: q.sort, cursor: q.cursor, size: q.size })),
  );
  return (
    <>
      <PageHeader title="My errors" description="Errors recorded while you used the app, newest first, and whether they were resolved." />
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-zinc-200 bg-white p-6 text-center text-sm text-zinc-500">No errors recorded for you.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
          <table className="w-full text-left text-sm" aria-label="My errors">
            <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Severity</th>
                <th scope="col" className="px-3 py-2 font-medium">Message</th>
                <th scope="col" className="px-3 py-2 font-medium">Where</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">When (UTC)</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {page.rows.map((e) => (
                <tr key={e.id}>
                  <td className="px-3 py-2"><Badge tone={e.severity === "info" ? "blue" : e.severity === "warning" ? "amber" : "red"}>{SEVERITY_LABELS[e.severity]}</Badge></td>
                  <td className="px-3 py-2" title={e.errorMessage}><span className="block max-w-md truncate">{e.errorMessage}</span></td>
                  <td className="px-3 py-2 font-mono text-xs text-zinc-600">{e.requestPath ?? "—"}</td>
                  <td className="px-3 py-2">{e.resolved ? <Badge tone="green">Resolved</Badge> : <Badge>Open</Badge>}</td>
                  <td className="px-3 py-2 whitespace-nowrap text-zinc-600 tabular-nums">{formatDayTime(e.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="mt-3 flex justify-end gap-2 text-sm">
        {page.prevCursor ? <Link className="rounded-md border border-zinc-300 px-2 py-1" href={`/usage/errors?before=${page.prevCursor}`}>Newer</Link> : null}
        {page.nextCursor ? <Link className="rounded-md border border-zinc-300 px-2 py-1" href={`/usage/errors?after=${page.nextCursor}`}>Older</Link> : null}
      </nav>
    </>
  );
}

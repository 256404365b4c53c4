import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { readAiSettings } from "@/lib/db/queries/ai-settings";
import {
  countRecords,
  getProject,
  getRecord,
  listIngestJobs,
  listRecordCreators,
  listRecords,
  projectAgreement,
  ratingCounts,
} from "@/lib/db/queries/projects";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatInt } from "@/lib/format";
import { firstParam } from "@/lib/validation/data-table";
import { CATEGORY_LABELS, recordsTableParams, RECORD_CATEGORIES, RECORD_TYPE_LABELS, RECORD_TYPES } from "@/lib/validation/projects";
import { AgreementCard } from "./_components/agreement-card";
import { IngestPanel } from "./_components/ingest-panel";
import { RecordPanel } from "./_components/record-panel";
import { RecordsTable } from "./_components/records-table";

export const metadata = { title: "Project" };


export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const { id } = await params;
  const sp = await searchParams;
  const query = recordsTableParams.parse(sp);
  const recordId = firstParam(sp.record)?.slice(0, 100) ?? null;

  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const project = await getProject(tx, id);
      if (!project) return null;
      return {
        project,
        counts: await countRecords(tx, id),
        settings: await readAiSettings(tx),
        agreement: await projectAgreement(tx, id),
        ratings: await ratingCounts(tx, id),
        jobs: await listIngestJobs(tx, id),
        creators: await listRecordCreators(tx, id),
        records: await listRecords(tx, id, query),
        record: recordId ? await getRecord(tx, id, recordId) : null,
      };
    }),
  );
  // RLS hides it: a forbidden project and a missing one look the same.
  if (!data) notFound();
  const { project, counts, settings } = data;
  const myScore = data.record?.scores.find((s) => s.userId === viewer.id) ?? null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        / <span className="text-zinc-700">{project.name}</span>
      </nav>
      <PageHeader
        title={project.name}
        description={
          <>
            Owner {project.ownerEmail ?? "—"}
            {project.guidelinesFileName ? (
              <>
                {" "}
                · Guidelines <Badge>{project.guidelinesFileName}</Badge>
              </>
            ) : (
              " · No guidelines file"
            )}
          </>
        }
      />

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-zinc-900">Records</h2>
          <table className="mt-2 w-full text-sm tabular-nums" aria-label="Record counts by type and category">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className="py-1 font-medium">Type</th>
                {RECORD_CATEGORIES.map((c) => (
                  <th key={c} className="py-1 pl-3 text-right font-medium">
                    {CATEGORY_LABELS[c]}
                  </th>
                ))}
                <th className="py-1 pl-3 text-right font-medium">None</th>
                <th className="py-1 pl-3 text-right font-medium">Total</th>
              </tr>
            </thead>
            <tbody>
              {RECORD_TYPES.map((t) => (
                <tr key={t} className="border-t border-zinc-100">
                  <th scope="row" className="py-1 text-left font-medium text-zinc-800">
                    {RECORD_TYPE_LABELS[t]}
                  </th>
                  <td className="py-1 pl-3 text-right">{formatInt(counts[t].TOP_10)}</td>
                  <td className="py-1 pl-3 text-right">{formatInt(counts[t].BOTTOM_10)}</td>
                  <td className="py-1 pl-3 text-right">{formatInt(counts[t].NONE)}</td>
                  <td className="py-1 pl-3 text-right font-medium">{formatInt(counts[t].TOP_10 + counts[t].BOTTOM_10 + counts[t].NONE)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {project.lastTaskAnalysis || project.lastFeedbackAnalysis ? (
            <details className="mt-3 text-xs text-zinc-600">
              <summary className="cursor-pointer font-medium text-zinc-800">Last analyses</summary>
              {project.lastTaskAnalysis ? <p className="mt-1 whitespace-pre-wrap">Tasks: {project.lastTaskAnalysis}</p> : null}
              {project.lastFeedbackAnalysis ? <p className="mt-1 whitespace-pre-wrap">Feedback: {project.lastFeedbackAnalysis}</p> : null}
            </details>
          ) : null}
        </Card>

        <AgreementCard rows={data.agreement} ratings={data.ratings} />

        <Card className="p-4">
          <h2 className="text-sm font-semibold text-zinc-900">AI settings</h2>
          <p className="mt-1 text-xs text-zinc-500">Used for embeddings during import and for LLM scoring. Admins change them in Settings.</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-label="AI settings">
            <dt className="text-zinc-500">Provider</dt>
            <dd className="font-mono text-xs leading-5">{settings.aiProvider ?? "not set"}</dd>
            <dt className="text-zinc-500">Host</dt>
            <dd className="font-mono text-xs leading-5 break-all">{settings.aiHost ?? "not set"}</dd>
            <dt className="text-zinc-500">LLM model</dt>
            <dd className="font-mono text-xs leading-5">{settings.llmModel ?? "not set"}</dd>
            <dt className="text-zinc-500">Embedding model</dt>
            <dd className="font-mono text-xs leading-5">{settings.embeddingModel ?? "not set"}</dd>
          </dl>
        </Card>
      </div>

      <IngestPanel projectId={project.id} jobs={data.jobs} embeddingLabel={settings.embeddingModel ? `${settings.aiProvider ?? "?"} · ${settings.embeddingModel}` : null} />

      <section className="mt-6" aria-labelledby="records-heading">
        <h2 id="records-heading" className="mb-3 text-base font-semibold text-zinc-900">
          Records
        </h2>
        <RecordsTable
          projectId={project.id}
          rows={data.records.rows}
          sort={query.sort}
          page={query.page}
          size={query.size}
          nextCursor={data.records.nextCursor}
          prevCursor={data.records.prevCursor}
          creators={data.creators}
        />
      </section>
      {data.record ? <RecordPanel record={data.record} myScore={myScore} /> : null}
    </>
  );
}

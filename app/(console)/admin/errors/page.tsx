import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { getRelatedActivity } from "@/lib/db/queries/activity-logs";
import {
  correlationOf,
  countErrorsBySeverity,
  errorSeries,
  getErrorLog,
  listErrorGroups,
  listErrorLogs,
  planErrorSearch,
  rangeOf,
} from "@/lib/db/queries/error-logs";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { decodeCursor } from "@/lib/validation/data-table";
import { errorsTableParams, parseErrorFilter } from "@/lib/validation/error-logs";
import { ErrorDetailPanel } from "./_components/error-detail";
import { ErrorGroupsList } from "./_components/error-groups";
import { ErrorsSummary } from "./_components/errors-summary";
import { ErrorsTable } from "./_components/errors-table";

export const metadata = { title: "Errors" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AdminErrorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireRole("ADMIN");
  const raw = await searchParams;
  const query = errorsTableParams.parse(raw);
  const parsed = parseErrorFilter(raw);
  const groupCursor = query.view === "groups" && query.cursor ? decodeGroupCursor(raw) : null;

  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const filter = await planErrorSearch(tx, parsed);
      const [counts, series] = [await countErrorsBySeverity(tx, filter, { admin: true }), await errorSeries(tx, filter, { admin: true })];
      const list = query.view === "list" ? await listErrorLogs(tx, { ...filter, sort: query.sort, cursor: query.cursor, size: query.size }) : null;
      const groups = query.view === "groups" ? await listErrorGroups(tx, filter, { size: query.size, after: groupCursor }) : null;
      const detail = query.error ? await getErrorLog(tx, query.error) : null;
      const related = detail
        ? await getRelatedActivity(tx, { sessionId: detail.sessionId, correlationId: correlationOf(detail.errorDetails), createdAt: detail.createdAt })
        : null;
      return { counts, series, list, groups, detail, related };
    }),
  );
  const range = rangeOf(parsed);

  return (
    <>
      <PageHeader
        title="Errors"
        description="Triage error_logs: filter, search, group, resolve. Counts and the chart follow the filter."
      />
      <div className="space-y-6">
        <ErrorsSummary counts={data.counts} series={data.series} rangeLabel={range.label} />
        {data.groups ? (
          <ErrorGroupsList rows={data.groups.rows} next={data.groups.next} page={query.page} />
        ) : (
          <ErrorsTable
            rows={data.list!.rows}
            sort={query.sort}
            page={query.page}
            size={query.size}
            nextCursor={data.list!.nextCursor}
            prevCursor={data.list!.prevCursor}
            severityCounts={data.counts}
          />
        )}
      </div>
      {query.error ? <ErrorDetailPanel detail={data.detail} related={data.related} /> : null}
    </>
  );
}

/** Group pages carry their own cursor shape: base64url JSON [lastSeen, fingerprint]. */
function decodeGroupCursor(raw: SearchParams): { lastSeen: string; fingerprint: string } | null {
  const text = Array.isArray(raw.after) ? raw.after[0] : raw.after;
  const c = text ? decodeCursor(text) : null;
  // decodeCursor requires a uuid id; group cursors put the fingerprint in uuid form.
  if (!c || !c.value) return null;
  return { lastSeen: c.value, fingerprint: c.id.replace(/-/g, "") };
}

import { HeadroomTable, LimitsTable, WindowsNote } from "@/components/rate-limits/headroom-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listEffectiveLimits, listHeadroom } from "@/lib/db/queries/rate-limits";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";

export const metadata = { title: "Rate limits" };
// Usage moves by the minute: never serve a cached render.
export const dynamic = "force-dynamic";

export default async function AdminRateLimitsPage() {
  const viewer = await requireRole("ADMIN");
  const { rows, limits } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => ({ rows: await listHeadroom(tx), limits: await listEffectiveLimits(tx) })),
  );
  return (
    <>
      <PageHeader
        title="Rate limits"
        description="Who is close to a limit: usage in the current minute, hour and day against each agent's effective limit, closest first."
      />
      <div className="space-y-6">
        <WindowsNote now={new Date()} />
        <HeadroomTable rows={rows} showUser empty="Nobody has used an agent in the current day." />
        <section className="space-y-2">
          <h2 className="text-sm font-semibold">Effective limits</h2>
          <p className="text-xs text-zinc-500">
            The rateLimit of each agent&apos;s admin_config for the active provider (app_settings), or the documented default when it has none.
          </p>
          <LimitsTable limits={limits} />
        </section>
      </div>
    </>
  );
}

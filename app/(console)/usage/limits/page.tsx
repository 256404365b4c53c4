import { HeadroomTable, LimitsTable, WindowsNote } from "@/components/rate-limits/headroom-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";
import { listEffectiveLimits, listHeadroom } from "@/lib/db/queries/rate-limits";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";

export const metadata = { title: "My limits" };
export const dynamic = "force-dynamic";

/** A person's own headroom: RLS on rate_limit_tracking leaves only their rows. */
export default async function MyLimitsPage() {
  const viewer = await requireRole("USER", "MANAGER", "ADMIN");
  const { rows, limits } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => ({ rows: await listHeadroom(tx, { userId: viewer.id }), limits: await listEffectiveLimits(tx) })),
  );
  return (
    <>
      <PageHeader title="My limits" description="How much of each agent's rate limit you have used, and how much is left." />
      <div className="space-y-6">
        <WindowsNote now={new Date()} />
        <HeadroomTable rows={rows} showUser={false} empty="You have not used any agent today: every limit is fully available." />
        <section className="space-y-2">
          <h2 className="text-sm font-semibold">Your limits</h2>
          <LimitsTable limits={limits} />
        </section>
      </div>
    </>
  );
}

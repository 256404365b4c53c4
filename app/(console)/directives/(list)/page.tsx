import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { UtcTime } from "@/components/ui/utc-time";
import { requireViewer } from "@/lib/auth/viewer";
import { listDirectiveCategories, listDirectives, listLockfiles } from "@/lib/db/queries/directives";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { isBehind } from "@/lib/semver";
import { directivesTableParams } from "@/lib/validation/browse";
import { DirectivesTable } from "../_components/directives-table";

export const metadata = { title: "Directives" };

export default async function DirectivesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const query = directivesTableParams.parse(await searchParams);
  const { page, categories, lockfiles } = await guardDatabase(() =>
    withViewer(viewer, async (tx) => ({
      page: await listDirectives(tx, query),
      categories: await listDirectiveCategories(tx),
      lockfiles: await listLockfiles(tx),
    })),
  );
  const behind = lockfiles.reduce((n, l) => n + l.pins.filter((p) => isBehind(p.pinned, p.latest)).length, 0);
  return (
    <>
      <PageHeader title="Directives" description="The directive registry, its versions and your runs; your lockfiles and the pins that are behind." />
      <DirectivesTable
        rows={page.rows}
        sort={query.sort}
        page={query.page}
        size={query.size}
        nextCursor={page.nextCursor}
        prevCursor={page.prevCursor}
        categories={categories}
      />
      <section aria-labelledby="lockfiles-heading" className="mt-8">
        <h2 id="lockfiles-heading" className="mb-1 text-base font-semibold text-zinc-900">Your lockfiles</h2>
        <p className="mb-3 text-sm text-zinc-500">
          {lockfiles.length === 0
            ? "You have no lockfiles."
            : behind === 0
              ? "Every pin is on the latest version."
              : `${behind} pin${behind === 1 ? " is" : "s are"} behind the latest version.`}
        </p>
        <div className="grid gap-3 md:grid-cols-2">
          {lockfiles.map((l) => (
            <Card key={l.id} className="p-3">
              <div className="mb-2 flex items-center justify-between gap-2 text-sm">
                <span className="font-mono text-xs text-zinc-700" title="Project hash">{l.projectHash}</span>
                <span className="text-xs text-zinc-500">updated <UtcTime iso={l.updatedAt} /></span>
              </div>
              <table aria-label={`Lockfile ${l.projectHash}`} className="w-full text-sm">
                <thead className="text-xs text-zinc-500">
                  <tr>
                    <th className="py-1 text-left font-medium">Directive</th>
                    <th className="py-1 text-left font-medium">Pinned</th>
                    <th className="py-1 text-left font-medium">Latest</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100">
                  {l.pins.map((p) => {
                    const old = isBehind(p.pinned, p.latest);
                    return (
                      <tr key={p.name} data-behind={old || undefined}>
                        <td className="py-1">
                          <Link href={`/directives/${encodeURIComponent(p.name)}`} className="hover:underline">{p.name}</Link>
                        </td>
                        <td className="py-1 font-mono text-xs">{p.pinned}</td>
                        <td className="py-1 font-mono text-xs">
                          {p.latest ?? "—"} {old ? <Badge tone="amber" className="ml-1 font-sans">behind</Badge> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </Card>
          ))}
        </div>
      </section>
    </>
  );
}

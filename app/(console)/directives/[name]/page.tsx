import Link from "next/link";
import { notFound } from "next/navigation";
import { CodeBlock } from "@/components/content/code-block";
import { JsonBlock } from "@/components/content/json-view";
import { Markdown } from "@/components/content/markdown";
import { TextDiff } from "@/components/content/text-diff";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { UtcTime } from "@/components/ui/utc-time";
import { requireViewer } from "@/lib/auth/viewer";
import { getDirectiveByName, listDirectiveVersions, listRuns } from "@/lib/db/queries/directives";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatDay, formatInt, formatUsd } from "@/lib/format";
import { directivePageParams } from "@/lib/validation/browse";
import { Stat, StatStrip, StatusBadge } from "../../_browse/cells";

export const metadata = { title: "Directive" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DirectivePage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const name = decodeURIComponent((await params).name);
  if (name.length > 200) notFound();
  const sp = await searchParams;
  const q = directivePageParams.parse({ v: first(sp.v), a: first(sp.a), b: first(sp.b) });
  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const d = await getDirectiveByName(tx, name);
      if (!d) return null;
      return { d, versions: await listDirectiveVersions(tx, d.id), runs: await listRuns(tx, d.name) };
    }),
  );
  if (!data) notFound();
  const { d, versions, runs } = data;
  const latest = versions.find((v) => v.isLatest) ?? versions[0];
  const shown = versions.find((v) => v.version === q.v) ?? latest;
  const b = versions.find((v) => v.version === q.b) ?? latest;
  const a = versions.find((v) => v.version === q.a) ?? versions[versions.indexOf(b) + 1] ?? b;
  const href = (changes: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const merged = { v: shown?.version, a: a?.version, b: b?.version, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    return `/directives/${encodeURIComponent(d.name)}?${p.toString()}`;
  };
  const stack = Array.isArray(d.techStack) ? d.techStack.map(String) : [];
  const deps = Array.isArray(d.dependencies) ? (d.dependencies as { name?: unknown; version?: unknown }[]) : [];
  const isMarkupish = shown ? /^\s*</.test(shown.content) : false;

  return (
    <div className="space-y-5">
      <div>
        <Link href="/directives" className="text-sm text-zinc-500 hover:text-zinc-800">
          ← Directives
        </Link>
        <h1 className="mt-2 flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-zinc-900">
          {d.name} {d.isOfficial ? <Badge tone="blue">Official</Badge> : null}
        </h1>
        {d.description ? <p className="mt-1 text-sm text-zinc-600">{d.description}</p> : null}
      </div>
      <StatStrip label="Directive">
        <Stat label="Category">{d.category}{d.subcategory ? ` / ${d.subcategory}` : ""}</Stat>
        <Stat label="Latest">{d.latestVersion ?? "—"}</Stat>
        <Stat label="Downloads">{formatInt(d.downloads)}</Stat>
        <Stat label="Quality">{Number(d.quality).toFixed(2)}</Stat>
        <Stat label="Author">{d.authorName ?? "—"}</Stat>
        <Stat label="Tech stack">{stack.length ? stack.join(", ") : "—"}</Stat>
        <Stat label="Dependencies">{deps.length ? deps.map((x) => `${x.name}@${x.version}`).join(", ") : "none"}</Stat>
      </StatStrip>

      <div className="grid gap-5 lg:grid-cols-[16rem_1fr]">
        <Card className="h-fit p-3">
          <h2 className="mb-2 px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Versions</h2>
          <ol aria-label="Versions" className="space-y-0.5">
            {versions.map((v) => (
              <li key={v.id}>
                <Link
                  href={href({ v: v.version })}
                  aria-current={v === shown ? "page" : undefined}
                  className={cn("block rounded-md px-2 py-1 text-sm hover:bg-zinc-100", v === shown && "bg-zinc-900 text-white hover:bg-zinc-800")}
                >
                  <span className="font-mono">{v.version}</span>
                  {v.isLatest ? <span className={cn("ml-2 text-xs", v === shown ? "text-zinc-300" : "text-emerald-700")}>latest</span> : null}
                  <span className={cn("block text-xs", v === shown ? "text-zinc-300" : "text-zinc-500")}>{formatDay(v.createdAt)}</span>
                </Link>
              </li>
            ))}
          </ol>
        </Card>
        <div className="min-w-0 space-y-5">
          {shown ? (
            <Card className="p-4">
              <section aria-labelledby="version-heading">
                <h2 id="version-heading" className="text-base font-semibold text-zinc-900">
                  Version <span className="font-mono">{shown.version}</span>
                </h2>
                <p className="mb-3 text-xs text-zinc-500">
                  <UtcTime iso={shown.createdAt} /> · hash <span className="font-mono">{shown.contentHash}</span>
                </p>
                {shown.changelog ? (
                  <div className="mb-3 rounded-md bg-zinc-50 p-3">
                    <h3 className="mb-1 text-xs font-semibold text-zinc-500 uppercase">Changelog</h3>
                    <Markdown text={shown.changelog} />
                  </div>
                ) : null}
                {isMarkupish ? <CodeBlock code={shown.content} language="xml" label="Directive content" /> : <Markdown text={shown.content} />}
              </section>
            </Card>
          ) : null}

          <Card className="p-4">
            <section aria-labelledby="diff-heading">
              <h2 id="diff-heading" className="mb-3 text-base font-semibold text-zinc-900">Compare versions</h2>
              {versions.length < 2 || !a || !b ? (
                <p className="text-sm text-zinc-500">There is only one version.</p>
              ) : (
                <>
                  <form method="get" action={`/directives/${encodeURIComponent(d.name)}`} className="mb-3 flex flex-wrap items-end gap-3 text-sm">
                    {shown ? <input type="hidden" name="v" value={shown.version} /> : null}
                    <label className="flex items-center gap-2">
                      From
                      <Select name="a" defaultValue={a.version} className="h-8 w-auto" aria-label="From version">
                        {versions.map((v) => <option key={v.id} value={v.version}>{v.version}</option>)}
                      </Select>
                    </label>
                    <label className="flex items-center gap-2">
                      to
                      <Select name="b" defaultValue={b.version} className="h-8 w-auto" aria-label="To version">
                        {versions.map((v) => <option key={v.id} value={v.version}>{v.version}</option>)}
                      </Select>
                    </label>
                    <button type="submit" className={buttonClass("secondary", "sm")}>Compare</button>
                  </form>
                  <TextDiff a={a.content} b={b.content} label={`Changes from ${a.version} to ${b.version}`} />
                </>
              )}
            </section>
          </Card>

          <Card className="p-4">
            <section aria-labelledby="runs-heading">
              <h2 id="runs-heading" className="mb-3 text-base font-semibold text-zinc-900">
                Your runs <span className="text-sm font-normal text-zinc-500">({runs.length})</span>
              </h2>
              {runs.length === 0 ? (
                <p className="text-sm text-zinc-500">You have not run this directive.</p>
              ) : (
                <ul aria-label="Runs" className="space-y-2">
                  {runs.map((r) => (
                    <li key={r.id} className="rounded-md border border-zinc-200 p-3 text-sm">
                      <div className="flex flex-wrap items-center gap-3">
                        <StatusBadge status={r.status} />
                        <span className="font-mono text-xs">{r.version ?? "—"}</span>
                        <span className="tabular-nums text-zinc-600">{r.durationSec === null ? "—" : `${Number(r.durationSec).toFixed(1)} s`}</span>
                        <span className="tabular-nums text-zinc-600">{formatUsd(r.cost)}</span>
                        <UtcTime iso={r.createdAt} />
                      </div>
                      {r.error ? <p className="mt-2 rounded bg-red-50 px-2 py-1 text-xs break-words whitespace-pre-wrap text-red-800">{r.error}</p> : null}
                      <div className="mt-2 grid gap-2 md:grid-cols-3">
                        <JsonBlock value={r.inputs} summary="Inputs" />
                        <JsonBlock value={r.outputs} summary="Outputs" />
                        <JsonBlock value={r.projectContext} summary="Project context" />
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </Card>
        </div>
      </div>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentContent } from "@/components/content/document-content";
import { JsonBlock } from "@/components/content/json-view";
import { TextDiff } from "@/components/content/text-diff";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { UtcTime } from "@/components/ui/utc-time";
import { requireViewer } from "@/lib/auth/viewer";
import { getDocumentHeader, getDocumentVersions, listSuggestions, type DocumentVersion } from "@/lib/db/queries/documents";
import { isUuid } from "@/lib/db/queries/sql-helpers";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { documentPageParams, KIND_LABELS, type DocumentKind } from "@/lib/validation/documents";
import { RestoreButton, ResolveButton } from "../_components/document-actions";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata = { title: "Document" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function lineRange(meta: Record<string, unknown>): string | null {
  const r = meta.lineRange as { start?: unknown; end?: unknown } | undefined;
  if (!r || typeof r.start !== "number" || typeof r.end !== "number") return null;
  return r.start === r.end ? `line ${r.start}` : `lines ${r.start}–${r.end}`;
}

function VersionTree({ versions, selected, hrefFor }: { versions: DocumentVersion[]; selected: number; hrefFor: (n: number) => string }) {
  const byId = new Map(versions.map((v) => [v.versionId, v]));
  const children = new Map<string | null, DocumentVersion[]>();
  for (const v of versions) {
    const parent = v.parentVersionId && byId.has(v.parentVersionId) ? v.parentVersionId : null;
    children.set(parent, [...(children.get(parent) ?? []), v]);
  }
  const render = (parent: string | null, depth: number) => {
    const list = children.get(parent) ?? [];
    if (list.length === 0) return null;
    return (
      <ul className={cn(depth > 0 && "ml-3 border-l border-zinc-200 pl-3")} role={depth === 0 ? "tree" : "group"} aria-label={depth === 0 ? "Version tree" : undefined}>
        {list.map((v) => (
          <li key={v.versionId} role="treeitem" aria-selected={v.versionNumber === selected} aria-expanded={children.has(v.versionId) ? true : undefined}>
            <Link
              href={hrefFor(v.versionNumber)}
              aria-current={v.versionNumber === selected ? "page" : undefined}
              className={cn(
                "my-0.5 block rounded-md px-2 py-1 text-sm hover:bg-zinc-100",
                v.versionNumber === selected && "bg-zinc-900 text-white hover:bg-zinc-800",
              )}
            >
              <span className="font-medium">Version {v.versionNumber}</span>
              <span className={cn("ml-2 text-xs", v.versionNumber === selected ? "text-zinc-300" : "text-zinc-500")}>
                {String(v.metadata.updateType ?? "")}
              </span>
            </Link>
            {render(v.versionId, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return render(null, 0);
}

export default async function DocumentPage({ params, searchParams }: Params) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const sp = await searchParams;
  const q = documentPageParams.parse({ v: first(sp.v), a: first(sp.a), b: first(sp.b), view: first(sp.view) });

  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const versions = await getDocumentVersions(tx, id);
      if (versions.length === 0) return null; // missing, or RLS hides it
      return { versions, header: await getDocumentHeader(tx, id), suggestions: await listSuggestions(tx, id) };
    }),
  );
  if (!data) notFound();
  const { versions, header, suggestions } = data;
  const latest = versions[versions.length - 1];
  const find = (n: number | undefined) => (n === undefined ? undefined : versions.find((v) => v.versionNumber === n));
  const shown = find(q.v) ?? latest;
  const b = find(q.b) ?? latest;
  const a = find(q.a) ?? versions[Math.max(0, versions.indexOf(b) - 1)];
  const isOwner = header?.isOwner ?? false;

  const qs = (changes: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    const merged = { v: shown.versionNumber, a: a.versionNumber, b: b.versionNumber, view: q.view, ...changes };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined) p.set(k, String(v));
    return `/documents/${id}?${p.toString()}`;
  };
  const meta = shown.metadata ?? {};
  const { updateType, agent, lineRange: _lr, model, ...otherMeta } = meta as Record<string, unknown>;

  return (
    <div className="space-y-5">
      <div>
        <Link href="/documents" className="text-sm text-zinc-500 hover:text-zinc-800">
          ← Documents
        </Link>
        <h1 className="mt-2 text-xl font-semibold tracking-tight break-words text-zinc-900">{latest.title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
          <Badge>{KIND_LABELS[latest.kind as DocumentKind] ?? latest.kind}</Badge>
          <span>
            {versions.length} version{versions.length === 1 ? "" : "s"} · latest <UtcTime iso={latest.createdAt} />
          </span>
          {latest.chatId ? (
            <Link href={`/chats/${latest.chatId}`} className="hover:underline">
              from chat “{header?.chatTitle ?? "chat"}”
            </Link>
          ) : null}
        </p>
      </div>
      {!isOwner ? (
        <Alert tone="info" title="Read-only">
          This document belongs to {header?.ownerEmail ?? "another account"}. Only its owner can resolve suggestions or restore versions.
        </Alert>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-[15rem_1fr]">
        <Card className="h-fit p-3">
          <h2 className="mb-2 px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Versions</h2>
          <VersionTree versions={versions} selected={shown.versionNumber} hrefFor={(n) => qs({ v: n })} />
        </Card>

        <div className="min-w-0 space-y-5">
          <Card className="p-4">
            <section aria-labelledby="version-heading">
              <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h2 id="version-heading" className="text-base font-semibold text-zinc-900">
                    Version {shown.versionNumber}
                    {shown === latest ? <Badge tone="green" className="ml-2">Latest</Badge> : null}
                  </h2>
                  <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600">
                    <div><dt className="inline text-zinc-400">Update </dt><dd className="inline">{String(updateType ?? "—")}</dd></div>
                    <div><dt className="inline text-zinc-400">Range </dt><dd className="inline">{lineRange(meta) ?? "—"}</dd></div>
                    <div><dt className="inline text-zinc-400">Agent </dt><dd className="inline font-mono">{String(agent ?? "—")}</dd></div>
                    {model ? <div><dt className="inline text-zinc-400">Model </dt><dd className="inline font-mono">{String(model)}</dd></div> : null}
                    <div><dt className="inline text-zinc-400">Created </dt><dd className="inline"><UtcTime iso={shown.createdAt} /></dd></div>
                    <div><dt className="inline text-zinc-400">Parent </dt><dd className="inline">{shown.parentVersionId ? `version ${versions.find((v) => v.versionId === shown.parentVersionId)?.versionNumber ?? "?"}` : "none"}</dd></div>
                  </dl>
                </div>
                {isOwner && shown !== latest ? (
                  <RestoreButton documentId={id} versionNumber={shown.versionNumber} expectedLatest={latest.versionNumber} />
                ) : null}
              </div>
              {Object.keys(otherMeta).length ? <JsonBlock value={otherMeta} summary="More metadata" className="mb-3" /> : null}
              <DocumentContent kind={shown.kind} content={shown.content} />
            </section>
          </Card>

          <Card className="p-4">
            <section aria-labelledby="compare-heading">
              <h2 id="compare-heading" className="mb-3 text-base font-semibold text-zinc-900">Compare versions</h2>
              {versions.length < 2 ? (
                <p className="text-sm text-zinc-500">There is only one version.</p>
              ) : (
                <>
                  <form method="get" action={`/documents/${id}`} className="mb-3 flex flex-wrap items-end gap-3 text-sm">
                    <input type="hidden" name="v" value={shown.versionNumber} />
                    <label className="flex items-center gap-2">
                      From
                      <Select name="a" defaultValue={String(a.versionNumber)} className="h-8 w-auto" aria-label="From version">
                        {versions.map((v) => (
                          <option key={v.versionNumber} value={v.versionNumber}>Version {v.versionNumber}</option>
                        ))}
                      </Select>
                    </label>
                    <label className="flex items-center gap-2">
                      to
                      <Select name="b" defaultValue={String(b.versionNumber)} className="h-8 w-auto" aria-label="To version">
                        {versions.map((v) => (
                          <option key={v.versionNumber} value={v.versionNumber}>Version {v.versionNumber}</option>
                        ))}
                      </Select>
                    </label>
                    <label className="flex items-center gap-2">
                      View
                      <Select name="view" defaultValue={q.view} className="h-8 w-auto" aria-label="Diff view">
                        <option value="inline">Inline</option>
                        <option value="split">Side by side</option>
                      </Select>
                    </label>
                    <button type="submit" className={buttonClass("secondary", "sm")}>Compare</button>
                  </form>
                  <TextDiff
                    a={a.content ?? ""}
                    b={b.content ?? ""}
                    mode={q.view}
                    label={`Changes from version ${a.versionNumber} to version ${b.versionNumber}`}
                  />
                </>
              )}
            </section>
          </Card>

          <Card className="p-4">
            <section aria-labelledby="suggestions-heading">
              <h2 id="suggestions-heading" className="mb-3 text-base font-semibold text-zinc-900">
                Suggestions <span className="text-sm font-normal text-zinc-500">({suggestions.filter((s) => !s.isResolved).length} open)</span>
              </h2>
              {suggestions.length === 0 ? (
                <p className="text-sm text-zinc-500">No suggestions on this document.</p>
              ) : (
                <ul aria-label="Suggestions" className="space-y-3">
                  {suggestions.map((s) => (
                    <li key={s.id} aria-label={`Suggestion: ${s.description ?? s.suggestedText.slice(0, 40)}`} className="rounded-md border border-zinc-200 p-3">
                      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                        <p className="text-sm font-medium text-zinc-900">{s.description ?? "Suggested edit"}</p>
                        <span className="flex items-center gap-2 text-xs text-zinc-500">
                          {s.versionNumber ? <span>on version {s.versionNumber}</span> : null}
                          <UtcTime iso={s.createdAt} />
                          {s.isResolved ? (
                            <Badge tone="green">Resolved</Badge>
                          ) : isOwner ? (
                            <ResolveButton suggestionId={s.id} />
                          ) : (
                            <Badge tone="amber">Open</Badge>
                          )}
                        </span>
                      </div>
                      <div className="grid gap-2 text-sm md:grid-cols-2">
                        <div>
                          <p className="text-xs text-zinc-500">Original</p>
                          <p className="mt-0.5 rounded bg-red-50 px-2 py-1 break-words whitespace-pre-wrap text-red-900">{s.originalText}</p>
                        </div>
                        <div>
                          <p className="text-xs text-zinc-500">Suggested</p>
                          <p className="mt-0.5 rounded bg-emerald-50 px-2 py-1 break-words whitespace-pre-wrap text-emerald-900">{s.suggestedText}</p>
                        </div>
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

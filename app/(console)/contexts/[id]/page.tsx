import Link from "next/link";
import { notFound } from "next/navigation";
import { JsonBlock } from "@/components/content/json-view";
import { Markdown } from "@/components/content/markdown";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { UtcTime } from "@/components/ui/utc-time";
import { requireViewer } from "@/lib/auth/viewer";
import { getContext, getContextChildren } from "@/lib/db/queries/contexts";
import { withViewer } from "@/lib/db/with-viewer";
import { guardDatabase } from "@/lib/errors";
import { formatDuration } from "@/lib/format";
import { StatusBadge } from "../../_browse/cells";

export const metadata = { title: "Context" };

function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export default async function ContextPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const id = decodeURIComponent((await params).id);
  if (id.length > 100) notFound();
  const data = await guardDatabase(() =>
    withViewer(viewer, async (tx) => {
      const ctx = await getContext(tx, id);
      return ctx ? { ctx, ...(await getContextChildren(tx, id)) } : null;
    }),
  );
  if (!data) notFound();
  const { ctx, messages, actions, previews } = data;
  const config = (ctx.config ?? {}) as { template?: unknown; tooling?: unknown; features?: unknown; customizations?: { projectName?: unknown } };
  const meta = (ctx.metadata ?? {}) as { projectName?: unknown };
  const name = String(meta.projectName ?? config.customizations?.projectName ?? ctx.id);

  return (
    <div className="space-y-5">
      <div>
        <Link href="/contexts" className="text-sm text-zinc-500 hover:text-zinc-800">
          ← Contexts
        </Link>
        <h1 className="mt-2 text-xl font-semibold tracking-tight break-words text-zinc-900">{name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
          <StatusBadge status={ctx.status} />
          {config.template ? <Badge>{String(config.template)}</Badge> : null}
          <span>
            Created <UtcTime iso={ctx.createdAt} /> · updated <UtcTime iso={ctx.updatedAt} />
          </span>
        </p>
      </div>
      {!ctx.isOwner ? <Alert tone="info" title="Read-only">This context belongs to {ctx.ownerEmail ?? "another account"}.</Alert> : null}
      <div className="grid gap-3 md:grid-cols-3">
        <JsonBlock value={ctx.config} summary="Config" />
        <JsonBlock value={ctx.flow} summary="Flow" />
        <JsonBlock value={ctx.metadata} summary="Metadata" />
      </div>

      <div className="grid gap-5 xl:grid-cols-2">
        <Card className="p-4">
          <section aria-labelledby="ctx-messages">
            <h2 id="ctx-messages" className="mb-3 text-base font-semibold text-zinc-900">Messages <span className="text-sm font-normal text-zinc-500">({messages.length})</span></h2>
            {messages.length === 0 ? <p className="text-sm text-zinc-500">No messages.</p> : null}
            <ol aria-label="Context messages" className="space-y-2">
              {messages.map((m) => (
                <li key={m.id} className={m.role === "user" ? "rounded-md bg-zinc-50 p-3" : "rounded-md border border-zinc-200 p-3"}>
                  <div className="mb-1 flex items-center gap-2 text-xs text-zinc-500">
                    <Badge tone={m.role === "assistant" ? "blue" : m.role === "system" ? "amber" : "neutral"}>{m.role}</Badge>
                    <UtcTime iso={m.createdAt} />
                  </div>
                  <Markdown text={m.content} />
                  {m.metadata ? <JsonBlock value={m.metadata} summary="Message metadata" className="mt-2" /> : null}
                </li>
              ))}
            </ol>
          </section>
        </Card>
        <div className="space-y-5">
          <Card className="p-4">
            <section aria-labelledby="ctx-actions">
              <h2 id="ctx-actions" className="mb-3 text-base font-semibold text-zinc-900">Actions <span className="text-sm font-normal text-zinc-500">({actions.length})</span></h2>
              {actions.length === 0 ? <p className="text-sm text-zinc-500">No actions.</p> : null}
              <ol aria-label="Actions" className="space-y-2">
                {actions.map((a) => (
                  <li key={a.id} className="rounded-md border border-zinc-200 p-3 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-xs font-medium">{a.type}</span>
                      <StatusBadge status={a.status} />
                      <span className="text-xs text-zinc-500">
                        <UtcTime iso={a.createdAt} /> → <UtcTime iso={a.updatedAt} /> ({formatDuration(Date.parse(a.updatedAt) - Date.parse(a.createdAt))})
                      </span>
                    </div>
                    <div className="mt-2 grid gap-2 md:grid-cols-2">
                      <JsonBlock value={a.payload} summary="Payload" />
                      <JsonBlock value={a.result} summary="Result" />
                    </div>
                  </li>
                ))}
              </ol>
            </section>
          </Card>
          <Card className="p-4">
            <section aria-labelledby="ctx-previews">
              <h2 id="ctx-previews" className="mb-3 text-base font-semibold text-zinc-900">Previews <span className="text-sm font-normal text-zinc-500">({previews.length})</span></h2>
              {previews.length === 0 ? <p className="text-sm text-zinc-500">No previews.</p> : null}
              <ul aria-label="Previews" className="space-y-2">
                {previews.map((p) => {
                  const href = safeHref(p.url);
                  return (
                    <li key={p.id} className="rounded-md border border-zinc-200 p-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={p.status} />
                        {href ? (
                          <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-brand-700 underline">
                            {href}
                          </a>
                        ) : (
                          <span className="text-zinc-500">no link</span>
                        )}
                        {p.deploymentId ? <span className="font-mono text-xs text-zinc-500">{p.deploymentId}</span> : null}
                        <UtcTime iso={p.updatedAt} />
                      </div>
                      {p.metadata ? <JsonBlock value={p.metadata} summary="Preview metadata" className="mt-2" /> : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          </Card>
        </div>
      </div>
    </div>
  );
}

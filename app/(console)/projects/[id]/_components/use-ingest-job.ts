"use client";

/**
 * An import job as the job card shows it: the server's row, then polled once a second while the
 * job is active (the route adds whether this server process is running it), and cancelled on
 * request. A newer row from the server (router.refresh) replaces the polled one.
 */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { IngestJobRow } from "@/lib/db/queries/projects";
import { ACTIVE_INGEST_STATUSES } from "@/lib/validation/projects";
import { cancelIngest } from "../actions";

export type LiveJob = IngestJobRow & { runningHere?: boolean };

export function useIngestJob(projectId: string, initial: IngestJobRow) {
  const router = useRouter();
  const [job, setJob] = useState<LiveJob>(initial);
  const [cancelling, setCancelling] = useState(false);
  const [cancelMsg, setCancelMsg] = useState<string | null>(null);
  // The page sent a new row (after a refresh): it replaces what polling found, while rendering.
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    setShownInitial(initial);
    setJob(initial);
  }

  useEffect(() => {
    if (!ACTIVE_INGEST_STATUSES.includes(job.status)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const res = await fetch(`/projects/${encodeURIComponent(projectId)}/ingest/jobs/${encodeURIComponent(job.id)}`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok || stopped) return;
      const next = (await res.json()) as LiveJob;
      setJob(next);
      if (!ACTIVE_INGEST_STATUSES.includes(next.status)) router.refresh();
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [job.status, job.id, projectId, router]);

  /** Waits for the batch being saved to commit (it holds the job's lock), then stops the job. */
  async function cancel(): Promise<void> {
    setCancelling(true);
    const r = await cancelIngest(null, { jobId: job.id });
    setCancelling(false);
    setCancelMsg(r.message ?? null);
    if (r.ok) setJob((j) => ({ ...j, status: "CANCELLED" }));
  }

  return { job, active: ACTIVE_INGEST_STATUSES.includes(job.status), cancel, cancelling, cancelMsg };
}

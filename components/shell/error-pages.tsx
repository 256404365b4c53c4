"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { AlertIcon, DatabaseIcon } from "@/components/ui/icons";
import { StatusPage } from "./status-page";

const CHECK_EVERY_MS = 5_000;

/**
 * The database is down: say so, and come back by itself. It asks the readiness route with the
 * database check every few seconds and re-renders the page (retry) once Postgres answers.
 */
export function DatabaseUnavailable({ retry }: { retry: () => void }) {
  const [checking, setChecking] = useState(false);
  const [lastCheck, setLastCheck] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const check = async () => {
      setChecking(true);
      try {
        const res = await fetch("/api/health?db=1", { cache: "no-store" });
        if (!stopped && res.ok) retry();
      } catch {
        // The app itself is unreachable: keep waiting.
      } finally {
        if (!stopped) {
          setChecking(false);
          setLastCheck(new Date().toLocaleTimeString());
        }
      }
    };
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [retry]);

  return (
    <StatusPage
      title="Database unreachable"
      icon={<DatabaseIcon size={36} />}
      description={
        <>
          <p>The console cannot reach its database right now. Nothing was lost.</p>
          <p className="mt-2" role="status">
            {checking ? "Checking…" : lastCheck ? `Still unreachable at ${lastCheck}. ` : ""}
            This page tries again every few seconds and reloads when the database is back.
          </p>
        </>
      }
    >
      <Button onClick={() => retry()}>Try again</Button>
    </StatusPage>
  );
}

export function UnexpectedError({ retry, digest }: { retry: () => void; digest?: string }) {
  return (
    <StatusPage
      code="500"
      title="Something went wrong"
      icon={<AlertIcon size={36} />}
      description={
        <>
          <p>The page could not be shown. Try again; if it keeps happening, report the reference below.</p>
          {digest ? (
            <p className="mt-2 font-mono text-xs text-zinc-500">
              Reference: <span data-testid="error-digest">{digest}</span>
            </p>
          ) : null}
        </>
      }
    >
      <Button onClick={() => retry()}>Try again</Button>
    </StatusPage>
  );
}

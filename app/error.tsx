"use client";

/**
 * The error page of every route below the root layout. A database outage gets its own page
 * (DatabaseUnavailable, detected by the digest set in lib/errors.ts) that retries by itself;
 * anything else shows a short message and the digest to quote, never a stack trace.
 */
import { useEffect } from "react";
import { DatabaseUnavailable, UnexpectedError } from "@/components/shell/error-pages";
import { isDatabaseUnavailableDigest } from "@/lib/errors";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const dbDown = isDatabaseUnavailableDigest(error);
  useEffect(() => {
    if (!dbDown) console.error(error);
  }, [error, dbDown]);
  if (dbDown) return <DatabaseUnavailable retry={retry} />;
  const digest = typeof error === "object" && error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return <UnexpectedError retry={retry} digest={digest || undefined} />;
}

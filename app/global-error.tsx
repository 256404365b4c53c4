"use client";

/** Errors in the root layout itself: replaces the whole document, so it brings its own <html>. */
import { DatabaseUnavailable, UnexpectedError } from "@/components/shell/error-pages";
import { isDatabaseUnavailableDigest } from "@/lib/errors";
import "./globals.css";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = typeof error === "object" && error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Error · Agent Console</title>
        {isDatabaseUnavailableDigest(error) ? (
          <DatabaseUnavailable retry={retry} />
        ) : (
          <UnexpectedError retry={retry} digest={digest || undefined} />
        )}
      </body>
    </html>
  );
}

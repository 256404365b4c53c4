/**
 * What a failed command prints: the error, Postgres's detail and hint, and the statement that
 * failed (postgres.js keeps it on the error as `query`; a StatementError from ./migrate.ts has it
 * in its message already), for the error and each error in its `cause` chain.
 */
export function failureText(e: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let err = e; err != null && !seen.has(err); err = (err as { cause?: unknown }).cause) {
    seen.add(err);
    const x = err as { message?: string; detail?: string; hint?: string; query?: string; name?: string };
    if (typeof err !== "object") {
      lines.push(String(err));
      break;
    }
    if (x.message && !lines.some((l) => l.includes(x.message!))) lines.push(x.message);
    if (x.detail && !lines.some((l) => l.includes(x.detail!))) lines.push(`Detail: ${x.detail}`);
    if (x.hint) lines.push(`Hint: ${x.hint}`);
    if (typeof x.query === "string" && x.query && !lines.some((l) => l.includes(x.query!.trim()))) {
      lines.push(`Failed statement:\n${x.query.trim()}`);
    }
  }
  return lines.join("\n");
}

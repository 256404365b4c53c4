/**
 * Code with syntax highlighting, rendered on the server. highlight.js escapes the code and
 * returns only its own <span class="hljs-…"> markup, so its output is the one HTML string we
 * inject (never user HTML: docs/style.md#user-content-is-text). Unknown languages are shown as plain text.
 */
import "highlight.js/styles/github.css";
import hljs from "highlight.js";
import { cn } from "@/components/ui/cn";

const ALIASES: Record<string, string> = { "python code": "python", py: "python", ts: "typescript", js: "javascript", sh: "bash", shell: "bash" };

export function highlightedHtml(code: string, language?: string | null): string | null {
  const lang = language ? (ALIASES[language] ?? language) : null;
  if (!lang || !hljs.getLanguage(lang)) return null;
  try {
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  } catch {
    return null;
  }
}

export function CodeBlock({
  code,
  language,
  className,
  label,
}: {
  code: string;
  language?: string | null;
  className?: string;
  /** Accessible name, e.g. "Draft 2 code". */
  label?: string;
}) {
  const html = highlightedHtml(code, language);
  return (
    <div className={cn("overflow-hidden rounded-md border border-zinc-200 bg-zinc-50", className)}>
      {language ? (
        <div className="border-b border-zinc-200 bg-white px-3 py-1 font-mono text-[11px] text-zinc-500">{language}</div>
      ) : null}
      <pre aria-label={label} className="max-h-[32rem] overflow-auto p-3 text-xs leading-5">
        {html !== null ? (
          <code className={cn("hljs !bg-transparent !p-0", `language-${language}`)} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <code>{code}</code>
        )}
      </pre>
    </div>
  );
}

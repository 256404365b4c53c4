/**
 * User and model text as sanitised markdown: react-markdown with GFM and no raw HTML. HTML in
 * the text is turned into literal text (so `<script>` shows as `<script>` and runs nothing),
 * link targets pass react-markdown's URL filter (no `javascript:`), images become links (no
 * requests to hosts named in someone's message), fenced code is highlighted by CodeBlock.
 */
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/components/ui/cn";
import { CodeBlock } from "./code-block";
import "./markdown.css";

type MdNode = { type: string; value?: string; children?: MdNode[] };

/** remark plugin: raw HTML nodes become text nodes with the same source. */
function htmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline underline-offset-2">
      {children}
    </a>
  ),
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline underline-offset-2">
        [image: {alt || src}]
      </a>
    ) : (
      <span>[image: {alt}]</span>
    ),
  pre: ({ children }) => <>{children}</>,
  code: ({ className, children }) => {
    const text = String(children ?? "");
    const lang = /language-([\w+-]+)/.exec(className ?? "")?.[1];
    // Fenced blocks have a language class or span lines; everything else is inline code.
    if (lang || text.includes("\n")) return <CodeBlock code={text.replace(/\n$/, "")} language={lang} className="my-2" />;
    return <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em]">{children}</code>;
  },
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table className="min-w-full border-collapse text-xs">{children}</table>
    </div>
  ),
  th: ({ children }) => <th className="border border-zinc-200 bg-zinc-50 px-2 py-1 text-left font-medium">{children}</th>,
  td: ({ children }) => <td className="border border-zinc-200 px-2 py-1">{children}</td>,
};

export function Markdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={cn("markdown text-sm leading-6 text-zinc-800", className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm, htmlAsText]} skipHtml={false} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

/**
 * The repository explains itself (issue 18, item 1): no comment or doc cites a file that lives
 * outside it, and every relative link in the docs leads somewhere.
 *
 * - No line of a source or doc file (git ls-files: tracked, and new files not ignored) cites the
 *   first build's design notes, style guide or Auth API contract by their file names, a path
 *   under /work/shared or a relative `shared/` path that is not in the repository, or a seed
 *   document by its path or file name. The seed systems themselves ("seed 004's profiles") are
 *   names, not citations, and may stay. The design now lives in docs/ (docs/README.md).
 * - Every relative markdown link in a .md file (docs/, README.md, SECURITY.md, ...) and every
 *   `docs/<file>.md` named in a code comment points to a file that exists; an `#anchor` into a
 *   markdown file must name one of its headings.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SELF = path.relative(ROOT, import.meta.filename).split(path.sep).join("/");
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|sql|md|json|toml|css|ya?ml)$/;
/** Generated, and full of other projects' paths. */
const SKIP = new Set(["package-lock.json", SELF]);


function repoFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  return [...new Set(out.split("\0"))]
    .filter((f) => f && TEXT.test(f) && !SKIP.has(f) && !f.startsWith("node_modules/"))
    .filter((f) => fs.statSync(path.join(ROOT, f), { throwIfNoEntry: false })?.isFile())
    .sort();
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** A path relative to `file`'s folder or to the repository root, inside the repository and present. */
function existsInRepo(file: string, target: string): boolean {
  for (const base of [path.dirname(path.join(ROOT, file)), ROOT]) {
    const abs = path.resolve(base, target);
    if ((abs === ROOT || abs.startsWith(ROOT + path.sep)) && fs.existsSync(abs)) return true;
  }
  return false;
}

/** What in `line` cites something outside the repository, for a reader of `file`. */
function outsideCitations(file: string, line: string): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(/(?:[\w./-]*\/)?\b(?:DESIGN|STYLE|AUTH-API)\.md\b/g)) {
    if (!existsInRepo(file, m[0])) found.push(m[0]);
  }
  // The same documents by their bare names, as labels: `(STYLE: ...)`, `DESIGN 3.5`, `AUTH-API`.
  for (const m of line.matchAll(/\b(?:DESIGN|STYLE)\b(?!\.md)(?=\s*(?::|§|\d|section\b|"))|\bAUTH-API\b(?!\.md)/g)) found.push(m[0]);
  if (/\/work\/shared\b/.test(line)) found.push("/work/shared");
  // A path that starts with shared/ (or ./shared/, ../shared/): resolved from the file and the root.
  for (const m of line.matchAll(/(?<![\w@./-])((?:\.{1,2}\/)*shared\/[\w./-]*)/g)) {
    if (!existsInRepo(file, m[1])) found.push(m[1]);
  }
  // The seed documents by path or file name (`seeds/004...`, `004_de9caafb3c050266.txt`).
  for (const m of line.matchAll(/\bseeds\/\d{3}[\w.-]*|\b\d{3}_[0-9a-f]{16}\.txt\b/g)) found.push(m[0]);
  return found;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const h = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const text = h[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** What is wrong with a link to `target` (relative to `file`), or null. */
function brokenLink(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return null; // http:, mailto:
  const [rawPath, anchor] = target.split("#", 2);
  let rel: string;
  try {
    rel = decodeURIComponent(rawPath);
  } catch {
    return "not a valid URL";
  }
  const abs = rel === "" ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), rel);
  if (!(abs === ROOT || abs.startsWith(ROOT + path.sep))) return "outside the repository";
  if (!fs.existsSync(abs)) return "no such file";
  if (anchor && abs.endsWith(".md") && !anchorsOf(fs.readFileSync(abs, "utf8")).has(anchor.toLowerCase())) {
    return `no heading #${anchor} in ${path.relative(ROOT, abs)}`;
  }
  return null;
}

/** Relative markdown links outside code fences and code spans, with their 1-based line numbers. */
function markdownLinks(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  let fenced = false;
  markdown.split("\n").forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const plain = text.replace(/`[^`]*`/g, "``");
    // CommonMark allows balanced parentheses in a destination: ../app/(console)/layout.tsx.
    for (const m of plain.matchAll(/\]\(\s*(?:<([^>\n]+)>|((?:[^()\s]|\([^()\s]*\))+))(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line: i + 1, target: m[1] ?? m[2] });
    }
  });
  return links;
}

describe("the repository cites nothing outside itself", () => {
  const files = repoFiles();

  it("finds the files to check", () => {
    expect(files).toContain("README.md");
    expect(files.length).toBeGreaterThan(100);
  });

  it("no comment or doc cites the outside design notes, style guide, Auth API contract, shared folder or seed files", () => {
    const hits: string[] = [];
    for (const file of files) {
      read(file)
        .split("\n")
        .forEach((line, i) => {
          const found = outsideCitations(file, line);
          if (found.length) hits.push(`${file}:${i + 1}: ${found.join(", ")}: ${line.trim().slice(0, 160)}`);
        });
    }
    expect(hits, `cite docs/ (or the in-repo file that says it) instead:\n${hits.join("\n")}`).toEqual([]);
  });

  it("every relative link in the markdown files leads to a file (and heading) that exists", () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".md"))) {
      for (const { line, target } of markdownLinks(read(file))) {
        const problem = brokenLink(file, target);
        if (problem) broken.push(`${file}:${line}: (${target}): ${problem}`);
      }
    }
    expect(broken, broken.join("\n")).toEqual([]);
  });

  it("every docs/ page a code comment names exists, with the heading it names", () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => !f.endsWith(".md"))) {
      read(file)
        .split("\n")
        .forEach((line, i) => {
          for (const m of line.matchAll(/(?<![\w./-])docs\/[\w./-]+\.md(?:#[\w-]+)?/g)) {
            const problem = brokenLink("README.md", m[0]);
            if (problem) broken.push(`${file}:${i + 1}: ${m[0]}: ${problem}`);
          }
        });
    }
    expect(broken, broken.join("\n")).toEqual([]);
  });
});

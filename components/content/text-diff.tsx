/**
 * A line diff of two texts (jsdiff), rendered on the server as text: inline (one column, - and +
 * lines) or split (old left, new right, changed lines side by side). Line numbers of both sides.
 */
import { diffLines } from "diff";
import { cn } from "@/components/ui/cn";

type Line = { kind: "same" | "add" | "del"; text: string; oldNo: number | null; newNo: number | null };

export function diffLineList(a: string, b: string): Line[] {
  const out: Line[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const change of diffLines(a, b)) {
    const lines = change.value.replace(/\n$/, "").split("\n");
    for (const text of lines) {
      if (change.added) out.push({ kind: "add", text, oldNo: null, newNo: newNo++ });
      else if (change.removed) out.push({ kind: "del", text, oldNo: oldNo++, newNo: null });
      else out.push({ kind: "same", text, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  return out;
}

export function diffStats(lines: Line[]) {
  return { added: lines.filter((l) => l.kind === "add").length, removed: lines.filter((l) => l.kind === "del").length };
}

const tone = { same: "", add: "bg-emerald-50 text-emerald-900", del: "bg-red-50 text-red-900" } as const;
const sign = { same: " ", add: "+", del: "-" } as const;

export function TextDiff({ a, b, mode = "inline", label }: { a: string; b: string; mode?: "inline" | "split"; label: string }) {
  const lines = diffLineList(a, b);
  const { added, removed } = diffStats(lines);
  const summary = (
    <p className="mb-2 text-xs text-zinc-600">
      <span className="font-medium text-emerald-700">+{added}</span> <span className="font-medium text-red-700">−{removed}</span>{" "}
      {added === 0 && removed === 0 ? "— the two versions are identical." : "lines"}
    </p>
  );
  if (mode === "split") {
    // Pair each run of removed lines with the run of added lines that follows it.
    const rowsOut: { left: Line | null; right: Line | null }[] = [];
    for (let i = 0; i < lines.length; ) {
      if (lines[i].kind === "same") {
        rowsOut.push({ left: lines[i], right: lines[i] });
        i++;
        continue;
      }
      const dels: Line[] = [];
      const adds: Line[] = [];
      while (i < lines.length && lines[i].kind === "del") dels.push(lines[i++]);
      while (i < lines.length && lines[i].kind === "add") adds.push(lines[i++]);
      for (let k = 0; k < Math.max(dels.length, adds.length); k++) rowsOut.push({ left: dels[k] ?? null, right: adds[k] ?? null });
    }
    const cell = (l: Line | null, side: "old" | "new") => (
      <>
        <td className="w-10 border-r border-zinc-100 px-2 text-right text-zinc-400 select-none">{l ? (side === "old" ? l.oldNo : l.newNo) : ""}</td>
        <td className={cn("px-2 break-all whitespace-pre-wrap", l ? tone[l.kind] : "bg-zinc-50")}>{l?.text ?? ""}</td>
      </>
    );
    return (
      <div>
        {summary}
        <div className="overflow-x-auto rounded-md border border-zinc-200 bg-white">
          <table aria-label={label} className="w-full table-fixed font-mono text-xs leading-5">
            <colgroup>
              <col className="w-10" />
              <col />
              <col className="w-10" />
              <col />
            </colgroup>
            <tbody>
              {rowsOut.map((r, i) => (
                <tr key={i}>
                  {cell(r.left, "old")}
                  {cell(r.right, "new")}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  return (
    <div>
      {summary}
      <div className="overflow-x-auto rounded-md border border-zinc-200 bg-white">
        <table aria-label={label} className="w-full font-mono text-xs leading-5">
          <tbody>
            {lines.map((l, i) => (
              <tr key={i} data-diff={l.kind} className={tone[l.kind]}>
                <td className="w-10 px-2 text-right text-zinc-400 select-none">{l.oldNo ?? ""}</td>
                <td className="w-10 px-2 text-right text-zinc-400 select-none">{l.newNo ?? ""}</td>
                <td className="w-4 text-center select-none" aria-hidden>
                  {sign[l.kind]}
                </td>
                <td className="px-2 break-all whitespace-pre-wrap">
                  {l.kind === "add" ? <span className="sr-only">Added: </span> : l.kind === "del" ? <span className="sr-only">Removed: </span> : null}
                  {l.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

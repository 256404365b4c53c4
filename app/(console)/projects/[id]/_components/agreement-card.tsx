import { Card } from "@/components/ui/card";
import type { AgreementRow } from "@/lib/db/queries/projects";
import { formatInt } from "@/lib/format";

const pct = (x: number | null) => (x == null ? "—" : `${Math.round(x * 100)}%`);
const num = (x: number | null, d = 2) => (x == null || Number.isNaN(x) ? "—" : x.toFixed(d));

/** Inter-rater agreement: humans vs humans, and humans vs each LLM (the all-zero user, per model). */
export function AgreementCard({ rows, ratings }: { rows: AgreementRow[]; ratings: { human: number; llm: number; models: string[] } }) {
  const humans = rows.find((r) => r.pair === "humans");
  const llms = rows.filter((r) => r.pair === "llm");
  const line = (label: string, r: AgreementRow | undefined) => (
    <tr key={label} className="border-t border-zinc-100 align-top">
      <th scope="row" className="py-1 pr-2 text-left font-medium text-zinc-800">
        {label}
        <div className="text-xs font-normal text-zinc-500 tabular-nums">{formatInt(r?.pairs ?? 0)} pairs</div>
      </th>
      <td className="py-1 text-right tabular-nums" title={`exact ${pct(r?.realismExact ?? null)}, mean difference ${num(r?.realismMad ?? null)}, r = ${num(r?.realismCorr ?? null)}`}>
        {r && r.pairs ? `${pct(r.realismWithin1)} ±1` : "—"}
        <div className="text-xs text-zinc-500">{r && r.pairs ? `exact ${pct(r.realismExact)} · r ${num(r.realismCorr)}` : ""}</div>
      </td>
      <td className="py-1 text-right tabular-nums" title={`exact ${pct(r?.qualityExact ?? null)}, mean difference ${num(r?.qualityMad ?? null)}, r = ${num(r?.qualityCorr ?? null)}`}>
        {r && r.pairs ? `${pct(r.qualityWithin1)} ±1` : "—"}
        <div className="text-xs text-zinc-500">{r && r.pairs ? `exact ${pct(r.qualityExact)} · r ${num(r.qualityCorr)}` : ""}</div>
      </td>
    </tr>
  );
  return (
    <Card className="p-4">
      <h2 className="text-sm font-semibold text-zinc-900">Rater agreement</h2>
      <p className="mt-1 text-xs text-zinc-500">
        {formatInt(ratings.human)} human and {formatInt(ratings.llm)} LLM ratings. Share of rating pairs on the same record within one point (±1) and
        exactly equal; r is the correlation.
      </p>
      <table className="mt-2 w-full text-sm" aria-label="Rater agreement">
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th className="py-1 font-medium">Raters</th>
            <th className="py-1 text-right font-medium">Realism</th>
            <th className="py-1 text-right font-medium">Quality</th>
          </tr>
        </thead>
        <tbody>
          {line("Humans vs humans", humans)}
          {llms.length ? llms.map((r) => line(`Humans vs ${r.model}`, r)) : line("Humans vs LLM", undefined)}
        </tbody>
      </table>
    </Card>
  );
}

"use client";

/** One record, opened from the table (?record=<id>): full content, metadata, review, the viewer's Likert score, and the LLM scores apart. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useActionState, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { RecordDetail } from "@/lib/db/queries/projects";
import { formatDateTimeUtc } from "@/lib/format";
import { CATEGORY_LABELS, LLM_USER_ID, QUALITY_LABELS, REALISM_LABELS, RECORD_TYPE_LABELS, scaleLabel } from "@/lib/validation/projects";
import { reviewProjectRecords, scoreRecord } from "../actions";

type Score = RecordDetail["scores"][number];

function ScaleField({ name, legend, labels, value }: { name: string; legend: string; labels: readonly string[]; value: number | null }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-800">{legend}</legend>
      <div className="mt-1 grid grid-cols-7 gap-1">
        {labels.map((label, i) => (
          <label
            key={label}
            className="flex cursor-pointer flex-col items-center gap-1 rounded-md border border-zinc-200 px-1 py-1.5 text-center text-[11px] leading-tight break-words hyphens-auto text-zinc-700 has-[:checked]:border-zinc-900 has-[:checked]:bg-zinc-900 has-[:checked]:text-white"
          >
            <input type="radio" name={name} value={i + 1} defaultChecked={value === i + 1} className="sr-only" required />
            <span className="font-semibold tabular-nums">{i + 1}</span>
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RecordPanel({ record, myScore }: { record: RecordDetail; myScore: Score | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | null>(null);
  const [pending, start] = useTransition();
  const [scoreState, scoreAction, scoring] = useActionState(scoreRecord, null);

  const close = () => {
    const next = new URLSearchParams(params.toString());
    next.delete("record");
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const review = (input: { reviewed?: boolean; categoryCorrect?: boolean | null }) =>
    start(async () => {
      const r = await reviewProjectRecords(null, { projectId: record.projectId, recordIds: [record.id], ...input });
      setNotice({ text: r.message ?? "Done.", ok: r.ok });
    });

  const humans = record.scores.filter((s) => s.userId !== LLM_USER_ID);
  const llms = record.scores.filter((s) => s.userId === LLM_USER_ID);
  const metadata = record.metadata && typeof record.metadata === "object" ? Object.entries(record.metadata) : [];

  return (
    <Dialog open onClose={close} title="Record" className="max-w-3xl!" description={`${RECORD_TYPE_LABELS[record.type]} · ${record.source} · created ${formatDateTimeUtc(record.createdAt)}`}>
      <div className="mt-3 max-h-[70vh] space-y-4 overflow-y-auto pr-1">
        <div className="flex flex-wrap gap-2">
          <Badge tone={record.type === "TASK" ? "blue" : "violet"}>{RECORD_TYPE_LABELS[record.type]}</Badge>
          <Badge tone={record.category === "TOP_10" ? "green" : record.category ? "amber" : "neutral"}>{CATEGORY_LABELS[record.category ?? "NONE"]}</Badge>
          {record.hasBeenReviewed ? <Badge tone="green">Reviewed{record.reviewedBy ? ` by ${record.reviewedBy}` : ""}</Badge> : <Badge>Not reviewed</Badge>}
          {record.isCategoryCorrect != null ? <Badge tone={record.isCategoryCorrect ? "green" : "red"}>Category {record.isCategoryCorrect ? "correct" : "incorrect"}</Badge> : null}
          <Badge tone={record.embeddingDims ? "green" : "amber"}>{record.embeddingDims ? `Embedding: ${record.embeddingDims} dimensions` : "Vectorization pending"}</Badge>
        </div>
        <p className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm whitespace-pre-wrap text-zinc-900" data-testid="record-content">
          {record.content}
        </p>
        {record.createdByEmail || record.createdByName ? <p className="text-xs text-zinc-500">Created by {record.createdByEmail ?? record.createdByName}</p> : null}
        {metadata.length ? (
          <details>
            <summary className="cursor-pointer text-sm font-medium text-zinc-800">Metadata ({metadata.length} fields)</summary>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
              {metadata.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-medium text-zinc-600">{k}</dt>
                  <dd className="break-all text-zinc-800">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}

        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => review({ reviewed: !record.hasBeenReviewed })}>
            {record.hasBeenReviewed ? "Mark not reviewed" : "Mark reviewed"}
          </Button>
          <Button size="sm" variant="secondary" disabled={pending || record.isCategoryCorrect === true} onClick={() => review({ categoryCorrect: true })}>
            Category correct
          </Button>
          <Button size="sm" variant="secondary" disabled={pending || record.isCategoryCorrect === false} onClick={() => review({ categoryCorrect: false })}>
            Category incorrect
          </Button>
        </div>
        {notice ? <Alert tone={notice.ok ? "success" : "error"}>{notice.text}</Alert> : null}

        <form action={scoreAction} className="space-y-3 rounded-md border border-zinc-200 p-3" aria-label="Your score">
          <input type="hidden" name="recordId" value={record.id} />
          <h3 className="text-sm font-semibold text-zinc-900">Your score</h3>
          <ScaleField name="realismScore" legend="Realism" labels={REALISM_LABELS} value={myScore?.realismScore ?? null} />
          <ScaleField name="qualityScore" legend="Quality" labels={QUALITY_LABELS} value={myScore?.qualityScore ?? null} />
          {scoreState && !scoreState.ok ? (
            <Alert tone="error">{scoreState.fieldErrors ? Object.values(scoreState.fieldErrors).flat()[0] ?? scoreState.message : scoreState.message}</Alert>
          ) : null}
          {scoreState?.ok ? <Alert tone="success">{scoreState.message}</Alert> : null}
          <Button type="submit" size="sm" disabled={scoring}>
            {scoring ? "Saving…" : myScore ? "Update score" : "Save score"}
          </Button>
        </form>

        <div className="grid gap-4 md:grid-cols-2">
          <section aria-label="People's scores">
            <h3 className="text-sm font-semibold text-zinc-900">People ({humans.length})</h3>
            {humans.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {humans.map((s) => (
                  <li key={s.userId}>
                    <span className="font-medium">{s.rater ?? "Another rater"}</span>: realism {scaleLabel("realism", s.realismScore)} ({s.realismScore}), quality{" "}
                    {scaleLabel("quality", s.qualityScore)} ({s.qualityScore})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-zinc-500">Nobody has scored this record yet.</p>
            )}
          </section>
          <section aria-label="LLM scores">
            <h3 className="text-sm font-semibold text-zinc-900">LLM judges ({llms.length})</h3>
            {llms.length ? (
              <ul className="mt-1 space-y-1 text-sm">
                {llms.map((s) => (
                  <li key={`${s.llmModel}`}>
                    <Badge tone="violet">{s.llmModel ?? "unknown model"}</Badge> realism {scaleLabel("realism", s.realismScore)} ({s.realismScore}), quality{" "}
                    {scaleLabel("quality", s.qualityScore)} ({s.qualityScore})
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-zinc-500">No LLM has scored this record.</p>
            )}
          </section>
        </div>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={close}>
            Close
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/**
 * Seed 004: operations tools. Projects owned by Alice, Bob and the admin; task and feedback
 * records written by the team every day of the last six weeks (some imported from CSV through
 * ingest jobs), so the bonus-window pages show real progress: in the current window Alice has
 * reached tier 2, Bob tier 1, and the others are spread around the targets. Plus analytics jobs,
 * three bonus windows (past, current, future) and Likert ratings by people and by LLMs.
 */
import { activeUsers, type SeedContext, userByKey } from "./context";
import type { Row } from "./insert";
import { MS, plusMs, type Rng, rng, seedUuid } from "./random";
import { type SeedUser, ZERO_UUID } from "./users";

type ProjectSpec = {
  key: string;
  name: string;
  owner: string;
  guidelines?: { file: string; lines: string[] };
  tasks: string[];
  feedback: string[];
  taskAnalysis: string;
  feedbackAnalysis: string;
};

const SUBJECTS = ["the billing page", "CSV export", "SSO login", "the mobile app", "invoice e-mails", "the API rate limit", "dashboard filters", "team invitations"];
const EVENTS = ["the last release", "switching plans", "a password reset", "adding a teammate", "the data migration", "enabling 2FA"];

const PROJECTS: ProjectSpec[] = [
  {
    key: "triage",
    name: "Support Ticket Triage",
    owner: "alice",
    guidelines: {
      file: "triage-guidelines.pdf",
      lines: ["Support ticket triage guidelines", "", "P1: data loss, outage, security issue - page on-call.", "P2: a paid feature is broken with no workaround.", "P3: a workaround exists or a single user is affected.", "P4: questions and feature requests.", "", "Route billing to Finance Ops, SSO to Identity, everything else to Product Support."],
    },
    tasks: [
      "Customer reports that {subject} stopped working after {event}. Assign a priority and a queue.",
      "Enterprise admin cannot reach {subject} since {event}; 40 seats affected. Triage the ticket.",
      "Free-plan user asks how {subject} works and whether it changed with {event}. Classify and route.",
      "Ticket mentions possible data loss in {subject} after {event}. Decide priority and escalation.",
    ],
    feedback: [
      "Priority was right, but the ticket went to Product Support instead of Identity: {subject} issues after {event} belong to Identity.",
      "Good triage: P2 with a clear workaround note for {subject}.",
      "Escalation was missing: a data-loss report about {subject} must page on-call (P1).",
      "Routing correct; the summary should quote the customer's error message about {subject}.",
    ],
    taskAnalysis: "Most task records describe login and billing problems after plan changes. TOP_10 tasks state the affected seats and the exact error; BOTTOM_10 tasks are vague about impact.",
    feedbackAnalysis: "Feedback mostly concerns routing: SSO tickets are often sent to Product Support. Priority judgements agree with the guidelines in about 85% of the reviewed records.",
  },
  {
    key: "onboarding",
    name: "Onboarding Feedback Q3",
    owner: "bob",
    tasks: [
      "Summarise this onboarding survey answer about {subject} in one sentence and tag the sentiment.",
      "A new workspace owner describes their first week; extract blockers related to {subject}.",
      "Classify this trial user's comment about {subject} after {event} as bug, confusion or request.",
    ],
    feedback: [
      "Summary is accurate but misses that the user gave up on {subject}.",
      "Sentiment should be negative: the user mentions {event} twice as a blocker.",
      "Good extraction; {subject} is correctly tagged as a confusion, not a bug.",
    ],
    taskAnalysis: "Onboarding comments cluster around team invitations and the first import. Sentiment is positive overall (62%).",
    feedbackAnalysis: "Reviewers mostly correct missed blockers; summaries are rarely wrong but often too generic.",
  },
  {
    key: "codeReview",
    name: "LLM Eval - Code Review",
    owner: "admin",
    guidelines: {
      file: "code-review-rubric.pdf",
      lines: ["Code review evaluation rubric", "", "Realism: would a senior engineer write this comment?", "Quality: is the issue real, explained, and actionable?", "Score 1-7 on both scales. Penalise style nitpicks presented as bugs."],
    },
    tasks: [
      "Review this diff that changes {subject}: the error path now returns null instead of throwing.",
      "Evaluate the model's review of a pull request touching {subject} after {event}.",
      "Find the bug in this change to {subject}: a missing await in the retry loop.",
    ],
    feedback: [
      "The review found the missing await but also flagged three style nits as bugs.",
      "Excellent: identified the race condition in {subject} and proposed a test.",
      "The comment about {subject} is correct but not actionable - no suggestion given.",
    ],
    taskAnalysis: "Diffs are balanced between bug fixes and refactors. Reviews of refactors are rated lower on realism.",
    feedbackAnalysis: "Models over-report style issues; real bugs are found in about 70% of the BOTTOM_10 diffs.",
  },
  {
    key: "sales",
    name: "Sales Call Summaries",
    owner: "admin",
    tasks: [
      "Summarise the discovery call with a prospect interested in {subject}; list next steps.",
      "Extract objections from the renewal call that mentioned {event} and {subject}.",
    ],
    feedback: [
      "Next steps are missing the owner and due date.",
      "Good summary; the objection about {subject} pricing is captured verbatim.",
    ],
    taskAnalysis: "Calls are mostly renewals; pricing of SSO is the most frequent topic.",
    feedbackAnalysis: "Summaries omit owners for next steps in a third of the records.",
  },
];

/** A one-page PDF with the given lines (Helvetica 12pt), base64-encoded as seed 004 stores guidelines. */
export function minimalPdfBase64(lines: string[]): string {
  const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/\(/g, "\\(").replace(/\)/g, "\\)");
  const text = ["BT /F1 12 Tf 16 TL 72 740 Td", ...lines.map((l) => `(${esc(l)}) '`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1").toString("base64");
}

function fill(template: string, r: Rng): string {
  return template.replace("{subject}", r.pick(SUBJECTS)).replace("{event}", r.pick(EVENTS)).replace("{subject}", r.pick(SUBJECTS));
}

/** Bonus windows relative to today (UTC days): the current one is 10 days in, of 14. */
export function bonusWindowTimes(anchor: Date) {
  const day = new Date(anchor);
  day.setUTCHours(0, 0, 0, 0);
  const currentStart = new Date(day.getTime() - 10 * MS.DAY);
  return {
    past: { start: new Date(currentStart.getTime() - 28 * MS.DAY), end: new Date(currentStart.getTime() - 14 * MS.DAY) },
    current: { start: currentStart, end: new Date(currentStart.getTime() + 14 * MS.DAY) },
    future: { start: new Date(currentStart.getTime() + 21 * MS.DAY), end: new Date(currentStart.getTime() + 35 * MS.DAY) },
  };
}

export type OperationsData = {
  projects: Row[];
  ingestJobs: Row[];
  /** The rows each import skipped, by line and reason (downloadable from the job). */
  skippedRows: Row[];
  records: Row[];
  analyticsJobs: Row[];
  bonusWindows: Row[];
  likert: Row[];
};

export function buildOperations(ctx: SeedContext): OperationsData {
  const r = rng("operations");
  const out: OperationsData = { projects: [], ingestJobs: [], skippedRows: [], records: [], analyticsJobs: [], bonusWindows: [], likert: [] };
  const projectIds = new Map<string, string>();
  const reviewer = userByKey(ctx, "manager");

  PROJECTS.forEach((p, i) => {
    const id = seedUuid(`project:${p.key}`);
    projectIds.set(p.key, id);
    const created = ctx.clock.daysAgo(60 - i * 5);
    out.projects.push({
      id,
      name: p.name,
      ownerId: userByKey(ctx, p.owner).id,
      guidelines: p.guidelines ? minimalPdfBase64(p.guidelines.lines) : null,
      guidelinesFileName: p.guidelines?.file ?? null,
      lastTaskAnalysis: p.taskAnalysis,
      lastFeedbackAnalysis: p.feedbackAnalysis,
      createdAt: created,
      updatedAt: ctx.clock.daysAgo(1 + i),
    });
  });

  // Records: rates per person (tasks 1.2 x p and feedback 0.8 x p a day), spread by error
  // diffusion so the totals are exact, not luck: Alice (p = 2.0) reaches tier 2 of the current
  // window, Bob (p = 1.2) tier 1, colleagues between 0.3 and 1.5.
  const creators = activeUsers(ctx).filter((u) => u.role === "USER");
  const productivity = new Map<string, number>(creators.map((u) => [u.id, u.key === "alice" ? 2.0 : u.key === "bob" ? 1.2 : 0.3 + r.next() * 1.2]));
  const mainProject = (u: SeedUser, i: number) => (u.key === "alice" ? "triage" : u.key === "bob" ? "onboarding" : PROJECTS[i % PROJECTS.length].key);
  const DAYS = 42;
  creators.forEach((u, ci) => {
    const p = productivity.get(u.id)!;
    const project = PROJECTS.find((x) => x.key === mainProject(u, ci))!;
    const projectId = projectIds.get(project.key)!;
    const firstDay = Math.min(DAYS - 1, Math.floor((ctx.clock.anchor.getTime() - u.createdAt.getTime()) / MS.DAY) - 1);
    let accTask = r.next();
    let accFeedback = r.next();
    for (let d = firstDay; d >= 0; d--) {
      accTask += 1.2 * p;
      accFeedback += 0.8 * p;
      const nTask = Math.floor(accTask);
      const nFeedback = Math.floor(accFeedback);
      accTask -= nTask;
      accFeedback -= nFeedback;
      // Now and then a day's records of one type arrive as a CSV import (an ingest job) rather
      // than one by one through the form; the import's records share its time.
      const importType = nTask + nFeedback > 0 && r.chance(0.12) ? (nTask >= nFeedback ? "TASK" : "FEEDBACK") : null;
      const importAt = ctx.clock.daysAgo(d + 0.1 + r.next() * 0.7);
      const jobId = importType ? seedUuid(`ingest:${u.key}:${d}`) : null;
      let saved = 0;
      const kinds = [...Array(nTask).fill("TASK"), ...Array(nFeedback).fill("FEEDBACK")] as ("TASK" | "FEEDBACK")[];
      kinds.forEach((type, k) => {
        const imported = type === importType;
        const at = imported ? plusMs(importAt, 1_500 + k * 40) : ctx.clock.daysAgo(d + 0.05 + r.next() * 0.8);
        if (imported) saved++;
        out.records.push(recordRow(ctx, r, { u, type, projectId, project, at, index: `${u.key}:${d}:${k}`, ingestJobId: imported ? jobId : null, reviewerEmail: reviewer.email, row: k + 1 }));
      });
      if (jobId && importType) {
        const duplicate = r.int(0, 3);
        const empty = r.int(0, 1);
        out.ingestJobs.push({
          id: jobId,
          projectId,
          type: importType,
          status: "COMPLETED",
          totalRecords: saved + duplicate + empty,
          savedCount: saved,
          skippedCount: duplicate + empty,
          skippedDetails: { duplicate, empty_content: empty },
          error: null,
          createdAt: importAt,
          updatedAt: plusMs(importAt, 3_000 + saved * 40 + r.int(5, 60) * 1000),
        });
        // The skipped lines, spread over the file (line 1 is the header).
        const total = saved + duplicate + empty;
        const reasons = [...Array(duplicate).fill("duplicate"), ...Array(empty).fill("empty_content")] as string[];
        reasons.forEach((reason, k) => {
          const line = 2 + Math.floor(((k + 1) * total) / (reasons.length + 1));
          out.skippedRows.push({
            id: seedUuid(`skipped:${jobId}:${k}`),
            jobId,
            line,
            reason,
            message: reason === "duplicate" ? "The project already has a record with this content and type." : "The content is empty.",
            row: { content: reason === "duplicate" ? "Duplicate of an earlier record" : "", category: "TOP_10" },
            createdAt: importAt,
          });
        });
      }
    }
  });
  // Records imported by a job carry its file name as their source.
  for (const rec of out.records) {
    if (rec.ingestJobId) rec.source = `csv:${String(rec.type).toLowerCase()}s-${String(rec.ingestJobId).slice(0, 8)}.csv`;
  }

  // Jobs in every other state, on the admin's projects, the most recent ones still running. The
  // records a job has saved so far exist (created by the admin, who takes no part in bonus
  // windows), so a job's savedCount always matches its records.
  const admin = userByKey(ctx, "admin");
  const states: [string, string, number, number, string | null, Record<string, number> | null][] = [
    // project, status, total, saved, error, skipped details
    ["sales", "PENDING", 120, 0, null, null],
    ["codeReview", "PROCESSING", 480, 24, null, null],
    ["sales", "QUEUED_FOR_VEC", 32, 30, null, { duplicate: 2 }],
    ["codeReview", "VECTORIZING", 45, 41, null, { duplicate: 2, empty_content: 2 }],
    ["sales", "FAILED", 200, 0, "invalid byte sequence for encoding \"UTF8\": 0xff (line 37)", null],
    ["codeReview", "CANCELLED", 640, 15, "Cancelled by user", null],
    ["codeReview", "FAILED", 52, 0, "Column \"category\" has unknown value \"TOP_5\" in 12 rows", { invalid_category: 12 }],
  ];
  states.forEach(([projectKey, status, total, saved, error, skipped], i) => {
    const at = ctx.clock.daysAgo(i < 4 ? 0.02 + i * 0.05 : 3 + i * 4);
    const id = seedUuid(`ingest:state:${i}`);
    const type = i % 2 ? "FEEDBACK" : "TASK";
    const project = PROJECTS.find((x) => x.key === projectKey)!;
    const projectId = projectIds.get(projectKey)!;
    const skippedCount = skipped ? Object.values(skipped).reduce((a, b) => a + b, 0) : 0;
    out.ingestJobs.push({
      id,
      projectId,
      type,
      status,
      totalRecords: total,
      savedCount: saved,
      skippedCount,
      skippedDetails: skipped,
      error,
      createdAt: at,
      updatedAt: plusMs(at, r.int(5, 90) * 1000),
    });
    for (let k = 0; k < saved; k++) {
      const rec = recordRow(ctx, r, { u: admin, type, projectId, project, at: plusMs(at, 1_500 + k * 40), index: `job:${i}:${k}`, ingestJobId: id, reviewerEmail: reviewer.email, row: k + 1 });
      rec.source = `csv:${type.toLowerCase()}s-${id.slice(0, 8)}.csv`;
      out.records.push(rec);
    }
  });

  // Analytics jobs: one finished per project, a running and a failed one.
  PROJECTS.forEach((p, i) => {
    const total = out.records.filter((x) => x.projectId === projectIds.get(p.key)).length;
    const at = ctx.clock.daysAgo(2 + i * 3);
    out.analyticsJobs.push({ id: seedUuid(`analytics:${p.key}:done`), projectId: projectIds.get(p.key), status: "COMPLETED", totalRecords: total, processedCount: total, error: null, createdAt: at, updatedAt: plusMs(at, total * 350) });
  });
  const running = ctx.clock.daysAgo(0.01);
  out.analyticsJobs.push({ id: seedUuid("analytics:triage:running"), projectId: projectIds.get("triage"), status: "PROCESSING", totalRecords: 400, processedCount: 137, error: null, createdAt: running, updatedAt: running });
  out.analyticsJobs.push({ id: seedUuid("analytics:sales:pending"), projectId: projectIds.get("sales"), status: "PENDING", totalRecords: 0, processedCount: 0, error: null, createdAt: running, updatedAt: running });
  const failed = ctx.clock.daysAgo(12);
  out.analyticsJobs.push({ id: seedUuid("analytics:onboarding:failed"), projectId: projectIds.get("onboarding"), status: "FAILED", totalRecords: 300, processedCount: 88, error: "LM Studio at http://localhost:1234/v1 refused the connection", createdAt: failed, updatedAt: plusMs(failed, 95_000) });
  const cancelled = ctx.clock.daysAgo(20);
  out.analyticsJobs.push({ id: seedUuid("analytics:codeReview:cancelled"), projectId: projectIds.get("codeReview"), status: "CANCELLED", totalRecords: 250, processedCount: 30, error: null, createdAt: cancelled, updatedAt: plusMs(cancelled, 40_000) });

  // Bonus windows, created by the admin a week before each starts.
  const w = bonusWindowTimes(ctx.clock.anchor);
  const windows: [string, string, { start: Date; end: Date }, number[]][] = [
    ["past", "Sprint 12 bonus", w.past, [10, 6, 18, 12]],
    ["current", "Sprint 14 bonus", w.current, [12, 8, 20, 14]],
    ["future", "Sprint 16 bonus", w.future, [14, 9, 24, 16]],
  ];
  for (const [key, name, t, [task, feedback, task2, feedback2]] of windows) {
    const created = new Date(Math.min(t.start.getTime() - 7 * MS.DAY, ctx.clock.anchor.getTime() - MS.DAY));
    out.bonusWindows.push({
      id: seedUuid(`bonus-window:${key}`),
      name,
      startTime: t.start,
      endTime: t.end,
      targetTaskCount: task,
      targetFeedbackCount: feedback,
      targetTaskCountTier2: task2,
      targetFeedbackCountTier2: feedback2,
      createdBy: admin.id,
      createdAt: created,
      updatedAt: created,
    });
  }

  // Likert scores: project owners rate records of their own projects (what RLS lets them do);
  // two LLM judges rate many records, as the all-zero user with the model's name.
  const ownerOf = new Map(PROJECTS.map((p) => [projectIds.get(p.key)!, userByKey(ctx, p.owner)]));
  for (const rec of out.records) {
    const good = rec.category === "TOP_10";
    const score = (bias: number) => Math.max(1, Math.min(7, Math.round((good ? 5.2 : 3.4) + bias + (r.next() - 0.5) * 3)));
    const owner = ownerOf.get(rec.projectId as string)!;
    const at = rec.createdAt as Date;
    if (r.chance(0.25)) {
      const when = new Date(Math.min(at.getTime() + r.int(1, 72) * MS.HOUR, ctx.clock.anchor.getTime() - MS.MINUTE));
      out.likert.push({ id: seedUuid(`likert:${rec.id}:${owner.id}`), recordId: rec.id, userId: owner.id, realismScore: score(0), qualityScore: score(0), llmModel: null, createdAt: when, updatedAt: when });
    }
    for (const [model, bias, p] of [["gpt-4o", 0.3, 0.4], ["claude-3-5-sonnet-20241022", -0.2, 0.3]] as const) {
      if (!r.chance(p)) continue;
      const when = new Date(Math.min(at.getTime() + r.int(5, 600) * MS.MINUTE, ctx.clock.anchor.getTime() - MS.MINUTE));
      out.likert.push({ id: seedUuid(`likert:${rec.id}:${model}`), recordId: rec.id, userId: ZERO_UUID, realismScore: score(bias), qualityScore: score(bias), llmModel: model, createdAt: when, updatedAt: when });
    }
  }
  return out;
}

function recordRow(
  ctx: SeedContext,
  r: Rng,
  o: { u: SeedUser; type: "TASK" | "FEEDBACK"; projectId: string; project: ProjectSpec; at: Date; index: string; ingestJobId: string | null; reviewerEmail: string; row: number },
): Row {
  const content = fill(r.pick(o.type === "TASK" ? o.project.tasks : o.project.feedback), r);
  const category = r.chance(0.08) ? null : r.chance(0.5) ? "TOP_10" : "BOTTOM_10";
  const ageDays = (ctx.clock.anchor.getTime() - o.at.getTime()) / MS.DAY;
  const reviewed = ageDays > 2 && r.chance(0.4);
  return {
    id: seedUuid(`record:${o.index}`),
    projectId: o.projectId,
    type: o.type,
    category,
    source: "form",
    content,
    metadata: { row: o.row, language: "en", annotator: o.u.email, length: content.length },
    embedding: [],
    alignmentAnalysis: reviewed && r.chance(0.6)
      ? `Aligned with the guidelines on ${r.pick(["priority", "routing", "tone", "completeness"])}; ${r.pick(["no issues found", "minor wording issues", "missing one required detail"])}.`
      : null,
    hasBeenReviewed: reviewed,
    isCategoryCorrect: reviewed ? r.chance(0.82) : null,
    reviewedBy: reviewed ? o.reviewerEmail : null,
    createdById: o.u.id,
    createdByName: o.u.name,
    createdByEmail: o.u.email,
    ingestJobId: o.ingestJobId,
    createdAt: o.at,
    updatedAt: reviewed ? plusMs(o.at, r.int(1, 48) * MS.HOUR) : o.at,
  };
}

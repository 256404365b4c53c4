/**
 * Conversations the demo chats are made of. Each template is a short, plausible exchange with
 * the workspace assistant of seed 001: plain answers (some with fenced code), answers that call
 * the provider tools (search, URL reading, code execution) or the GitHub agent, and artifact
 * conversations in which the document, Python or Mermaid agent creates a document and later
 * revises it, so the documents pages get real version histories tied to the chat that made them.
 */

export type ArtifactKind = "text" | "python code" | "mermaid code" | "sheet";
export type ArtifactAgent = "documentAgent" | "pythonAgent" | "mermaidAgent";

export type ArtifactStep =
  /** a new version with the content of `versions[version]` */
  | { op: "create" | "update" | "fix"; version: number; instruction: string }
  /** a new version that copies an earlier one (seed 001: revert restores as a new version) */
  | { op: "revert"; targetVersion: number; instruction: string }
  /** inline suggestions on the current version, no new version */
  | { op: "suggestion"; instruction: string };

export type ToolStep =
  | { agent: ArtifactAgent; artifact: ArtifactStep }
  | { agent: "providerToolsAgent"; operation: "search" | "url_fetch" | "code_execution"; args: Record<string, unknown>; result: Record<string, unknown> }
  | { agent: "gitMcpAgent"; operation: string; args: Record<string, unknown>; result: Record<string, unknown> }
  /** inline code written into the chat by a sub-agent, no artifact */
  | { agent: "pythonAgent" | "mermaidAgent"; operation: "generate"; args: Record<string, unknown>; result: Record<string, unknown> };

export type Turn = { user: string; tool?: ToolStep; reply: string };

export type Suggestion = { original: string; suggested: string; description: string };

export type Artifact = {
  title: string;
  kind: ArtifactKind;
  agent: ArtifactAgent;
  versions: string[];
  suggestions?: Suggestion[];
};

export type ChatTemplate = {
  key: string;
  titles: string[];
  turns: Turn[];
  artifact?: Artifact;
};

// ---------------------------------------------------------------------------------------------
// Artifacts
// ---------------------------------------------------------------------------------------------

const QBR_V1 = `# Q3 Business Review

## Summary
Revenue grew 14% quarter over quarter to $2.4M, driven by the self-serve plan. Net revenue
retention held at 108%.

## Highlights
- 312 new paying workspaces (+22% QoQ)
- Average contract value up from $6,100 to $6,650
- Support first-response time down to 3h 40m

## Next quarter
- Launch annual billing for the Team plan
- Hire two solutions engineers for EMEA`;

const QBR_V2 = `${QBR_V1}

## Risks
- Two enterprise renewals (18% of ARR) are due in November; both champions changed roles.
- Infrastructure cost per workspace rose 9% after the move to dedicated databases.
- The EMEA hiring plan depends on the budget review on 15 October.`;

const QBR_V3 = QBR_V2.replace(
  "Revenue grew 14% quarter over quarter to $2.4M, driven by the self-serve plan. Net revenue\nretention held at 108%.",
  "Revenue grew 14% quarter over quarter to $2.4M, driven by the self-serve plan, which now brings\nin 41% of new ARR. Net revenue retention held at 108%; gross churn fell to 1.6% a month.",
);

const ONBOARDING_V1 = `# Onboarding e-mail sequence

**Day 0 - Welcome**
Subject: Welcome to Northwind - your workspace is ready
Hi {first_name}, thanks for signing up. Your workspace is live at {workspace_url}.
Start by inviting one teammate: projects go faster with two.

**Day 2 - First project**
Subject: Three templates to start from
Most teams begin with the Weekly Report, Launch Plan or Retro template.

**Day 7 - Check-in**
Subject: How is it going?
Reply to this e-mail with one thing that slowed you down. A human reads every answer.`;

const ONBOARDING_V2 = ONBOARDING_V1.replace(
  "Hi {first_name}, thanks for signing up. Your workspace is live at {workspace_url}.\nStart by inviting one teammate: projects go faster with two.",
  "Hi {first_name}, welcome aboard! Your workspace is live at {workspace_url}.\nOne tip from teams like yours: invite a teammate today. Shared projects get finished twice as often.",
).replace(
  "Reply to this e-mail with one thing that slowed you down. A human reads every answer.",
  "What is one thing that slowed you down this week? Just hit reply - a real person on our team\nreads every answer, usually within a day.",
);

const CHURN_V1 = `import pandas as pd

df = pd.read_csv("customers.csv", parse_dates=["signup_date", "last_active"])

# A customer has churned when they were inactive for more than 30 days.
cutoff = df["last_active"].max() - pd.Timedelta(days=30)
df["churned"] = df["last_active"] < cutoff

by_plan = df.groupby("plan")["churned"].mean().sort_values(ascending=False)
print(by_plan.map("{:.1%}".format))`;

const CHURN_V2 = `import pandas as pd

df = pd.read_csv("customers.csv", parse_dates=["signup_date", "last_active"])

# A customer has churned when they were inactive for more than 30 days.
cutoff = df["last_active"].max() - pd.Timedelta(days=30)
df["churned"] = df["last_active"] < cutoff

# The export names the column "plan_name"; older exports used "plan".
plan_col = "plan_name" if "plan_name" in df.columns else "plan"
by_plan = df.groupby(plan_col)["churned"].mean().sort_values(ascending=False)
print(by_plan.map("{:.1%}".format))`;

const CHURN_V3 = `import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_csv("customers.csv", parse_dates=["signup_date", "last_active"])

# A customer has churned when they were inactive for more than 30 days.
cutoff = df["last_active"].max() - pd.Timedelta(days=30)
df["churned"] = df["last_active"] < cutoff

# The export names the column "plan_name"; older exports used "plan".
plan_col = "plan_name" if "plan_name" in df.columns else "plan"
by_plan = df.groupby(plan_col)["churned"].mean().sort_values(ascending=False)
print(by_plan.map("{:.1%}".format))

# Monthly churn rate by signup cohort
df["cohort"] = df["signup_date"].dt.to_period("M")
cohorts = df.groupby("cohort")["churned"].mean()
ax = cohorts.plot(kind="bar", figsize=(10, 4), color="#4f46e5")
ax.set_ylabel("churn rate")
ax.set_title("Churn by signup cohort")
plt.tight_layout()
plt.show()`;

const LOGS_V1 = `import re
from collections import Counter

LINE = re.compile(r'(?P<ip>\\S+) \\S+ \\S+ \\[(?P<time>[^\\]]+)\\] "(?P<method>\\S+) (?P<path>\\S+) [^"]*" (?P<status>\\d{3}) (?P<size>\\d+|-)')

def parse(path):
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                yield m.groupdict()

statuses = Counter(r["status"] for r in parse("access.log"))
for status, count in statuses.most_common():
    print(status, count)`;

const LOGS_V2 = `import re
from collections import Counter

LINE = re.compile(r'(?P<ip>\\S+) \\S+ \\S+ \\[(?P<time>[^\\]]+)\\] "(?P<method>\\S+) (?P<path>\\S+) [^"]*" (?P<status>\\d{3}) (?P<size>\\d+|-)')

def parse(path):
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                yield m.groupdict()

rows = list(parse("access.log"))
statuses = Counter(r["status"] for r in rows)
for status, count in statuses.most_common():
    print(status, count)

# Top 10 client IPs among server errors
errors = Counter(r["ip"] for r in rows if r["status"].startswith("5"))
print("\\nTop IPs with 5xx responses:")
for ip, count in errors.most_common(10):
    print(f"{ip:<16} {count}")`;

const LOGS_V3 = `"""Summarise an nginx access log: responses per status code and the clients behind 5xx errors."""
import re
from collections import Counter

# Combined log format: ip - user [time] "METHOD path protocol" status size
LINE = re.compile(r'(?P<ip>\\S+) \\S+ \\S+ \\[(?P<time>[^\\]]+)\\] "(?P<method>\\S+) (?P<path>\\S+) [^"]*" (?P<status>\\d{3}) (?P<size>\\d+|-)')


def parse(path):
    """Yield one dict per well-formed line; malformed lines are skipped."""
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m:
                yield m.groupdict()


rows = list(parse("access.log"))
statuses = Counter(r["status"] for r in rows)
for status, count in statuses.most_common():
    print(status, count)

# Top 10 client IPs among server errors
errors = Counter(r["ip"] for r in rows if r["status"].startswith("5"))
print("\\nTop IPs with 5xx responses:")
for ip, count in errors.most_common(10):
    print(f"{ip:<16} {count}")`;

const CHECKOUT_V1 = `flowchart TD
    A[Cart] --> B{Signed in?}
    B -- No --> C[Sign in or continue as guest]
    B -- Yes --> D[Shipping address]
    C --> D
    D --> E[Payment]
    E --> F[Order confirmation]`;

const CHECKOUT_V2 = `flowchart TD
    A[Cart] --> B{Signed in?}
    B -- No --> C[Sign in (or continue as guest)]
    B -- Yes --> D[Shipping address]
    C --> D
    D --> E[Payment]
    E --> G{Payment accepted?}
    G -- Yes --> F[Order confirmation]
    G -- No --> H[Show error and keep cart]
    H --> E`;

const CHECKOUT_V3 = `flowchart TD
    A[Cart] --> B{Signed in?}
    B -- No --> C["Sign in (or continue as guest)"]
    B -- Yes --> D[Shipping address]
    C --> D
    D --> E[Payment]
    E --> G{Payment accepted?}
    G -- Yes --> F[Order confirmation]
    G -- No --> H[Show error and keep cart]
    H --> E
    F --> I[(Orders DB)]`;

const AUTH_SEQ_V1 = `sequenceDiagram
    participant B as Browser
    participant A as Next.js app
    participant S as Supabase Auth
    B->>A: POST /login (email, password)
    A->>S: signInWithPassword
    S-->>A: access + refresh token
    A-->>B: Set-Cookie (session)`;

const AUTH_SEQ_V2 = `sequenceDiagram
    participant B as Browser
    participant A as Next.js app
    participant S as Supabase Auth
    participant D as Postgres
    B->>A: POST /login (email, password)
    A->>S: signInWithPassword
    S-->>A: access + refresh token
    A-->>B: Set-Cookie (session)
    B->>A: GET /chats
    A->>S: getClaims (verify JWT)
    A->>D: select ... (role authenticated, RLS)
    D-->>A: rows of this user
    A-->>B: page`;

const BUDGET_V1 = `Channel,Q1,Q2,Q3,Q4,Total
Paid search,18000,18000,22000,24000,82000
Social ads,9000,11000,11000,14000,45000
Content & SEO,6000,6000,7000,7000,26000
Events,0,15000,0,20000,35000
Total,33000,50000,40000,65000,188000`;

const BUDGET_V2 = `Channel,Q1,Q2,Q3,Q4,Total
Paid search,18000,18000,22000,24000,82000
Social ads,9000,11000,11000,14000,45000
Content & SEO,6000,6000,7000,7000,26000
Events,0,15000,0,20000,35000
Partner co-marketing,4000,4000,6000,6000,20000
Total,37000,54000,46000,71000,208000`;

const RUNBOOK_V1 = `# Incident runbook: database connection exhaustion

## Symptoms
- API returns 500 with "remaining connection slots are reserved"
- p95 latency above 2 s on every route

## First five minutes
1. Check the pool dashboard: active vs. max connections per service.
2. Identify the service holding the most idle-in-transaction sessions.
3. Restart that service's pods one at a time.

## Follow-up
- Lower idle_in_transaction_session_timeout to 60 s.
- Add a connection budget per service to the capacity sheet.`;

const RUNBOOK_V2 = `# Incident runbook: database connection exhaustion

## Symptoms
- API returns 500 with "remaining connection slots are reserved"
- p95 latency above 2 s on every route
- Alert \`db-connections-high\` firing for more than 3 minutes

## First five minutes
1. Check the pool dashboard: active vs. max connections per service.
2. Identify the service holding the most idle-in-transaction sessions:
   \`select application_name, state, count(*) from pg_stat_activity group by 1, 2 order by 3 desc;\`
3. Restart that service's pods one at a time.
4. Post a status update in #incidents every 15 minutes.

## Follow-up
- Lower idle_in_transaction_session_timeout to 60 s.
- Add a connection budget per service to the capacity sheet.
- Write the post-mortem within two working days.`;

const ARTIFACTS = {
  qbr: {
    title: "Q3 Business Review",
    kind: "text",
    agent: "documentAgent",
    versions: [QBR_V1, QBR_V2, QBR_V3],
    suggestions: [
      {
        original: "Hire two solutions engineers for EMEA",
        suggested: "Hire two solutions engineers for EMEA (pending the 15 October budget review)",
        description: "Link the hiring plan to the dependency named in the risks section.",
      },
      {
        original: "Support first-response time down to 3h 40m",
        suggested: "Support first-response time down from 5h 10m to 3h 40m",
        description: "Give the previous value so the improvement is clear.",
      },
      {
        original: "Launch annual billing for the Team plan",
        suggested: "Launch annual billing for the Team plan (target: 25% of new Team subscriptions)",
        description: "Add a measurable target.",
      },
    ],
  },
  onboarding: {
    title: "Onboarding e-mail sequence",
    kind: "text",
    agent: "documentAgent",
    versions: [ONBOARDING_V1, ONBOARDING_V2],
    suggestions: [
      {
        original: "Subject: Three templates to start from",
        suggested: "Subject: Start from a template (3 minutes)",
        description: "Subject lines with a time estimate get more opens.",
      },
    ],
  },
  churn: { title: "Churn analysis by plan", kind: "python code", agent: "pythonAgent", versions: [CHURN_V1, CHURN_V2, CHURN_V3] },
  logs: { title: "Nginx log summary", kind: "python code", agent: "pythonAgent", versions: [LOGS_V1, LOGS_V2, LOGS_V3] },
  checkout: { title: "Checkout flow", kind: "mermaid code", agent: "mermaidAgent", versions: [CHECKOUT_V1, CHECKOUT_V2, CHECKOUT_V3] },
  authSeq: { title: "Sign-in sequence", kind: "mermaid code", agent: "mermaidAgent", versions: [AUTH_SEQ_V1, AUTH_SEQ_V2] },
  budget: { title: "Marketing budget 2025", kind: "sheet", agent: "documentAgent", versions: [BUDGET_V1, BUDGET_V2] },
  runbook: {
    title: "Runbook: DB connection exhaustion",
    kind: "text",
    agent: "documentAgent",
    versions: [RUNBOOK_V1, RUNBOOK_V2],
    suggestions: [
      {
        original: "Restart that service's pods one at a time.",
        suggested: "Restart that service's pods one at a time, waiting for each to pass its readiness check.",
        description: "Avoid restarting every pod at once.",
      },
    ],
  },
} satisfies Record<string, Artifact>;

// ---------------------------------------------------------------------------------------------
// Conversations
// ---------------------------------------------------------------------------------------------

export const CHAT_TEMPLATES: ChatTemplate[] = [
  {
    key: "qbr",
    titles: ["Q3 business review draft", "Quarterly review for the board", "QBR write-up"],
    artifact: ARTIFACTS.qbr,
    turns: [
      {
        user: "Draft a one-page Q3 business review: revenue $2.4M (+14% QoQ), NRR 108%, 312 new paying workspaces, ACV $6,650, first response 3h40m. Next quarter: annual billing for Team, two SEs in EMEA.",
        tool: { agent: "documentAgent", artifact: { op: "create", version: 0, instruction: "Write a one-page Q3 business review with summary, highlights and next-quarter plans from the figures given." } },
        reply: "I created **Q3 Business Review** (version 1) with a summary, highlights and the plan for next quarter. Want me to add a risks section?",
      },
      {
        user: "Yes, add risks: two enterprise renewals in November (18% of ARR), infra cost per workspace +9%, EMEA hiring depends on the budget review on 15 Oct.",
        tool: { agent: "documentAgent", artifact: { op: "update", version: 1, instruction: "Add a Risks section with the three risks the user listed." } },
        reply: "Added a **Risks** section with the three items (now version 2).",
      },
      {
        user: "Can you suggest improvements without changing the text?",
        tool: { agent: "documentAgent", artifact: { op: "suggestion", instruction: "Propose inline edits that make the review more precise." } },
        reply: "I left a few suggestions on the document: mostly adding baselines and targets so the numbers are easier to judge.",
      },
      {
        user: "Mention that self-serve is 41% of new ARR and gross churn is 1.6% monthly in the summary.",
        tool: { agent: "documentAgent", artifact: { op: "update", version: 2, instruction: "Extend the summary with the self-serve share of new ARR and monthly gross churn." } },
        reply: "Done: the summary now mentions the self-serve share (41% of new ARR) and gross churn (1.6% a month). This is version 3.",
      },
    ],
  },
  {
    key: "onboarding",
    titles: ["Onboarding emails", "Welcome sequence copy", "Trial onboarding e-mails"],
    artifact: ARTIFACTS.onboarding,
    turns: [
      {
        user: "Write a 3-email onboarding sequence for new trial users (day 0, 2, 7). Friendly, short.",
        tool: { agent: "documentAgent", artifact: { op: "create", version: 0, instruction: "Three short onboarding e-mails for trial users on day 0, 2 and 7." } },
        reply: "Here is a first version of the **Onboarding e-mail sequence**: a welcome, a nudge toward templates and a check-in.",
      },
      {
        user: "Make the tone warmer and less corporate.",
        tool: { agent: "documentAgent", artifact: { op: "update", version: 1, instruction: "Rewrite in a warmer, more personal tone; keep the structure." } },
        reply: "I warmed up the welcome and the check-in e-mails (version 2). The day-2 e-mail was already informal, so I left it.",
      },
      {
        user: "Any ideas for better subject lines?",
        tool: { agent: "documentAgent", artifact: { op: "suggestion", instruction: "Suggest stronger subject lines." } },
        reply: "I added a suggestion for the day-2 subject line. The other two are already specific.",
      },
    ],
  },
  {
    key: "churn",
    titles: ["Churn analysis script", "Customer churn by plan", "Pandas churn rate"],
    artifact: ARTIFACTS.churn,
    turns: [
      {
        user: "I have customers.csv with signup_date, last_active and plan. Write Python that gives churn rate per plan (churned = inactive > 30 days).",
        tool: { agent: "pythonAgent", artifact: { op: "create", version: 0, instruction: "pandas script: churn rate per plan, churn = last_active older than 30 days before the latest activity." } },
        reply: "I created **Churn analysis by plan**. It marks customers inactive for more than 30 days as churned and prints the rate per plan.",
      },
      {
        user: "It fails: KeyError: 'plan'",
        tool: { agent: "pythonAgent", artifact: { op: "fix", version: 1, instruction: "Fix KeyError: 'plan' - the newer export calls the column plan_name." } },
        reply: "Your export calls the column `plan_name`. The script now uses whichever of the two columns exists (version 2).",
      },
      {
        user: "Add a bar chart of churn by signup month.",
        tool: { agent: "pythonAgent", artifact: { op: "update", version: 2, instruction: "Add a matplotlib bar chart of churn rate by monthly signup cohort." } },
        reply: "Version 3 adds a bar chart of the churn rate per signup cohort. Run it in the code panel to see the chart.",
      },
    ],
  },
  {
    key: "logs",
    titles: ["Parse nginx logs", "Access log stats", "5xx investigation script"],
    artifact: ARTIFACTS.logs,
    turns: [
      {
        user: "Write a script that reads an nginx access.log and counts responses per status code.",
        tool: { agent: "pythonAgent", artifact: { op: "create", version: 0, instruction: "Parse the combined log format and count status codes." } },
        reply: "I created **Nginx log summary**. It parses the combined log format with a regular expression and prints the count per status code.",
      },
      {
        user: "Also show the top 10 IPs that got 5xx errors.",
        tool: { agent: "pythonAgent", artifact: { op: "update", version: 1, instruction: "Also list the ten client IPs with the most 5xx responses." } },
        reply: "Version 2 also lists the ten client IPs with the most 5xx responses.",
      },
      {
        user: "Please add comments so my colleague can follow it.",
        tool: { agent: "pythonAgent", artifact: { op: "update", version: 2, instruction: "Explain: add a module docstring and comments; do not change behaviour." } },
        reply: "Added a module docstring and comments on the log format and the parser (version 3). The behaviour is unchanged.",
      },
    ],
  },
  {
    key: "checkout",
    titles: ["Checkout flow diagram", "Checkout flowchart", "Payment flow"],
    artifact: ARTIFACTS.checkout,
    turns: [
      {
        user: "Draw our checkout flow: cart, sign-in or guest, shipping, payment, confirmation.",
        tool: { agent: "mermaidAgent", artifact: { op: "create", version: 0, instruction: "Flowchart of the checkout: cart, sign in or guest, shipping, payment, confirmation." } },
        reply: "Here is the **Checkout flow** as a top-down flowchart.",
      },
      {
        user: "Add what happens when the payment is declined.",
        tool: { agent: "mermaidAgent", artifact: { op: "update", version: 1, instruction: "Add a decision after payment: accepted goes to confirmation, declined shows an error and returns to payment." } },
        reply: "Version 2 adds a decision after payment: a declined payment shows an error and returns to the payment step with the cart kept.",
      },
      {
        user: "It doesn't render: Parse error on line 4, got 'PS'",
        tool: { agent: "mermaidAgent", artifact: { op: "fix", version: 2, instruction: "Fix the parse error: the label with parentheses must be quoted. Also add the orders database." } },
        reply: "Parentheses inside a node label must be quoted. Fixed in version 3, which also shows the order being stored.",
      },
    ],
  },
  {
    key: "authSeq",
    titles: ["Auth sequence diagram", "Login flow with Supabase", "Sign-in sequence"],
    artifact: ARTIFACTS.authSeq,
    turns: [
      {
        user: "Make a sequence diagram of password sign-in: browser, Next.js, Supabase Auth.",
        tool: { agent: "mermaidAgent", artifact: { op: "create", version: 0, instruction: "Sequence diagram of a password sign-in between browser, Next.js app and Supabase Auth." } },
        reply: "I created **Sign-in sequence** with the three participants and the cookie being set.",
      },
      {
        user: "Extend it with the next page load reading data through RLS.",
        tool: { agent: "mermaidAgent", artifact: { op: "update", version: 1, instruction: "Add a page load: verify claims, query Postgres as role authenticated, RLS filters the rows." } },
        reply: "Version 2 continues with a page load: the app verifies the claims and Postgres returns only this user's rows.",
      },
      {
        user: "Actually that's too much for the slide. Go back to the first version.",
        tool: { agent: "mermaidAgent", artifact: { op: "revert", targetVersion: 1, instruction: "Restore version 1." } },
        reply: "Restored version 1 as version 3, so the longer diagram is still in the history if you need it.",
      },
    ],
  },
  {
    key: "budget",
    titles: ["Marketing budget sheet", "2025 marketing budget", "Budget by channel"],
    artifact: ARTIFACTS.budget,
    turns: [
      {
        user: "Make a spreadsheet of our 2025 marketing budget per quarter: paid search 18/18/22/24k, social 9/11/11/14k, content 6/6/7/7k, events 0/15/0/20k.",
        tool: { agent: "documentAgent", artifact: { op: "create", version: 0, instruction: "Sheet with one row per channel, a column per quarter, totals per row and column." } },
        reply: "I created the **Marketing budget 2025** sheet with totals per channel and per quarter: $188,000 for the year.",
      },
      {
        user: "Add partner co-marketing: 4k in Q1 and Q2, 6k in Q3 and Q4.",
        tool: { agent: "documentAgent", artifact: { op: "update", version: 1, instruction: "Add a Partner co-marketing row and update the totals." } },
        reply: "Added the partner row; the yearly total is now $208,000 (version 2).",
      },
    ],
  },
  {
    key: "runbook",
    titles: ["Incident runbook", "Runbook for DB connections", "On-call runbook draft"],
    artifact: ARTIFACTS.runbook,
    turns: [
      {
        user: "Write a short runbook for when our Postgres runs out of connections.",
        tool: { agent: "documentAgent", artifact: { op: "create", version: 0, instruction: "Runbook: symptoms, first five minutes, follow-up." } },
        reply: "I created **Runbook: DB connection exhaustion** with symptoms, first steps and follow-ups.",
      },
      {
        user: "Add the query to find who holds the connections, and a note about status updates.",
        tool: { agent: "documentAgent", artifact: { op: "update", version: 1, instruction: "Add the pg_stat_activity query to step 2, a status-update step and a post-mortem follow-up." } },
        reply: "Version 2 adds the `pg_stat_activity` query, status updates every 15 minutes and a post-mortem deadline.",
      },
      {
        user: "Review it for anything risky.",
        tool: { agent: "documentAgent", artifact: { op: "suggestion", instruction: "Point out risky steps." } },
        reply: "One suggestion: restart pods only after the previous one is ready again, or you may take the service down completely.",
      },
    ],
  },
  {
    key: "useEffect",
    titles: ["useEffect cleanup question", "React effect cleanup", "Why does my effect run twice?"],
    turns: [
      {
        user: "Why does my useEffect run twice in development, and how do I clean up a subscription properly?",
        reply: `In development, React 18+ Strict Mode mounts, unmounts and mounts every component again to reveal effects that do not clean up. In production it runs once.

Return a cleanup function that undoes what the effect did:

\`\`\`tsx
useEffect(() => {
  const controller = new AbortController();
  const unsubscribe = store.subscribe(onChange);
  fetch(\`/api/items?q=\${query}\`, { signal: controller.signal })
    .then((r) => r.json())
    .then(setItems)
    .catch((e) => { if (e.name !== "AbortError") setError(e); });
  return () => {
    controller.abort();
    unsubscribe();
  };
}, [query]);
\`\`\`

If the effect is correct with the double run, it is correct in production too.`,
      },
      {
        user: "Should I just disable Strict Mode?",
        reply: "I would not: the double run is there to catch missing cleanups, which otherwise show up later as memory leaks or duplicate requests. Fix the cleanup instead; it costs nothing in production.",
      },
    ],
  },
  {
    key: "windowFn",
    titles: ["SQL running totals", "Window functions help", "Cumulative revenue query"],
    turns: [
      {
        user: "How do I compute a running total of revenue per customer in Postgres?",
        reply: `Use \`sum()\` as a window function, partitioned by customer and ordered by date:

\`\`\`sql
select customer_id,
       paid_at::date as day,
       amount,
       sum(amount) over (partition by customer_id order by paid_at
                         rows between unbounded preceding and current row) as running_total
from payments
order by customer_id, paid_at;
\`\`\`

The explicit \`rows between ...\` frame matters when two payments share a timestamp: the default frame (\`range\`) would add both at once.`,
      },
      {
        user: "And the share of each month in the customer's yearly total?",
        reply: `Aggregate by month first, then divide by a window sum over the year:

\`\`\`sql
with monthly as (
  select customer_id, date_trunc('month', paid_at) as month, sum(amount) as revenue
  from payments group by 1, 2
)
select *, round(100.0 * revenue / sum(revenue) over (partition by customer_id, date_trunc('year', month)), 1) as pct_of_year
from monthly;
\`\`\``,
      },
    ],
  },
  {
    key: "pgRelease",
    titles: ["What's new in Postgres", "Postgres release notes", "Latest PostgreSQL version"],
    turns: [
      {
        user: "What are the headline features of the latest PostgreSQL major release?",
        tool: {
          agent: "providerToolsAgent",
          operation: "search",
          args: { query: "PostgreSQL latest major release new features" },
          result: {
            sources: [
              { title: "PostgreSQL 17 Released!", url: "https://www.postgresql.org/about/news/postgresql-17-released-2936/" },
              { title: "PostgreSQL 17 Release Notes", url: "https://www.postgresql.org/docs/17/release-17.html" },
            ],
          },
        },
        reply: `The latest major release I found is **PostgreSQL 17** ([announcement](https://www.postgresql.org/about/news/postgresql-17-released-2936/)). Highlights:

- A new memory structure for vacuum that uses up to 20x less memory
- \`JSON_TABLE\` and more SQL/JSON constructors
- Incremental backups with \`pg_basebackup --incremental\`
- Logical replication failover slots

Details are in the [release notes](https://www.postgresql.org/docs/17/release-17.html).`,
      },
    ],
  },
  {
    key: "articleSummary",
    titles: ["Summarise an article", "TL;DR of a blog post", "Article summary"],
    turns: [
      {
        user: "Summarise https://martinfowler.com/articles/feature-toggles.html in five bullets.",
        tool: {
          agent: "providerToolsAgent",
          operation: "url_fetch",
          args: { url: "https://martinfowler.com/articles/feature-toggles.html" },
          result: { title: "Feature Toggles (aka Feature Flags)", status: 200, characters: 48210 },
        },
        reply: `Summary of *Feature Toggles (aka Feature Flags)*:

- Toggles come in four kinds: release, experiment, ops and permission toggles.
- They differ in how long they live and how dynamic the decision is.
- Keep the toggle decision away from the code that uses it (a toggle router).
- Release toggles should be removed soon after launch; they are inventory, not features.
- Test both sides of every toggle that can be flipped in production.`,
      },
    ],
  },
  {
    key: "repoIssues",
    titles: ["Open issues in our repo", "GitHub issue triage", "What's open on GitHub?"],
    turns: [
      {
        user: "Which issues labelled bug are open in acme-analytics/churn-dashboard?",
        tool: {
          agent: "gitMcpAgent",
          operation: "list_issues",
          args: { owner: "acme-analytics", repo: "churn-dashboard", state: "open", labels: ["bug"] },
          result: {
            issues: [
              { number: 142, title: "Cohort chart shows NaN for empty months" },
              { number: 139, title: "CSV export drops the plan_name column" },
              { number: 131, title: "Date filter ignores the workspace time zone" },
            ],
          },
        },
        reply: `There are three open bugs in **acme-analytics/churn-dashboard**:

| # | title |
| --- | --- |
| 142 | Cohort chart shows NaN for empty months |
| 139 | CSV export drops the plan_name column |
| 131 | Date filter ignores the workspace time zone |

#139 looks related to the KeyError you hit earlier.`,
      },
      {
        user: "Who changed the export code last?",
        tool: {
          agent: "gitMcpAgent",
          operation: "list_commits",
          args: { owner: "acme-analytics", repo: "churn-dashboard", path: "src/export/csv.ts", per_page: 3 },
          result: { commits: [{ sha: "9f2c41a", author: "dokafor", message: "Rename plan to plan_name in exports" }] },
        },
        reply: "The last change to `src/export/csv.ts` is commit `9f2c41a` by **dokafor**: \"Rename plan to plan_name in exports\". That rename is the likely cause of #139.",
      },
    ],
  },
  {
    key: "compound",
    titles: ["Compound interest", "Savings calculation", "How much will I have saved?"],
    turns: [
      {
        user: "If I invest 300 a month at 5% a year for 15 years, how much do I end up with?",
        tool: {
          agent: "providerToolsAgent",
          operation: "code_execution",
          args: { language: "python", code: "r=0.05/12\nn=15*12\nprint(round(300*((1+r)**n-1)/r, 2))" },
          result: { stdout: "80161.08\n", exitCode: 0 },
        },
        reply: "About **80,161** after 15 years, assuming monthly contributions and monthly compounding. You pay in 54,000, so roughly 26,000 is interest.",
      },
    ],
  },
  {
    key: "regex",
    titles: ["Email regex", "Validate emails with regex", "Regex question"],
    turns: [
      {
        user: "Give me a regex to validate email addresses in a signup form.",
        reply: `A pragmatic pattern that accepts what real users type:

\`\`\`ts
const EMAIL = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$/;
EMAIL.test("ada@example.com"); // true
\`\`\`

Do not try to match the full RFC 5322 grammar: the only real proof that an address works is a confirmation e-mail.`,
      },
    ],
  },
  {
    key: "reminder",
    titles: ["Polite reminder email", "Invoice reminder", "Follow-up email draft"],
    turns: [
      {
        user: "Write a polite reminder to a client whose invoice is two weeks overdue.",
        reply: `Subject: Invoice #2024-118 - friendly reminder

Hi Jordan,

I hope things are going well. A quick reminder that invoice #2024-118 for $4,800, due on 3 March, is still open. I have attached it again for convenience.

If it has already been paid, please ignore this note. Otherwise, could you let me know when we can expect payment?

Thanks,
Alex`,
      },
      {
        user: "Shorter please.",
        reply: "Hi Jordan, a quick reminder that invoice #2024-118 ($4,800, due 3 March) is still open - copy attached. Could you let me know when it will be paid? Thanks, Alex",
      },
    ],
  },
  {
    key: "dedupe",
    titles: ["Dedupe a list in Python", "Remove duplicates keep order", "Python list question"],
    turns: [
      {
        user: "Quick snippet: remove duplicates from a list but keep the original order.",
        tool: {
          agent: "pythonAgent",
          operation: "generate",
          args: { instruction: "Remove duplicates from a list, keeping the first occurrence order." },
          result: { language: "python", lines: 2 },
        },
        reply: `\`dict\` keeps insertion order (Python 3.7+), so:

\`\`\`python
items = ["b", "a", "b", "c", "a"]
unique = list(dict.fromkeys(items))  # ['b', 'a', 'c']
\`\`\`

For unhashable items (lists, dicts) you need a loop with a \`seen\` list instead.`,
      },
    ],
  },
  {
    key: "tsUnions",
    titles: ["TypeScript discriminated unions", "Exhaustive switch in TS", "TS narrowing question"],
    turns: [
      {
        user: "How do I make TypeScript complain when I forget a case in a switch over a union?",
        reply: `Switch on the discriminant and assign the leftover to \`never\`:

\`\`\`ts
type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };

function area(s: Shape): number {
  switch (s.kind) {
    case "circle": return Math.PI * s.r ** 2;
    case "square": return s.side ** 2;
    default: {
      const unreachable: never = s; // error here when a new kind is added
      throw new Error(\`unknown shape \${JSON.stringify(unreachable)}\`);
    }
  }
}
\`\`\``,
      },
    ],
  },
  {
    key: "orgChart",
    titles: ["Team structure diagram", "Org chart sketch", "Quick diagram"],
    turns: [
      {
        user: "Sketch our team structure quickly: Head of Data with Analytics (3) and Platform (2) teams.",
        tool: {
          agent: "mermaidAgent",
          operation: "generate",
          args: { instruction: "Small org chart: Head of Data, Analytics team of 3, Platform team of 2." },
          result: { diagramType: "flowchart", nodes: 3 },
        },
        reply: `\`\`\`mermaid
flowchart TD
    H[Head of Data] --> A[Analytics - 3 people]
    H --> P[Platform - 2 people]
\`\`\``,
      },
    ],
  },
  {
    key: "meetingNotes",
    titles: ["Meeting notes cleanup", "Turn notes into actions", "Retro action items"],
    turns: [
      {
        user: "Turn these notes into action items: 'deploys slow, maybe cache deps - Jonas. flaky e2e in checkout, Grace looks. docs for API v2 missing, nobody yet'",
        reply: `**Action items**

- [ ] Cache dependencies in the deploy pipeline to speed up deploys - *Jonas*
- [ ] Investigate the flaky checkout end-to-end test - *Grace*
- [ ] Write documentation for API v2 - *owner needed*

I would pick an owner for the API docs before the meeting ends, otherwise it tends to slip.`,
      },
    ],
  },
];

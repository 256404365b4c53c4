/** The demo accounts `npm run dev` seeds and prints. Known passwords, for a local console only. */
export const DEMO_ACCOUNTS = [
  { email: "admin@example.com", password: "demo-admin-pass", role: "ADMIN", name: "Ada Admin" },
  { email: "manager@example.com", password: "demo-manager-pass", role: "MANAGER", name: "Max Manager" },
  { email: "alice@example.com", password: "demo-alice-pass", role: "USER", name: "Alice Analyst" },
  { email: "bob@example.com", password: "demo-bob-pass", role: "USER", name: "Bob Builder" },
  { email: "pending@example.com", password: "demo-pending-pass", role: "PENDING", name: "Pat Pending" },
] as const;

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

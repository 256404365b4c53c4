/**
 * What global setup started, handed to the test workers through a JSON file (workers are
 * separate processes; the file also lets a developer point a second terminal at the stack).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type StackState = {
  appUrl: string;
  authUrl: string;
  /** Superuser URL of the throwaway database (fixtures and checks only; the app never uses it for people). */
  adminUrl: string;
  jwtExpirySeconds: number;
  /** The run's Auth API keys and the fresh JWT secret they are signed with (tooling/app-stack.ts). */
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  /** The local mail catcher: the stand-in's recovery and email-change mail (GET /api/messages?to=). */
  mailUrl: string;
};

export const STATE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test-results/e2e-stack.json");

export function writeStackState(state: StackState): void {
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

let cached: StackState | null = null;
export function stackState(): StackState {
  if (!cached) {
    if (!fs.existsSync(STATE_FILE)) throw new Error(`No ${STATE_FILE}: run the tests through \`playwright test\` (global setup starts the stack).`);
    cached = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as StackState;
  }
  return cached;
}

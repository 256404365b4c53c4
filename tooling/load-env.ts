/** Scripts read .env.local / .env like Next does, so one file configures the whole stack. */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./migrate";

for (const name of [".env.local", ".env"]) {
  const file = path.join(ROOT, name);
  if (fs.existsSync(file)) process.loadEnvFile(file); // never overrides what the shell set
}

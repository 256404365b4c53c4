/**
 * supabase/migrations.sha256 pins every landed migration (`sha256sum` format: "<hex>  <file>").
 * A landed migration never changes: a change to the schema is a new file. `npm run db:snapshot`
 * appends new files to the list and never rewrites a line that is there.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { listMigrations, ROOT } from "./migrate";

export const CHECKSUM_FILE = path.join(ROOT, "supabase/migrations.sha256");

export type Pinned = Map<string, string>; // file name -> sha256

export function readPinned(): Pinned {
  const pinned: Pinned = new Map();
  if (!fs.existsSync(CHECKSUM_FILE)) return pinned;
  for (const line of fs.readFileSync(CHECKSUM_FILE, "utf8").split("\n")) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (m) pinned.set(m[2], m[1]);
  }
  return pinned;
}

export function currentChecksums(): Pinned {
  const now: Pinned = new Map();
  for (const m of listMigrations()) {
    now.set(path.basename(m.file), createHash("sha256").update(fs.readFileSync(m.file)).digest("hex"));
  }
  return now;
}

/** Appends the migrations the list does not hold yet; returns their names. */
export function pinNewMigrations(): string[] {
  const pinned = readPinned();
  const added = [...currentChecksums()].filter(([file]) => !pinned.has(file));
  if (added.length) {
    const text = fs.existsSync(CHECKSUM_FILE) ? fs.readFileSync(CHECKSUM_FILE, "utf8") : "";
    fs.writeFileSync(
      CHECKSUM_FILE,
      text + (text && !text.endsWith("\n") ? "\n" : "") + added.map(([file, sum]) => `${sum}  ${file}\n`).join(""),
    );
  }
  return added.map(([file]) => file);
}

/**
 * A landed migration never changes: supabase/migrations.sha256 pins every file's SHA-256. A
 * change to the schema is a new migration file, pinned by `npm run db:snapshot`.
 */
import { describe, expect, it } from "vitest";
import { currentChecksums, readPinned } from "../../tooling/migration-checksums";

const FIX = "a landed migration never changes: add a new migration (a new file in supabase/migrations/)";
const ADD = "run `npm run db:snapshot`: it writes supabase/schema-snapshot.txt and pins new files in supabase/migrations.sha256";

describe("migration checksums", () => {
  const pinned = readPinned();
  const now = currentChecksums();

  it("the list pins at least the baseline", () => {
    expect(pinned.size).toBeGreaterThan(0);
  });

  it("no pinned migration changed", () => {
    const changed = [...pinned].filter(([file, sum]) => now.has(file) && now.get(file) !== sum).map(([file]) => file);
    expect(changed, `${changed.join(", ")} changed: ${FIX}`).toEqual([]);
  });

  it("no pinned migration was removed or renamed", () => {
    const gone = [...pinned.keys()].filter((file) => !now.has(file));
    expect(gone, `${gone.join(", ")} is gone: ${FIX}`).toEqual([]);
  });

  it("every migration is pinned", () => {
    const unpinned = [...now.keys()].filter((file) => !pinned.has(file));
    expect(unpinned, `${unpinned.join(", ")} is not in supabase/migrations.sha256: ${ADD}`).toEqual([]);
  });
});

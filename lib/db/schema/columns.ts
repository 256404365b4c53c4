/**
 * Column helpers shared by the schema files. Not re-exported from index.ts: they are not
 * part of the schema, only a way to spell one column type the same way everywhere.
 */
import { timestamp } from "drizzle-orm/pg-core";

/**
 * `timestamptz`. The migrations use timestamptz for every timestamp (instants, never
 * wall-clock times); drizzle reads them as `Date` (mode "date", used for every column).
 */
export const timestamptz = <TName extends string>(name: TName) =>
  timestamp(name, { withTimezone: true, mode: "date" });

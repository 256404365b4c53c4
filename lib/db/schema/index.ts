/**
 * The drizzle schema: a mirror of supabase/migrations/*.sql, which own the database
 * (indexes, checks, unique constraints, triggers, functions and RLS policies are SQL-only).
 * tests/db/schema-drift.test.ts compares this with the migrated catalog.
 */
export * from "./profiles";
export * from "./directives";
export * from "./chats";
export * from "./documents";
export * from "./admin";
export * from "./usage";
export * from "./logs";
export * from "./contexts";
export * from "./sessions";
export * from "./operations";
export * from "./sign-in-limits";

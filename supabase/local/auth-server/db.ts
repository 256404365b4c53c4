/** The connection to the database holding Supabase's `auth` schema, and SQL helpers shared by the modules. */
import postgres from "postgres";

export type Sql = postgres.Sql;
/** Either the pool or a transaction: every statement helper accepts both. */
export type Queryable = postgres.Sql | postgres.TransactionSql;
export type Json = postgres.JSONValue;
export type JsonObject = Record<string, unknown>;

/** Supabase Auth looks users up by `instance_id = uuid.Nil`; rows without it are invisible to it. */
export const INSTANCE_ID = "00000000-0000-0000-0000-000000000000";

export function connect(databaseUrl: string): Sql {
  return postgres(databaseUrl, {
    // Concurrent refreshes of one cookie queue on a row lock, each holding a connection meanwhile.
    max: 10,
    onnotice: () => {},
    connect_timeout: 10,
  });
}

/** Fails fast, with a useful message, when the database lacks the auth schema. */
export async function checkAuthSchema(sql: Sql): Promise<void> {
  const [row] = await sql`select to_regclass('auth.users') is not null as present`;
  if (!row.present) {
    throw new Error("the database has no auth.users: apply supabase/local/*.sql (tooling/migrate) first");
  }
}

export const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "23505";

export const json = (sql: Queryable, value: JsonObject) => sql.json(value as Json);

/**
 * Sessions and refresh tokens (`auth.sessions`, `auth.refresh_tokens`), kept the way Supabase Auth
 * keeps them: one session per sign-in, a chain of single-use refresh tokens per session (each child
 * names its `parent`), and sign-out by deleting session rows.
 */
import { randomUUID } from "node:crypto";
import { INSTANCE_ID, type Queryable, type Sql } from "./db";
import { ApiError, badRequest, userBanned } from "./errors";
import { newRefreshToken, type Tokens } from "./tokens";
import { findUserById, identitiesOf, tokenSubject, userJson, type UserRow } from "./users";

export type ClientInfo = { userAgent: string | null; ip: string | null };
export type SessionRef = { id: string; createdAt: Date };
export type Started = { user: UserRow; session: SessionRef; refreshToken: string };

export type LogoutScope = "global" | "local" | "others";

/**
 * Opens a session for a user who just proved who they are, with its first refresh token, and
 * stamps `last_sign_in_at`. Runs inside the caller's transaction.
 */
export async function startSession(q: Queryable, userId: string, client: ClientInfo): Promise<Started> {
  // The user row first: the same lock order as deleting the user (user, then its sessions).
  await q`update auth.users set last_sign_in_at = now() where id = ${userId}`;
  const id = randomUUID();
  const [session] = await q<{ created_at: Date }[]>`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
    values (${id}, ${userId}, now(), now(), 'aal1', ${client.userAgent}, ${client.ip}::inet)
    returning created_at`;
  const refreshToken = newRefreshToken();
  await insertRefreshToken(q, { token: refreshToken, userId, sessionId: id, parent: null });
  const user = (await findUserById(q, userId))!;
  return { user, session: { id, createdAt: session.created_at }, refreshToken };
}

export type RefreshOptions = { reuseIntervalSeconds: number; client: ClientInfo };

/**
 * Exchanges a refresh token for the session's next one, in one transaction that locks the
 * session row and then the token row (`for update`), so concurrent refreshes of one cookie queue
 * up instead of racing. A revoked token is accepted when
 *   - it is the parent of the session's current token: the client never stored our last answer
 *     (or a parallel request got it first), so it gets that current token again;
 *   - it was revoked less than `reuseIntervalSeconds` ago: it gets a fresh child;
 * otherwise it is a replay: the whole session is revoked and the answer is
 * `refresh_token_already_used`.
 */
export async function refreshSession(sql: Sql, token: string, opts: RefreshOptions): Promise<Started> {
  const outcome = await sql.begin(async (tx): Promise<Started | ApiError> => {
    const [ref] = await tx<{ session_id: string | null }[]>`
      select session_id from auth.refresh_tokens where token = ${token}`;
    if (!ref) return tokenNotFound();
    if (!ref.session_id) return badRequest("session_not_found", "Invalid Refresh Token: Session Not Found");

    // Session before token: deleting a session (sign-out, user deletion) locks them in this order,
    // and the opposite order here could deadlock with it.
    const [session] = await tx<{ id: string; user_id: string; created_at: Date }[]>`
      select id, user_id, created_at from auth.sessions where id = ${ref.session_id} for update`;
    if (!session) return tokenNotFound();
    const [row] = await tx<{ id: string; token: string; revoked: boolean; in_grace: boolean }[]>`
      select id, token, coalesce(revoked, false) as revoked,
             clock_timestamp() - updated_at < make_interval(secs => ${opts.reuseIntervalSeconds}) as in_grace
      from auth.refresh_tokens where token = ${token} for update`;
    if (!row) return tokenNotFound();

    const user = await findUserById(tx, session.user_id);
    if (!user || user.deleted_at) return tokenNotFound();
    if (user.banned) return userBanned(400);

    let issued: string | null = null;
    if (row.revoked) {
      const [current] = await tx<{ token: string; parent: string | null }[]>`
        select token, parent from auth.refresh_tokens
        where session_id = ${session.id} and revoked = false
        order by id desc limit 1`;
      if (current && current.parent === row.token) {
        issued = current.token;
      } else if (!row.in_grace) {
        // Committed together with the error: a replayed token ends the session for everyone.
        await tx`delete from auth.sessions where id = ${session.id}`;
        return badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used");
      }
    } else {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
    }
    if (!issued) {
      issued = newRefreshToken();
      await insertRefreshToken(tx, { token: issued, userId: user.id, sessionId: session.id, parent: row.token });
    }
    await tx`
      update auth.sessions
      set updated_at = now(), refreshed_at = timezone('utc', now()),
          user_agent = coalesce(${opts.client.userAgent}, user_agent),
          ip = coalesce(${opts.client.ip}::inet, ip)
      where id = ${session.id}`;
    return { user, session: { id: session.id, createdAt: session.created_at }, refreshToken: issued };
  });
  if (outcome instanceof ApiError) throw outcome;
  return outcome;
}

/** Sign-out: deleting session rows takes their refresh tokens along (foreign key cascade). */
export async function endSessions(q: Queryable, userId: string, sessionId: string, scope: LogoutScope) {
  if (scope === "local") {
    await q`delete from auth.sessions where id = ${sessionId}`;
  } else if (scope === "others") {
    await q`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId}`;
  } else {
    await endAllSessions(q, userId);
  }
}

export async function endAllSessions(q: Queryable, userId: string) {
  await q`delete from auth.sessions where user_id = ${userId}`;
  // Tokens from before sessions existed have no session to cascade from.
  await q`delete from auth.refresh_tokens where user_id = ${userId} and session_id is null`;
}

/** The body of `POST /token` and of an auto-confirmed `POST /signup` (auth-js `Session`). */
export async function sessionJson(q: Queryable, tokens: Tokens, started: Started) {
  const { user, session, refreshToken } = started;
  const access = await tokens.issueAccessToken(tokenSubject(user), session.id, session.createdAt);
  const identities = await identitiesOf(q, [user.id]);
  return {
    access_token: access.token,
    token_type: "bearer",
    expires_in: access.expiresIn,
    expires_at: access.expiresAt,
    refresh_token: refreshToken,
    user: userJson(user, identities.get(user.id) ?? []),
  };
}

async function insertRefreshToken(
  q: Queryable,
  t: { token: string; userId: string; sessionId: string; parent: string | null },
) {
  await q`
    insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id, created_at, updated_at)
    values (${INSTANCE_ID}, ${t.token}, ${t.userId}, false, ${t.parent}, ${t.sessionId}, now(), now())`;
}

const tokenNotFound = () => badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");

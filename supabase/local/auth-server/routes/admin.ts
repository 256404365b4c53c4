/**
 * `/admin/users[/{id}]` (auth.admin.*): user management with the service-role key. The server's
 * router has already checked that role before any of these run.
 */
import { createHash } from "node:crypto";
import type { RequestContext } from "../context";
import { json, type JsonObject } from "../db";
import { emailExists, notFound, unprocessable, validationFailed } from "../errors";
import { parseGoDuration } from "../durations";
import { ok, positiveIntParam, type Reply } from "../http";
import { checkPasswordStrength, hashPassword, isBcryptHash } from "../passwords";
import { endAllSessions } from "../sessions";
import {
  EMAIL_APP_METADATA,
  emailTaken,
  findUserById,
  identitiesOf,
  insertUser,
  listUsers,
  mergeMetadata,
  optionalObject,
  parseEmail,
  setEmail,
  userJson,
  UUID_RE,
  type UserRow,
} from "../users";

const DEFAULT_PER_PAGE = 50;

export async function adminListUsers(ctx: RequestContext): Promise<Reply> {
  const page = positiveIntParam(ctx.query("page"), 1);
  const perPage = positiveIntParam(ctx.query("per_page"), DEFAULT_PER_PAGE);
  const { total, users } = await listUsers(ctx.sql, page, perPage);
  const identities = await identitiesOf(ctx.sql, users.map((u) => u.id));

  // GoTrue's pagination headers. auth-js parses only the first digit of each page number, so
  // clients should compute pages from X-Total-Count; the header is still what GoTrue sends.
  const lastPage = Math.ceil(total / perPage);
  const links: string[] = [];
  if (page + 1 <= lastPage) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);

  return ok(
    { users: users.map((u) => userJson(u, identities.get(u.id) ?? [])), aud: "authenticated" },
    { "X-Total-Count": String(total), Link: links.join(", ") },
  );
}

export async function adminCreateUser(ctx: RequestContext): Promise<Reply> {
  const body = await ctx.body();
  const attrs = parseAttributes(body);
  if (attrs.email === undefined) throw validationFailed("Unable to validate email address: invalid format");
  const id = body.id === undefined || body.id === null ? undefined : parseUuid(body.id, "id");
  if (await emailTaken(ctx.sql, attrs.email)) throw emailExists();

  const encryptedPassword = attrs.passwordHash ?? (attrs.password ? await hashPassword(attrs.password) : "");
  const user = await ctx.sql.begin((tx) =>
    insertUser(
      tx,
      {
        id,
        email: attrs.email!,
        encryptedPassword,
        emailConfirmed: attrs.emailConfirm === true,
        appMetadata: mergeMetadata(EMAIL_APP_METADATA, attrs.appMetadata ?? {}),
        userMetadata: mergeMetadata({}, attrs.userMetadata ?? {}),
        bannedUntil: attrs.bannedUntil,
      },
      emailExists,
    ),
  );
  return userReply(ctx, user);
}

export async function adminGetUser(ctx: RequestContext, idParam: string): Promise<Reply> {
  const user = await findUserById(ctx.sql, userIdParam(idParam));
  if (!user) throw userNotFound();
  return userReply(ctx, user);
}

export async function adminUpdateUser(ctx: RequestContext, idParam: string): Promise<Reply> {
  const id = userIdParam(idParam);
  const attrs = parseAttributes(await ctx.body());
  const encryptedPassword = attrs.passwordHash ?? (attrs.password ? await hashPassword(attrs.password) : undefined);

  const user = await ctx.sql.begin(async (tx) => {
    const current = await findUserById(tx, id, true);
    if (!current) throw userNotFound();
    if (attrs.email !== undefined && attrs.email !== current.email) {
      if (await emailTaken(tx, attrs.email, id)) throw emailExists();
      await setEmail(tx, id, attrs.email, emailExists);
    }
    if (encryptedPassword !== undefined) {
      await tx`update auth.users set encrypted_password = ${encryptedPassword}, updated_at = now() where id = ${id}`;
      // As Supabase Auth does after an admin password change: every session must sign in again.
      await endAllSessions(tx, id);
    }
    if (attrs.emailConfirm !== undefined) {
      await tx`
        update auth.users
        set email_confirmed_at = ${attrs.emailConfirm ? tx`coalesce(email_confirmed_at, now())` : null},
            updated_at = now()
        where id = ${id}`;
    }
    if (attrs.userMetadata !== undefined) {
      const merged = mergeMetadata(current.raw_user_meta_data, attrs.userMetadata);
      await tx`update auth.users set raw_user_meta_data = ${json(tx, merged)}, updated_at = now() where id = ${id}`;
    }
    if (attrs.appMetadata !== undefined) {
      const merged = mergeMetadata(current.raw_app_meta_data, attrs.appMetadata);
      await tx`update auth.users set raw_app_meta_data = ${json(tx, merged)}, updated_at = now() where id = ${id}`;
    }
    if (attrs.bannedUntil !== undefined) {
      // A ban only sets banned_until: sessions stay, and refresh and /user answer user_banned.
      await tx`update auth.users set banned_until = ${attrs.bannedUntil}, updated_at = now() where id = ${id}`;
    }
    return (await findUserById(tx, id))!;
  });
  return userReply(ctx, user);
}

/**
 * Hard delete removes the user; identities and sessions (and with them refresh tokens) follow by
 * foreign key cascade. Soft delete, as Supabase Auth does it, keeps the row but makes it unusable:
 * email obfuscated, no password, no identities, no sessions, `deleted_at` set.
 */
export async function adminDeleteUser(ctx: RequestContext, idParam: string): Promise<Reply> {
  const id = userIdParam(idParam);
  const body = await ctx.body();
  if (body.should_soft_delete !== undefined && typeof body.should_soft_delete !== "boolean") {
    throw validationFailed("should_soft_delete must be a boolean");
  }
  await ctx.sql.begin(async (tx) => {
    const user = await findUserById(tx, id, true);
    if (!user) throw userNotFound();
    if (body.should_soft_delete) {
      await endAllSessions(tx, id);
      await tx`delete from auth.identities where user_id = ${id}`;
      await tx`
        update auth.users
        set email = ${user.email ? obfuscate(id, user.email) : null}, phone = null, encrypted_password = '',
            deleted_at = now(), updated_at = now()
        where id = ${id}`;
    } else {
      await tx`delete from auth.refresh_tokens where user_id = ${id} and session_id is null`;
      await tx`delete from auth.users where id = ${id}`;
    }
  });
  return ok({});
}

// ---------------------------------------------------------------------------------------------

type Attributes = {
  email?: string;
  password?: string;
  passwordHash?: string;
  emailConfirm?: boolean;
  userMetadata?: JsonObject;
  appMetadata?: JsonObject;
  /** undefined: unchanged; null: not banned. */
  bannedUntil?: Date | null;
};

/** The `AdminUserAttributes` this server supports; anything it cannot honour is refused, not ignored. */
function parseAttributes(body: JsonObject): Attributes {
  const attrs: Attributes = {};
  if (body.email !== undefined && body.email !== null && body.email !== "") attrs.email = parseEmail(body.email);
  if (typeof body.phone === "string" && body.phone !== "") {
    throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  }
  if (body.password !== undefined && body.password !== null) attrs.password = checkPasswordStrength(body.password);
  if (body.password_hash !== undefined && body.password_hash !== null) {
    if (attrs.password !== undefined) throw validationFailed("Only a password or a password hash should be provided");
    if (typeof body.password_hash !== "string" || !isBcryptHash(body.password_hash)) {
      throw validationFailed("Only bcrypt password hashes are supported");
    }
    attrs.passwordHash = body.password_hash;
  }
  if (body.email_confirm !== undefined && body.email_confirm !== null) {
    if (typeof body.email_confirm !== "boolean") throw validationFailed("email_confirm must be a boolean");
    attrs.emailConfirm = body.email_confirm;
  }
  attrs.userMetadata = optionalObject(body.user_metadata, "user_metadata");
  attrs.appMetadata = optionalObject(body.app_metadata, "app_metadata");
  if (body.ban_duration !== undefined && body.ban_duration !== null && body.ban_duration !== "") {
    attrs.bannedUntil = parseBanDuration(body.ban_duration);
  }
  // The token's `role` is the Postgres role PostgREST assumes; this server always issues
  // `authenticated` (the app keeps its own roles in its tables).
  if (body.role !== undefined && body.role !== null && body.role !== "" && body.role !== "authenticated") {
    throw validationFailed("Only the role 'authenticated' is supported");
  }
  return attrs;
}

function parseBanDuration(value: unknown): Date | null {
  if (value === "none") return null;
  const ms = typeof value === "string" ? parseGoDuration(value) : null;
  if (ms === null) throw validationFailed(`invalid format for ban duration: ${JSON.stringify(value)}`);
  return ms === 0 ? null : new Date(Date.now() + ms);
}

function parseUuid(value: unknown, field: string): string {
  if (typeof value !== "string" || !UUID_RE.test(value)) throw validationFailed(`${field} must be an UUID`);
  return value.toLowerCase();
}

/** GoTrue answers a malformed id in the path with 404 `validation_failed`. */
function userIdParam(value: string): string {
  if (!UUID_RE.test(value)) throw notFound("validation_failed", "user_id must be an UUID");
  return value.toLowerCase();
}

const userNotFound = () => notFound("user_not_found", "User not found");

/** What Supabase Auth writes over a soft-deleted user's email: unique, and not an address. */
function obfuscate(id: string, value: string): string {
  return createHash("sha256").update(id + value).digest("hex");
}

async function userReply(ctx: RequestContext, user: UserRow): Promise<Reply> {
  const identities = await identitiesOf(ctx.sql, [user.id]);
  return ok(userJson(user, identities.get(user.id) ?? []));
}

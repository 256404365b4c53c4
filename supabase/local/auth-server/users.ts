/**
 * `auth.users` and `auth.identities`: lookups, inserts, updates and the user JSON that Supabase
 * Auth returns (auth-js `User`).
 */
import { randomUUID } from "node:crypto";
import { INSTANCE_ID, isUniqueViolation, json, type JsonObject, type Queryable } from "./db";
import { ApiError, validationFailed } from "./errors";
import type { TokenSubject } from "./tokens";

export type UserRow = {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  phone_change: string | null;
  phone_change_sent_at: Date | null;
  reauthentication_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: JsonObject | null;
  raw_user_meta_data: JsonObject | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  /** `banned_until > now()`, by the database clock. */
  banned: boolean;
};

export type IdentityRow = {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: JsonObject;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
};

export const EMAIL_APP_METADATA = { provider: "email", providers: ["email"] };

const columns = (q: Queryable) => q`
  id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at, confirmed_at,
  invited_at, confirmation_sent_at, recovery_sent_at, email_change, email_change_sent_at, phone_change,
  phone_change_sent_at, reauthentication_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
  created_at, updated_at, banned_until, deleted_at, is_anonymous,
  coalesce(banned_until > now(), false) as banned`;

/** `forUpdate` locks the row: read-modify-write of the metadata must not lose concurrent updates. */
export async function findUserById(q: Queryable, id: string, forUpdate = false): Promise<UserRow | null> {
  const rows = await q<UserRow[]>`
    select ${columns(q)} from auth.users where id = ${id} ${forUpdate ? q`for update` : q``}`;
  return rows[0] ?? null;
}

/** As Supabase Auth looks users up for sign-in: instance, audience, not SSO, email lower-cased. */
export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const rows = await q<UserRow[]>`
    select ${columns(q)} from auth.users
    where instance_id = ${INSTANCE_ID} and lower(email) = ${email.toLowerCase()}
      and aud = 'authenticated' and is_sso_user = false`;
  return rows[0] ?? null;
}

export async function emailTaken(q: Queryable, email: string, exceptUserId?: string): Promise<boolean> {
  const rows = await q`
    select 1 from auth.users
    where lower(email) = ${email.toLowerCase()} and is_sso_user = false
      ${exceptUserId ? q`and id <> ${exceptUserId}` : q``}
    limit 1`;
  return rows.length > 0;
}

/** One page of users, newest first, and the total, as `GET /admin/users` lists them. */
export async function listUsers(q: Queryable, page: number, perPage: number) {
  const where = q`where instance_id = ${INSTANCE_ID} and aud = 'authenticated'`;
  const [{ total }] = await q<{ total: number }[]>`select count(*)::int as total from auth.users ${where}`;
  const users = await q<UserRow[]>`
    select ${columns(q)} from auth.users ${where}
    order by created_at desc, id desc
    limit ${perPage} offset ${(page - 1) * perPage}`;
  return { total, users };
}

export async function identitiesOf(q: Queryable, userIds: string[]): Promise<Map<string, IdentityRow[]>> {
  const byUser = new Map<string, IdentityRow[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await q<IdentityRow[]>`
    select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where user_id = any(${q.array(userIds)}::uuid[])
    order by created_at, id`;
  for (const row of rows) byUser.get(row.user_id)?.push(row);
  return byUser;
}

/** The user as GoTrue serialises it: null timestamps omitted, absent email and phone as "". */
export function userJson(user: UserRow, identities: IdentityRow[]): JsonObject {
  const out: JsonObject = {
    id: user.id,
    aud: user.aud ?? "",
    role: user.role ?? "",
    email: user.email ?? "",
  };
  const stamp = (key: string, value: Date | null) => {
    if (value) out[key] = value.toISOString();
  };
  stamp("email_confirmed_at", user.email_confirmed_at);
  stamp("invited_at", user.invited_at);
  out.phone = user.phone ?? "";
  stamp("phone_confirmed_at", user.phone_confirmed_at);
  stamp("confirmation_sent_at", user.confirmation_sent_at);
  stamp("confirmed_at", user.confirmed_at);
  stamp("recovery_sent_at", user.recovery_sent_at);
  if (user.email_change) out.new_email = user.email_change;
  stamp("email_change_sent_at", user.email_change_sent_at);
  if (user.phone_change) out.new_phone = user.phone_change;
  stamp("phone_change_sent_at", user.phone_change_sent_at);
  stamp("reauthentication_sent_at", user.reauthentication_sent_at);
  stamp("last_sign_in_at", user.last_sign_in_at);
  out.app_metadata = user.raw_app_meta_data ?? {};
  out.user_metadata = user.raw_user_meta_data ?? {};
  out.identities = identities.map(identityJson);
  stamp("created_at", user.created_at);
  stamp("updated_at", user.updated_at);
  stamp("banned_until", user.banned_until);
  stamp("deleted_at", user.deleted_at);
  out.is_anonymous = user.is_anonymous;
  return out;
}

function identityJson(identity: IdentityRow): JsonObject {
  const out: JsonObject = {
    identity_id: identity.id,
    id: identity.provider_id,
    user_id: identity.user_id,
    identity_data: identity.identity_data,
    provider: identity.provider,
  };
  if (identity.last_sign_in_at) out.last_sign_in_at = identity.last_sign_in_at.toISOString();
  if (identity.created_at) out.created_at = identity.created_at.toISOString();
  if (identity.updated_at) out.updated_at = identity.updated_at.toISOString();
  out.email = identity.email ?? "";
  return out;
}

export function tokenSubject(user: UserRow): TokenSubject {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone,
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    is_anonymous: user.is_anonymous,
  };
}

// ---------------------------------------------------------------------------------------------
// Input validation
// ---------------------------------------------------------------------------------------------

/** The WHATWG "valid e-mail address" grammar, which is also what GoTrue's checker accepts. */
const EMAIL_RE =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Trimmed and lower-cased (Supabase Auth stores emails lower-cased), or `validation_failed`. */
export function parseEmail(value: unknown): string {
  const email = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (!EMAIL_RE.test(email) || email.length > 255) {
    throw validationFailed("Unable to validate email address: invalid format");
  }
  return email;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JSON object, or undefined for absent/null; anything else is a client mistake. */
export function optionalObject(value: unknown, field: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw validationFailed(`${field} must be a JSON object`);
  return value as JsonObject;
}

/** GoTrue's metadata update: a shallow merge in which a `null` value deletes the key. */
export function mergeMetadata(current: JsonObject | null, updates: JsonObject): JsonObject {
  const merged: JsonObject = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

export type NewUser = {
  id?: string;
  email: string;
  encryptedPassword: string;
  emailConfirmed: boolean;
  appMetadata: JsonObject;
  userMetadata: JsonObject;
  bannedUntil?: Date | null;
};

/**
 * Inserts the user and its `email` identity. Every column Supabase Auth writes with a value is
 * written ('' for the token columns, 0 for email_change_confirm_status), never left NULL or to a
 * default: the local auth schema has only hosted's defaults (supabase/local/auth-reference.json).
 * `conflict` is the error for a taken email (sign-up and admin create word it differently).
 */
export async function insertUser(q: Queryable, user: NewUser, conflict: () => ApiError): Promise<UserRow> {
  const id = user.id ?? randomUUID();
  try {
    await q`
      insert into auth.users (
        instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
        confirmation_token, recovery_token, email_change_token_new, email_change, phone_change,
        phone_change_token, email_change_token_current, reauthentication_token, email_change_confirm_status,
        raw_app_meta_data, raw_user_meta_data, banned_until, is_sso_user, is_anonymous, created_at, updated_at)
      values (
        ${INSTANCE_ID}, ${id}, 'authenticated', 'authenticated', ${user.email}, ${user.encryptedPassword},
        ${user.emailConfirmed ? q`now()` : null},
        '', '', '', '', '', '', '', '', 0,
        ${json(q, user.appMetadata)}, ${json(q, user.userMetadata)}, ${user.bannedUntil ?? null},
        false, false, now(), now())`;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const detail = String((e as { constraint_name?: string }).constraint_name ?? "");
    throw detail === "users_pkey" ? validationFailed("A user with this ID already exists", 422) : conflict();
  }
  await q`
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (${id}, ${id},
            ${json(q, { sub: id, email: user.email, email_verified: user.emailConfirmed, phone_verified: false })},
            'email', now(), now())`;
  return (await findUserById(q, id))!;
}

/**
 * Changes the email on the user and on its `email` identity at once: the admin API does that, as
 * Supabase Auth's does. A user's own change waits for both addresses (routes/user.ts, routes/verify.ts).
 */
export async function setEmail(q: Queryable, userId: string, email: string, conflict: () => ApiError) {
  try {
    await q`update auth.users set email = ${email}, updated_at = now() where id = ${userId}`;
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict();
    throw e;
  }
  await q`
    update auth.identities
    set identity_data = identity_data || ${json(q, { email })}, updated_at = now()
    where user_id = ${userId} and provider = 'email'`;
}

/**
 * Passwords: bcrypt cost 10 in `auth.users.encrypted_password`, as Supabase Auth stores them.
 */
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { ApiError, validationFailed } from "./errors";

export const MIN_PASSWORD_LENGTH = 6;
/** bcrypt ignores everything after 72 bytes: refuse longer passwords rather than truncate them. */
export const MAX_PASSWORD_BYTES = 72;
const COST = 10;

/** Hashes that `extensions.crypt()` and Go's bcrypt (Supabase Auth) both verify. */
const BCRYPT_HASH_RE = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

/** Throws `weak_password` (422) unless `password` is a string of acceptable length. */
export function checkPasswordStrength(password: unknown): string {
  if (typeof password !== "string") throw validationFailed("Password must be a string", 422);
  const reason =
    [...password].length < MIN_PASSWORD_LENGTH
      ? `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`
      : Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES
        ? `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters.`
        : null;
  if (reason) throw new ApiError(422, "weak_password", reason, { weak_password: { reasons: ["length"] } });
  return password;
}

export async function hashPassword(password: string): Promise<string> {
  // bcryptjs writes `$2b$`; Go's bcrypt (Supabase Auth) and pgcrypto write `$2a$`. For passwords
  // under 256 bytes both variants compute the same hash, so use the prefix Supabase itself writes.
  const salt = (await bcrypt.genSalt(COST)).replace(/^\$2b\$/, "$2a$");
  return bcrypt.hash(password, salt);
}

export function isBcryptHash(hash: string): boolean {
  return BCRYPT_HASH_RE.test(hash);
}

/** A hash of a random password: unknown emails still cost one bcrypt check, so timing tells nothing. */
let dummyHash: Promise<string> | undefined;

/** False for users without a (bcrypt) password, after the same work as a real check. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash || !isBcryptHash(hash)) {
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
    await bcrypt.compare(password, await dummyHash);
    return false;
  }
  return bcrypt.compare(password, hash);
}

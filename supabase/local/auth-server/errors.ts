/**
 * API errors as Supabase Auth (GoTrue) reports them. auth-js reads `code` (when the response carries
 * `X-Supabase-Api-Version: 2024-01-01`) or else `error_code`, and the text from `msg` or `message`
 * (lib/fetch.js `handleError`), so every error body carries all four: `error.code` is then right even
 * behind a proxy that drops the version header.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level body fields, e.g. `weak_password: {reasons}`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): Record<string, unknown> {
    return { code: this.code, error_code: this.code, message: this.message, msg: this.message, ...this.extra };
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (code: string, message: string) => new ApiError(401, code, message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const unprocessable = (code: string, message: string) => new ApiError(422, code, message);

export function validationFailed(message: string, status = 400): ApiError {
  return new ApiError(status, "validation_failed", message);
}

/** GoTrue's exact wording, shared by the unknown-email and wrong-password cases on purpose. */
export const invalidCredentials = () => badRequest("invalid_credentials", "Invalid login credentials");

export const userBanned = (status: 400 | 403) => new ApiError(status, "user_banned", "User is banned");

export const emailExists = () =>
  unprocessable("email_exists", "A user with this email address has already been registered");

/** GoTrue's answer from its per-IP limiters (429; it states no wait in the body). */
export const overRequestRateLimit = () => new ApiError(429, "over_request_rate_limit", "Request rate limit reached");

/** `GET /health`, `GET /settings` and `GET /.well-known/jwks.json`. */
import type { RequestContext } from "../context";
import { ok, type Reply } from "../http";

export async function health(): Promise<Reply> {
  return ok({ version: "local", name: "GoTrue", description: "Local stand-in for the Supabase Auth API" });
}

/** What Supabase Auth reports for this configuration: email + password only, auto-confirmed. */
export async function settings(): Promise<Reply> {
  const providers = [
    "anonymous_users", "apple", "azure", "bitbucket", "discord", "facebook", "figma", "fly", "github",
    "gitlab", "google", "keycloak", "kakao", "linkedin_oidc", "notion", "spotify", "slack_oidc",
    "twitch", "twitter", "workos", "zoom", "phone",
  ];
  return ok({
    external: { ...Object.fromEntries(providers.map((p) => [p, false])), email: true },
    disable_signup: false,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    anonymous_users_enabled: false,
  });
}

/** Public keys for getClaims(); auth-js caches them for 10 minutes, and so may any HTTP cache. */
export async function jwks(ctx: RequestContext): Promise<Reply> {
  return ok(ctx.tokens.jwks(), { "Cache-Control": "public, max-age=600" });
}

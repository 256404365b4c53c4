import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // forbidden() / unauthorized() and their forbidden.tsx pages (lib/auth/viewer.ts requireRole).
  experimental: {
    authInterrupts: true,
    // Server actions take form-sized input. 2 MB lets an oversized field (a 1 MB paste) reach
    // the action's schema, which answers with a field error; middleware.ts refuses larger bodies
    // with 413 before Next would fail on them with a 500. Bigger uploads (CSV ingest) use a route.
    serverActions: { bodySizeLimit: "2mb" },
  },
  poweredByHeader: false,
  // postgres.js opens sockets; keep it a plain Node dependency rather than bundling it.
  serverExternalPackages: ["postgres"],
  // The static security headers on every response, assets included (middleware.ts adds them and
  // the per-request CSP to pages). No CSP here: it needs the per-request nonce.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;

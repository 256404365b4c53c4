import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // forbidden() / unauthorized() and their forbidden.tsx pages (lib/auth/viewer.ts requireRole).
  experimental: {
    authInterrupts: true,
    // Server actions take form-sized input; 1 MB (Next's default, stated here on purpose) keeps a
    // hostile client from making the server buffer more. Bigger uploads (CSV ingest) use a route.
    serverActions: { bodySizeLimit: "1mb" },
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

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // forbidden() / unauthorized() and their forbidden.tsx pages (lib/auth/viewer.ts requireRole).
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // postgres.js opens sockets; keep it a plain Node dependency rather than bundling it.
  serverExternalPackages: ["postgres"],
};

export default nextConfig;

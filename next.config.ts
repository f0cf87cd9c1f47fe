import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at runtime, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg"],
  agentRules: false,
  // Lets a second build live beside the main one (parallel test servers use NEXT_DIST_DIR=.next-<name>).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  typedRoutes: false,
  // `forbidden()` (lib/auth/guards requireRole) renders app/forbidden.tsx with a 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;

import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server Components build; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/helpers/report-databases.ts"],
    environment: "node",
    // next-auth imports `next/server` without an extension, which Node's ESM loader can't resolve; Vite can.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { NEXT_TELEMETRY_DISABLED: "1", FLEETDECK_DATA_DIR: path.join(tmpdir(), "fleetdeck-vitest"), LOG_LEVEL: "warn" },
  },
});

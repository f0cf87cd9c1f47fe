import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // Serves the production build (scripts/test.sh builds it first) on a data directory of its own.
    command: "node scripts/e2e-server.mjs",
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      APP_URL: BASE_URL,
      FLEETDECK_DATA_DIR: `test-results/e2e-data-${PORT}`,
      FLEETDECK_DEMO: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // The emulated application bucket refills faster than Smartcar's default, as in `npm run demo`.
      SMARTCAR_RATE_LIMIT_REFILL_PER_MINUTE: "120",
      // The operations test's webhook receiver listens on loopback, which outbound webhooks otherwise refuse.
      OUTBOUND_WEBHOOK_ALLOW_PRIVATE: "127.0.0.1",
    },
  },
});

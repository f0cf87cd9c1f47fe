import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import { DEMO, DEMO_MANAGEMENT_TOKEN } from "./support";

/**
 * What a person sees when starting the demo (issue 13 item 15): a second production server on a free
 * port, with the default log level, from an empty data directory.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

test("start-up: no warning, no routine request noise, one ready line with the URL and the demo accounts, webhooks verified at once", async () => {
  test.setTimeout(150_000);
  const port = await freePort();
  const dataDir = `test-results/e2e-startup-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  // The default log level, as a person starting it gets (the e2e server's own runs at warn).
  const inherited = { ...process.env };
  delete inherited.LOG_LEVEL;
  const server = spawn("node", ["--conditions=react-server", "--import", "tsx", "scripts/server.ts", "-H", "127.0.0.1"], {
    env: { ...inherited, NODE_ENV: "production", PORT: String(port), FLEETDECK_DATA_DIR: dataDir, FLEETDECK_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 120_000, intervals: [500] }).toContain("Fleetdeck is ready at");
    const readyAt = Date.now();
    const lines = output.split("\n").filter((line) => line.trim() !== "");
    const ready = lines.filter((line) => line.startsWith("Fleetdeck is ready at"));
    expect(ready).toHaveLength(1);
    expect(ready[0]).toContain(`http://localhost:${port}`);
    expect(ready[0]).toContain("24 demo vehicles");
    for (const email of Object.values(DEMO)) expect(ready[0]).toContain(email);
    expect(ready[0]).toContain("demo1234");

    const logged = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.filter((entry) => entry.level >= 40), "warnings or errors during start-up").toEqual([]);
    expect(logged.filter((entry) => entry.msg === "smartcar request"), "routine Smartcar requests at info level").toEqual([]);

    // The emulator verified the webhook on its first try (it starts only once the port answers).
    const authorization = `Basic ${Buffer.from(`default:${DEMO_MANAGEMENT_TOKEN}`).toString("base64")}`;
    await expect
      .poll(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/sim/control/state`, { headers: { authorization } });
          return ((await response.json()) as { webhook: { verified: boolean } }).webhook.verified;
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    expect(Date.now() - readyAt).toBeLessThan(10_000);
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

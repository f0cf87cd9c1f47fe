// Starts the production server (`npm start`) for the browser tests on a fresh data directory, so every run begins empty.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

rmSync(process.env.FLEETDECK_DATA_DIR ?? "test-results/e2e-data", { recursive: true, force: true });
const server = spawn("npm", ["start", "--", "-H", "127.0.0.1"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

/**
 * `npm run demo`: the production server in demo mode (seeded accounts, the emulator's simulated fleet).
 * Builds first only when the sources changed since the last build it made (scripts/build-fingerprint.ts);
 * otherwise starts at once on the existing build.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "./build-fingerprint";

const root = fileURLToPath(new URL("..", import.meta.url));
const distDir = path.join(root, process.env.NEXT_DIST_DIR ?? ".next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (buildIsCurrent(root, distDir)) {
  console.log("Sources unchanged since the last build: starting on it (delete .next to force a rebuild).");
} else {
  console.log("Building Fleetdeck for production (the sources changed since the last build, or there is none)…");
  const fingerprint = sourceFingerprint(root);
  const build = spawnSync("npx", ["next", "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordBuild(distDir, fingerprint);
}

const server = spawn("npm", ["start", "--", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  // The emulated application bucket refills faster than Smartcar's default, so the demo never waits on it.
  env: { ...env, FLEETDECK_DEMO: "1", SMARTCAR_RATE_LIMIT_REFILL_PER_MINUTE: process.env.SMARTCAR_RATE_LIMIT_REFILL_PER_MINUTE ?? "120" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

import { spawnSync } from "node:child_process";

/** `npm run bench`: every benchmark in turn, each as its own npm script (they need different Node flags). */
const BENCHMARKS = ["bench:webhooks", "bench:fleet", "bench:alerts"];

for (const script of BENCHMARKS) {
  const result = spawnSync("npm", ["run", "--silent", script], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

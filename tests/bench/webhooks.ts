/**
 * `npm run bench:webhooks`: signed VEHICLE_STATE deliveries over loopback HTTP against four
 * receivers, each in its own process on the same kind of database, side by side in one run:
 *
 * - fleetdeck: the production server itself, `npm start` from the `next build` (which this script runs
 *   first when there is none): webhook listener, inbox worker applying the events, emulator, jobs;
 * - ack-only: lib/webhooks' receiver alone on node:http with no worker
 *   (tests/integration/webhooks/receiver-process.ts), i.e. what acknowledging alone costs;
 * - bare: node:http, same HMAC check, same insert (tests/bench/baseline-receivers.ts);
 * - express: Express 5 + express.raw(), same HMAC check, same insert.
 *
 * Two phases per receiver: a fixed rate (BENCH_RATE events/s for BENCH_SECONDS, open loop; ack
 * latency percentiles), then the highest sustained throughput (BENCH_MAX_EVENTS events, BENCH_CONCURRENCY
 * in flight). After each phase the production server reports (through /api/health) how many events its
 * worker had still to apply, and the bench waits until it has applied them all. Runs on PGlite (a fresh directory on disk per receiver, as a real deployment keeps it)
 * and, when 127.0.0.1:5432 answers, on a scratch PostgreSQL database per receiver. BENCH_DATABASES
 * (e.g. `pglite`) and BENCH_RECEIVERS (e.g. `fleetdeck,bare`) pick databases and receivers.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { vehicles } from "@/lib/db/schema";
import { signPayload } from "@/lib/smartcar/webhook-crypto";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { vehicleStatePayload } from "../integration/webhooks/factories";

const AMT = "bench-management-token";
const RATE = Number(process.env.BENCH_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MAX_EVENTS = Number(process.env.BENCH_MAX_EVENTS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const VEHICLES = 20;
const ROOT = path.resolve(import.meta.dirname, "../..");

type ReceiverName = "fleetdeck" | "ack-only" | "bare" | "express";
type Receiver = { name: ReceiverName; script: string; env: Record<string, string> } | { name: "fleetdeck"; app: true };
const RECEIVERS: Receiver[] = [
  { name: "fleetdeck", app: true },
  { name: "ack-only", script: "tests/integration/webhooks/receiver-process.ts", env: { RECEIVER_WORKER: "off" } },
  { name: "bare", script: "tests/bench/baseline-receivers.ts", env: { RECEIVER_KIND: "bare" } },
  { name: "express", script: "tests/bench/baseline-receivers.ts", env: { RECEIVER_KIND: "express" } },
];

interface PhaseResult {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A scratch database per receiver, so each starts from empty tables. */
async function createScratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fleetdeck_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let sequence = 0;

/** A realistic delivery: 12 signals, ~3 KB, signed over its exact bytes. */
function nextDelivery(): { body: string; signature: string } {
  sequence += 1;
  const at = Date.UTC(2026, 10, 1) + sequence * 1_000;
  const codes = [
    ["tractionbattery-stateofcharge", "percent"],
    ["tractionbattery-range", "kilometers"],
    ["odometer-traveleddistance", "kilometers"],
    ["charge-ischarging", undefined],
    ["charge-ischargingcableconnected", undefined],
    ["charge-chargerate", "km/h"],
    ["charge-timetocomplete", undefined],
    ["closure-islocked", undefined],
    ["climate-internaltemperature", "celsius"],
    ["motion-currentspeed", "kph"],
    ["lowvoltagebattery-stateofcharge", "percent"],
    ["connectivitystatus-isonline", undefined],
  ] as const;
  const payload = vehicleStatePayload({
    vehicleId: `bench-vehicle-${sequence % VEHICLES}`,
    userId: "bench-user",
    readings: codes.map(([code, unit], index) => ({ code, unit, value: unit ? (sequence * 7 + index) % 100 : sequence % 2 === 0, oemUpdatedAt: at })),
  });
  const body = JSON.stringify(payload);
  return { body, signature: signPayload(AMT, body) };
}

function post(port: number, delivery: { body: string; signature: string }): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/webhooks/smartcar",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(delivery.body), "SC-Signature": delivery.signature, "user-agent": "Smartcar/bench" },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    request.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
    request.end(delivery.body);
  });
}

function summarise(results: { status: number; ms: number }[], seconds: number): PhaseResult {
  const latencies = results.map((result) => result.ms).sort((a, b) => a - b);
  const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0;
  const ok = results.filter((result) => result.status === 200).length;
  return { sent: results.length, ok, failed: results.length - ok, seconds, throughput: ok / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) ?? 0 };
}

/** Open loop: requests leave on schedule whether or not earlier ones were answered. */
async function fixedRate(port: number, rate: number, seconds: number): Promise<PhaseResult> {
  const total = Math.round(rate * seconds);
  const deliveries = Array.from({ length: total }, nextDelivery);
  const pending: Promise<{ status: number; ms: number }>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(post(port, deliveries[index]!));
  }
  const results = await Promise.all(pending);
  return summarise(results, (performance.now() - started) / 1_000);
}

/** Closed loop: `concurrency` requests in flight until `count` are answered. */
async function maxThroughput(port: number, count: number, concurrency: number): Promise<PhaseResult> {
  const deliveries = Array.from({ length: count }, nextDelivery);
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++]!;
        results.push(await post(port, delivery));
      }
    }),
  );
  return summarise(results, (performance.now() - started) / 1_000);
}

function startReceiver(script: string, env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", RECEIVER_AMT: AMT, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) resolve({ port: (JSON.parse(line) as { port: number }).port, child });
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The production server (`npm start`) on the target database, with the bench vehicles already in the
 * fleet so its worker applies every event. Migrations and the seed are written before it starts (it
 * then finds nothing to migrate); a PGlite directory cannot be opened by two processes at once.
 */
async function startProductionServer(target: Target): Promise<{ port: number; child: ChildProcess }> {
  const handle = target.kind === "pglite" ? openDatabase({ kind: "pglite", dataDir: target.dataDir }) : openDatabase({ kind: "postgres", url: target.url });
  await migrateDatabase(handle);
  await handle.db
    .insert(vehicles)
    .values(Array.from({ length: VEHICLES }, (_, index) => ({ smartcarVehicleId: `bench-vehicle-${index}`, make: "TESLA", model: "Model Y", year: 2024 })))
    .onConflictDoNothing();
  await handle.close();

  const port = await freePort();
  const env: Record<string, string> = { PORT: String(port), LOG_LEVEL: "error", NEXT_TELEMETRY_DISABLED: "1", SMARTCAR_MANAGEMENT_TOKEN: AMT };
  if (target.kind === "pglite") env.FLEETDECK_DATA_DIR = target.dataDir;
  else {
    env.DATABASE_URL = target.url;
    env.AUTH_SECRET = randomBytes(32).toString("hex");
    env.FLEETDECK_ENCRYPTION_KEYS = `bench:${randomBytes(32).toString("base64")}`;
  }
  // Its own process group, so stopping it stops npm and the server beneath.
  const child = spawn("npm", ["start", "--silent", "--", "-H", "127.0.0.1"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return { port, child };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(child);
  throw new Error("npm start did not become healthy within 60 s");
}

interface Drain {
  /** Deliveries acknowledged but not yet processed when the load stopped. */
  pending: number;
  /** Seconds from then until the worker had processed them all. */
  seconds: number;
}

/** How far the production server's worker is behind when the load stops, and how long it takes to catch up. */
async function drainAfterLoad(port: number): Promise<Drain> {
  const started = performance.now();
  const pending = async () => {
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { webhookInbox: { pending: number } };
    return health.webhookInbox.pending;
  };
  const atEnd = await pending();
  while ((await pending()) > 0) {
    if (performance.now() - started > 300_000) throw new Error("the inbox did not drain within 5 minutes");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { pending: atEnd, seconds: atEnd === 0 ? 0 : (performance.now() - started) / 1_000 };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    if (child.spawnargs[0] === "npm") process.kill(-child.pid!, "SIGTERM");
    else child.kill("SIGTERM");
  });
}

type Target = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** A fresh database per receiver, so each starts from empty tables. */
async function createTarget(kind: Target["kind"]): Promise<{ target: Target; drop: () => Promise<void> }> {
  if (kind === "postgres") {
    const scratch = await createScratchPostgres();
    return { target: { kind, url: scratch.url }, drop: scratch.drop };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-bench-"));
  return { target: { kind, dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(8);

async function benchDatabase(kind: Target["kind"]) {
  const rows: { name: ReceiverName; rate: PhaseResult; max: PhaseResult; drains?: [Drain, Drain] }[] = [];
  const chosen = process.env.BENCH_RECEIVERS?.split(",");
  for (const receiver of RECEIVERS.filter((candidate) => !chosen || chosen.includes(candidate.name))) {
    const { target, drop } = await createTarget(kind);
    const { port, child } =
      "app" in receiver
        ? await startProductionServer(target)
        : await startReceiver(receiver.script, { RECEIVER_DB: target.kind === "pglite" ? `pglite:${target.dataDir}` : `postgres:${target.url}`, ...receiver.env });
    try {
      const processes = "app" in receiver;
      await maxThroughput(port, 300, 16); // warm-up: JIT, connection pool, sockets
      if (processes) await drainAfterLoad(port);
      const rate = await fixedRate(port, RATE, SECONDS);
      const afterRate = processes ? await drainAfterLoad(port) : undefined;
      const max = await maxThroughput(port, MAX_EVENTS, CONCURRENCY);
      const afterMax = processes ? await drainAfterLoad(port) : undefined;
      rows.push({ name: receiver.name, rate, max, drains: afterRate && afterMax ? [afterRate, afterMax] : undefined });
      console.log(`  ${kind.padEnd(8)} ${receiver.name.padEnd(10)} done`);
    } finally {
      await stop(child);
      agent.destroy();
      await drop();
    }
  }
  return rows;
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("no production build yet: running `next build` first");
    execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const available = (await postgresAnswers()) ? (["pglite", "postgres"] as const) : (["pglite"] as const);
  const kinds = available.filter((kind) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(",").includes(kind));
  console.log(`webhook receiver benchmark: ${RATE} events/s for ${SECONDS} s (open loop), then ${MAX_EVENTS} events at concurrency ${CONCURRENCY}`);
  const report: string[] = [];
  for (const kind of kinds) {
    const rows = await benchDatabase(kind);
    const byName = Object.fromEntries(rows.map((row) => [row.name, row])) as Record<ReceiverName, (typeof rows)[number]>;
    report.push(
      "",
      `${kind}`,
      `  receiver   | ${RATE}/s: ok/sent      p50      p95      p99      max (ms) | max: events/s      p50      p99 (ms)`,
      ...rows.map(
        ({ name, rate, max }) =>
          `  ${name.padEnd(10)} | ${`${rate.ok}/${rate.sent}`.padStart(13)} ${fmt(rate.p50, 2)} ${fmt(rate.p95, 2)} ${fmt(rate.p99, 2)} ${fmt(rate.max, 1)}      | ${fmt(max.throughput, 0)}      ${fmt(max.p50, 2)} ${fmt(max.p99, 2)}`,
      ),
      ...rows.flatMap(({ name, drains }) =>
        drains
          ? [
              `  ${name} processing: ${drains[0].pending} events waiting when the ${RATE}/s phase ended (drained in ${drains[0].seconds.toFixed(1)} s), ${drains[1].pending} after the burst (drained in ${drains[1].seconds.toFixed(1)} s)`,
            ]
          : [],
      ),
      ...(["fleetdeck", "ack-only"] as const).filter((name) => byName[name] && byName.bare && byName.express).map(
        (name) =>
          `  ${name} throughput: ${(byName[name].max.throughput / byName.bare.max.throughput).toFixed(2)}× bare, ${(byName[name].max.throughput / byName.express.max.throughput).toFixed(2)}× express; p99 at ${RATE}/s ${byName[name].rate.p99.toFixed(2)} ms`,
      ),
    );
  }
  console.log(report.join("\n"));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

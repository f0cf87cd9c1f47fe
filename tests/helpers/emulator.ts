import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SmartcarHosts } from "@/lib/config";
import type { DatabaseHandle } from "@/lib/db/client";
import { APP_MIGRATIONS } from "@/lib/db/migrate";
import type { SimulatorOptions } from "@/lib/simulator/context";
import { SIMULATOR_MIGRATIONS } from "@/lib/simulator/db/migrations";
import { createSimulator, type Simulator } from "@/lib/simulator/simulator";
import { SmartcarClient, type SmartcarClientOptions } from "@/lib/smartcar";
import { openTestDatabase } from "./databases";

/**
 * The Smartcar emulator on a real node:http server (127.0.0.1, random port) over a fresh test
 * database, for contract and client integration tests. Background work (clock, dispatcher) does not
 * run unless asked for; tests drive it through the control plane (`POST /sim/control/tick|dispatch`).
 */

export interface RunningEmulator {
  /** http://127.0.0.1:<port>/sim */
  baseUrl: string;
  hosts: SmartcarHosts;
  credentials: { clientId: string; clientSecret: string; managementToken: string; redirectUri: string; webhookUrl: string };
  db: DatabaseHandle;
  simulator: Simulator;
  /** `Authorization` header value for the management API and the control plane. */
  managementAuthorization: string;
  close(): Promise<void>;
}

export interface StartEmulatorOptions {
  webhookUrl?: string;
  redirectUri?: string;
  /** Seed the demo world (default true). */
  seed?: boolean;
  database?: "pglite" | "postgres";
  /** Run the clock and dispatcher timers (default false: drive them through the control plane). */
  background?: boolean;
  appRateLimit?: SimulatorOptions["appRateLimit"];
  vehicleRateLimit?: SimulatorOptions["vehicleRateLimit"];
  /** Default 0.001: retries after 25/50/100 ms instead of seconds. */
  webhookRetryScale?: number;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = incoming.method ?? "GET";
  return new Request(new URL(incoming.url ?? "/", origin), {
    method,
    headers,
    body: method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks),
  });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const database = await openTestDatabase(options.database ?? "pglite", [APP_MIGRATIONS, SIMULATOR_MIGRATIONS]);
  const mounted: { simulator?: Simulator } = {};
  const server = createServer((incoming, outgoing) => {
    const origin = `http://${incoming.headers.host ?? "127.0.0.1"}`;
    toRequest(incoming, origin)
      .then((request) => mounted.simulator!.handle(request))
      .then((response) => writeResponse(response, outgoing))
      .catch((error) => {
        outgoing.statusCode = 500;
        outgoing.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}/sim`;
  const credentials = {
    clientId: "test-client-id",
    clientSecret: "test-client-secret",
    managementToken: "test-management-token",
    redirectUri: options.redirectUri ?? "http://127.0.0.1:9/api/smartcar/callback",
    webhookUrl: options.webhookUrl ?? "",
  };
  const hosts: SmartcarHosts = {
    connect: `${baseUrl}/connect`,
    auth: `${baseUrl}/auth`,
    iam: `${baseUrl}/iam`,
    vehicleApi: `${baseUrl}/vehicle.api`,
    api: `${baseUrl}/api`,
    management: `${baseUrl}/management`,
    managementApi: `${baseUrl}/management.api`,
  };
  const simulator = createSimulator(database.handle, {
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    managementToken: credentials.managementToken,
    connectUrl: hosts.connect,
    redirectUris: [credentials.redirectUri],
    webhookUrl: options.webhookUrl ?? null,
    appRateLimit: options.appRateLimit ?? { burst: 120, refillPerMinute: 2 },
    vehicleRateLimit: options.vehicleRateLimit ?? { burst: 20, refillPerMinute: 20 },
    webhookRetryScale: options.webhookRetryScale ?? 0.001,
    webhookTimeoutMs: 15_000,
    tickIntervalMs: 1_000,
    dispatchIntervalMs: 100,
    version: "4.0",
  });
  mounted.simulator = simulator;
  await simulator.prepare({ seed: options.seed ?? true });
  if (options.background) await simulator.startBackgroundWork();
  return {
    baseUrl,
    hosts,
    credentials,
    db: database.handle,
    simulator,
    managementAuthorization: `Basic ${Buffer.from(`default:${credentials.managementToken}`).toString("base64")}`,
    async close() {
      await simulator.stopBackgroundWork();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await database.close();
    },
  };
}

/** A Smartcar client pointed at a running emulator, with limits that never make a test wait. */
export function emulatorSmartcarClient(emulator: RunningEmulator, options: Partial<SmartcarClientOptions> = {}): SmartcarClient {
  return new SmartcarClient({
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    managementToken: emulator.credentials.managementToken,
    redirectUri: emulator.credentials.redirectUri,
    hosts: emulator.hosts,
    connectMode: "simulated",
    rateLimit: { burst: 1000, refillPerMinute: 1000 },
    requestTimeoutMs: 5_000,
    maxAttempts: 2,
    ...options,
  });
}

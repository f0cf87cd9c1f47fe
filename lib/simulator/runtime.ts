import "server-only";
import { getConfig, type Config } from "@/lib/config";
import { getDatabaseHandle } from "@/lib/db";
import type { SimulatorOptions } from "./context";
import { createSimulator, type Simulator } from "./simulator";

/** The process-wide emulator behind app/sim, configured from lib/config. */

export function simulatorOptionsFromConfig(config: Config): SimulatorOptions {
  const { smartcar, simulator } = config;
  return {
    clientId: smartcar.clientId,
    clientSecret: smartcar.clientSecret,
    managementToken: smartcar.managementToken,
    connectUrl: smartcar.hosts.connect,
    redirectUris: [smartcar.redirectUri],
    webhookUrl: smartcar.webhookUrl,
    appRateLimit: smartcar.rateLimit,
    vehicleRateLimit: simulator.vehicleRateLimit,
    webhookRetryScale: simulator.webhookRetryScale,
    webhookTimeoutMs: 15_000,
    tickIntervalMs: simulator.tickSeconds * 1000,
    dispatchIntervalMs: 1_000,
    version: "4.0",
  };
}

const globalForSimulator = globalThis as unknown as { fleetdeckSimulator?: Simulator };

export function simulatorEnabled(): boolean {
  return getConfig().smartcar.mode === "emulator";
}

export function getSimulator(): Simulator {
  globalForSimulator.fleetdeckSimulator ??= createSimulator(getDatabaseHandle(), simulatorOptionsFromConfig(getConfig()));
  return globalForSimulator.fleetdeckSimulator;
}

/** Entry point of every app/sim route handler: 404 when the emulator is off. */
export async function handleSimulatorRequest(request: Request): Promise<Response> {
  if (!simulatorEnabled()) return new Response("Not Found", { status: 404 });
  return getSimulator().handle(request);
}

/**
 * Called once at server start in emulator mode (after migrations): seeds at once; the clock and the
 * webhook dispatcher start when `serving` resolves, since their first VERIFY calls the app back.
 */
export async function startSimulator(serving: Promise<void> = Promise.resolve()): Promise<void> {
  const simulator = getSimulator();
  await simulator.prepare({ seed: true });
  void serving.then(() => simulator.startBackgroundWork()).catch((error: unknown) => console.error("[simulator] background work not started", error));
}

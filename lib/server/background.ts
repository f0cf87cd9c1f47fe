import "server-only";
import { connect } from "node:net";
import { getConfig } from "@/lib/config";
import { getLogger } from "@/lib/log";

/**
 * Start-up work that needs the server to be answering HTTP already: the emulator's webhook dispatcher
 * (its first VERIFY calls this app back), importing the demo fleet from the emulator this same server
 * hosts. Started before the port opens it would fail once and log a warning for nothing, so it waits.
 */

const PROBE_INTERVAL_MS = 250;
const PROBE_GIVE_UP_MS = 5 * 60_000;

const globalForServing = globalThis as unknown as { fleetdeckServing?: Promise<void> };

/** Where server-side calls reach this server: the emulator's URL in emulator mode, else the local port. */
function localTarget(): { host: string; port: number } {
  const config = getConfig();
  if (config.smartcar.mode === "emulator") {
    const url = new URL(config.smartcar.hosts.vehicleApi);
    return { host: url.hostname, port: Number(url.port || (url.protocol === "https:" ? 443 : 80)) };
  }
  return { host: "127.0.0.1", port: config.port };
}

function portAccepts(target: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(target);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Resolves once this server's port accepts connections (checked with a TCP connect, once per process). */
export function whenServing(): Promise<void> {
  globalForServing.fleetdeckServing ??= (async () => {
    const target = localTarget();
    const giveUpAt = Date.now() + PROBE_GIVE_UP_MS;
    while (!(await portAccepts(target))) {
      if (Date.now() > giveUpAt) throw new Error(`the server did not open ${target.host}:${target.port}`);
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  })();
  return globalForServing.fleetdeckServing;
}

/** Runs `task` once the server is serving, retried until it succeeds or gives up; resolves either way. */
export async function runWhenServing(name: string, task: () => Promise<unknown>, { attempts = 60, delayMs = 1_000 } = {}): Promise<void> {
  const log = getLogger();
  try {
    await whenServing();
  } catch (error) {
    log.error({ task: name, err: error }, "background task not started");
    return;
  }
  for (let remaining = attempts; remaining > 0; remaining -= 1) {
    try {
      log.debug({ task: name, result: await task() }, "background task done");
      return;
    } catch (error) {
      if (remaining <= 1) {
        log.error({ task: name, err: error }, "background task gave up");
        return;
      }
      log.debug({ task: name, err: error instanceof Error ? error.message : String(error) }, "background task retrying");
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

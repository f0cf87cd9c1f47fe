import "server-only";
import { getDb } from "@/lib/db";
import { getLiveHub } from "@/lib/live";
import { getLogger } from "@/lib/log";
import { getSmartcar } from "@/lib/smartcar";
import { raiseCommandFailure } from "@/lib/alerts/fleet-events";
import { executeCommand, type CommandDeps } from "./execute";

/**
 * Sends accepted commands in the background of the instance that accepted them, a few at a time
 * (a bulk action of hundreds must not open hundreds of requests at once; the Smartcar client's
 * token bucket and per-vehicle pacing still apply to each). Kept on globalThis: route handlers and
 * start-up code run in different module worlds under `npm start`.
 */

const CONCURRENCY = 4;

interface CommandRunner {
  queue: string[];
  running: number;
}

const globalForRunner = globalThis as unknown as { fleetdeckCommandRunner?: CommandRunner };

export function commandDeps(): CommandDeps {
  return { db: getDb(), smartcar: getSmartcar(), hub: getLiveHub(), log: getLogger(), onFailed: raiseCommandFailure };
}

function pump(runner: CommandRunner): void {
  while (runner.running < CONCURRENCY && runner.queue.length > 0) {
    const id = runner.queue.shift()!;
    runner.running += 1;
    executeCommand(commandDeps(), id)
      .catch((error) => getLogger().error({ err: error, commandId: id }, "command could not be executed"))
      .finally(() => {
        runner.running -= 1;
        pump(runner);
      });
  }
}

/** Queues commands for sending; returns at once. A command never sent is timed out by expire.ts. */
export function dispatchCommands(ids: readonly string[]): void {
  const runner = (globalForRunner.fleetdeckCommandRunner ??= { queue: [], running: 0 });
  runner.queue.push(...ids);
  pump(runner);
}

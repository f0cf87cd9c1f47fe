import "server-only";
import type { DatabaseHandle } from "@/lib/db/client";
import { tick } from "./clock";
import { createContext, type SimulatorContext, type SimulatorOptions } from "./context";
import { dispatchDue, setCallbackUrl } from "./dispatcher";
import { handleWithContext } from "./handler";
import { seedWorld } from "./seed";
import { getSettings } from "./store";

/**
 * One emulator instance: its HTTP handler and its background work (clock + webhook dispatcher).
 * Only one instance per database runs the background work (PostgreSQL session advisory lock).
 */

const LEADER_LOCK_KEY = 7_221_906_777;

export interface Simulator {
  ctx: SimulatorContext;
  handle(request: Request): Promise<Response>;
  /** Seeds the world once (the demo fleet unless `seed: false`) and adopts the configured webhook URL. */
  prepare(options?: { seed?: boolean }): Promise<void>;
  startBackgroundWork(): Promise<void>;
  stopBackgroundWork(): Promise<void>;
}

export function createSimulator(handle: DatabaseHandle, options: SimulatorOptions): Simulator {
  const ctx = createContext(handle.db, options);
  const timers: NodeJS.Timeout[] = [];
  let release: (() => Promise<void>) | undefined;
  let stopped = false;

  const guarded = (name: string, work: () => Promise<unknown>) => {
    let running = false;
    return async () => {
      if (running || stopped) return;
      running = true;
      try {
        await work();
      } catch (error) {
        console.error(`[simulator] ${name} failed`, error);
      } finally {
        running = false;
      }
    };
  };

  async function becomeLeader(): Promise<boolean> {
    if (handle.kind === "pglite") return true;
    const client = await handle.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [LEADER_LOCK_KEY]);
    if (!rows[0]?.locked) {
      client.release();
      return false;
    }
    release = async () => {
      await client.query("select pg_advisory_unlock($1)", [LEADER_LOCK_KEY]).catch(() => {});
      client.release();
    };
    return true;
  }

  function runLoops(): void {
    const tickLoop = guarded("clock tick", () => tick(ctx));
    const dispatchLoop = guarded("webhook dispatch", () => dispatchDue(ctx));
    timers.push(setInterval(tickLoop, options.tickIntervalMs), setInterval(dispatchLoop, options.dispatchIntervalMs));
    for (const timer of timers) timer.unref();
  }

  return {
    ctx,
    handle: (request) => handleWithContext(ctx, request),
    async prepare({ seed = true } = {}) {
      await seedWorld(ctx, { demo: seed });
      const settings = await getSettings(ctx);
      if (settings.callbackUrl !== options.webhookUrl) await setCallbackUrl(ctx, options.webhookUrl);
    },
    async startBackgroundWork() {
      stopped = false;
      if (await becomeLeader()) {
        runLoops();
        return;
      }
      // Another instance leads; take over if it goes away.
      const retry = setInterval(async () => {
        if (stopped || !(await becomeLeader().catch(() => false))) return;
        clearInterval(retry);
        runLoops();
      }, 30_000);
      retry.unref();
      timers.push(retry);
    },
    async stopBackgroundWork() {
      stopped = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      await release?.();
      release = undefined;
    },
  };
}

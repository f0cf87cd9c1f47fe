import "server-only";
import { applyAuditRetention } from "@/lib/audit/retention";
import { confirmFromStoredReadings } from "@/lib/commands/confirm";
import { expireCommands } from "@/lib/commands/expire";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getLiveHub } from "@/lib/live";
import type { LiveEvent } from "@/lib/live/events";
import { getLogger } from "@/lib/log";
import { flushOutbox } from "@/lib/reauth/mailer";
import { runDueReports } from "@/lib/reports/run";
import { deliverDueWebhooks } from "./deliveries";
import { SCHEDULED_KINDS, evaluateDerivedRules } from "./derived";
import { outboundPolicy } from "./endpoints";
import { raiseCommandFailure } from "./fleet-events";
import { enabledRules } from "./rules";

/**
 * The operations background jobs, started once per instance (lib/server/startup.ts). Every job is
 * safe with several instances running it: outbound webhooks and outbox messages are leased with
 * `SKIP LOCKED`, alert transitions are won by one transaction, command time-outs move a row only out
 * of the state they matched, and a report run is claimed by moving its schedule forward.
 */

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<LiveEvent[] | void>;
}

const globalForJobs = globalThis as unknown as { fleetdeckOperationsJobs?: () => void };

function jobs(): Job[] {
  const db = getDb();
  const config = getConfig();
  return [
    {
      name: "outbound webhooks",
      everyMs: 2_000,
      run: async () => {
        await deliverDueWebhooks(db, { policy: outboundPolicy(), keys: config.encryptionKeys, userAgent: `Fleetdeck/${config.version}` });
      },
    },
    {
      name: "command time-outs",
      everyMs: 15_000,
      run: async () => {
        const confirmed = await confirmFromStoredReadings(db);
        const { live, timedOut } = await expireCommands(db);
        live.push(...confirmed);
        for (const command of timedOut) live.push(...(await raiseCommandFailure(db, command)));
        return live;
      },
    },
    {
      name: "scheduled alert rules",
      everyMs: 60_000,
      run: async () => evaluateDerivedRules(db, (await enabledRules(db)).filter((rule) => SCHEDULED_KINDS.includes(rule.kind))),
    },
    { name: "outbox", everyMs: 60_000, run: () => flushOutbox() },
    { name: "scheduled reports", everyMs: 60_000, run: async () => void (await runDueReports(db)) },
    { name: "audit retention", everyMs: 6 * 3_600_000, run: async () => void (await applyAuditRetention(db, config.auditRetentionDays)) },
  ];
}

/** Starts the jobs once per process; returns the function that stops them. */
export function startOperationsJobs(): () => void {
  if (globalForJobs.fleetdeckOperationsJobs) return globalForJobs.fleetdeckOperationsJobs;
  const log = getLogger();
  const hub = getLiveHub();
  const timers = jobs().map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const live = await job.run();
        if (live && live.length > 0) await hub.publish(live);
      } catch (error) {
        log.warn({ err: error, job: job.name }, "operations job failed; will retry");
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    return timer;
  });
  globalForJobs.fleetdeckOperationsJobs = () => {
    for (const timer of timers) clearInterval(timer);
    globalForJobs.fleetdeckOperationsJobs = undefined;
  };
  return globalForJobs.fleetdeckOperationsJobs;
}

import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabaseHandle } from "@/lib/db";
import { getLiveHub } from "@/lib/live";
import { getLogger } from "@/lib/log";
import { createInboxWriter, inboxInsertsInFlight, type InboxWriter } from "./inbox";
import type { ReceiverContext } from "./receive";
import { acknowledgementsFirst, inboxWorkerBatchSize, startInboxWorker, type InboxWorker } from "./worker";

/** Wires the receiver and the inbox worker to this process's database, hub and logger. */

const globalForWebhooks = globalThis as unknown as {
  fleetdeckInboxWorker?: InboxWorker;
  fleetdeckReceiver?: ReceiverContext;
  fleetdeckInboxWriter?: InboxWriter;
};

/** One writer per process, shared by every request (so they share inserts) and known to the worker. */
function getInboxWriter(): InboxWriter {
  const handle = getDatabaseHandle();
  globalForWebhooks.fleetdeckInboxWriter ??= createInboxWriter(handle.db, { insertsInFlight: inboxInsertsInFlight(handle.kind) });
  return globalForWebhooks.fleetdeckInboxWriter;
}

/** Started once from lib/server/startup.ts; picks up whatever a previous run left pending. */
export function startWebhookProcessing(): InboxWorker {
  const handle = getDatabaseHandle();
  globalForWebhooks.fleetdeckInboxWorker ??= startInboxWorker({
    db: handle.db,
    hub: getLiveHub(),
    batchSize: inboxWorkerBatchSize(handle.kind),
    beforeClaim: acknowledgementsFirst(handle.kind, getInboxWriter()),
    log: getLogger(),
  });
  return globalForWebhooks.fleetdeckInboxWorker;
}

export function getReceiverContext(): ReceiverContext {
  if (globalForWebhooks.fleetdeckReceiver) return globalForWebhooks.fleetdeckReceiver;
  const handle = getDatabaseHandle();
  const hub = getLiveHub();
  const log = getLogger();
  globalForWebhooks.fleetdeckReceiver = {
    db: handle.db,
    inbox: getInboxWriter(),
    managementToken: getConfig().smartcar.managementToken,
    // Wakes this instance's worker at once and, on PostgreSQL, the others with one coalesced NOTIFY.
    onStored: () => hub.signalInbox(),
    onRejected: (reason, bodyBytes) => log.warn({ reason, bodyBytes }, "webhook delivery rejected"),
    onStoreFailed: (error) => log.error({ err: error }, "webhook delivery not stored; answered 503"),
  };
  return globalForWebhooks.fleetdeckReceiver;
}

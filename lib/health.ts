import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabaseHandle, pingDatabase } from "@/lib/db";
import { inboxBacklog, type InboxBacklog } from "@/lib/webhooks/queries";

export type Health =
  | { status: "ok"; db: "pglite" | "postgres"; smartcar: "emulator" | "live"; version: string; webhookInbox: InboxBacklog }
  | { status: "unavailable"; db: "pglite" | "postgres"; smartcar: "emulator" | "live"; version: string; reason: string };

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const handle = getDatabaseHandle();
  const base = { db: handle.kind, smartcar: config.smartcar.mode, version: config.version } as const;
  try {
    await pingDatabase(handle.db);
    return { status: "ok", ...base, webhookInbox: await inboxBacklog(handle.db) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "unavailable", ...base, reason: `database: ${reason}` };
  }
}

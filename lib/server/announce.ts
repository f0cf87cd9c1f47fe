import "server-only";
import { count } from "drizzle-orm";
import { managerExists } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import type { Database } from "@/lib/db";
import { vehicles } from "@/lib/db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo/accounts";

/**
 * The one line a person starting Fleetdeck waits for: where to open it and how to sign in. Plain text
 * on stdout (the structured logs around it are for machines).
 */
export async function readyLine(db: Database): Promise<string> {
  const config = getConfig();
  const url = config.appUrl;
  if (config.demo) {
    const [fleet] = await db.select({ total: count() }).from(vehicles);
    const accounts = DEMO_ACCOUNTS.map((account) => `${account.email} (${account.role})`).join(", ");
    return `Fleetdeck is ready at ${url} with ${fleet?.total ?? 0} demo vehicles. Sign in as ${accounts}; password ${DEMO_PASSWORD}.`;
  }
  if (!(await managerExists(db))) return `Fleetdeck is ready at ${url}. Open it to create the first manager account.`;
  return `Fleetdeck is ready at ${url}.`;
}

export async function announceReady(db: Database): Promise<void> {
  console.log(await readyLine(db));
}

import "server-only";
import { headers } from "next/headers";
import { getSessionUser } from "@/lib/auth/guards";
import { clientAddress } from "@/lib/auth/password-sign-in";
import { getDb } from "@/lib/db";
import { recordAudit, userActor, type AuditEntry } from "./record";

/**
 * Recording from a page, route handler or server action: the signed-in user as actor and the
 * caller's address, read from the request. One call per audited action keeps the wiring additive.
 */

export async function requestClientAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    // Outside a request (jobs, tests): there is no caller address.
    return null;
  }
}

/** Appends an entry as the signed-in user (or anonymously when nobody is signed in). */
export async function auditRequest(entry: Omit<AuditEntry, "actor" | "clientAddress"> & { actor?: AuditEntry["actor"] }): Promise<void> {
  const user = entry.actor ? null : await getSessionUser();
  await recordAudit(getDb(), {
    ...entry,
    actor: entry.actor ?? (user ? userActor(user) : { type: "anonymous" }),
    clientAddress: await requestClientAddress(),
  });
}

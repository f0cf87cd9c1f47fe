import "server-only";
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/guards";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import type { SmartcarClient } from "@/lib/smartcar";
import { createConnectAttempt } from "./attempts";

export class ConnectStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectStartError";
  }
}

/**
 * Builds the Connect URL for a new vehicle. Owners connect for themselves; managers connect on behalf
 * of a named owner. The state ties the return trip to the user who started it.
 */
export async function startVehicleConnect(
  db: Database,
  smartcar: SmartcarClient,
  user: SessionUser,
  input: { ownerId?: string; make?: string },
): Promise<string> {
  let ownerId = user.id;
  if (user.role === "manager") {
    if (!input.ownerId) throw new ConnectStartError("Choose the owner the vehicle will belong to.");
    const [owner] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.ownerId), eq(users.role, "owner")))
      .limit(1);
    if (!owner) throw new ConnectStartError("That owner does not exist.");
    ownerId = owner.id;
  } else if (user.role !== "owner") {
    throw new ConnectStartError("Your role cannot connect vehicles.");
  }
  const { state } = await createConnectAttempt(db, { purpose: "connect", startedBy: user.id, ownerId });
  return smartcar.authorizeUrl({ state, make: input.make, user: ownerId });
}

export async function listConnectableOwners(db: Database): Promise<{ id: string; email: string; name: string | null }[]> {
  return db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.role, "owner")).orderBy(users.email);
}

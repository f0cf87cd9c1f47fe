import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { seedRuns, users } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/roles";

/** The demo's three sign-ins, one per role, seeded once when FLEETDECK_DEMO=1 and shown on the sign-in page. */

export const DEMO_PASSWORD = "demo1234";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "manager@demo.fleetdeck.dev", name: "Morgan Reyes", role: "manager" },
  { email: "owner@demo.fleetdeck.dev", name: "Olivia Chen", role: "owner" },
  { email: "viewer@demo.fleetdeck.dev", name: "Victor Alvarez", role: "viewer" },
];

export const DEMO_ACCOUNTS_SEED = "demo-accounts";

/**
 * Creates the demo accounts the first time only: the `seed_runs` row is claimed in the same
 * transaction, so a restart (or a second instance) seeds nothing and a changed demo password stays changed.
 */
export async function seedDemoAccounts(db: Database): Promise<"seeded" | "already-seeded"> {
  const rows = await Promise.all(
    DEMO_ACCOUNTS.map(async (account) => ({ ...account, passwordHash: await hashPassword(DEMO_PASSWORD) })),
  );
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(seedRuns).values({ name: DEMO_ACCOUNTS_SEED }).onConflictDoNothing().returning({ name: seedRuns.name });
    if (claimed.length === 0) return "already-seeded";
    await tx
      .insert(users)
      .values(rows)
      .onConflictDoUpdate({ target: users.email, set: { role: sql`excluded.role`, passwordHash: sql`excluded.password_hash`, updatedAt: sql`now()` } });
    return "seeded";
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { importSmartcarUserVehicles } from "@/lib/connect/import-vehicles";
import type { Database } from "@/lib/db";
import type { LiveHub } from "@/lib/live/hub";
import { seedRuns, users } from "@/lib/db/schema";
import type { SmartcarClient } from "@/lib/smartcar";
import { DEMO_SMARTCAR_IDENTITIES, type DemoSmartcarIdentity } from "./identities";

export const DEMO_FLEET_SEED = "demo-fleet";

function fleetOwnerName(identity: DemoSmartcarIdentity): string {
  const domain = identity.oemEmail.split("@")[1] ?? identity.oemEmail;
  return domain
    .replace(/\.example$/, "")
    .split("-")
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}

/** The app account a demo OEM login belongs to; fleet accounts get an owner without a password (invite them to sign in). */
async function demoOwnerId(db: Database, identity: DemoSmartcarIdentity): Promise<string> {
  const email = identity.appUserEmail ?? identity.oemEmail;
  await db
    .insert(users)
    .values({ email, role: "owner", name: identity.appUserEmail ? null : fleetOwnerName(identity) })
    .onConflictDoNothing();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return user!.id;
}

/**
 * Brings the simulated fleet into the app the way a real deployment would get it: through the v3
 * API, asking for each demo Smartcar user's connections. Runs once; a restart finds the seed recorded.
 */
export async function seedDemoFleet(db: Database, smartcar: SmartcarClient, hub: LiveHub | null): Promise<"seeded" | "already-seeded"> {
  const [done] = await db.select().from(seedRuns).where(eq(seedRuns.name, DEMO_FLEET_SEED)).limit(1);
  if (done) return "already-seeded";
  for (const identity of DEMO_SMARTCAR_IDENTITIES) {
    const ownerId = await demoOwnerId(db, identity);
    await importSmartcarUserVehicles(db, smartcar, { smartcarUserId: identity.smartcarUserId, ownerId, hub });
  }
  const claimed = await db.insert(seedRuns).values({ name: DEMO_FLEET_SEED }).onConflictDoNothing().returning();
  return claimed.length > 0 ? "seeded" : "already-seeded";
}

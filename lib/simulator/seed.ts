import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { DEMO_SMARTCAR_IDENTITIES } from "@/lib/demo/identities";
import type { SimulatorContext } from "./context";
import {
  simAuthCodes,
  simConnections,
  simDeliveries,
  simInjectedErrors,
  simSettings,
  simUsers,
  simVehicles,
} from "./db/schema";
import { DEFAULT_TRIGGERS, DEFAULT_WEBHOOK_SIGNALS } from "./signals";
import { initialVehicleState, type Powertrain } from "./world";

/** The seeded world (demo identities) and the OEM accounts Connect creates on the fly for test logins. */

export const ALL_PERMISSIONS = [
  "read_vehicle_info",
  "read_vin",
  "read_odometer",
  "read_location",
  "read_battery",
  "read_charge",
  "read_charge_records",
  "read_fuel",
  "read_tires",
  "read_engine_oil",
  "read_security",
  "read_climate",
  "read_compass",
  "read_speedometer",
  "read_thermometer",
  "read_extended_vehicle_info",
  "read_user_profile",
  "control_security",
  "control_charge",
  "control_climate",
  "control_navigation",
  "control_pin",
  "control_trunk",
];

export function seedNumber(text: string): number {
  return createHash("sha256").update(text).digest().readInt32LE(0);
}

/**
 * Creates the seeded world unless it exists (`demo: false` leaves it empty, for tests that build their
 * own accounts through Connect). Safe to call on every start and from several instances.
 */
export async function seedWorld(ctx: SimulatorContext, { demo = true }: { demo?: boolean } = {}): Promise<boolean> {
  const now = Date.now();
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(simSettings)
      .values({
        id: 1,
        steppedUntilMs: now,
        webhookId: randomUUID(),
        webhookName: "Fleetdeck",
        callbackUrl: ctx.options.webhookUrl,
        triggers: DEFAULT_TRIGGERS,
        signals: DEFAULT_WEBHOOK_SIGNALS,
        seededAt: new Date(now),
      })
      .onConflictDoNothing()
      .returning({ id: simSettings.id });
    if (inserted.length === 0) return false;
    for (const identity of demo ? DEMO_SMARTCAR_IDENTITIES : []) {
      await tx.insert(simUsers).values({ id: identity.smartcarUserId, email: identity.oemEmail.toLowerCase(), make: identity.make });
      await tx.insert(simVehicles).values(
        identity.vehicles.map((vehicle) => ({
          id: vehicle.id,
          ownerId: identity.smartcarUserId,
          vin: vehicle.vin,
          make: vehicle.make,
          model: vehicle.model,
          year: vehicle.year,
          powertrainType: vehicle.powertrainType,
          nickname: vehicle.nickname,
          state: initialVehicleState(vehicle.powertrainType, vehicle.model, seedNumber(vehicle.id), now),
        })),
      );
      const connected = identity.vehicles.filter((vehicle) => vehicle.connected);
      if (connected.length > 0) {
        await tx.insert(simConnections).values(
          connected.map((vehicle) => ({
            id: randomUUID(),
            userId: identity.smartcarUserId,
            vehicleId: vehicle.id,
            permissions: ALL_PERMISSIONS,
            mode: "simulated",
          })),
        );
      }
    }
    return true;
  });
}

/** Back to the seed: world, connections, injected errors, outbox and clock. Issued tokens stay valid. */
export async function resetWorld(ctx: SimulatorContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    for (const table of [simSettings, simUsers, simVehicles, simConnections, simInjectedErrors, simDeliveries, simAuthCodes]) {
      await tx.delete(table).where(sql`true`);
    }
  });
  await seedWorld(ctx);
}

const MODELS: Record<string, { model: string; powertrainType: Powertrain }[]> = {
  TESLA: [{ model: "Model 3", powertrainType: "BEV" }, { model: "Model Y", powertrainType: "BEV" }],
  FORD: [{ model: "Mustang Mach-E", powertrainType: "BEV" }, { model: "F-150", powertrainType: "ICE" }],
  VOLKSWAGEN: [{ model: "ID.4", powertrainType: "BEV" }, { model: "Tiguan", powertrainType: "ICE" }],
  BMW: [{ model: "i4", powertrainType: "BEV" }, { model: "X5 xDrive50e", powertrainType: "PHEV" }],
  TOYOTA: [{ model: "RAV4 Prime", powertrainType: "PHEV" }, { model: "Camry", powertrainType: "ICE" }],
  HYUNDAI: [{ model: "Ioniq 5", powertrainType: "BEV" }, { model: "Tucson", powertrainType: "PHEV" }],
  KIA: [{ model: "EV6", powertrainType: "BEV" }, { model: "Sportage", powertrainType: "PHEV" }],
  CHEVROLET: [{ model: "Bolt EUV", powertrainType: "BEV" }, { model: "Silverado", powertrainType: "ICE" }],
  AUDI: [{ model: "Q4 e-tron", powertrainType: "BEV" }, { model: "A4", powertrainType: "ICE" }],
  RIVIAN: [{ model: "R1S", powertrainType: "BEV" }, { model: "R1T", powertrainType: "BEV" }],
  NISSAN: [{ model: "Leaf", powertrainType: "BEV" }, { model: "Rogue", powertrainType: "ICE" }],
  "MERCEDES-BENZ": [{ model: "EQE", powertrainType: "BEV" }, { model: "GLE 450e", powertrainType: "PHEV" }],
};

export const CONNECT_BRANDS = [
  "Tesla",
  "Ford",
  "Volkswagen",
  "BMW",
  "Toyota",
  "Hyundai",
  "Kia",
  "Chevrolet",
  "Audi",
  "Rivian",
  "Nissan",
  "Mercedes-Benz",
];

export function brandName(make: string): string | undefined {
  return CONNECT_BRANDS.find((brand) => brand.toUpperCase() === make.toUpperCase());
}

function testVin(seed: number, index: number): string {
  const alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  let value = "0SC";
  let state = seed ^ (index * 2654435761);
  for (let i = 0; i < 14; i++) {
    state = Math.imul(state ^ (state >>> 13), 1274126177);
    value += alphabet[Math.abs(state) % alphabet.length];
  }
  return value;
}

/**
 * The OEM account behind a Connect login: a seeded demo account when the email matches one, else an
 * account created on first login with `vehicleCount` cars of the chosen brand (kept for later logins).
 */
export async function findOrCreateOemAccount(ctx: SimulatorContext, email: string, make: string, vehicleCount: number): Promise<string> {
  const normalizedEmail = email.toLowerCase();
  const demo = DEMO_SMARTCAR_IDENTITIES.find((identity) => identity.oemEmail.toLowerCase() === normalizedEmail);
  if (demo) return demo.smartcarUserId;
  const brand = brandName(make) ?? make;
  const [existing] = await ctx.db
    .select({ id: simUsers.id })
    .from(simUsers)
    .where(and(eq(simUsers.email, normalizedEmail), eq(simUsers.make, brand)));
  if (existing) return existing.id;
  const userId = randomUUID();
  const now = Date.now();
  const models = MODELS[brand.toUpperCase()] ?? MODELS.TESLA!;
  const seed = seedNumber(`${normalizedEmail}/${brand}`);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(simUsers).values({ id: userId, email: normalizedEmail, make: brand });
    const rows = Array.from({ length: vehicleCount }, (_, index) => {
      const { model, powertrainType } = models[index % models.length]!;
      const id = randomUUID();
      return {
        id,
        ownerId: userId,
        vin: testVin(seed, index),
        make: brand,
        model,
        year: 2020 + (Math.abs(seed + index) % 6),
        powertrainType,
        nickname: `${model} ${index + 1}`,
        state: initialVehicleState(powertrainType, model, seedNumber(id), now),
      };
    });
    for (let start = 0; start < rows.length; start += 200) await tx.insert(simVehicles).values(rows.slice(start, start + 200));
  });
  return userId;
}

import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Database } from "@/lib/db";
import { vehicleSignals } from "@/lib/db/schema";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import type { VehicleCommandCapabilities } from "./capabilities";
import { loadCommandTarget } from "./target";
import { recentVehicleCommands, type CommandView } from "./views";

/** What the vehicle page's command panel shows: what the car can do, its current state, recent commands. */

export interface ReportedState<T> {
  value: T;
  at: string | null;
}

export interface VehicleCommandPanel {
  vehicleName: string;
  capabilities: VehicleCommandCapabilities;
  state: { locked: ReportedState<boolean> | null; charging: ReportedState<boolean> | null; chargeLimit: ReportedState<number> | null };
  commands: CommandView[];
}

const STATE_CODES = ["closure-islocked", "charge-ischarging", "charge-chargelimits"];

export async function vehicleCommandPanel(db: Database, user: SessionUser, vehicleId: string): Promise<VehicleCommandPanel | null> {
  const target = await loadCommandTarget(db, vehicleId, user.id);
  if (!target) return null;
  const [signals, commands] = await Promise.all([
    db
      .select({ code: vehicleSignals.code, body: vehicleSignals.body, at: vehicleSignals.oemUpdatedAt })
      .from(vehicleSignals)
      .where(and(eq(vehicleSignals.vehicleId, vehicleId), inArray(vehicleSignals.code, STATE_CODES), eq(vehicleSignals.status, "SUCCESS"))),
    recentVehicleCommands(db, vehicleId, user.role),
  ]);
  const reported = <T,>(code: string, pick: (body: Record<string, unknown>) => unknown, guard: (value: unknown) => value is T): ReportedState<T> | null => {
    const signal = signals.find((candidate) => candidate.code === code);
    const value = signal?.body && typeof signal.body === "object" ? pick(signal.body as Record<string, unknown>) : undefined;
    return guard(value) ? { value, at: signal!.at?.toISOString() ?? null } : null;
  };
  const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
  const isNumber = (value: unknown): value is number => typeof value === "number";
  return {
    vehicleName: vehicleDisplayName(target.vehicle),
    capabilities: target.capabilities,
    state: {
      locked: reported("closure-islocked", (body) => body.value, isBoolean),
      charging: reported("charge-ischarging", (body) => body.value, isBoolean),
      chargeLimit: reported("charge-chargelimits", (body) => body.activeLimit, isNumber),
    },
    commands,
  };
}

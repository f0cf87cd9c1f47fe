import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/guards";
import type { Database } from "@/lib/db";
import { vehicles } from "@/lib/db/schema";
import { vehicleIdSchema } from "./vehicle-detail";

/**
 * What a manager may write on a vehicle: the licence plate and a free-text fleet label. Smartcar
 * provides neither (the VIN and nickname come from the car and are kept by the signal projection).
 */

const optionalField = (max: number, pattern: RegExp, message: string) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .regex(pattern, message)
    .transform((value) => (value === "" ? null : value));

export const vehicleLabelsSchema = z.object({
  licensePlate: optionalField(16, /^[\p{L}\p{N} .·-]*$/u, "Letters, digits, spaces, dots and dashes only.").transform((value) => value?.toUpperCase() ?? null),
  fleetLabel: optionalField(60, /^[^\p{Cc}]*$/u, "No control characters."),
});

export type VehicleLabels = z.output<typeof vehicleLabelsSchema>;

export type UpdateVehicleLabelsResult =
  | { kind: "updated"; labels: VehicleLabels }
  | { kind: "invalid"; field: keyof VehicleLabels; message: string }
  | { kind: "forbidden" }
  | { kind: "not_found" };

export async function updateVehicleLabels(db: Database, user: SessionUser, vehicleId: string, input: unknown): Promise<UpdateVehicleLabelsResult> {
  if (user.role !== "manager") return { kind: "forbidden" };
  if (!vehicleIdSchema.safeParse(vehicleId).success) return { kind: "not_found" };
  const parsed = vehicleLabelsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "invalid", field: issue.path[0] as keyof VehicleLabels, message: issue.message };
  }
  const updated = await db
    .update(vehicles)
    .set({ ...parsed.data, updatedAt: new Date() })
    .where(eq(vehicles.id, vehicleId))
    .returning({ id: vehicles.id });
  return updated.length === 0 ? { kind: "not_found" } : { kind: "updated", labels: parsed.data };
}

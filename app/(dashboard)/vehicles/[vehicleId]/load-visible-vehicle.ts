import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { canSeeVehicle, requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getVehicleDetail, vehicleDetailFor, vehicleIdSchema } from "@/lib/fleet/vehicle-detail";

/** The vehicle as the signed-in user may see it; 404 alike for a missing vehicle and someone else's. */
export const loadVisibleVehicle = cache(async (vehicleId: string) => {
  const user = await requireUser();
  if (!vehicleIdSchema.safeParse(vehicleId).success) notFound();
  const db = getDb();
  if (!(await canSeeVehicle(db, user, vehicleId))) notFound();
  const detail = await getVehicleDetail(db, vehicleId);
  if (!detail) notFound();
  return { user, detail: vehicleDetailFor(user, detail) };
});


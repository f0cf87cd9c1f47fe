"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { updateVehicleLabels, type VehicleLabels } from "@/lib/fleet/vehicle-identity";

export interface VehicleLabelsState {
  message: string | null;
  tone: "good" | "bad" | null;
  field?: keyof VehicleLabels;
}

export async function updateVehicleLabelsAction(_previous: VehicleLabelsState, form: FormData): Promise<VehicleLabelsState> {
  const user = await requireRole("manager");
  const vehicleId = String(form.get("vehicleId") ?? "");
  const result = await updateVehicleLabels(getDb(), user, vehicleId, {
    licensePlate: String(form.get("licensePlate") ?? ""),
    fleetLabel: String(form.get("fleetLabel") ?? ""),
  });
  switch (result.kind) {
    case "updated":
      revalidatePath(`/vehicles/${vehicleId}`);
      return { message: "Saved.", tone: "good" };
    case "invalid":
      return { message: result.message, tone: "bad", field: result.field };
    case "forbidden":
      return { message: "Only managers can edit vehicles.", tone: "bad" };
    case "not_found":
      return { message: "That vehicle no longer exists.", tone: "bad" };
  }
}

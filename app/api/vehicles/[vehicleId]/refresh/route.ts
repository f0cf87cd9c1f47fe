import { authorizeRequest } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { vehicleIdSchema } from "@/lib/fleet/vehicle-detail";
import { refreshVehicleSignals, type RefreshOutcome } from "@/lib/fleet/refresh-signals";
import { getSmartcar } from "@/lib/smartcar";

const STATUS: Record<RefreshOutcome["kind"], number> = {
  refreshed: 200,
  forbidden: 403,
  not_found: 404,
  no_connection: 409,
  smartcar_error: 502,
};

export async function POST(_request: Request, { params }: { params: Promise<{ vehicleId: string }> }) {
  const user = await authorizeRequest("manager", "owner", "viewer");
  if (user instanceof Response) return user;
  const { vehicleId } = await params;
  if (!vehicleIdSchema.safeParse(vehicleId).success) return Response.json({ kind: "not_found" }, { status: 404 });
  const outcome = await refreshVehicleSignals(getDb(), getSmartcar(), user, vehicleId);
  return Response.json(outcome, { status: STATUS[outcome.kind], headers: { "Cache-Control": "no-store" } });
}

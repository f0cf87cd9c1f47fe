import { authorizeRequest, canSeeVehicle } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getVehicleDetail, vehicleDetailFor, vehicleIdSchema } from "@/lib/fleet/vehicle-detail";

const notFound = () => Response.json({ error: "not_found", message: "No such vehicle." }, { status: 404, headers: { "Cache-Control": "no-store" } });

/** GET /api/vehicles/:vehicleId — the vehicle page's data; 404 alike for missing and not-yours, so ids don't leak. */
export async function GET(_request: Request, context: { params: Promise<{ vehicleId: string }> }) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const { vehicleId } = await context.params;
  if (!vehicleIdSchema.safeParse(vehicleId).success) return notFound();
  const db = getDb();
  if (!(await canSeeVehicle(db, user, vehicleId))) return notFound();
  const detail = await getVehicleDetail(db, vehicleId);
  if (!detail) return notFound();
  return Response.json(vehicleDetailFor(user, detail), { headers: { "Cache-Control": "private, no-store" } });
}

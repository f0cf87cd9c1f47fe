import { authorizeRequest, canSeeVehicle } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getLiveHub } from "@/lib/live";
import { liveEventStream } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const db = getDb();
  return liveEventStream({
    user,
    hub: getLiveHub(),
    canSeeVehicle: (vehicleId) => canSeeVehicle(db, user, vehicleId),
    signal: request.signal,
  });
}

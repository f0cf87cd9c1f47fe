import { authorizeRequest, visibleVehiclesCondition } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { parseVehicleListQueryStrict } from "@/lib/fleet/vehicle-list-query";
import { listVehicles } from "@/lib/fleet/vehicle-list";

/** GET /api/vehicles?q&make&status&battery&sort&dir&page&size — one page of what the caller may see. */
export async function GET(request: Request) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const parsed = parseVehicleListQueryStrict(new URL(request.url).searchParams);
  if (!parsed.success) {
    return Response.json(
      { error: "invalid_query", message: "The list query is not valid.", issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) },
      { status: 400 },
    );
  }
  const page = await listVehicles(getDb(), parsed.data, { visibility: visibleVehiclesCondition(user) });
  return Response.json(page, { headers: { "Cache-Control": "private, no-store" } });
}

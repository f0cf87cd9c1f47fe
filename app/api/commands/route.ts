import { authorizeRequest } from "@/lib/auth/guards";
import { invalid, json } from "@/lib/commands/http";
import { listCommands, parseCommandFilters } from "@/lib/commands/views";
import { getDb } from "@/lib/db";

/** GET /api/commands?status&kind&vehicle&q&bulk&from&to&page — the fleet-wide list, limited to visible vehicles. */
export async function GET(request: Request) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const filters = parseCommandFilters(new URL(request.url).searchParams);
  if (!filters.success) return invalid(filters.error);
  return json(await listCommands(getDb(), user, filters.data));
}

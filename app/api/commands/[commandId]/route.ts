import { z } from "zod";
import { authorizeRequest, canSeeVehicle } from "@/lib/auth/guards";
import { json } from "@/lib/commands/http";
import { getCommandView } from "@/lib/commands/views";
import { getDb } from "@/lib/db";

/** GET /api/commands/:commandId — one command, 404 alike for missing and for a vehicle the caller may not see. */
export async function GET(_request: Request, context: { params: Promise<{ commandId: string }> }) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const { commandId } = await context.params;
  const notFound = json({ error: "not_found", message: "No such command." }, 404);
  if (!z.uuid().safeParse(commandId).success) return notFound;
  const db = getDb();
  const command = await getCommandView(db, commandId, user.role);
  if (!command || !(await canSeeVehicle(db, user, command.vehicleId))) return notFound;
  return json({ command });
}

import { requestClientAddress } from "@/lib/audit/request";
import { authorizeRequest, canSeeVehicle } from "@/lib/auth/guards";
import { invalid, json, readJsonBody } from "@/lib/commands/http";
import { vehicleCommandPanel } from "@/lib/commands/panel";
import { COMMAND_REFUSAL_STATUS, commandRequestSchema, requestCommand } from "@/lib/commands/request";
import { dispatchCommands } from "@/lib/commands/runner";
import { getDb } from "@/lib/db";
import { vehicleIdSchema } from "@/lib/fleet/vehicle-detail";

type Context = { params: Promise<{ vehicleId: string }> };

const notFound = () => json({ error: "not_found", message: "No such vehicle." }, 404);

/** GET — what the vehicle can be commanded to do, its reported state and its recent commands. Viewers: 403. */
export async function GET(_request: Request, context: Context) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const { vehicleId } = await context.params;
  const db = getDb();
  if (!vehicleIdSchema.safeParse(vehicleId).success || !(await canSeeVehicle(db, user, vehicleId))) return notFound();
  if (user.role === "viewer") return json({ error: "forbidden", message: "Viewers cannot send commands." }, 403);
  const panel = await vehicleCommandPanel(db, user, vehicleId);
  return panel ? json(panel) : notFound();
}

/**
 * POST {command, percent?, idempotencyKey} — 202 with the new command (sent in the background),
 * 200 with the existing one for a repeated key; 400 bad input, 403 viewers, 404 not visible,
 * 409 unavailable/busy/key reused, 429 with Retry-After.
 */
export async function POST(request: Request, context: Context) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const { vehicleId } = await context.params;
  if (!vehicleIdSchema.safeParse(vehicleId).success) return notFound();
  const body = await readJsonBody(request);
  if (body === null) return invalid("Send a JSON body: {\"command\": \"lock\", \"idempotencyKey\": \"…\"}.");
  const parsed = commandRequestSchema.safeParse(body);
  if (!parsed.success) {
    // Visibility first: a vehicle the caller may not see answers 404 whatever the body says.
    if (!(await canSeeVehicle(getDb(), user, vehicleId))) return notFound();
    return invalid(parsed.error);
  }
  const result = await requestCommand(getDb(), user, vehicleId, parsed.data, { clientAddress: await requestClientAddress() });
  if (!result.ok) {
    const headers: Record<string, string> = result.reason === "rate_limited" ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return json({ ...result, ok: undefined, error: result.reason }, COMMAND_REFUSAL_STATUS[result.reason], headers);
  }
  if (result.created) dispatchCommands([result.command.id]);
  return json({ command: result.command, created: result.created }, result.created ? 202 : 200);
}

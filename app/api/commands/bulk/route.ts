import { requestClientAddress } from "@/lib/audit/request";
import { authorizeRequest } from "@/lib/auth/guards";
import { bulkCommandSchema, requestBulkCommand } from "@/lib/commands/bulk";
import { invalid, json, readJsonBody } from "@/lib/commands/http";
import { dispatchCommands } from "@/lib/commands/runner";
import { getDb } from "@/lib/db";

const STATUS = { forbidden: 403, changed: 409, nothing: 409 } as const;

/**
 * POST /api/commands/bulk {command, percent?, idempotencyKey, filters, confirmedCount?} — managers only.
 * Without `confirmedCount`: the preview (how many vehicles can take it, why the others cannot).
 * With it: the commands, one per eligible vehicle, sent in the background (202).
 */
export async function POST(request: Request) {
  const user = await authorizeRequest("manager");
  if (user instanceof Response) return user;
  const body = await readJsonBody(request);
  if (body === null) return invalid("Send a JSON body.");
  const parsed = bulkCommandSchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  const result = await requestBulkCommand(getDb(), user, parsed.data, { clientAddress: await requestClientAddress() });
  if (!result.ok) return json({ error: result.reason, message: result.message }, STATUS[result.reason]);
  if ("preview" in result) return json(result);
  dispatchCommands(result.commandIds);
  return json(result, 202);
}

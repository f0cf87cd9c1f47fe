import { z } from "zod";
import type { SimulatorContext } from "./context";
import { SimulatorApiError } from "./errors";
import { json, notFound, readJson } from "./http";
import { requireManagementToken } from "./management";
import {
  VEHICLE_ACTIONS,
  actOnVehicle,
  advance,
  clearMakeError,
  clearVehicleError,
  describeWorld,
  dispatchDue,
  injectMakeError,
  injectVehicleError,
  injectedErrorSchema,
  reset,
  revokeVehicleAccess,
  setCallbackUrl,
  setToggles,
  tick,
  verifyWebhookIfDue,
} from "./operations";

/** The control plane's JSON API under `/sim/control`, authenticated like the management API. */

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: result.error.issues[0]?.message ?? "Invalid body." });
  return result.data;
}

const clockSchema = z.object({ minutes: z.number().positive().max(60 * 24 * 14).optional(), seconds: z.number().positive().optional() });
const webhookSchema = z.object({
  duplicates: z.boolean().optional(),
  reordering: z.boolean().optional(),
  callbackUrl: z.url().nullable().optional(),
});

export async function handleControl(ctx: SimulatorContext, request: Request, segments: string[]): Promise<Response> {
  requireManagementToken(ctx, request);
  const method = request.method;
  const [root, id, sub] = segments;
  if (root === "state" && method === "GET") return json(await describeWorld(ctx));
  if (root === "clock" && method === "GET") return json((await describeWorld(ctx)).clock);
  if (root === "clock" && method === "POST") {
    const body = parse(clockSchema, await readJson(request));
    const minutes = (body.minutes ?? 0) + (body.seconds ?? 0) / 60;
    if (minutes <= 0) throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "Pass minutes or seconds > 0." });
    const result = await advance(ctx, minutes);
    return json({ now: new Date(result.now).toISOString() });
  }
  if (root === "tick" && method === "POST") return json(await tick(ctx));
  if (root === "dispatch" && method === "POST") return json({ attempts: await dispatchDue(ctx) });
  if (root === "reset" && method === "POST") {
    await reset(ctx);
    await setCallbackUrl(ctx, ctx.options.webhookUrl);
    return json({ status: "reset" });
  }
  if (root === "webhook" && !id && (method === "PUT" || method === "PATCH")) {
    const body = parse(webhookSchema, await readJson(request));
    await setToggles(ctx, { duplicates: body.duplicates, reordering: body.reordering });
    if (body.callbackUrl !== undefined) await setCallbackUrl(ctx, body.callbackUrl);
    return json((await describeWorld(ctx)).webhook);
  }
  if (root === "webhook" && id === "verify" && method === "POST") return json({ verified: await verifyWebhookIfDue(ctx, true) });
  if ((root === "vehicles" || root === "makes") && id && sub === "errors") {
    if (method === "POST") {
      const body = parse(injectedErrorSchema, await readJson(request));
      return json(root === "vehicles" ? await injectVehicleError(ctx, id, body) : await injectMakeError(ctx, id, body), 201);
    }
    if (method === "DELETE") return json(root === "vehicles" ? await clearVehicleError(ctx, id) : await clearMakeError(ctx, id));
  }
  if (root === "vehicles" && id && sub === "actions" && method === "POST") {
    const body = parse(z.object({ action: z.enum(VEHICLE_ACTIONS) }), await readJson(request));
    return json(await actOnVehicle(ctx, id, body.action));
  }
  if (root === "vehicles" && id && sub === "connections" && method === "DELETE") return json(await revokeVehicleAccess(ctx, id));
  notFound();
}

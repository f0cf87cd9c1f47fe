import { desc } from "drizzle-orm";
import type { SimulatorContext } from "./context";
import { simConnections } from "./db/schema";
import { SimulatorApiError } from "./errors";
import { json, notFound, pageParams } from "./http";
import { getSettings, listVehicles } from "./store";
import { resolveBearer } from "./tokens";

/**
 * v3 Management API, read side (contract §5.7): the one configured webhook and its subscriptions.
 * Every connected vehicle is auto-subscribed, so subscriptions mirror connections.
 */
export async function handleManagementV3(ctx: SimulatorContext, request: Request, segments: string[], url: URL): Promise<Response> {
  const token = await resolveBearer(ctx, request.headers.get("authorization"), ["application"]);
  if (!token) throw new SimulatorApiError("AUTHENTICATION", null);
  if (request.method !== "GET") notFound();
  const settings = await getSettings(ctx);
  const webhook = {
    id: settings.webhookId,
    type: "webhook",
    attributes: {
      name: settings.webhookName,
      callbackUri: settings.callbackUrl,
      isEnabled: Boolean(settings.callbackUrl && settings.verifiedUrl === settings.callbackUrl),
      autoSubscribe: true,
      triggers: settings.triggers,
      signals: settings.signals,
    },
    links: { self: `/webhooks/${settings.webhookId}` },
  };
  const [root, id, sub] = segments;
  if (root === "webhooks" && !id) return json({ data: [webhook], meta: { page: 1, pageSize: 50, totalCount: 1 } });
  if (root === "webhooks" && id === settings.webhookId && !sub) return json({ data: webhook });
  if ((root === "subscriptions" && !id) || (root === "webhooks" && id === settings.webhookId && sub === "subscriptions")) {
    const { page, size } = pageParams(url, { size: 50, max: 100 });
    const vehicleFilter = url.searchParams.get("filter[vehicleId]");
    const userFilter = url.searchParams.get("filter[userId]");
    const rows = (await ctx.db.select().from(simConnections).orderBy(desc(simConnections.createdAt))).filter(
      (row) => (!vehicleFilter || row.vehicleId === vehicleFilter) && (!userFilter || row.userId === userFilter),
    );
    const items = rows.slice((page - 1) * size, page * size);
    const vehicles = await listVehicles(ctx, items.map((row) => row.vehicleId));
    return json({
      data: items.map((row) => {
        const vehicle = vehicles.find((candidate) => candidate.id === row.vehicleId);
        return {
          type: "subscription",
          id: row.id,
          attributes: { vehicle: vehicle ? { make: vehicle.make, model: vehicle.model, year: vehicle.year, mode: row.mode, powertrainType: vehicle.powertrainType } : null },
          meta: { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() },
          relationships: {
            webhook: { data: { id: settings.webhookId, type: "webhook" } },
            user: { data: { id: row.userId, type: "user" } },
            vehicle: { data: { id: row.vehicleId, type: "vehicle" } },
          },
          links: { self: `/subscriptions/${row.id}` },
        };
      }),
      meta: { page, pageSize: size, totalCount: rows.length },
    });
  }
  notFound();
}

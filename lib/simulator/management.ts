import { and, desc, eq, type SQL } from "drizzle-orm";
import type { SimulatorContext } from "./context";
import { simConnections } from "./db/schema";
import { SimulatorApiError } from "./errors";
import { basicCredentials, json, notFound } from "./http";

/** v2 Management API (contract §6): list and delete connections with `Basic default:<AMT>`. */

export function requireManagementToken(ctx: SimulatorContext, request: Request): void {
  const credentials = basicCredentials(request.headers.get("authorization"));
  if (!credentials || credentials.user !== "default" || credentials.password !== ctx.options.managementToken) {
    throw new SimulatorApiError("AUTHENTICATION", null);
  }
}

export async function handleManagementV2(ctx: SimulatorContext, request: Request, segments: string[], url: URL): Promise<Response> {
  if (segments.join("/") !== "management/connections") notFound();
  requireManagementToken(ctx, request);
  const params = url.searchParams;
  const userId = params.get("user_id");
  const vehicleId = params.get("vehicle_id");
  const conditions: SQL[] = [];
  if (userId) conditions.push(eq(simConnections.userId, userId));
  if (vehicleId) conditions.push(eq(simConnections.vehicleId, vehicleId));
  if (request.method === "GET") {
    const limit = params.get("limit") === null ? 10 : Number(params.get("limit"));
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "limit must be between 1 and 100." });
    }
    const mode = params.get("mode");
    if (mode) conditions.push(eq(simConnections.mode, mode === "test" ? "simulated" : mode));
    const rows = await ctx.db
      .select()
      .from(simConnections)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(simConnections.createdAt), desc(simConnections.id));
    const cursor = params.get("cursor");
    const start = cursor ? rows.findIndex((row) => row.id === cursor) + 1 : 0;
    const page = rows.slice(start, start + limit);
    const hasMore = start + limit < rows.length;
    return json({
      connections: page.map((row) => ({ userId: row.userId, vehicleId: row.vehicleId, connectedAt: row.createdAt.toISOString(), mode: row.mode })),
      paging: { cursor: hasMore ? page.at(-1)!.id : null },
    });
  }
  if (request.method === "DELETE") {
    if (conditions.length === 0) {
      throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "Pass user_id, vehicle_id or both." });
    }
    const deleted = await ctx.db.delete(simConnections).where(and(...conditions)).returning();
    return json({ connections: deleted.map((row) => ({ userId: row.userId, vehicleId: row.vehicleId })) });
  }
  notFound();
}

import type { SimulatorContext } from "./context";
import { SimulatorApiError } from "./errors";
import { consumeApplicationRequest, consumeVehicleRequest } from "./rate-limit";
import { findConnection, getVehicle, injectedErrorFor, type SimConnection, type SimVehicle } from "./store";
import { resolveBearer } from "./tokens";

/**
 * Who is calling and which car they may touch. v3 takes the application token plus `sc-user-id`
 * (or a v2 per-vehicle token alone, contract §2.2); v2 takes the per-vehicle token.
 */

export interface Principal {
  userId: string;
  /** Set for per-vehicle (v2) tokens: the cars that Connect session granted. */
  vehicleIds: string[] | null;
}

export async function v3Principal(ctx: SimulatorContext, request: Request): Promise<Principal> {
  const token = await resolveBearer(ctx, request.headers.get("authorization"), ["application", "access"]);
  if (!token) throw new SimulatorApiError("AUTHENTICATION", null);
  if (token.kind === "access") return { userId: token.userId!, vehicleIds: token.vehicleIds ?? [] };
  const userId = request.headers.get("sc-user-id")?.trim();
  if (!userId) throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "The sc-user-id header is required with an application token." });
  return { userId, vehicleIds: null };
}

export async function v2Principal(ctx: SimulatorContext, request: Request): Promise<Principal> {
  const token = await resolveBearer(ctx, request.headers.get("authorization"), ["access"]);
  if (!token) throw new SimulatorApiError("AUTHENTICATION", null);
  return { userId: token.userId!, vehicleIds: token.vehicleIds ?? [] };
}

/**
 * The car, if this principal is connected to it, after the rate limits and any injected error.
 * A car of another user answers exactly like a car that does not exist: PERMISSION, never its data.
 */
export async function accessVehicle(
  ctx: SimulatorContext,
  principal: Principal,
  vehicleId: string,
  permission?: string,
): Promise<{ vehicle: SimVehicle; connection: SimConnection }> {
  consumeApplicationRequest(ctx);
  const vehicle = await getVehicle(ctx, vehicleId);
  const connection = vehicle ? await findConnection(ctx, principal.userId, vehicleId) : undefined;
  if (!vehicle || !connection || (principal.vehicleIds && !principal.vehicleIds.includes(vehicleId))) {
    throw new SimulatorApiError("PERMISSION", null, { description: "The vehicle is not connected to your application for this user." });
  }
  const injected = await injectedErrorFor(ctx, vehicle);
  if (injected) {
    const resolutionUrl =
      injected.type === "CONNECTED_SERVICES_ACCOUNT" && injected.code === "AUTHENTICATION_FAILED"
        ? reauthenticateUrl(ctx, vehicle.id)
        : injected.code === "VIRTUAL_KEY_REQUIRED"
          ? "https://www.tesla.com/_ak/smartcar.com"
          : undefined;
    throw new SimulatorApiError(injected.type, injected.code, { resolutionUrl });
  }
  consumeVehicleRequest(ctx, vehicleId);
  if (permission && !connection.permissions.includes(permission)) {
    throw new SimulatorApiError("PERMISSION", null, { description: `The connection lacks the ${permission} permission.` });
  }
  return { vehicle, connection };
}

/** The partially built re-authentication URL of AUTHENTICATION_FAILED (contract §1.2). */
export function reauthenticateUrl(ctx: SimulatorContext, vehicleId: string): string {
  const params = new URLSearchParams({ response_type: "vehicle_id", client_id: ctx.options.clientId, vehicle_id: vehicleId });
  return `${ctx.options.connectUrl}/oauth/reauthenticate?${params.toString()}`;
}

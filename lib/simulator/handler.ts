import "server-only";
import { handleV2 } from "./api-v2";
import { handleV3 } from "./api-v3";
import type { SimulatorContext } from "./context";
import { handleControl } from "./control";
import { SimulatorApiError, newRequestId } from "./errors";
import { OAuthError, json, notFound } from "./http";
import { handleManagementV2 } from "./management";
import { handleManagementV3 } from "./management-v3";
import { applicationTokenEndpoint, vehicleTokenEndpoint } from "./oauth";

/**
 * The emulator's HTTP surface as one fetch-style function: `/sim/<host>/<path>` → Response.
 * app/sim route handlers and the test server (tests/helpers/emulator.ts) both mount it.
 */

async function route(ctx: SimulatorContext, request: Request, segments: string[], url: URL): Promise<Response> {
  const [host, ...rest] = segments;
  const path = rest.join("/");
  switch (host) {
    case "iam":
      if (path === "oauth2/token") return applicationTokenEndpoint(ctx, request);
      break;
    case "auth":
      if (path === "oauth/token") return vehicleTokenEndpoint(ctx, request);
      break;
    case "vehicle.api":
      if (rest[0] === "v3") return handleV3(ctx, request, rest.slice(1), url);
      if (rest[0]?.startsWith("v")) throw new SimulatorApiError("RESOURCE_NOT_FOUND", "VERSION");
      break;
    case "api":
      if (rest[0] === "v2.0") return handleV2(ctx, request, rest.slice(1), url);
      if (rest[0]?.startsWith("v")) throw new SimulatorApiError("RESOURCE_NOT_FOUND", "VERSION");
      break;
    case "management":
      if (rest[0] === "v2.0") return handleManagementV2(ctx, request, rest.slice(1).filter(Boolean), url);
      break;
    case "management.api":
      if (rest[0] === "v3") return handleManagementV3(ctx, request, rest.slice(1), url);
      break;
    case "control":
      return handleControl(ctx, request, rest);
  }
  notFound();
}

export async function handleWithContext(ctx: SimulatorContext, request: Request): Promise<Response> {
  const requestId = newRequestId();
  const url = new URL(request.url);
  const simIndex = url.pathname.indexOf("/sim/");
  const segments = (simIndex >= 0 ? url.pathname.slice(simIndex + 5) : url.pathname.replace(/^\/+/, ""))
    .split("/")
    .map((segment) => decodeURIComponent(segment));
  if (segments.at(-1) === "") segments.pop();
  let response: Response;
  try {
    response = await route(ctx, request, segments, url);
  } catch (error) {
    if (error instanceof SimulatorApiError) {
      const headers: Record<string, string> = {};
      if (error.options.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.options.retryAfterSeconds);
      response = json(error.body(requestId), error.status, headers);
    } else if (error instanceof OAuthError) {
      response = json({ error: error.error, error_description: error.description }, error.status);
    } else {
      console.error("[simulator] unexpected error", error);
      response = json(new SimulatorApiError("SERVER", "INTERNAL").body(requestId), 500);
    }
  }
  response.headers.set("sc-request-id", requestId);
  return response;
}

import type { SmartcarHosts } from "@/lib/config";
import { SmartcarClient, type SmartcarClientOptions } from "@/lib/smartcar/client";
import type { SmartcarLogger } from "@/lib/smartcar/http";

/** A fake Smartcar behind a fake `fetch`: each test routes requests to its own handler and inspects the calls. */

export const HOSTS: SmartcarHosts = {
  connect: "https://connect.test",
  auth: "https://auth.test",
  iam: "https://iam.test",
  vehicleApi: "https://vehicle.test",
  api: "https://api.test",
  management: "https://management.test",
  managementApi: "https://management-api.test",
};

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  signal: AbortSignal | null;
}

export type Route = (request: RecordedRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function smartcarError(type: string, code: string | null, status: number, headers: Record<string, string> = {}): Response {
  return json({ type, code, description: `${type}:${code}`, statusCode: status, requestId: "req-body" }, status, headers);
}

export function fakeFetch(route: Route) {
  const calls: RecordedRequest[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request: RecordedRequest = {
      method: init?.method ?? "GET",
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : "",
      signal: init?.signal ?? null,
    };
    calls.push(request);
    return route(request);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

let tokenCounter = 0;

/** The iam token endpoint, issuing `app-token-<n>`; everything else goes to `api`. */
export function withTokenEndpoint(api: Route, expiresIn = 3600): Route {
  return (request) => {
    if (request.url.origin === HOSTS.iam && request.url.pathname === "/oauth2/token") {
      tokenCounter += 1;
      return json({ access_token: `app-token-${tokenCounter}`, token_type: "Bearer", expires_in: expiresIn });
    }
    return api(request);
  };
}

export function isTokenRequest(request: RecordedRequest): boolean {
  return request.url.origin === HOSTS.iam;
}

export function captureLogger(): SmartcarLogger & { lines: string[] } {
  const lines: string[] = [];
  const write = (object: object, message?: string) => lines.push(JSON.stringify({ ...object, message }));
  return { lines, debug: write, info: write, warn: write };
}

export function testClient(fetch: typeof globalThis.fetch, options: Partial<SmartcarClientOptions> = {}): SmartcarClient {
  return new SmartcarClient({
    clientId: "client-id",
    clientSecret: "client-secret-value",
    managementToken: "management-token-value",
    redirectUri: "https://fleet.test/api/smartcar/callback",
    hosts: HOSTS,
    vehicleMinIntervalMs: 0,
    random: () => 1,
    fetch,
    ...options,
  });
}

export const vehicleBody = (id: string) => ({ data: { id, type: "vehicle", attributes: { make: "TESLA", model: "Model 3", year: 2022, powertrainType: "BEV", mode: "simulated" } } });

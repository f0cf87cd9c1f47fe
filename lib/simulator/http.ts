import { SimulatorApiError } from "./errors";

/** Small helpers shared by the emulator's HTTP handlers. */

export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(error);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

export async function readForm(request: Request): Promise<URLSearchParams> {
  const text = await request.text();
  return new URLSearchParams(text);
}

export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the validation error
  }
  throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: "The request body must be a JSON object." });
}

/** Decodes `Authorization: Basic base64(user:password)`. */
export function basicCredentials(authorization: string | null): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function pageParams(url: URL, defaults: { size: number; max: number }): { page: number; size: number } {
  const pageRaw = url.searchParams.get("page[number]") ?? url.searchParams.get("page");
  const sizeRaw = url.searchParams.get("page[size]") ?? url.searchParams.get("pageSize");
  const page = pageRaw === null ? 1 : Number(pageRaw);
  const size = sizeRaw === null ? defaults.size : Number(sizeRaw);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > defaults.max) {
    throw new SimulatorApiError("VALIDATION", "PARAMETER", { description: `page must be ≥ 1 and pageSize between 1 and ${defaults.max}.` });
  }
  return { page, size };
}

export function notFound(): never {
  throw new SimulatorApiError("RESOURCE_NOT_FOUND", "PATH");
}

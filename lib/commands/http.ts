import "server-only";
import type { z } from "zod";

/** Shared answers of the command routes: JSON, never cached, 400 with the first problem spelled out. */

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function invalid(error: z.ZodError | string): Response {
  if (typeof error === "string") return json({ error: "invalid_request", message: error }, 400);
  const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  return json({ error: "invalid_request", message: issues[0]?.message ?? "The request is not valid.", issues }, 400);
}

/** The JSON body, or null when it is not JSON (or too large to be a command). */
export async function readJsonBody(request: Request, maxBytes = 16_384): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBytes) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

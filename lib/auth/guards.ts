import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { auth } from "./auth";
import { REQUEST_PATH_HEADER } from "./request-path";
import type { Role } from "./roles";
import type { SessionUser } from "./session-user";
import { findUserById, managerExists } from "./users";

/**
 * The one place that decides who may see and do what. Pages, route handlers and server actions
 * all call these; the client only hides what these already refuse.
 */

export type { Role } from "./roles";
export type { SessionUser } from "./session-user";
export { canSeeVehicle, visibleVehiclesCondition } from "./vehicle-access";

/**
 * The signed-in user, read fresh from the database once per request: the JWT only proves who signed
 * in, so a deleted account or a changed role takes effect on the next request, not when the token expires.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(getDb(), id);
  return user ?? null;
});

/** Where to come back to after signing in: the path the proxy saw, kept only if it is local. */
async function currentPath(): Promise<string> {
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  return path && path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

/** Pages/server actions: redirects to /sign-in?callbackUrl=… when signed out (or to /setup before the first manager exists). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  if (!(await managerExists(getDb()))) redirect("/setup");
  redirect(`/sign-in?${new URLSearchParams({ callbackUrl: await currentPath() })}`);
}

/** Pages/server actions: as requireUser, then 403 page (Next `forbidden()`) when the role is not allowed. */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** Route handlers: the user, or a ready JSON Response (401 signed out, 403 wrong role) to return as is. */
export async function authorizeRequest(...roles: Role[]): Promise<SessionUser | Response> {
  const user = await getSessionUser();
  if (!user) {
    return Response.json(
      { error: "unauthorized", message: "Sign in to continue." },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  if (roles.length > 0 && !roles.includes(user.role)) {
    return Response.json(
      { error: "forbidden", message: "Your role does not allow this." },
      { status: 403, headers: { "Cache-Control": "no-store" } },
    );
  }
  return user;
}

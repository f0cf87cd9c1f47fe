import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path";

/**
 * Tells server components which path was requested (they can't read the URL), so a guard that
 * sends someone to sign in can bring them back afterwards. Authorization itself is in lib/auth/guards.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|sim/|_next/static|_next/image|favicon.ico|icon|apple-icon).*)"],
};

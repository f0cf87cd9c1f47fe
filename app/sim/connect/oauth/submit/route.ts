import { submitConnectForm } from "@/lib/simulator/connect-submit";
import { getSimulator, simulatorEnabled } from "@/lib/simulator/runtime";

export const dynamic = "force-dynamic";

/** Connect's form posts: a plain 303, so the browser itself follows the redirect to the app. */
export async function POST(request: Request): Promise<Response> {
  if (!simulatorEnabled()) return new Response("Not Found", { status: 404 });
  const next = await submitConnectForm(getSimulator().ctx, await request.formData());
  return new Response(null, { status: 303, headers: { location: next } });
}
